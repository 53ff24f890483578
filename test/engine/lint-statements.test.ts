/**
 * The questions the lint checks ask of statements (lint/statements.ts), through the public engine
 * API where it exports them, and through the checks where it does not.
 */
import { strict as assert } from "node:assert";
import { accountOfPrincipal, isLimitingMatch, type ConditionClause } from "pulumi-kms-guardrails/engine";
import { allow, findingsOf } from "./lint-area-helper";
import { keyPolicyFromJson } from "./policy-from-json";

const clause = (condition: unknown): ConditionClause =>
  keyPolicyFromJson({ Version: "2012-10-17", Statement: [allow("*", "kms:Decrypt", condition)] }).statements[0]
    .conditions[0];

describe("lint statements: accountOfPrincipal", () => {
  it("an account id, or the root ARN of an IAM account in any partition", () => {
    assert.equal(accountOfPrincipal("111122223333"), "111122223333");
    assert.equal(accountOfPrincipal("arn:aws:iam::111122223333:root"), "111122223333");
    assert.equal(accountOfPrincipal("arn:aws-cn:iam::111122223333:root"), "111122223333");
  });

  it("nothing else: other services, other resources, malformed ARNs and ids", () => {
    for (const p of [
      "arn:aws:sts::111122223333:root",
      "arn:aws:iamx::111122223333:root",
      "arn:aws:iam::111122223333:user/root",
      "arn:aws:iam::111122223333:role/root",
      "arn:aws:iam::11112222333:root",
      "arn:aws:iam::1111222233334:root",
      "arn:aws:iam:111122223333:root",
      "arn:aws::iam::111122223333:root",
      "arn:aws:iam::111122223333:rootx",
      "arn:root",
      "arn::root",
      "xarn:aws:iam::111122223333:root",
      "111122223333:root",
      "11112222333a",
      "*",
    ]) {
      assert.equal(accountOfPrincipal(p), undefined, p);
    }
  });
});

describe("lint statements: isLimitingMatch", () => {
  it("a positive match on concrete values", () => {
    assert.equal(isLimitingMatch(clause({ StringEquals: { "kms:CallerAccount": "111122223333" } })), true);
    assert.equal(isLimitingMatch(clause({ ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:*" } })), true);
    assert.equal(
      isLimitingMatch(clause({ "ForAnyValue:StringEquals": { "aws:PrincipalOrgPaths": "o-1/r-1/" } })),
      true,
    );
  });

  it("not IfExists, negated, ForAllValues, other families, or a value of only * and ?", () => {
    for (const c of [
      { StringEqualsIfExists: { "kms:CallerAccount": "111122223333" } },
      { StringNotEquals: { "kms:CallerAccount": "111122223333" } },
      { "ForAllValues:StringEquals": { "kms:CallerAccount": "111122223333" } },
      { NumericEquals: { "kms:CallerAccount": "1" } },
      { StringLike: { "kms:CallerAccount": ["111122223333", "*?"] } },
      { StringLike: { "kms:CallerAccount": "?" } },
    ]) {
      assert.equal(isLimitingMatch(clause(c)), false, JSON.stringify(c));
    }
    assert.equal(isLimitingMatch(clause({ StringLike: { "kms:CallerAccount": "1111*" } })), true);
  });
});

describe("lint statements: the key's account from the options", () => {
  const fixAccount = (options: object): unknown =>
    findingsOf("public-principal-unconditioned", allow("*", "kms:Decrypt"), options)[0].fix?.json;

  it("keyAccount first, else keyArn's account, else none", () => {
    const keyArn = "arn:aws:kms:us-east-1:555566667777:key/k";
    const callerAccount = (a: string): unknown => ({ StringEquals: { "kms:CallerAccount": a } });
    assert.deepEqual(fixAccount({ keyAccount: "444455556666", keyArn }), callerAccount("444455556666"));
    assert.deepEqual(
      fixAccount({ keyAccount: "arn:aws:iam::444455556666:root", keyArn }),
      callerAccount("444455556666"),
    );
    assert.deepEqual(fixAccount({ keyAccount: "not-an-account", keyArn }), callerAccount("555566667777"));
    assert.deepEqual(fixAccount({ keyArn }), callerAccount("555566667777"));
    assert.deepEqual(fixAccount({ keyArn }), callerAccount("555566667777"));
    assert.deepEqual(fixAccount({ keyArn: "arn:aws:kms:us-east-1:ACCOUNT:key/k" }), callerAccount("111122223333"));
    assert.deepEqual(fixAccount({ keyArn: "not-an-arn" }), callerAccount("111122223333"));
    assert.deepEqual(fixAccount({}), callerAccount("111122223333"));
  });
});
