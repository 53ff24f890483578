/**
 * The Control Tower landing zone plan, whole: seed 002's two statements ("Update the KMS key
 * policy", placeholders filled in with the management account, home Region and key), the note, every
 * probe field per part, and the errors.
 */
import { strict as assert } from "node:assert";
import { SIDS, SOURCES, baselineTrailArn, controlTowerPlan, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import { assertProbes, assertTargets, errorOf, type ProbeRow } from "./plan-rows";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY: KeyLocation = { account: "111122223333", region: "us-east-1", keyArn: KEY_ARN };
const TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/aws-controltower-BaselineCloudTrail";
const SOURCE = SOURCES.controlTowerPolicy;

/** Seed 002's statements with YOUR-HOME-REGION, YOUR-MANAGEMENT-ACCOUNT-ID and YOUR-KMS-KEY-ID filled in. */
const SEED_002_CONFIG = {
  Sid: "Allow Config to use KMS for encryption",
  Effect: "Allow",
  Principal: { Service: "config.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: KEY_ARN,
};
const SEED_002_CLOUDTRAIL = {
  Sid: "Allow CloudTrail to use KMS for encryption",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
  Resource: KEY_ARN,
  Condition: {
    StringEquals: { "aws:SourceArn": TRAIL },
    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
  },
};
const NOTE =
  "The Config statement is the Control Tower guide's, without a source condition: AWS Config may use the key " +
  "on behalf of any account (the AWS KMS Developer Guide recommends aws:SourceAccount). Pass configSourceAccounts to pin it.";

const configRows = (account: string): ProbeRow[] =>
  (["kms:GenerateDataKey", "kms:Decrypt"] as const).map((action) => ({
    id: action === "kms:Decrypt" ? "control-tower.config-decrypt" : "control-tower.config-encrypt",
    expect: "allow",
    who: "config.amazonaws.com",
    action,
    context: {
      "aws:SourceAccount": account,
      "aws:SourceArn": `arn:aws:config:us-east-1:${account}:*`,
      "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${account}/Config/`,
      "kms:EncryptionContextKeys": ["aws:s3:arn"],
    },
    grantSid: SIDS.controlTowerConfig,
    subject: account,
    source: SOURCE,
    description: `AWS Config calls ${action} to deliver configuration items for account ${account} in us-east-1.`,
  }));

const trailRow = (
  id: string,
  expect: "allow" | "deny",
  action: string,
  arn: string,
  account: string,
  what: string,
): ProbeRow => ({
  id,
  expect,
  who: "cloudtrail.amazonaws.com",
  action,
  context: {
    "aws:SourceArn": arn,
    "aws:SourceAccount": account,
    "kms:EncryptionContext:aws:cloudtrail:arn": arn,
    "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${account}/CloudTrail/us-east-1/`,
    "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "aws:s3:arn"],
  },
  grantSid: SIDS.controlTowerCloudTrail,
  subject: arn,
  source: SOURCE,
  description: `CloudTrail calls ${action} ${what} ${arn}.`,
});
const CLOUDTRAIL_ROWS = [
  trailRow(
    "control-tower.cloudtrail-encrypt",
    "allow",
    "kms:GenerateDataKey",
    TRAIL,
    "111122223333",
    "to encrypt log files of",
  ),
  trailRow(
    "control-tower.cloudtrail-decrypt",
    "allow",
    "kms:Decrypt",
    TRAIL,
    "111122223333",
    "to decrypt a log file of",
  ),
  trailRow(
    "control-tower.cloudtrail-encrypt.other-trail",
    "deny",
    "kms:GenerateDataKey",
    "arn:aws:cloudtrail:us-east-1:111122223333:trail/other-trail",
    "111122223333",
    "for",
  ),
  trailRow(
    "control-tower.cloudtrail-encrypt.other-account",
    "deny",
    "kms:GenerateDataKey",
    "arn:aws:cloudtrail:us-east-1:999999999999:trail/aws-controltower-BaselineCloudTrail",
    "999999999999",
    "for",
  ),
];

describe("catalog: Control Tower landing zone key, whole plan (seed 002)", () => {
  it("both parts by default: seed 002's two statements, the open-Config note, Config then CloudTrail probes", () => {
    const plan = controlTowerPlan({ key: KEY });
    assert.equal(plan.integration, "control-tower");
    assert.equal(baselineTrailArn(KEY), TRAIL);
    assert.deepEqual(plan.grants, [
      {
        statement: SEED_002_CONFIG,
        purpose: "Lets AWS Config encrypt and decrypt the landing zone's configuration items.",
        source: SOURCE,
      },
      {
        statement: SEED_002_CLOUDTRAIL,
        purpose: "Lets CloudTrail encrypt and decrypt the log files of the landing zone's baseline trail only.",
        source: SOURCE,
      },
    ]);
    assert.deepEqual(plan.notes, [NOTE]);
    assertProbes(plan, [...configRows("111122223333"), ...CLOUDTRAIL_ROWS]);
    assertTargets(plan, KEY, KEY_ARN);
  });

  it("the Config part with source accounts: AWS:SourceAccount pins it, no note, a probe per account and the stranger", () => {
    for (const configSourceAccounts of [["111122223333", "444455556666", "444455556666"]]) {
      const plan = controlTowerPlan({ key: KEY, parts: ["config"], configSourceAccounts });
      assert.deepEqual(
        plan.grants.map((g) => g.statement),
        [
          {
            ...SEED_002_CONFIG,
            Condition: { StringEquals: { "AWS:SourceAccount": ["111122223333", "444455556666"] } },
          },
        ],
      );
      assert.deepEqual(plan.notes, []);
      const stranger = configRows("999999999999")[0];
      assertProbes(plan, [
        ...configRows("111122223333"),
        ...configRows("444455556666"),
        {
          ...stranger,
          id: "control-tower.config-encrypt.other-account",
          expect: "deny",
          source: SOURCES.sourceArn,
          description: "AWS Config calls kms:GenerateDataKey on behalf of unconfigured account 999999999999.",
        },
      ]);
    }
  });

  it("an empty source account list is the guide's statement with the note", () => {
    const plan = controlTowerPlan({ key: KEY, parts: ["config"], configSourceAccounts: [] });
    assert.deepEqual(plan.grants[0].statement, SEED_002_CONFIG);
    assert.deepEqual(plan.notes, [NOTE]);
    assertProbes(plan, configRows("111122223333"));
  });

  it("the CloudTrail part alone: its statement and probes, no Config note", () => {
    const plan = controlTowerPlan({ key: KEY, parts: ["cloudtrail"], configSourceAccounts: ["444455556666"] });
    assert.deepEqual(
      plan.grants.map((g) => g.statement),
      [SEED_002_CLOUDTRAIL],
    );
    assert.deepEqual(plan.notes, []);
    assertProbes(plan, CLOUDTRAIL_ROWS);
  });

  it("the strangers are neither the management account nor a Config source account", () => {
    const subjects = (plan: { probes: readonly { id: string; subject?: string }[] }) =>
      plan.probes.filter((p) => p.id.endsWith("other-account")).map((p) => p.subject);
    assert.deepEqual(
      subjects(controlTowerPlan({ key: { ...KEY, account: "999999999999" }, configSourceAccounts: ["999999999998"] })),
      ["999999999997", "arn:aws:cloudtrail:us-east-1:999999999998:trail/aws-controltower-BaselineCloudTrail"],
    );
  });

  it("errors, word for word", () => {
    assert.equal(
      errorOf(() => controlTowerPlan({ key: KEY, parts: [] })),
      "controlTowerPlan: parts is empty; give config, cloudtrail or both.",
    );
    assert.equal(
      errorOf(() => controlTowerPlan({ key: { ...KEY, account: "1" } })),
      'The management account must be a 12-digit AWS account id, got "1".',
    );
    assert.equal(
      errorOf(() => controlTowerPlan({ key: KEY, configSourceAccounts: ["1"] })),
      'A Config source account must be a 12-digit AWS account id, got "1".',
    );
  });
});
