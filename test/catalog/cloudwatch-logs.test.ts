/**
 * The CloudWatch Logs plan against the statements of "Encrypt log data in CloudWatch Logs using AWS
 * Key Management Service" (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html,
 * step 2 and "AWS KMS keys and encryption context"), placeholders filled in.
 */
import { strict as assert } from "node:assert";
import {
  CatalogInputError,
  SIDS,
  cloudWatchLogsPlan,
  logGroupArn,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { assertGolden, outcomes, probeIds, satisfiedById, withAccountRoot } from "./golden";

const KEY: KeyLocation = { account: "111122223333", region: "us-east-1" };
const GROUP = "arn:aws:logs:us-east-1:111122223333:log-group:aws-cloudtrail-logs-finance";
/** Built in each test, not at load (a plan built outside any test makes builder mutants static for Stryker). */
const financePlan = () => cloudWatchLogsPlan({ key: KEY, logGroupArns: [GROUP] });
const root = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};
/** The page's statement, Region filled in, with `condition` (or none: the page's earliest version). */
const pageStatement = (condition?: Record<string, Record<string, string>>) => ({
  Effect: "Allow",
  Principal: { Service: "logs.us-east-1.amazonaws.com" },
  Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
  Resource: "*",
  ...(condition !== undefined ? { Condition: condition } : {}),
});
const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: [root, ...statements] });

describe("catalog: CloudWatch Logs log groups (CloudWatch Logs page)", () => {
  it("grants the Region's logs principal the cryptographic actions under the log group's encryption context", () => {
    const plan = financePlan();
    assert.equal(
      logGroupArn({ region: "us-east-1", account: "111122223333", name: "aws-cloudtrail-logs-finance" }),
      GROUP,
    );
    assert.deepEqual(plan.grants[0].statement, {
      Sid: SIDS.cloudWatchLogs,
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": GROUP } },
    });
    assert.deepEqual(probeIds(plan), [
      "cloudwatch-logs.encrypt",
      "cloudwatch-logs.decrypt",
      "cloudwatch-logs.encrypt.other-account",
    ]);
  });

  it("golden: with the account root, every probe is satisfied", () => {
    const plan = financePlan();
    assertGolden(withAccountRoot(KEY, plan), plan);
  });

  it("the page's single-log-group statement (ArnEquals on the log group ARN) passes every probe", () => {
    const plan = financePlan();
    const results = outcomes(doc(pageStatement({ ArnEquals: { "kms:EncryptionContext:aws:logs:arn": GROUP } })), plan);
    assert.ok(results.every((o) => o.satisfied === true));
  });

  it("the page's account-wide statement (ArnLike arn:aws:logs:REGION:ACCOUNT:*) passes every probe", () => {
    const plan = financePlan();
    const results = outcomes(
      doc(
        pageStatement({ ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:*" } }),
      ),
      plan,
    );
    assert.ok(results.every((o) => o.satisfied === true));
  });

  it("the unconditioned statement delivers but lets another account's log group use the key", () => {
    const plan = financePlan();
    const results = outcomes(doc(pageStatement()), plan);
    assert.deepEqual(satisfiedById(results, "cloudwatch-logs.encrypt"), [true]);
    assert.deepEqual(satisfiedById(results, "cloudwatch-logs.encrypt.other-account"), [false]);
  });

  it("the generic logs.amazonaws.com principal, another Region's principal, or another log group fail", () => {
    const plan = financePlan();
    const wrong = [
      { ...pageStatement(), Principal: { Service: "logs.amazonaws.com" } },
      { ...pageStatement(), Principal: { Service: "logs.eu-west-1.amazonaws.com" } },
      pageStatement({ ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `${GROUP}-other` } }),
    ];
    for (const statement of wrong) {
      assert.deepEqual(satisfiedById(outcomes(doc(statement), plan), "cloudwatch-logs.encrypt"), [false]);
    }
  });

  it("drops the :* CloudFormation appends, and refuses other services, wildcards and other Regions", () => {
    const plan = financePlan();
    assert.deepEqual(cloudWatchLogsPlan({ key: KEY, logGroupArns: [`${GROUP}:*`] }).grants, plan.grants);
    for (const bad of [
      "arn:aws:cloudtrail:us-east-1:111122223333:trail/finance",
      "arn:aws:logs:us-east-1:111122223333:log-group:app-*",
      "arn:aws:logs:eu-west-1:111122223333:log-group:finance",
    ]) {
      assert.throws(() => cloudWatchLogsPlan({ key: KEY, logGroupArns: [bad] }), CatalogInputError, bad);
    }
    assert.throws(() => cloudWatchLogsPlan({ key: KEY, logGroupArns: [] }), CatalogInputError);
  });

  it("uses the China partition's principal", () => {
    const cn = cloudWatchLogsPlan({
      key: { partition: "aws-cn", account: "111122223333", region: "cn-north-1" },
      logGroupArns: ["arn:aws-cn:logs:cn-north-1:111122223333:log-group:finance"],
    });
    assert.deepEqual(cn.grants[0].statement.Principal, { Service: "logs.cn-north-1.amazonaws.com.cn" });
  });
});
