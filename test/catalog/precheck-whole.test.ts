/**
 * landingZoneKeyPrecheck, whole: each of seed 002's pre-check requirements ("Enabled; Symmetric;
 * Not a multi-Region key; Has correct permissions added to the policy; Key is in the management
 * account") and the home Region, as the exact sentence users read, values not known yet passed,
 * and the policy check: one sentence per missing statement, for the parts asked.
 */
import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  composeKeyPolicy,
  controlTowerPlan,
  landingZoneKeyPrecheck,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL as U } from "pulumi-kms-guardrails/engine";
import { parseValid } from "./golden";

const MGMT = "111122223333";
const KEY: KeyLocation = { account: MGMT, region: "us-east-1" };
const GOOD = {
  enabled: true,
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  multiRegion: false,
  account: MGMT,
  region: "us-east-1",
};
const CITE =
  '(documented in "Optionally configure AWS KMS keys", section "Update the KMS key policy" (AWS Control Tower User Guide): ' +
  "https://docs.aws.amazon.com/controltower/latest/userguide/configure-kms-keys.html#kms-key-policy-update)";
const LACKS_CONFIG =
  "The key policy lacks a permission Control Tower needs: AWS Config calls kms:GenerateDataKey to deliver configuration items " +
  `for account ${MGMT} in us-east-1. The key policy must allow this, but no statement allows it. No statement allows ` +
  `kms:GenerateDataKey for this caller. Add the statement "Allow Config to use KMS for encryption" ${CITE}: ` +
  "Lets AWS Config encrypt and decrypt the landing zone's configuration items.";
const LACKS_CLOUDTRAIL =
  "The key policy lacks a permission Control Tower needs: CloudTrail calls kms:GenerateDataKey to encrypt log files of " +
  `arn:aws:cloudtrail:us-east-1:${MGMT}:trail/aws-controltower-BaselineCloudTrail. The key policy must allow this, but no ` +
  "statement allows it. No statement allows kms:GenerateDataKey for this caller. Add the statement " +
  `"Allow CloudTrail to use KMS for encryption" ${CITE}: ` +
  "Lets CloudTrail encrypt and decrypt the log files of the landing zone's baseline trail only.";

const rootOnly = () => parseValid(composeKeyPolicy([accountRootPlan({ key: KEY })]));

describe("catalog: landingZoneKeyPrecheck, whole sentences (seed 002)", () => {
  it("every requirement failed: one sentence each, in seed 002's order, the home Region last", () => {
    const problems = landingZoneKeyPrecheck(
      {
        enabled: false,
        keySpec: "RSA_2048",
        keyUsage: "SIGN_VERIFY",
        multiRegion: true,
        account: "444455556666",
        region: "eu-west-1",
      },
      MGMT,
      { homeRegion: "us-east-1" },
    );
    assert.deepEqual(problems, [
      "The key is disabled; enable it or choose another key: Control Tower requires an enabled key.",
      "The key spec is RSA_2048; Control Tower does not support asymmetric keys: create a key with key spec SYMMETRIC_DEFAULT.",
      "The key usage is SIGN_VERIFY; Control Tower needs a symmetric encryption key: create a key with key usage ENCRYPT_DECRYPT.",
      "The key is a multi-Region key, which Control Tower does not support: create a single-Region key.",
      `The key is in account 444455556666, not in the management account ${MGMT}: create the key in the management account.`,
      "The key is in eu-west-1, not in the home Region us-east-1: create the key in us-east-1.",
    ]);
  });

  it("a good key passes; values not known yet, absent or unset are never a problem", () => {
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: "us-east-1" }), []);
    const unknown = { enabled: undefined, keySpec: U, keyUsage: U, multiRegion: undefined, account: U, region: U };
    assert.deepEqual(landingZoneKeyPrecheck(unknown, MGMT, { homeRegion: "us-east-1" }), []);
    // The management account or home Region not known yet: nothing to compare with.
    assert.deepEqual(
      landingZoneKeyPrecheck({ ...GOOD, account: "444455556666", region: "eu-west-1" }, U, { homeRegion: U }),
      [],
    );
    // No home Region: the key's Region is not checked.
    assert.deepEqual(landingZoneKeyPrecheck({ ...GOOD, region: "eu-west-1" }, MGMT), []);
  });

  it("the policy: one sentence per statement it lacks, not per probe; none when it has both", () => {
    const options = { homeRegion: "us-east-1", policy: rootOnly() };
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, options), [LACKS_CONFIG, LACKS_CLOUDTRAIL]);
    const good = parseValid(composeKeyPolicy([accountRootPlan({ key: KEY }), controlTowerPlan({ key: KEY })]));
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, { ...options, policy: good }), []);
  });

  it("the policy is checked for the parts asked, with the key's ARN and partition", () => {
    assert.deepEqual(
      landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: "us-east-1", policy: rootOnly(), parts: ["config"] }),
      [LACKS_CONFIG],
    );
    assert.deepEqual(
      landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: "us-east-1", policy: rootOnly(), parts: ["cloudtrail"] }),
      [LACKS_CLOUDTRAIL],
    );
    // A CloudTrail statement for another key ARN than the one checked does not count.
    const keyArn = `arn:aws:kms:us-east-1:${MGMT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const forOtherKey = parseValid(
      composeKeyPolicy([
        accountRootPlan({ key: KEY }),
        controlTowerPlan({ key: { ...KEY, keyArn: `${keyArn}0` }, parts: ["cloudtrail"] }),
      ]),
    );
    assert.equal(
      landingZoneKeyPrecheck(GOOD, MGMT, {
        homeRegion: "us-east-1",
        policy: forOtherKey,
        parts: ["cloudtrail"],
        keyArn,
      }).length,
      1,
    );
    const gov = { ...KEY, partition: "aws-us-gov", region: "us-gov-west-1" };
    const govPolicy = parseValid(composeKeyPolicy([accountRootPlan({ key: gov }), controlTowerPlan({ key: gov })]));
    const govOptions = { homeRegion: "us-gov-west-1", policy: govPolicy };
    assert.deepEqual(landingZoneKeyPrecheck({}, MGMT, { ...govOptions, partition: "aws-us-gov" }), []);
    assert.equal(landingZoneKeyPrecheck({}, MGMT, govOptions).length, 1, "checked for the aws partition's trail ARN");
  });

  it("only the statements Control Tower needs are checked: a policy that lets anything through still passes", () => {
    const open = parseValid({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: { Service: ["config.amazonaws.com", "cloudtrail.amazonaws.com"] },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    });
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: "us-east-1", policy: open }), []);
  });

  it("without a home Region known, the policy is not checked", () => {
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, { policy: rootOnly() }), []);
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: U, policy: rootOnly() }), []);
  });
});
