/**
 * A key policy marked secret, over the analyzer protocol to the compiled pack: it is analyzed like
 * any other (the findings are there, at their levels), and no message prints it, not even in part:
 * not its Sids, principals or condition values, not a statement echoed in a suggested fix, not a
 * fragment of a document that is not JSON. Needs `npm run build` (the pack's bin/).
 */
import { strict as assert } from "node:assert";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { secret, type WireObject, type WireValue } from "../../components/src/preflight/proto-values";
import type { Diagnostic, EngineResource } from "../../components/src/preflight/types";
import { startPack } from "../e2e/start-pack";

const ACCOUNT = "111122223333";
/** In every secret below; no message may contain it, in any letter case. */
const MARKER = "Hush7c1e";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/secret-key`;

const ROOT = {
  Sid: `Root ${MARKER}`,
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: "kms:*",
  Resource: "*",
};
/** Public and unconditioned: kms-no-unconditioned-public-principal, mandatory. */
const PUBLIC = { Sid: `Everyone ${MARKER}`, Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" };
/** A context condition on DescribeKey: the lint fix echoes the statement, condition removed. */
const DESCRIBE_WITH_CONTEXT = {
  Sid: `Ops ${MARKER}`,
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ops-${MARKER}` },
  Action: "kms:DescribeKey",
  Resource: "*",
  Condition: { StringEquals: { "kms:EncryptionContext:team": `team-${MARKER}`, "aws:SourceVpc": `vpc-${MARKER}` } },
};

function key(name: string, field: "policy" | "keyPolicy", value: WireValue): EngineResource {
  const type = field === "policy" ? "aws:kms/key:Key" : "aws-native:kms:Key";
  const inputs: WireObject = { description: name, [field]: value };
  return {
    urn: `urn:pulumi:dev::secrets::${type}::${name}`,
    type,
    name,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs,
    outputs: { ...inputs, arn: KEY_ARN, keyId: "secret-key" },
  };
}

function leaks(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds.filter((d) => d.message.toLowerCase().includes(MARKER.toLowerCase()));
}

function show(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.policyName} [${d.enforcementLevel}]: ${d.message}`).join("\n---\n");
}

describe("hardening: a secret key policy is analyzed, never printed", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient;

  before(async () => {
    pack = await startPack();
    await pack.configure({});
  });
  after(async () => {
    await pack?.close();
  });

  const document = { Version: "2012-10-17", Statement: [ROOT, PUBLIC, DESCRIBE_WITH_CONTEXT] };

  it("AWS Classic, the whole policy text secret: the same findings as in the clear, none printing it", async () => {
    const clear = await pack.analyze(key("clear", "policy", JSON.stringify(document)));
    const hidden = await pack.analyze(key("hidden", "policy", secret(JSON.stringify(document))));
    const rules = (ds: readonly Diagnostic[]): string[] =>
      ds.map((d) => `${d.policyName} ${d.enforcementLevel}`).sort();
    assert.ok(
      leaks(clear.diagnostics).length > 0,
      "the clear policy's messages quote it (else this test proves nothing)",
    );
    assert.deepEqual(rules(hidden.diagnostics), rules(clear.diagnostics));
    assert.ok(rules(hidden.diagnostics).includes("kms-no-unconditioned-public-principal mandatory"));
    assert.ok(rules(hidden.diagnostics).includes("kms-encryption-context-on-unsupported-action mandatory"));
    assert.deepEqual(leaks(hidden.diagnostics), [], show(hidden.diagnostics));
  });

  it("AWS Native, one statement secret inside the policy object: its parts are withheld", async () => {
    const partly = { ...document, Statement: [ROOT, PUBLIC, secret(DESCRIBE_WITH_CONTEXT as unknown as WireObject)] };
    const { diagnostics } = await pack.analyze(key("native", "keyPolicy", partly as unknown as WireObject));
    assert.ok(
      diagnostics.some((d) => d.policyName === "kms-encryption-context-on-unsupported-action"),
      show(diagnostics),
    );
    // PUBLIC is not secret here: its Sid may be printed. Only the secret statement's own strings are withheld.
    const secretParts = [`Ops ${MARKER}`, `ops-${MARKER}`, `team-${MARKER}`, `vpc-${MARKER}`];
    for (const d of diagnostics) for (const part of secretParts) assert.ok(!d.message.includes(part), d.message);
  });

  it("a secret that is not JSON: kms-key-policy-valid names the field, and no fragment of the text", async () => {
    const text = `{"Statement": [{"Sid": "${MARKER}-${"x".repeat(200)}", "Effect": `;
    const { diagnostics } = await pack.analyze(key("broken", "policy", secret(text)));
    assert.ok(
      diagnostics.some((d) => d.policyName === "kms-key-policy-valid" && d.message.includes("(policy)")),
      show(diagnostics),
    );
    assert.deepEqual(leaks(diagnostics), [], show(diagnostics));
  });

  it("AnalyzeStack: a trail's secret key policy is checked, and the stack rules' messages withhold it", async () => {
    const k = key("trail-key", "policy", secret(JSON.stringify(document)));
    const trail: EngineResource = {
      urn: "urn:pulumi:dev::secrets::aws:cloudtrail/trail:Trail::audit",
      type: "aws:cloudtrail/trail:Trail",
      name: "audit",
      custom: true,
      dependencies: [k.urn],
      propertyDependencies: { kmsKeyId: [k.urn] },
      inputs: {},
      outputs: {
        name: "audit",
        arn: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`,
        s3BucketName: "audit-logs",
        kmsKeyId: KEY_ARN,
      },
    };
    const { diagnostics } = await pack.analyzeStack([k, trail]);
    assert.ok(
      diagnostics.some((d) => d.policyName === "cloudtrail-key-allows-encrypt" && d.enforcementLevel === "mandatory"),
      show(diagnostics),
    );
    assert.deepEqual(leaks(diagnostics), [], show(diagnostics));
  });
});
