/**
 * `LintOptions.reportLiteralArnComparisons`: with `false`, string-operator-on-arn-key reports only
 * the clauses where the String operator can mean something else than the Arn one, those with a `*`
 * or `?` in a value. The policy pack passes it (kms-key-policy-valid reports only those), so that no
 * finding is built for the StringEquals aws:SourceArn of every CloudTrail statement only to be
 * dropped (issue 11 d8, allocation per key). Whatever is reported is the finding the default reports.
 */
import { strict as assert } from "node:assert";
import { allow, findingsOf } from "./lint-area-helper";

const ID = "string-operator-on-arn-key";
const ACCOUNT = { keyAccount: "111122223333" };
const LITERALS_LEFT_OUT = { ...ACCOUNT, reportLiteralArnComparisons: false };
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };
const TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit";

describe("lint option reportLiteralArnComparisons", () => {
  it("false: a literal ARN compared with a String operator is not reported; by default and with true it is", () => {
    const json = allow(CLOUDTRAIL, "kms:DescribeKey", {
      StringEquals: { "aws:SourceArn": TRAIL },
      StringNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::111122223333:role/A", "arn:aws:iam::111122223333:role/B"] },
    });
    assert.deepEqual(findingsOf(ID, json, LITERALS_LEFT_OUT), []);
    assert.equal(findingsOf(ID, json, ACCOUNT).length, 2);
    assert.deepEqual(
      findingsOf(ID, json, { ...ACCOUNT, reportLiteralArnComparisons: true }),
      findingsOf(ID, json, ACCOUNT),
    );
  });

  it("false: a value with * or ? (any String operator, any value of the list) is reported as by default", () => {
    const json = allow(CLOUDTRAIL, "kms:Decrypt", {
      StringLike: { "aws:SourceArn": [TRAIL, "arn:aws:cloudtrail:*:111122223333:trail/*"] },
      StringEquals: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/?" },
      StringNotLike: { "aws:SourceArn": TRAIL },
    });
    const reported = findingsOf(ID, json, LITERALS_LEFT_OUT);
    assert.deepEqual(
      reported.map((f) => f.path),
      [
        '$.Statement[0].Condition.StringLike["aws:SourceArn"]',
        '$.Statement[0].Condition.StringEquals["aws:PrincipalArn"]',
      ],
    );
    const all = findingsOf(ID, json, ACCOUNT);
    assert.deepEqual(reported, all.slice(0, 2));
    assert.equal(all.length, 3);
  });
});
