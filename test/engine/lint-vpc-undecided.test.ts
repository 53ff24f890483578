/**
 * vpc-condition-without-service-exception on a Deny the evaluator cannot decide for a request an AWS
 * service makes: a value not known yet (a Pulumi output during preview) in a clause beside the VPC
 * condition. The check reports it as a Deny that may shut out AWS services, and says why it cannot
 * tell; a Deny that plainly spares them (its exemption is decided) stays silent.
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL as NOT_KNOWN_YET } from "pulumi-kms-guardrails/engine";
import { allow, deny, findingsOf, lintJson } from "./lint-area-helper";

const ID = "vpc-condition-without-service-exception";
const FIX = {
  description: "Exempt requests made by or through AWS services in the same Deny.",
  json: { Bool: { "aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false" } },
};
const SOURCE = { seed: "004", section: "VPC endpoint" };
const OPTIONS = { keyAccount: "111122223333" };

/** Deny outside the endpoint, except requests on behalf of one trail (its ARN given). */
const exceptTrail = (trailArn: string): Record<string, unknown> => ({
  Sid: "Endpoint or our trail",
  ...deny("*", "kms:*", {
    StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
    ArnNotEquals: { "aws:SourceArn": trailArn },
  }),
});

describe("lint: vpc-condition-without-service-exception, a Deny not decidable yet", () => {
  it("reports a Deny whose other clause is not known yet, saying it may shut out AWS services", () => {
    assert.deepEqual(findingsOf(ID, exceptTrail(NOT_KNOWN_YET), OPTIONS), [
      {
        id: ID,
        severity: "warning",
        message:
          'Statement "Endpoint or our trail" denies requests that do not come from a given aws:SourceVpce, and ' +
          "that may include AWS services such as CloudTrail using the key on your behalf (whether it does depends " +
          "on parts of the statement not known yet): their requests carry no VPC keys.",
        path: '$.Statement[0].Condition.StringNotEquals["aws:SourceVpce"]',
        statement: { index: 0, sid: "Endpoint or our trail" },
        fix: FIX,
        source: SOURCE,
      },
    ]);
  });

  it("the same Deny with the value known: reported as denying AWS services", () => {
    const known = exceptTrail("arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail");
    assert.deepEqual(
      findingsOf(ID, known, OPTIONS).map((f) => f.message),
      [
        'Statement "Endpoint or our trail" denies requests that do not come from a given aws:SourceVpce, and ' +
          "that includes AWS services such as CloudTrail using the key on your behalf: their requests carry no VPC keys.",
      ],
    );
  });

  it("a Deny only for the account not known yet, where the services' requests come from: may shut them out", () => {
    const json = deny("*", ["kms:Decrypt", "kms:GenerateDataKey*"], {
      StringNotEqualsIfExists: { "aws:SourceVpc": "vpc-1a2b3c4d" },
      StringEquals: { "aws:SourceAccount": NOT_KNOWN_YET },
    });
    assert.deepEqual(findingsOf(ID, { Statement: [json] }, OPTIONS), [
      {
        id: ID,
        severity: "warning",
        message:
          "Statement[0] denies requests that do not come from a given aws:SourceVpc, and that may include AWS " +
          "services such as CloudTrail using the key on your behalf (whether it does depends on parts of the " +
          "statement not known yet): their requests carry no VPC keys.",
        path: '$.Statement[0].Condition.StringNotEqualsIfExists["aws:SourceVpc"]',
        statement: { index: 0 },
        fix: FIX,
        source: SOURCE,
      },
    ]);
  });

  it("a Deny that exempts AWS services is not reported, whatever else is not known yet", () => {
    for (const exemption of [
      { Bool: { "aws:PrincipalIsAWSService": "false" } },
      { Bool: { "aws:ViaAWSService": "false" } },
      { Null: { "kms:ViaService": "true" } },
      { StringNotLike: { "kms:ViaService": "*.amazonaws.com" } },
    ]) {
      const json = deny("*", "kms:*", {
        StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
        StringEquals: { "aws:SourceAccount": NOT_KNOWN_YET },
        ...exemption,
      });
      assert.deepEqual(findingsOf(ID, json, OPTIONS), [], JSON.stringify(exemption));
    }
  });

  it("a Deny that cannot apply to an AWS service's request (another caller, another action) is not reported", () => {
    const role = deny({ AWS: "arn:aws:iam::111122223333:role/Admin" }, "kms:*", {
      StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
      StringEquals: { "aws:SourceAccount": NOT_KNOWN_YET },
    });
    assert.deepEqual(findingsOf(ID, role, OPTIONS), []);
    const notKms = deny("*", "s3:GetObject", { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } });
    assert.deepEqual(findingsOf(ID, notKms, OPTIONS), []);
  });

  it("an Allow is never reported, even one that services' requests meet (it denies nothing)", () => {
    const json = allow("*", "kms:*", {
      StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
      StringEquals: { "aws:SourceAccount": NOT_KNOWN_YET },
    });
    assert.deepEqual(findingsOf(ID, json, OPTIONS), []);
    assert.deepEqual(findingsOf(ID, { ...json, Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" } } }), []);
  });
});

describe("lint: vpc-condition-without-service-exception, the request it probes the Deny with", () => {
  const outside = { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } };
  const paths = (json: unknown, options?: object): string[] => findingsOf(ID, json, options).map((f) => f.path);
  const AT = '$.Statement[0].Condition.StringNotEquals["aws:SourceVpce"]';

  it("CloudTrail's service principal, marked as an AWS service, for a trail in the key's account", () => {
    const only = (condition: Record<string, unknown>, principal: unknown = "*"): unknown =>
      deny(principal, "kms:*", { ...outside, ...condition });
    assert.deepEqual(paths(only({}, { Service: "cloudtrail.amazonaws.com" })), [AT]);
    assert.deepEqual(paths(only({}, { Service: "config.amazonaws.com" })), []);
    assert.deepEqual(paths(only({ Bool: { "aws:PrincipalIsAWSService": "true" } })), [AT]);
    assert.deepEqual(paths(only({ Bool: { "aws:ViaAWSService": "true" } })), [AT]);
    assert.deepEqual(paths(only({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*" } })), [AT]);
    const ours = only({ StringEquals: { "aws:SourceAccount": "444455556666" } });
    assert.deepEqual(paths(ours, { keyAccount: "444455556666" }), [AT]);
    assert.deepEqual(paths(ours, { keyAccount: "111122223333" }), []);
    // Without the key's account, the trail's account is AWS's example account.
    assert.deepEqual(paths(only({ StringEquals: { "aws:SourceAccount": "111122223333" } })), [AT]);
  });

  it("an action CloudTrail uses when the Deny covers one (kms:ViaService is in its requests)", () => {
    // ConnectCustomKeyStore comes first among the covered actions, and its requests carry no kms:ViaService.
    const json = deny("*", ["kms:ConnectCustomKeyStore", "kms:Decrypt"], {
      ...outside,
      StringNotLike: { "kms:ViaService": "*.amazonaws.com" },
    });
    assert.deepEqual(paths(json), []);
  });

  it("a Deny without a VPC condition, or covering no KMS action, is not reported and does not fail the check", () => {
    for (const json of [deny("*", "kms:*"), deny("*", "kms:Undefined", outside)]) {
      assert.deepEqual(
        lintJson(json, { keyAccount: "111122223333" })
          .map((f) => f.id)
          .filter((id) => id === ID || id === "lint-check-failed"),
        [],
      );
    }
  });
});
