/**
 * The ARNs the catalog writes into statements and probes, computed from the key's partition,
 * account and Region: each in the form AWS documents (seed 000's Config source ARN, seed 002's
 * baseline trail, seed 003's encryption-context pattern and trail ARN), and values Pulumi does not
 * know yet passed on as the unknown sentinel.
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import {
  accountOf,
  accountRootArn,
  cloudTrailContextPattern,
  configSourceArn,
  identityArn,
  isAccountRoot,
  keyArnOf,
  keyResource,
  logObjectArn,
  otherAccount,
  otherTrailName,
  outsideKeyAccount,
  partitionOf,
  principalArn,
  probeIdentity,
  s3ViaService,
  trailArn,
  trailParts,
} from "../../components/src/catalog/arns";

const U = PULUMI_UNKNOWN_SENTINEL;
const KEY = { account: "111122223333", region: "us-east-2" };
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

describe("catalog: ARNs (arns.ts)", () => {
  it("defaults the partition to aws", () => {
    assert.equal(partitionOf(KEY), "aws");
    assert.equal(partitionOf({ ...KEY, partition: "aws-us-gov" }), "aws-us-gov");
  });

  it("writes trail ARNs as CloudTrail does (seed 003, seed 002)", () => {
    assert.equal(
      trailArn({ region: "us-east-1", account: "111122223333", name: "aws-controltower-BaselineCloudTrail" }),
      "arn:aws:cloudtrail:us-east-1:111122223333:trail/aws-controltower-BaselineCloudTrail",
    );
    assert.equal(
      trailArn({ partition: "aws-cn", region: "cn-north-1", account: "111122223333", name: "t" }),
      "arn:aws-cn:cloudtrail:cn-north-1:111122223333:trail/t",
    );
  });

  it("writes an account as its root ARN, unknown accounts as the sentinel", () => {
    assert.equal(accountRootArn("aws", "222222222222"), "arn:aws:iam::222222222222:root");
    assert.equal(accountRootArn("aws-us-gov", "222222222222"), "arn:aws-us-gov:iam::222222222222:root");
    assert.equal(accountRootArn("aws", U), U);
    assert.equal(accountRootArn("aws", `pre${U}post`), U);
    assert.equal(principalArn("aws", "222222222222"), "arn:aws:iam::222222222222:root");
    assert.equal(principalArn("aws", "arn:aws:iam::222222222222:role/R"), "arn:aws:iam::222222222222:role/R");
  });

  it("reads the account of an id or ARN", () => {
    assert.equal(accountOf("222222222222"), "222222222222");
    assert.equal(accountOf("arn:aws:iam::333333333333:user/Bob"), "333333333333");
    assert.equal(accountOf(U), undefined);
    assert.equal(accountOf(`arn:aws:iam::${U}:root`), undefined);
    assert.equal(accountOf("not-an-arn"), undefined);
    assert.equal(isAccountRoot("arn:aws:iam::333333333333:root"), true);
    assert.equal(isAccountRoot("arn:aws:iam::333333333333:role/root"), false);
    assert.equal(isAccountRoot("root"), false);
  });

  it("names the key by ARN where it is known, else * (this key)", () => {
    const arn = `arn:aws:kms:us-east-2:111122223333:key/${KEY_ID}`;
    assert.equal(keyArnOf(KEY), undefined);
    assert.equal(keyArnOf({ ...KEY, keyArn: arn }), arn);
    assert.equal(keyArnOf({ ...KEY, keyArn: KEY_ID }), arn);
    assert.equal(
      keyArnOf({ ...KEY, partition: "aws-cn", keyArn: KEY_ID }),
      `arn:aws-cn:kms:us-east-2:111122223333:key/${KEY_ID}`,
    );
    assert.equal(keyArnOf({ ...KEY, keyArn: U }), undefined);
    assert.equal(keyArnOf({ ...KEY, keyArn: `arn:aws:kms:us-east-2:111122223333:key/${U}` }), undefined);
    assert.equal(keyResource(KEY), "*");
    assert.equal(keyResource({ ...KEY, keyArn: KEY_ID }), arn);
    assert.equal(keyResource({ ...KEY, keyArn: U }), "*");
  });

  it("writes seed 003's encryption-context pattern and seed 000's Config source ARN", () => {
    assert.equal(cloudTrailContextPattern("aws", "111111111111"), "arn:aws:cloudtrail:*:111111111111:trail/*");
    assert.equal(cloudTrailContextPattern("aws-cn", "111111111111"), "arn:aws-cn:cloudtrail:*:111111111111:trail/*");
    assert.equal(cloudTrailContextPattern("aws", U), U);
    assert.equal(configSourceArn("aws", "us-east-1", "123456789012"), "arn:aws:config:us-east-1:123456789012:*");
    assert.equal(configSourceArn("aws", U, "123456789012"), U);
    assert.equal(configSourceArn("aws", "us-east-1", U), U);
  });

  it("writes the S3 log object, the S3 endpoint and probe identities", () => {
    assert.equal(
      logObjectArn("aws", "amzn-s3-demo-bucket", "111111111111", "us-west-2"),
      "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/111111111111/CloudTrail/us-west-2/",
    );
    assert.equal(s3ViaService("eu-west-1"), "s3.eu-west-1.amazonaws.com");
    assert.equal(identityArn("aws", "111111111111", "role/R"), "arn:aws:iam::111111111111:role/R");
  });

  it("picks the confused deputy's account and trail name beside the configured ones", () => {
    assert.equal(otherAccount([]), "999999999999");
    assert.equal(otherAccount(["999999999999", undefined]), "999999999998");
    assert.equal(otherAccount(["999999999999", "999999999998", "999999999997"]), "999999999996");
    assert.equal(
      otherAccount(["999999999999", "999999999998", "999999999997", "999999999996"]),
      "999999999999",
      "all candidates taken: the first",
    );
    assert.equal(otherTrailName("other-trail", []), "other-trail");
    assert.equal(otherTrailName("other-trail", ["finance"]), "other-trail");
    assert.equal(otherTrailName("other-trail", ["other-trail"]), "other-trail-2");
    assert.equal(otherTrailName("other-trail", ["other-trail", "other-trail-2", "other-trail-3"]), "other-trail-4");
  });

  it("splits a trail ARN, and places an unknown trail beside the key", () => {
    assert.deepEqual(trailParts("arn:aws-cn:cloudtrail:cn-north-1:222222222222:trail/a/b", KEY), {
      arn: "arn:aws-cn:cloudtrail:cn-north-1:222222222222:trail/a/b",
      known: true,
      partition: "aws-cn",
      region: "cn-north-1",
      account: "222222222222",
      name: "a/b",
    });
    for (const arn of [U, `arn:aws:cloudtrail:us-east-1:${U}:trail/t`, "not-an-arn"]) {
      assert.deepEqual(trailParts(arn, { ...KEY, partition: "aws-us-gov" }), {
        arn,
        known: false,
        partition: "aws-us-gov",
        region: "us-east-2",
        account: "111122223333",
        name: "trail",
      });
    }
  });

  it("probes an account (id or root) as an ordinary identity in it, any other principal as itself", () => {
    assert.equal(probeIdentity("aws", "222222222222", "role/R"), "arn:aws:iam::222222222222:role/R");
    assert.equal(
      probeIdentity("aws", "arn:aws-us-gov:iam::222222222222:root", "role/R"),
      "arn:aws-us-gov:iam::222222222222:role/R",
    );
    assert.equal(
      probeIdentity("aws", "arn:aws:iam::222222222222:user/Bob", "role/R"),
      "arn:aws:iam::222222222222:user/Bob",
    );
    assert.equal(probeIdentity("aws", "not-an-arn", "role/R"), "not-an-arn");
  });

  it("tells principals outside the key's account", () => {
    assert.equal(outsideKeyAccount("arn:aws:iam::222222222222:root", KEY), true);
    assert.equal(outsideKeyAccount("222222222222", KEY), true);
    assert.equal(outsideKeyAccount("arn:aws:iam::111122223333:role/R", KEY), false);
    assert.equal(outsideKeyAccount(U, KEY), false);
    assert.equal(outsideKeyAccount("not-an-arn", KEY), false);
  });
});
