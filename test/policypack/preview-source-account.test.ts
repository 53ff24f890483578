/**
 * kms-service-principal-source-condition's suggested aws:SourceAccount condition names the key's
 * account in the first preview too (the key's ARN not known yet): the same JSON an update shows,
 * and a sentence saying where the account came from. ACCOUNT_ID only when nothing names one.
 */
import { strict as assert } from "node:assert";
import { runPack, UNKNOWN, type Reported } from "./harness";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";

const RULE = "kms-service-principal-source-condition";

const show = (reported: readonly Reported[]): string =>
  reported.map((r) => `${r.policy}@${r.level}: ${r.message}`).join("\n---\n");

/** seed 002's Config statement: config.amazonaws.com with no source condition. */
const policy = (...statements: unknown[]): unknown => ({
  Version: "2012-10-17",
  Statement: [...statements, { ...seeds.S002_CONFIG, Resource: "*" }],
});

const ENABLE_IAM = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};

async function finding(key: ReturnType<typeof aws.key>): Promise<string> {
  const reported = await runPack([key]);
  const found = reported.filter((r) => r.policy === RULE);
  assert.equal(found.length, 1, show(reported));
  return found[0].message;
}

const preview = (k: ReturnType<typeof aws.key>): ReturnType<typeof aws.key> => ({
  ...k,
  props: { ...k.props, arn: UNKNOWN, keyId: UNKNOWN },
});

describe("policy pack: the suggested source condition names the key's account", () => {
  it("update: the account of the key's ARN, no note", async () => {
    const message = await finding(aws.key("config", policy(ENABLE_IAM)));
    assert.ok(message.includes('"AWS:SourceAccount": "111122223333"'), message);
    assert.ok(!message.includes("not known yet"), message);
  });

  it("preview: the account the IAM-enabling statement names, and the sentence saying so", async () => {
    const message = await finding(preview(aws.key("config", policy(ENABLE_IAM))));
    assert.ok(message.includes('"AWS:SourceAccount": "111122223333"'), message);
    assert.ok(
      message.includes(
        "}\n}\nThe key's ARN is not known yet: the condition is written for 111122223333, taken from its IAM-enabling statement.\nAWS documentation:",
      ),
      message,
    );
  });

  it("preview with nothing naming an account: AWS's placeholder, no note", async () => {
    const message = await finding(preview(aws.key("config", policy())));
    assert.ok(message.includes('"AWS:SourceAccount": "ACCOUNT_ID"'), message);
    assert.ok(!message.includes("condition is written for"), message);
  });
});
