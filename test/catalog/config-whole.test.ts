/**
 * The AWS Config plans, whole: seed 000's two "AWSConfigKMSPolicy" statements (IAM role: account
 * principals; service-linked role: config.amazonaws.com with AWS:SourceAccount, and the ArnLike
 * AWS:SourceArn seed 000 offers for delivery channels), the notes, every probe field, the errors.
 */
import { strict as assert } from "node:assert";
import {
  SOURCES,
  configIamRolePlan,
  configServiceLinkedRolePlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { assertProbes, assertTargets, errorOf, type ProbeRow } from "./plan-rows";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY: KeyLocation = { account: "111122223333", region: "us-east-1", keyArn: KEY_ARN };
const SID = "AWSConfigKMSPolicy";
const IAM_ROLE = SOURCES.configIamRole;
const SLR = SOURCES.configServiceLinkedRole;
const object = (account: string) => ({
  "kms:EncryptionContext:aws:s3:arn": `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${account}/Config/`,
  "kms:EncryptionContextKeys": ["aws:s3:arn"],
});

describe("catalog: AWS Config, whole plans (seed 000)", () => {
  it("IAM role: seed 000's statement with the accounts' roots, a role per account through S3, a stranger", () => {
    const plan = configIamRolePlan({ key: KEY, accounts: ["111122223333", "444455556666", "111122223333"] });
    assert.equal(plan.integration, "config-iam-role");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: SID,
          Effect: "Allow",
          Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: KEY_ARN,
        },
        purpose:
          "Lets the named accounts' AWS Config IAM roles (through their IAM policies) encrypt and decrypt configuration items in S3.",
        source: IAM_ROLE,
      },
    ]);
    assert.deepEqual(plan.notes, [
      "The AWS Config Developer Guide says when the IAM role cannot deliver, AWS Config retries as the service principal; add the " +
        "service-linked-role plan too so that retry succeeds.",
    ]);
    const role = (account: string) => `arn:aws:iam::${account}:role/config-delivery-role`;
    const via = (account: string) => ({ "kms:ViaService": "s3.us-east-1.amazonaws.com", ...object(account) });
    const rows = (account: string): ProbeRow[] =>
      (
        [
          ["generate-data-key", "kms:GenerateDataKey"],
          ["decrypt", "kms:Decrypt"],
        ] as const
      ).map(([id, action]) => ({
        id: `config-iam-role.${id}`,
        expect: "allow",
        who: role(account),
        action,
        context: via(account),
        grantSid: SID,
        subject: account,
        source: IAM_ROLE,
        description: `AWS Config's IAM role in account ${account} calls ${action} through Amazon S3 to deliver configuration items.`,
      }));
    assertProbes(plan, [
      ...rows("111122223333"),
      ...rows("444455556666"),
      {
        id: "config-iam-role.generate-data-key.other-account",
        expect: "deny",
        who: role("999999999999"),
        action: "kms:GenerateDataKey",
        context: via("999999999999"),
        grantSid: SID,
        subject: "999999999999",
        source: SOURCES.crossAccount,
        description: "A Config role in unconfigured account 999999999999 calls kms:GenerateDataKey through Amazon S3.",
      },
    ]);
    assertTargets(plan, KEY, KEY_ARN);
  });

  it("IAM role: the key's account by default; an account not known yet is written but not probed", () => {
    assert.deepEqual(configIamRolePlan({ key: KEY }).grants[0].statement.Principal, {
      AWS: "arn:aws:iam::111122223333:root",
    });
    const plan = configIamRolePlan({ key: KEY, accounts: [PULUMI_UNKNOWN_SENTINEL] });
    assert.deepEqual(plan.grants[0].statement.Principal, { AWS: PULUMI_UNKNOWN_SENTINEL });
    assert.deepEqual(
      plan.probes.map((p) => p.id),
      ["config-iam-role.generate-data-key.other-account"],
    );
  });

  it("service-linked role with Regions: SourceAccount and one SourceArn per Region and account, probes per pair, other account and Region", () => {
    const plan = configServiceLinkedRolePlan({
      key: KEY,
      sourceAccounts: ["111122223333", "444455556666"],
      sourceRegions: ["us-east-1", "eu-west-1", "us-east-1"],
    });
    assert.equal(plan.integration, "config-service-linked-role");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: SID,
          Effect: "Allow",
          Principal: { Service: "config.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: KEY_ARN,
          Condition: {
            StringEquals: { "AWS:SourceAccount": ["111122223333", "444455556666"] },
            ArnLike: {
              "AWS:SourceArn": [
                "arn:aws:config:us-east-1:111122223333:*",
                "arn:aws:config:us-east-1:444455556666:*",
                "arn:aws:config:eu-west-1:111122223333:*",
                "arn:aws:config:eu-west-1:444455556666:*",
              ],
            },
          },
        },
        purpose:
          "Lets AWS Config encrypt and decrypt configuration items in S3, only on behalf of the named accounts (and Regions).",
        source: SLR,
      },
    ]);
    assert.deepEqual(plan.notes, []);
    const context = (account: string, region: string) => ({
      "aws:SourceAccount": account,
      "aws:SourceArn": `arn:aws:config:${region}:${account}:*`,
      ...object(account),
    });
    const rows = (account: string, region: string): ProbeRow[] =>
      (
        [
          ["generate-data-key", "kms:GenerateDataKey"],
          ["decrypt", "kms:Decrypt"],
        ] as const
      ).map(([id, action]) => ({
        id: `config-service-linked-role.${id}`,
        expect: "allow",
        who: "config.amazonaws.com",
        action,
        context: context(account, region),
        grantSid: SID,
        subject: `${account}/${region}`,
        source: SLR,
        description: `AWS Config calls ${action} to deliver configuration items for account ${account} in ${region}.`,
      }));
    assertProbes(plan, [
      ...rows("111122223333", "us-east-1"),
      ...rows("111122223333", "eu-west-1"),
      ...rows("444455556666", "us-east-1"),
      ...rows("444455556666", "eu-west-1"),
      {
        id: "config-service-linked-role.generate-data-key.other-account",
        expect: "deny",
        who: "config.amazonaws.com",
        action: "kms:GenerateDataKey",
        context: context("999999999999", "us-east-1"),
        grantSid: SID,
        subject: "999999999999",
        source: SLR,
        description: "AWS Config calls kms:GenerateDataKey on behalf of unconfigured account 999999999999.",
      },
      {
        id: "config-service-linked-role.generate-data-key.other-region",
        expect: "deny",
        who: "config.amazonaws.com",
        action: "kms:GenerateDataKey",
        context: context("111122223333", "ap-southeast-2"),
        grantSid: SID,
        subject: "111122223333/ap-southeast-2",
        source: SLR,
        description:
          "AWS Config calls kms:GenerateDataKey for a delivery channel of account 111122223333 in ap-southeast-2, a Region not configured.",
      },
    ]);
    assertTargets(plan, KEY, KEY_ARN);
  });

  it("service-linked role without Regions (or none given) is seed 000's statement: no SourceArn, no other-Region probe", () => {
    for (const sourceRegions of [undefined, []]) {
      const plan = configServiceLinkedRolePlan({ key: KEY, sourceRegions });
      assert.deepEqual(plan.grants[0].statement, {
        Sid: SID,
        Effect: "Allow",
        Principal: { Service: "config.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey"],
        Resource: KEY_ARN,
        Condition: { StringEquals: { "AWS:SourceAccount": "111122223333" } },
      });
      assert.deepEqual(
        plan.probes.map((p) => [p.id, p.subject, p.request.context?.["aws:SourceArn"]]),
        [
          [
            "config-service-linked-role.generate-data-key",
            "111122223333/us-east-1",
            "arn:aws:config:us-east-1:111122223333:*",
          ],
          ["config-service-linked-role.decrypt", "111122223333/us-east-1", "arn:aws:config:us-east-1:111122223333:*"],
          [
            "config-service-linked-role.generate-data-key.other-account",
            "999999999999",
            "arn:aws:config:us-east-1:999999999999:*",
          ],
        ],
      );
    }
  });

  it("the other Region is the first candidate not configured, us-west-1 when all four are", () => {
    const otherRegion = (sourceRegions: string[]) =>
      configServiceLinkedRolePlan({ key: KEY, sourceRegions }).probes.at(-1)?.subject;
    assert.equal(otherRegion(["eu-west-1"]), "111122223333/us-east-1");
    assert.equal(otherRegion(["us-east-1"]), "111122223333/eu-west-1");
    assert.equal(otherRegion(["us-east-1", "eu-west-1", "ap-southeast-2"]), "111122223333/sa-east-1");
    assert.equal(otherRegion(["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1"]), "111122223333/us-west-1");
  });

  it("the stranger is neither the key's account nor a configured one", () => {
    const key = { ...KEY, account: "999999999999" };
    const last = (plan: { probes: readonly { subject?: string }[] }) => plan.probes.at(-1)?.subject;
    assert.equal(last(configIamRolePlan({ key })), "999999999998");
    assert.equal(last(configServiceLinkedRolePlan({ key })), "999999999998");
    assert.equal(last(configIamRolePlan({ key: KEY, accounts: ["999999999999"] })), "999999999998");
    assert.equal(last(configServiceLinkedRolePlan({ key: KEY, sourceAccounts: ["999999999999"] })), "999999999998");
  });

  it("account errors, word for word", () => {
    assert.equal(
      errorOf(() => configIamRolePlan({ key: KEY, accounts: ["1"] })),
      'A Config account must be a 12-digit AWS account id, got "1".',
    );
    assert.equal(
      errorOf(() => configServiceLinkedRolePlan({ key: KEY, sourceAccounts: ["1"] })),
      'A Config source account must be a 12-digit AWS account id, got "1".',
    );
  });
});
