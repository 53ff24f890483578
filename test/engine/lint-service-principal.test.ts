/**
 * What users read from service-principal-without-source-condition: the message names the service
 * principals, and the fix is the condition the service's own documentation shows (CloudTrail:
 * ArnEquals aws:SourceArn; AWS Config: AWS:SourceAccount), with the key's account when it is known.
 * Also the edges of the CloudWatch Logs exemption (the log group's account in the encryption context).
 */
import { strict as assert } from "node:assert";
import type { Finding } from "pulumi-kms-guardrails/engine";
import { seedStatement } from "../fixtures/seed-examples";
import { allow, deny, findingsOf } from "./lint-area-helper";

const ID = "service-principal-without-source-condition";
const ACCOUNT = { keyAccount: "111122223333" };
const SOURCE = {
  seed: "001",
  section: "Using aws:SourceArn or aws:SourceAccount condition keys",
  anchor: "least-privilege-source-arn",
};
const message = (label: string, services: string): string =>
  `${label} allows the service principal ${services} without a positive aws:SourceArn, aws:SourceAccount, ` +
  "aws:SourceOrgID or aws:SourceOrgPaths condition: any account's resource in that service could make the " +
  "service use this key (confused deputy).";

describe("lint text: service-principal-without-source-condition", () => {
  it("AWS's Control Tower Config statement: the AWS Config fix with the key's account", () => {
    assert.deepEqual(findingsOf(ID, seedStatement("002-config"), ACCOUNT), [
      {
        id: ID,
        severity: "warning",
        message: message('Statement "Allow Config to use KMS for encryption"', "config.amazonaws.com"),
        path: "$.Statement[0].Principal.Service",
        statement: { index: 0, sid: "Allow Config to use KMS for encryption" },
        fix: {
          description:
            "Restrict AWS Config to your account's delivery channels with AWS:SourceAccount, as the AWS Config " +
            "Developer Guide does.",
          json: { StringEquals: { "AWS:SourceAccount": "111122223333" } },
        },
        source: SOURCE,
      },
    ]);
  });

  it("CloudTrail (any case) beside Config: every service named, the CloudTrail fix, ACCOUNT_ID without a key account", () => {
    const json = {
      Sid: "CT",
      ...allow({ Service: ["CloudTrail.amazonaws.com", "config.amazonaws.com"] }, "kms:Decrypt"),
    };
    assert.deepEqual(findingsOf(ID, json), [
      {
        id: ID,
        severity: "warning",
        message: message('Statement "CT"', "CloudTrail.amazonaws.com, config.amazonaws.com"),
        path: "$.Statement[0].Principal.Service",
        statement: { index: 0, sid: "CT" },
        fix: {
          description:
            'Restrict CloudTrail to your trails with aws:SourceArn, as the CloudTrail User Guide does under "Granting ' +
            'encrypt permissions".',
          json: { ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:REGION:ACCOUNT_ID:trail/TRAIL_NAME" } },
        },
        source: SOURCE,
      },
    ]);
  });

  it("the key's account from keyArn goes into the CloudTrail fix", () => {
    const [f] = findingsOf(ID, allow({ Service: "cloudtrail.amazonaws.com" }, "kms:Decrypt"), {
      keyArn: "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    });
    assert.deepEqual(f.fix?.json, {
      ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:REGION:444455556666:trail/TRAIL_NAME" },
    });
  });

  it("another service gets the general fix", () => {
    const [f] = findingsOf(ID, allow({ Service: "s3.amazonaws.com" }, "kms:Decrypt"), ACCOUNT);
    assert.equal(f.message, message("Statement[0]", "s3.amazonaws.com"));
    assert.deepEqual(f.fix, {
      description:
        "Add a condition on the resource (aws:SourceArn), account (aws:SourceAccount) or organization " +
        "(aws:SourceOrgID) the service acts for.",
      json: { StringEquals: { "aws:SourceAccount": "ACCOUNT_ID" } },
    });
  });

  it("not for a Deny, nor for an Allow with NotPrincipal", () => {
    const service = { Service: "config.amazonaws.com" };
    assert.deepEqual(findingsOf(ID, deny(service, "kms:Decrypt"), ACCOUNT), []);
    const notPrincipal = { Effect: "Allow", NotPrincipal: service, Action: "kms:Decrypt", Resource: "*" };
    assert.deepEqual(
      findingsOf(ID, notPrincipal, ACCOUNT).concat(findingsOf("lint-check-failed", notPrincipal, ACCOUNT)),
      [],
    );
  });

  it("eventDataStoreKey exempts a statement only when every service in it is CloudTrail", () => {
    const json = allow({ Service: ["cloudtrail.amazonaws.com", "s3.amazonaws.com"] }, "kms:GenerateDataKey");
    const eds = { ...ACCOUNT, eventDataStoreKey: true };
    assert.equal(findingsOf(ID, json, eds).length, 1);
    assert.equal(findingsOf(ID, allow({ Service: "CLOUDTRAIL.amazonaws.com" }, "kms:GenerateDataKey"), eds).length, 0);
  });
});

describe("lint: service-principal-without-source-condition, the CloudWatch Logs exemption", () => {
  const LOGS = { Service: "logs.us-east-1.amazonaws.com" };
  const logs = (condition: unknown): Finding[] =>
    findingsOf(ID, allow(LOGS, "kms:GenerateDataKey*", condition), ACCOUNT);
  const context = (values: unknown, op = "ArnLike"): unknown => ({
    [op]: { "kms:EncryptionContext:aws:logs:arn": values },
  });

  it("the log group's account must be exactly twelve digits, in every value", () => {
    assert.equal(logs(context("arn:aws:logs:us-east-1:111122223333:*")).length, 0);
    assert.equal(logs(context("arn:aws:logs:us-east-1:1111222233334:*")).length, 1);
    assert.equal(logs(context("arn:aws:logs:us-east-1:x111122223333:*")).length, 1);
    assert.equal(logs(context("arn:aws:logs")).length, 1);
    assert.equal(logs(context(["arn:aws:logs:us-east-1:111122223333:*", "arn:aws:logs:*:*:*"])).length, 1);
  });

  it("only a positive match on the logs context key", () => {
    assert.equal(logs(context("arn:aws:logs:us-east-1:111122223333:*", "ArnLikeIfExists")).length, 1);
    assert.equal(
      logs({ ArnLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" } })
        .length,
      1,
    );
  });

  it("other conditions beside it do not undo it", () => {
    assert.equal(
      logs({
        ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:*" },
        Bool: { "aws:SecureTransport": "true" },
      }).length,
      0,
    );
  });
});
