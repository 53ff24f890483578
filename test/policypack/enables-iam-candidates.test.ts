/**
 * kms-key-policy-enables-iam-policies when the key's account is not known (no key ARN, no key ARN in
 * Resource): every account the policy names by its root in an Allow is a candidate, tried in order;
 * the policy passes when one of them is enabled, and otherwise the finding for the first is reported
 * with the list. Pinned whole before the rule stopped linting once per candidate (issue 11 d8). And
 * when the account is known (the key's ARN, or the key ARNs in Resource), which the rule decides
 * without the shared lint since stop 26: the same verdicts and messages as before it.
 */
import { strict as assert } from "node:assert";
import * as aws from "./fixtures/aws";
import { analyze, type Reported } from "./harness";

const RULE = "kms-key-policy-enables-iam-policies";
const A = "111122223333";
const B = "444455556666";

const statement = (account: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  Effect: "Allow",
  Principal: { AWS: aws.rootArn(account) },
  Action: "kms:*",
  Resource: "*",
  ...extra,
});

function run(statements: readonly Record<string, unknown>[]): Promise<Reported[]> {
  const policy = { Version: "2012-10-17", Statement: statements };
  return analyze(aws.key("k", policy, { extra: { arn: undefined } }), {}, RULE);
}

const CONDITIONED = { Condition: { StringEquals: { "kms:CallerAccount": A } } };

describe("kms-key-policy-enables-iam-policies: candidate accounts", () => {
  it("the second candidate enabled: passes, though the first is not", async () => {
    assert.deepEqual(await run([statement(A, { Action: "kms:Decrypt" }), statement(B)]), []);
  });

  it("the first candidate enabled: passes", async () => {
    assert.deepEqual(await run([statement(A), statement(B, CONDITIONED)]), []);
  });

  it("none enabled: the finding for the first candidate, with every candidate listed", async () => {
    const reported = await run([statement(B, CONDITIONED), statement(A, { Action: "kms:Encrypt" })]);
    assert.deepEqual(
      reported.map((r) => [r.level, r.message]),
      [["mandatory", notEnabled(B, `(${B}, ${A}) `)]],
    );
  });

  it("a root named only in a Deny, or a role, is no candidate; without one, the example account", async () => {
    const reported = await run([
      { ...statement(B), Effect: "Deny", Action: "kms:ScheduleKeyDeletion" },
      statement(A, { Principal: { AWS: `arn:aws:iam::${A}:role/Admin` } }),
    ]);
    assert.deepEqual(
      reported.map((r) => [r.level, r.message]),
      [["mandatory", notEnabled(A, "", EXAMPLE)]],
    );
  });
});

describe("kms-key-policy-enables-iam-policies: the key's account known", () => {
  const withArn = (statements: readonly Record<string, unknown>[], account: string): Promise<Reported[]> =>
    analyze(aws.key("k", { Version: "2012-10-17", Statement: statements }, { account }), {}, RULE);

  it("from the key's ARN: its own account enabled passes; another account's root alone fails for it", async () => {
    assert.deepEqual(await withArn([statement(B, CONDITIONED), statement(A)], A), []);
    const reported = await withArn([statement(B)], A);
    assert.equal(reported.length, 1);
    assert.match(reported[0].message, new RegExp(`to account ${A} \\(from the keyArn option\\)`));
    assert.doesNotMatch(reported[0].message, /not known here/);
  });

  it("from the key ARNs in Resource, without a key ARN", async () => {
    const keyArn = `arn:aws:kms:us-east-1:${B}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    assert.deepEqual(await run([statement(B, { Resource: keyArn })]), []);
    const reported = await run([statement(A, { Resource: keyArn })]);
    assert.equal(reported.length, 1);
    assert.match(reported[0].message, new RegExp(`to account ${B} \\(from the key ARNs in Resource\\)`));
  });
});

const FIRST = "the first account the policy names by its root";
const EXAMPLE = "AWS's example account: the policy names none by its root";

function notEnabled(account: string, candidates: string, from = FIRST): string {
  return (
    `Key policy of key 'k' (policy) at $.Statement: No statement allows kms:* on the key to account ${account} ` +
    `(from ${from}) without conditions, so IAM policies in that account cannot grant access to the key.\n` +
    "Add the statement that enables IAM policies for the key's account.\n" +
    JSON.stringify(
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      null,
      2,
    ) +
    '\nAWS documentation: "Using IAM policies with AWS KMS" (AWS Key Management Service Developer Guide): ' +
    "https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies.html\n" +
    `(The key's account is not known here; no account the policy names by its root ${candidates}is allowed kms:* ` +
    "without conditions, so IAM policies cannot work for any of them. Use the key's own account id in the statement.)"
  );
}
