/**
 * The CloudWatch Logs plan, whole ("Encrypt log data in CloudWatch Logs using AWS Key Management
 * Service"): every probe field for two log groups in two accounts, the confused deputy's log
 * group, a log group not known yet, and every input error word for word.
 */
import { strict as assert } from "node:assert";
import {
  CatalogInputError,
  SIDS,
  SOURCES,
  cloudWatchLogsPlan,
  logGroupArn,
  logsServicePrincipal,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL, UNKNOWN } from "pulumi-kms-guardrails/engine";
import { assertProbes, assertTargets, errorOf, type ProbeRow } from "./plan-rows";

const KEY: KeyLocation = { account: "111122223333", region: "us-east-1" };
const A = "arn:aws:logs:us-east-1:111122223333:log-group:a";
const B = "arn:aws:logs:us-east-1:444455556666:log-group:b";
const LOGS = "logs.us-east-1.amazonaws.com";
const KEY_POLICY = SOURCES.cloudWatchLogsKeyPolicy;

const row = (id: string, expect: "allow" | "deny", action: string, arn: string, what: string): ProbeRow => ({
  id,
  expect,
  who: LOGS,
  action,
  context: { "kms:EncryptionContext:aws:logs:arn": arn, "kms:EncryptionContextKeys": ["aws:logs:arn"] },
  grantSid: SIDS.cloudWatchLogs,
  subject: arn,
  source: expect === "allow" ? KEY_POLICY : SOURCES.cloudWatchLogsEncryptionContext,
  description: `CloudWatch Logs calls ${action} to ${what} log group ${arn}.`,
});

describe("catalog: CloudWatch Logs, whole plan", () => {
  it("two log groups (one as CloudFormation returns it): one statement, encrypt and decrypt per group, one stranger", () => {
    const plan = cloudWatchLogsPlan({ key: KEY, logGroupArns: [`${A}:*`, B, A] });
    assert.equal(plan.integration, "cloudwatch-logs");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: "Allow CloudWatch Logs to encrypt log groups",
          Effect: "Allow",
          Principal: { Service: LOGS },
          Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
          Resource: "*",
          Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": [A, B] } },
        },
        purpose: "Lets CloudWatch Logs encrypt and decrypt the data of the named log groups only.",
        source: KEY_POLICY,
      },
    ]);
    assert.deepEqual(plan.notes, [
      "The CloudWatch Logs page's statement also lists kms:Describe*; under the aws:logs:arn encryption context " +
        "condition it never applies (DescribeKey carries no encryption context), so the catalog leaves it out.",
    ]);
    assertProbes(plan, [
      row("cloudwatch-logs.encrypt", "allow", "kms:GenerateDataKey", A, "encrypt the data of"),
      row("cloudwatch-logs.decrypt", "allow", "kms:Decrypt", A, "decrypt the data of"),
      row("cloudwatch-logs.encrypt", "allow", "kms:GenerateDataKey", B, "encrypt the data of"),
      row("cloudwatch-logs.decrypt", "allow", "kms:Decrypt", B, "decrypt the data of"),
      // The first group's name in an account neither the key nor any group is in.
      row(
        "cloudwatch-logs.encrypt.other-account",
        "deny",
        "kms:GenerateDataKey",
        "arn:aws:logs:us-east-1:999999999999:log-group:a",
        "encrypt the data of",
      ),
    ]);
    assertTargets(plan, KEY);
  });

  it("the key's ARN names the key in Resource and in the probes", () => {
    const keyArn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const key = { ...KEY, keyArn };
    const plan = cloudWatchLogsPlan({ key, logGroupArns: [A] });
    assert.equal(plan.grants[0].statement.Resource, keyArn);
    assertTargets(plan, key, keyArn);
  });

  it("a log group not known yet: UNKNOWN context, the stranger's group gets a placeholder name", () => {
    const plan = cloudWatchLogsPlan({ key: KEY, logGroupArns: [PULUMI_UNKNOWN_SENTINEL] });
    assert.deepEqual(plan.grants[0].statement.Condition, {
      ArnEquals: { "kms:EncryptionContext:aws:logs:arn": PULUMI_UNKNOWN_SENTINEL },
    });
    assert.deepEqual(
      plan.probes.map((p) => [p.id, p.request.context?.["kms:EncryptionContext:aws:logs:arn"]]),
      [
        ["cloudwatch-logs.encrypt", UNKNOWN],
        ["cloudwatch-logs.decrypt", UNKNOWN],
        ["cloudwatch-logs.encrypt.other-account", "arn:aws:logs:us-east-1:999999999999:log-group:other-log-group"],
      ],
    );
  });

  it("a key Region not known yet takes the log group's Region on trust", () => {
    const key = { account: "111122223333", region: PULUMI_UNKNOWN_SENTINEL };
    assert.doesNotThrow(() =>
      cloudWatchLogsPlan({ key, logGroupArns: ["arn:aws:logs:us-west-2:111122223333:log-group:a"] }),
    );
  });

  it("the China partition's principal; log group ARNs default to the aws partition", () => {
    const key = { partition: "aws-cn", account: "111122223333", region: "cn-north-1" };
    const group = logGroupArn({ partition: "aws-cn", region: "cn-north-1", account: "111122223333", name: "a" });
    assert.equal(group, "arn:aws-cn:logs:cn-north-1:111122223333:log-group:a");
    assert.equal(logGroupArn({ region: "us-east-1", account: "111122223333", name: "a" }), A);
    assert.equal(logsServicePrincipal("aws", "us-east-1"), LOGS);
    assert.equal(logsServicePrincipal("aws-cn", "cn-north-1"), "logs.cn-north-1.amazonaws.com.cn");
    const plan = cloudWatchLogsPlan({ key, logGroupArns: [group] });
    assert.deepEqual(plan.grants[0].statement.Principal, { Service: "logs.cn-north-1.amazonaws.com.cn" });
    assert.equal(plan.probes.at(-1)?.subject, "arn:aws-cn:logs:cn-north-1:999999999999:log-group:a");
  });

  it("the stranger's account is neither the key's nor any log group's", () => {
    const inKey = cloudWatchLogsPlan({ key: { ...KEY, account: "999999999999" }, logGroupArns: [A] });
    assert.equal(inKey.probes.at(-1)?.subject, "arn:aws:logs:us-east-1:999999999998:log-group:a");
    const inGroups = cloudWatchLogsPlan({
      key: KEY,
      logGroupArns: [A, "arn:aws:logs:us-east-1:999999999999:log-group:b", PULUMI_UNKNOWN_SENTINEL],
    });
    assert.equal(inGroups.probes.at(-1)?.subject, "arn:aws:logs:us-east-1:999999999998:log-group:a");
  });

  it("input errors, word for word", () => {
    const notLogGroup = (v: string) =>
      `"${v}" is not a CloudWatch Logs log group ARN; expected arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME.`;
    const cases: [string[], string][] = [
      [[], "A CloudWatch Logs plan needs at least one log group ARN: the encryption context names the log group."],
      [["nope"], notLogGroup("nope")],
      [["arn:aws:s3:::log-group:b"], notLogGroup("arn:aws:s3:::log-group:b")],
      [["arn:aws:logs:us-east-1:111122223333:stream:a"], notLogGroup("arn:aws:logs:us-east-1:111122223333:stream:a")],
      [
        ["arn:aws:logs:us-east-1:111122223333:x-log-group:a"],
        notLogGroup("arn:aws:logs:us-east-1:111122223333:x-log-group:a"),
      ],
      [
        [`${A}*`],
        `Log group ARN "${A}*" has a wildcard; name each log group: the encryption context aws:logs:arn is the ARN of the log group that uses the key.`,
      ],
      [
        ["arn:aws:logs:us-west-2:111122223333:log-group:a:*"],
        "Log group arn:aws:logs:us-west-2:111122223333:log-group:a is in us-west-2, the key in us-east-1: CloudWatch Logs uses a key of the log group's own Region.",
      ],
      [
        ["arn:aws:logs:us-east-1:12:log-group:a"],
        'The account in log group ARN "arn:aws:logs:us-east-1:12:log-group:a" must be a 12-digit AWS account id, got "12".',
      ],
    ];
    assert.equal(
      errorOf(() => cloudWatchLogsPlan({ key: { ...KEY, account: "x" }, logGroupArns: [A] })),
      'The key\'s account must be a 12-digit AWS account id, got "x".',
    );
    for (const [logGroupArns, message] of cases) {
      assert.equal(
        errorOf(() => cloudWatchLogsPlan({ key: KEY, logGroupArns })),
        message,
      );
      assert.throws(() => cloudWatchLogsPlan({ key: KEY, logGroupArns }), CatalogInputError);
    }
  });
});
