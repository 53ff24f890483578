/**
 * Preview: values not known yet never crash a rule and never pass silently; the advisory says
 * which value the rule waits for. Secrets are analyzed and never printed.
 */
import { strict as assert } from "node:assert";
import { ADAPTERS } from "../../policypack/adapters";
import {
  advisory,
  mandatory,
  runPack,
  secret,
  UNKNOWN,
  UNKNOWN_OBJECT,
  type Reported,
  type TestResource,
} from "./harness";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";
import * as stacks from "./fixtures/stacks";

const show = (reported: readonly Reported[]): string =>
  reported.map((r) => `${r.policy}@${r.level}: ${r.message}`).join("\n---\n");

/** What a create preview sends: outputs (arn, keyId) unknown, values computed from them unknown. */
function asPreview(resources: readonly TestResource[]): TestResource[] {
  const outputs = new Set(["arn", "keyId", "targetKeyArn"]);
  return resources.map((r) => {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r.props)) {
      const computed = typeof v === "string" && (v.startsWith("arn:aws:kms:") || v.startsWith("arn:aws:cloudtrail:"));
      props[k] = outputs.has(k) || computed ? UNKNOWN : k === "policy" ? UNKNOWN : v;
    }
    return { ...r, props };
  });
}

const previewNotice = (r: Reported): boolean => r.message.includes("can't run policy");

describe("policy pack: preview", () => {
  it("AuditBaseline in preview: no mandatory violation, no crash, each advisory names what it waits for", async () => {
    const reported = await runPack(asPreview(stacks.auditBaseline()));
    assert.deepEqual(mandatory(reported), [], show(reported));
    assert.ok(reported.length > 0, "an unknown policy must not pass silently");
    for (const r of reported) {
      assert.ok(r.message.includes("waiting for"), show([r]));
      assert.ok(!previewNotice(r), "the pack reads unknowns itself, never through the proxy");
    }
    const waits = reported.map((r) => r.message).join("\n");
    assert.ok(waits.includes("waiting for policy"), waits);
  });

  it("a key policy not known yet: every resource rule says it waits for `policy`", async () => {
    const reported = await runPack([aws.key("k", UNKNOWN)]);
    assert.deepEqual(reported.map((r) => r.policy).sort(), [
      "kms-encryption-context-on-unsupported-action",
      "kms-key-policy-enables-iam-policies",
      "kms-key-policy-valid",
      "kms-network-conditions",
      "kms-no-unconditioned-public-principal",
    ]);
    assert.ok(
      advisory(reported).length === reported.length && reported.every((r) => r.message.includes("waiting for policy")),
      show(reported),
    );
  });

  it("an AWS Native key policy with one value not known yet: the advisory names its path", async () => {
    const policy = seeds.withDefault({
      ...seeds.S003_DESCRIBE,
      Condition: { StringEquals: { "aws:SourceArn": UNKNOWN } },
    });
    const [key] = aws.toNative([aws.key("k", policy)]);
    const reported = await runPack([key]);
    assert.deepEqual(mandatory(reported), [], show(reported));
    assert.ok(
      reported.some((r) => r.message.includes("$.Statement[1].Condition")),
      show(reported),
    );
  });

  it("a trail whose ARN and name are not known yet: the probes wait for its ARN", async () => {
    const trail = aws.trail("finance", { kmsKeyId: seeds.KEY, arn: UNKNOWN });
    const reported = await runPack([
      aws.key("audit", seeds.withDefault(seeds.S001_CLOUDTRAIL, seeds.S003_DESCRIBE)),
      { ...trail, props: { ...trail.props, name: UNKNOWN } },
    ]);
    assert.deepEqual(mandatory(reported), [], show(reported));
    assert.ok(
      reported.some(
        (r) => r.policy === "cloudtrail-key-allows-encrypt" && r.message.includes("the ARN of trail 'finance'"),
      ),
      show(reported),
    );
  });

  it("a trail whose ARN is not known yet but whose name is: its ARN is computed and the probes decide", async () => {
    const reported = await runPack([
      aws.key("audit", seeds.withDefault(seeds.S001_CLOUDTRAIL, seeds.S003_DESCRIBE)),
      aws.trail("finance", { kmsKeyId: seeds.KEY, arn: UNKNOWN }),
    ]);
    const encrypt = reported.filter((r) => r.policy === "cloudtrail-key-allows-encrypt");
    assert.deepEqual(
      encrypt.filter((r) => r.message.includes("waiting for")),
      [],
      show(reported),
    );
    assert.deepEqual(advisory(encrypt), [], show(reported));
  });

  it("a trail whose key reference is not known yet but depends on a key with no CloudTrail statement: still reported", async () => {
    const reported = await runPack([
      aws.key("audit", seeds.withDefault()),
      aws.trail("finance", { kmsKeyId: UNKNOWN, deps: { kmsKeyId: ["audit"] } }),
    ]);
    assert.ok(
      mandatory(reported).some((r) => r.policy === "cloudtrail-key-allows-encrypt"),
      show(reported),
    );
  });

  it("every modeled property of every modeled type unknown: no crash, no mandatory violation", async () => {
    const resources: TestResource[] = [...ADAPTERS.keys()].map((type, i) => ({
      type,
      name: `r${i}`,
      props: Object.fromEntries(
        [
          "policy",
          "keyPolicy",
          "arn",
          "keyId",
          "name",
          "targetKeyId",
          "kmsKeyId",
          "s3BucketName",
          "s3KmsKeyArn",
          "roleArn",
          "manifestJson",
          "manifest",
          "version",
          "bucket",
          "rules",
          "isEnabled",
          "enabled",
          "keySpec",
          "keyUsage",
          "multiRegion",
          "trailName",
          "aliasName",
          "bucketName",
          "bucketEncryption",
          "serverSideEncryptionConfiguration",
        ].map((k) => [
          k,
          k === "manifest" || k === "keyPolicy" || k === "bucketEncryption" || k === "rules" ? UNKNOWN_OBJECT : UNKNOWN,
        ]),
      ),
    }));
    const reported = await runPack(resources);
    assert.deepEqual(mandatory(reported), [], show(reported));
    assert.ok(!reported.some(previewNotice), show(reported));
  });

  it("a secret key policy is analyzed, and the message never prints the policy", async () => {
    const policy = JSON.stringify(
      seeds.withDefault({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
    );
    const reported = await runPack([
      { ...aws.key("k", undefined), props: { ...aws.key("k", undefined).props, policy: secret(policy) } },
    ]);
    assert.deepEqual(
      mandatory(reported).map((r) => r.policy),
      ["kms-no-unconditioned-public-principal"],
    );
    for (const r of reported)
      assert.ok(
        !r.message.includes(policy) && !r.message.includes('"Enable IAM User Permissions","Effect"'),
        r.message,
      );
  });
});
