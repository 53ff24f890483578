/**
 * Inputs at and past the limits, through every rule of the pack (the harness runs them the way
 * @pulumi/policy's server does): a 100 KB policy document, a key with 10,000 statements that a trail
 * uses, aliases that name each other in a cycle, and JSON nested 100,000 deep. Each must finish,
 * without a stack overflow or a rule that crashed, and say what is wrong; how long it takes is
 * the bench's business (STYLE: speed is measured in benchmarks, never in timed tests).
 */
import { strict as assert } from "node:assert";
import { parsePolicy } from "pulumi-kms-guardrails/engine";
import { runPack, type Reported, type TestResource } from "../policypack/harness";
import * as aws from "../policypack/fixtures/aws";
import * as seeds from "../policypack/fixtures/seeds";

const VALID = "kms-key-policy-valid";

function crashes(reported: readonly Reported[]): Reported[] {
  return reported.filter((r) => /could not run|Internal error/.test(r.message));
}

function messages(reported: readonly Reported[]): string {
  return reported.map((r) => `${r.policy} [${r.level}]: ${r.message.slice(0, 200)}`).join("\n");
}

/** `count` distinct statements, each granting one role of the account. */
function statements(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    Sid: `Role${i}`,
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${aws.ACCOUNT}:role/app-${i}` },
    Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
    Resource: "*",
    Condition: { StringEquals: { "kms:ViaService": `s3.${aws.REGION}.amazonaws.com` } },
  }));
}

/** A trail encrypted with `key`, so the stack rules evaluate their probes against its policy. */
function withTrail(key: TestResource): TestResource[] {
  return [key, aws.trail("audit", { kmsKeyId: key.props.arn, deps: { kmsKeyId: [key.name] } })];
}

describe("hardening: limits", function () {
  this.timeout(120_000);

  it("a 100 KB policy document: every rule runs, and it is reported as larger than AWS accepts", async () => {
    const document = seeds.withDefault(...statements(430));
    const text = JSON.stringify(document);
    assert.ok(text.length >= 100_000, `${text.length} bytes`);
    const reported = await runPack(withTrail(aws.key("big", text)));
    assert.deepEqual(crashes(reported), [], messages(reported));
    assert.ok(
      reported.some(
        (r) => r.policy === VALID && r.message.includes("(policy)") && r.message.includes("policy-too-large"),
      ),
      messages(reported),
    );
  });

  it("a key with 10,000 statements, used by a trail: parsed, linted and probed to the end", async () => {
    const document = seeds.withDefault(...statements(10_000));
    const parsed = parsePolicy(document);
    assert.equal(parsed.policy?.statements.length, 10_001);
    const reported = await runPack(withTrail(aws.key("wide", document)));
    assert.deepEqual(crashes(reported), [], messages(reported));
    // The trail's statements are missing: the stack rules got through the probes and said so.
    assert.ok(
      reported.some((r) => r.policy === "cloudtrail-key-allows-encrypt" && r.level === "mandatory"),
      messages(reported),
    );
  });

  it("aliases that target each other in a cycle: linking ends, the trail's key is not found in the stack", async () => {
    const a = aws.alias("alias-a", "alias/a", "alias/b", ["alias-b"]);
    const b = aws.alias("alias-b", "alias/b", "alias/a", ["alias-a"]);
    const trail = aws.trail("audit", { kmsKeyId: "alias/a", deps: { kmsKeyId: ["alias-a"] } });
    const self = aws.alias("alias-self", "alias/self", "alias/self", ["alias-self"]);
    const other = aws.trail("other", { kmsKeyId: "alias/self", deps: { kmsKeyId: ["alias-self"] } });
    const reported = await runPack([a, b, trail, self, other]);
    assert.deepEqual(crashes(reported), [], messages(reported));
    for (const name of ["audit", "other"]) {
      assert.ok(
        reported.some((r) => r.urn?.endsWith(`::${name}`) && r.message.includes("not defined in this stack")),
        messages(reported),
      );
    }
  });

  it("JSON nested 100,000 deep, as the document and inside a condition: no stack overflow, the field is named", async () => {
    const depth = 100_000;
    const deep = `${"[".repeat(depth)}"vpc-1"${"]".repeat(depth)}`;
    const inCondition =
      `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", ` +
      `"Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": ${deep}}}}]}`;
    const asStatement = `{"Version": "2012-10-17", "Statement": ${deep}}`;
    for (const text of [inCondition, asStatement, deep]) {
      const reported = await runPack([aws.key("deep", text)]);
      assert.deepEqual(crashes(reported), [], messages(reported));
      assert.ok(
        reported.some((r) => r.policy === VALID && r.level === "mandatory" && r.message.includes("(policy)")),
        messages(reported),
      );
    }
    // The same nesting as an object (AWS Native hands the pack objects): the parser walks it without recursion.
    const result = parsePolicy(JSON.parse(asStatement) as unknown);
    assert.equal(result.valid, false);
    assert.ok(result.errors.length > 0);
  });
});
