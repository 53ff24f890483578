/**
 * What users read from vpc-condition-without-service-exception, and its verdict for a Deny anywhere
 * in the policy: the evaluator decides whether the Deny spares a request an AWS service makes.
 */
import { strict as assert } from "node:assert";
import { allow, deny, findingsOf } from "./lint-area-helper";

const ID = "vpc-condition-without-service-exception";
const ENABLE_IAM = allow({ AWS: "arn:aws:iam::111122223333:root" }, "kms:*");

describe("lint text: vpc-condition-without-service-exception", () => {
  it("names the VPC key as written and the services it shuts out", () => {
    const json = { Sid: "VPC only", ...deny("*", "kms:*", { StringNotEquals: { "AWS:SourceVpc": "vpc-1a2b3c4d" } }) };
    assert.deepEqual(findingsOf(ID, json, { keyAccount: "111122223333" }), [
      {
        id: ID,
        severity: "warning",
        message:
          'Statement "VPC only" denies requests that do not come from a given AWS:SourceVpc, and that includes AWS ' +
          "services such as CloudTrail using the key on your behalf: their requests carry no VPC keys.",
        path: '$.Statement[0].Condition.StringNotEquals["AWS:SourceVpc"]',
        statement: { index: 0, sid: "VPC only" },
        fix: {
          description: "Exempt requests made by or through AWS services in the same Deny.",
          json: { Bool: { "aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false" } },
        },
        source: { seed: "004", section: "VPC endpoint" },
      },
    ]);
  });

  it("an exemption the evaluator sees (kms:ViaService of an AWS service), for a Deny after other statements", () => {
    const spares = deny("*", "kms:*", {
      StringNotEquals: { "aws:SourceVpce": "vpce-1" },
      StringNotLike: { "kms:ViaService": "*.amazonaws.com" },
    });
    assert.deepEqual(findingsOf(ID, spares), []);
    assert.deepEqual(findingsOf(ID, { Statement: [ENABLE_IAM, spares] }), []);
  });

  it("a Deny that spares AWS services only in a way the evaluator sees is not reported; one that does not, is", () => {
    const notSparing = deny("*", "kms:*", { StringNotEquals: { "aws:SourceVpce": "vpce-1" } });
    assert.deepEqual(
      findingsOf(ID, { Statement: [ENABLE_IAM, notSparing] }).map((f) => f.path),
      ['$.Statement[1].Condition.StringNotEquals["aws:SourceVpce"]'],
    );
  });

  it("a Deny that covers no KMS action, or an Allow, is not reported", () => {
    assert.deepEqual(
      findingsOf(ID, deny("*", "s3:GetObject", { StringNotEquals: { "aws:SourceVpce": "vpce-1" } })),
      [],
    );
    assert.deepEqual(
      findingsOf(
        ID,
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:*", { StringEquals: { "aws:SourceVpce": "vpce-1" } }),
      ),
      [],
    );
  });
});
