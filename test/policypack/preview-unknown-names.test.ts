/**
 * Preview with a trail whose name is not known yet (computed from another resource's output): its
 * ARN is known in part (partition, Region, account), so every verdict that does not depend on the
 * name is decided, and no message shows Pulumi's internal sentinel.
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { mandatory, runPack, UNKNOWN, type Reported, type TestResource } from "./harness";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";

const show = (reported: readonly Reported[]): string =>
  reported.map((r) => `${r.policy}@${r.level}: ${r.message}`).join("\n---\n");

/** seed 003's encrypt and describe statements, aws:SourceArn an ArnLike pattern over `account`'s trails. */
function cloudTrailStatements(account: string): unknown[] {
  const trails = `arn:aws:cloudtrail:*:${account}:trail/*`;
  return [
    {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": trails },
        ArnLike: { "aws:SourceArn": trails },
      },
    },
    {
      Sid: "Allow CloudTrail access",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { ArnLike: { "aws:SourceArn": trails } },
    },
  ];
}

function trailWithoutName(): TestResource {
  const trail = aws.trail("finance", { kmsKeyId: seeds.KEY, arn: UNKNOWN });
  return { ...trail, props: { ...trail.props, name: UNKNOWN } };
}

const cloudTrailRules = (reported: readonly Reported[]): Reported[] =>
  reported.filter((r) => r.policy === "cloudtrail-key-allows-encrypt" || r.policy === "cloudtrail-key-allows-describe");

describe("policy pack: preview, a trail whose name is not known yet", () => {
  it("statements for every trail of the key's account: decided, nothing reported", async () => {
    const reported = await runPack([
      aws.key("audit", seeds.withDefault(...cloudTrailStatements("111122223333"))),
      trailWithoutName(),
    ]);
    assert.deepEqual(cloudTrailRules(reported), [], show(reported));
  });

  it("statements for another account's trails only: decided, mandatory, whatever the name turns out to be", async () => {
    const reported = await runPack([
      aws.key("audit", seeds.withDefault(...cloudTrailStatements("444455556666"))),
      trailWithoutName(),
    ]);
    assert.deepEqual(
      mandatory(cloudTrailRules(reported))
        .map((r) => r.policy)
        .sort(),
      ["cloudtrail-key-allows-describe", "cloudtrail-key-allows-encrypt"],
      show(reported),
    );
  });

  it("a statement naming one trail: undecided, the advisory names the trail it waits for, as one sentence each", async () => {
    const reported = await runPack([
      aws.key("audit", seeds.withDefault(seeds.S001_CLOUDTRAIL, seeds.S003_DESCRIBE)),
      trailWithoutName(),
    ]);
    const encrypt = reported.find((r) => r.policy === "cloudtrail-key-allows-encrypt");
    assert.equal(encrypt?.level, "advisory", show(reported));
    assert.equal(
      encrypt.message,
      "Cannot yet check whether CloudTrail calls kms:GenerateDataKey to encrypt log files of trail " +
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/<not known yet>: waiting for the ARN of trail 'finance', " +
        "which is not known until the resources are created (preview). Either allowed by the key policy or denied, " +
        'depending on what is not known: "Allow CloudTrail to encrypt logs" may apply (aws:SourceArn = ' +
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/<not known yet> against " +
        "arn:aws:cloudtrail:us-east-1:111122223333:trail/finance cannot be judged). The rule runs again on update.",
    );
  });

  it("no statement for CloudTrail: mandatory, the statement to add marks the name and says what to put there", async () => {
    const reported = await runPack([aws.key("audit", seeds.withDefault()), trailWithoutName()]);
    const encrypt = mandatory(reported).find((r) => r.policy === "cloudtrail-key-allows-encrypt");
    assert.ok(encrypt !== undefined, show(reported));
    assert.ok(
      encrypt.message.includes(
        "cannot kms:GenerateDataKey for trail 'finance' " +
          "(arn:aws:cloudtrail:us-east-1:111122223333:trail/<not known yet>)",
      ),
      encrypt.message,
    );
    assert.ok(
      encrypt.message.includes('"aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/<not known yet>"'),
      encrypt.message,
    );
    assert.ok(
      encrypt.message.includes(
        "}\nReplace \"<not known yet>\" with the ARN of trail 'finance': it is not known until the resources are created (preview).\nAWS documentation:",
      ),
      encrypt.message,
    );
  });

  it("no message shows Pulumi's sentinel", async () => {
    for (const policy of [
      seeds.withDefault(),
      seeds.withDefault(seeds.S001_CLOUDTRAIL, seeds.S003_DESCRIBE),
      seeds.withDefault(...cloudTrailStatements("444455556666")),
    ]) {
      const reported = await runPack([aws.key("audit", policy), trailWithoutName()]);
      assert.ok(reported.length > 0);
      for (const r of reported) assert.ok(!r.message.includes(PULUMI_UNKNOWN_SENTINEL), show([r]));
    }
  });
});
