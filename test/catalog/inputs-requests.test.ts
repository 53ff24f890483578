/**
 * The catalog's input checks (an error naming what to change, unknown values passed through),
 * the probe requests it builds (the key's ARN, account and Region; unknown context values as
 * UNKNOWN), and the statement builder's Principal (no empty principal types).
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL, UNKNOWN } from "pulumi-kms-guardrails/engine";
import {
  CatalogInputError,
  isUnknownValue,
  requireAccountId,
  requireIamPrincipal,
  requireTrailArn,
} from "../../components/src/catalog/inputs";
import { iamRequest, serviceRequest } from "../../components/src/catalog/requests";
import { allowStatement } from "../../components/src/catalog/statement";

const U = PULUMI_UNKNOWN_SENTINEL;
const KEY = { account: "111122223333", region: "us-east-2" };

function refuses(f: () => unknown, message: string): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof CatalogInputError);
    assert.equal(e.name, "CatalogInputError");
    assert.equal(e.message, message);
    return true;
  });
}

describe("catalog: input checks and probe requests", () => {
  it("passes values Pulumi does not know yet, in whole or in part", () => {
    assert.equal(isUnknownValue(U), true);
    assert.equal(isUnknownValue(`arn:aws:iam::${U}:root`), true);
    assert.equal(isUnknownValue("111122223333"), false);
    assert.equal(requireAccountId(U, "x"), U);
    assert.equal(requireTrailArn(U), U);
    assert.equal(requireIamPrincipal(`arn:aws:iam::${U}:role/R`, "x"), `arn:aws:iam::${U}:role/R`);
  });

  it("refuses an account that is not a 12-digit id", () => {
    assert.equal(requireAccountId("111122223333", "The key's account"), "111122223333");
    refuses(
      () => requireAccountId("1111", "The key's account"),
      'The key\'s account must be a 12-digit AWS account id, got "1111".',
    );
  });

  it("refuses a trail ARN that is not one trail's", () => {
    const ok = "arn:aws:cloudtrail:us-east-1:111122223333:trail/audit";
    assert.equal(requireTrailArn(ok), ok);
    const notTrail = '"X" is not a CloudTrail trail ARN; expected arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME.';
    for (const bad of [
      "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/x",
      "arn:aws:logs:us-east-1:111122223333:trail/a",
      "nope",
    ]) {
      refuses(() => requireTrailArn(bad), notTrail.replace("X", bad));
    }
    refuses(
      () => requireTrailArn("arn:aws:cloudtrail:us-east-1:111122223333:trail/*"),
      'Trail ARN "arn:aws:cloudtrail:us-east-1:111122223333:trail/*" has a wildcard; name each trail: aws:SourceArn is the ARN of the trail that uses the key.',
    );
    refuses(
      () => requireTrailArn("arn:aws:cloudtrail:us-east-1:1111:trail/a"),
      'The account in trail ARN "arn:aws:cloudtrail:us-east-1:1111:trail/a" must be a 12-digit AWS account id, got "1111".',
    );
  });

  it("accepts IAM and STS principals and account ids, nothing else", () => {
    for (const ok of [
      "111122223333",
      "arn:aws:iam::111122223333:role/R",
      "arn:aws:sts::111122223333:assumed-role/R/s",
    ]) {
      assert.equal(requireIamPrincipal(ok, "Key user"), ok);
    }
    for (const bad of ["arn:aws:s3:::bucket", "arn:aws:iam::1111:role/R", "role/R", "arn:aws:ec2::111122223333:x"]) {
      refuses(
        () => requireIamPrincipal(bad, "Key user"),
        `Key user "${bad}" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.`,
      );
    }
    refuses(
      () => requireIamPrincipal("arn:aws:iam::111122223333:role/*", "Key user"),
      'Key user "arn:aws:iam::111122223333:role/*" has a wildcard; a key policy Principal names identities exactly (use a condition to widen it).',
    );
  });

  it("builds requests on the key: its ARN when known, always its account and Region", () => {
    const arn = "arn:aws:kms:us-east-2:111122223333:key/k";
    assert.deepEqual(serviceRequest("config.amazonaws.com", "kms:Decrypt", KEY, {}), {
      principal: { kind: "service", service: "config.amazonaws.com" },
      action: "kms:Decrypt",
      keyAccount: "111122223333",
      keyRegion: "us-east-2",
      context: {},
    });
    assert.deepEqual(iamRequest("arn:aws:iam::111122223333:role/R", "kms:Decrypt", { ...KEY, keyArn: arn }), {
      principal: { kind: "aws", arn: "arn:aws:iam::111122223333:role/R" },
      action: "kms:Decrypt",
      resource: arn,
      keyAccount: "111122223333",
      keyRegion: "us-east-2",
      context: {},
    });
  });

  it("passes a context value unknown in part as it is, an unknown one as UNKNOWN, and drops absent ones", () => {
    const partial = `arn:aws:cloudtrail:us-east-1:${U}:trail/t`;
    const request = iamRequest("arn:aws:iam::111122223333:role/R", "kms:Decrypt", KEY, {
      "aws:SourceArn": partial,
      "aws:SourceAccount": U,
      "kms:EncryptionContextKeys": ["a", U],
      "kms:ViaService": undefined,
      "kms:CallerAccount": ["111122223333"],
    });
    assert.deepEqual(request.context, {
      "aws:SourceArn": partial,
      "aws:SourceAccount": UNKNOWN,
      "kms:EncryptionContextKeys": UNKNOWN,
      "kms:CallerAccount": ["111122223333"],
    });
  });

  it("writes no empty principal type", () => {
    const s = allowStatement({
      sid: "S",
      principal: { aws: [], service: [] },
      actions: ["kms:Decrypt"],
      resource: "*",
    });
    assert.deepEqual(s, { Sid: "S", Effect: "Allow", Principal: {}, Action: "kms:Decrypt", Resource: "*" });
    const t = allowStatement({ sid: "S", principal: { service: ["a", "b"] }, actions: ["x", "y"], resource: "*" });
    assert.deepEqual(t.Principal, { Service: ["a", "b"] });
    assert.deepEqual(t.Action, ["x", "y"]);
  });
});
