/**
 * Bad input: malformed JSON, wrong types, deep nesting, resources of unexpected shapes. The pack
 * never throws; a malformed key policy is a kms-key-policy-valid violation naming the resource and
 * the field.
 */
import { strict as assert } from "node:assert";
import { ADAPTERS } from "../../policypack/adapters";
import { mandatory, runPack, type Reported, type TestResource } from "./harness";
import * as aws from "./fixtures/aws";

const show = (reported: readonly Reported[]): string =>
  reported.map((r) => `${r.policy}@${r.level}: ${r.message}`).join("\n---\n");

const BAD_POLICIES: Readonly<Record<string, unknown>> = {
  "truncated JSON": '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"',
  "JSON array": "[]",
  "JSON number": "42",
  "an object without Statement": { Version: "2012-10-17" },
  "Statement of numbers": { Version: "2012-10-17", Statement: [1, 2, 3] },
  "Action of the wrong type": {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: { a: 1 }, Resource: "*" }],
  },
  "Condition of the wrong type": {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: ["x"] }],
  },
  "deeply nested": "[".repeat(20_000) + "]".repeat(20_000),
  "unicode and nulls": {
    Version: "2012-10-17",
    Statement: [{ Sid: "☃\u0000", Effect: "Allow", Principal: { AWS: null }, Action: "kms:Decrypt", Resource: "*" }],
  },
};

describe("policy pack: malformed input", () => {
  for (const [name, policy] of Object.entries(BAD_POLICIES)) {
    it(`key policy ${name}: kms-key-policy-valid names the resource and the field`, async () => {
      const reported = await runPack([
        aws.key("broken", policy),
        aws.trail("finance", { kmsKeyId: aws.keyArn("broken-" + aws.KEY_ID) }),
      ]);
      const valid = mandatory(reported).filter((r) => r.policy === "kms-key-policy-valid");
      assert.ok(valid.length > 0, show(reported));
      assert.ok(
        valid.every((r) => r.message.includes("key 'broken'") && r.message.includes("(policy)")),
        show(valid),
      );
    });
  }

  it("every modeled type with properties of the wrong types: no crash", async () => {
    const junk: unknown[] = [42, true, "x", [], {}, [{}], { rule: 7 }, [[[]]]];
    const resources: TestResource[] = [];
    let i = 0;
    for (const type of ADAPTERS.keys()) {
      for (const value of junk) {
        const props: Record<string, unknown> = {};
        for (const k of [
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
          "bucket",
          "rules",
          "isEnabled",
          "enabled",
          "keySpec",
          "keyUsage",
          "multiRegion",
          "serverSideEncryptionConfiguration",
          "serverSideEncryptionConfigurations",
          "bucketEncryption",
        ]) {
          props[k] = value;
        }
        resources.push({ type, name: `junk${i++}`, props });
      }
    }
    const reported = await runPack(resources);
    assert.ok(!reported.some((r) => r.message.includes("could not run")), show(reported));
  });

  it("an alias cycle and aliases of aliases: bounded, no crash", async () => {
    const reported = await runPack([
      aws.alias("a", "alias/a", "alias/b"),
      aws.alias("b", "alias/b", "alias/a"),
      aws.trail("finance", { kmsKeyId: "alias/a" }),
    ]);
    assert.ok(
      reported.some((r) => r.policy === "cloudtrail-key-allows-encrypt" && r.message.includes("not checkable here")),
      show(reported),
    );
  });
});
