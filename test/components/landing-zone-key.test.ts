import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LandingZoneKey, testing } from "pulumi-kms-guardrails";
import {
  ACCOUNT,
  ADMIN,
  REGION,
  assertParent,
  assertPolicyHolds,
  failureOf,
  known,
  probeIds,
  registrationsOf,
  setUp,
  statementsOf,
  configError,
} from "./helpers";

const BASELINE_TRAIL = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/aws-controltower-BaselineCloudTrail`;
const MEMBER = "222233334444";

describe("LandingZoneKey", () => {
  it("passes the Control Tower pre-check: enabled, symmetric, single-Region, in the management account", async () => {
    const { registrations } = await setUp();
    const lz = new LandingZoneKey("landing-zone", { administrators: [ADMIN], alias: "control-tower" });
    await assertParent(registrations, lz, lz.key);
    await assertParent(registrations, lz.key, lz.key.key);
    const [reg] = await registrationsOf(registrations, lz.key.key);
    assert.equal(reg.inputs.isEnabled, true);
    assert.equal(reg.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
    assert.equal(reg.inputs.keyUsage, "ENCRYPT_DECRYPT");
    assert.equal(reg.inputs.multiRegion, false);
    assert.equal(await known(lz.managementAccount), ACCOUNT);
    assert.equal(await known(lz.homeRegion), REGION);
    assert.equal(await known(lz.arn), await known(lz.key.arn));
  });

  it("has the guide's Config and CloudTrail statements; Config and the baseline trail do their job, others are denied", async () => {
    await setUp();
    const lz = new LandingZoneKey("landing-zone");
    const [policy, plans] = await Promise.all([known(lz.policy), known(lz.plans)]);
    const sids = statementsOf(policy).map((s) => s.Sid);
    assert.ok(sids.includes("Allow Config to use KMS for encryption"));
    assert.ok(sids.includes("Allow CloudTrail to use KMS for encryption"));
    assert.ok(policy.includes(BASELINE_TRAIL));
    assert.ok(plans.some((p) => p.integration === "control-tower"));
    assert.ok(probeIds(plans, "deny").length > 0);
    assertPolicyHolds(policy, plans);
  });

  it("limits Config to the enrolled accounts when given", async () => {
    await setUp();
    const lz = new LandingZoneKey("landing-zone", { configSourceAccounts: [ACCOUNT, MEMBER] });
    const policy = await known(lz.policy);
    const config = statementsOf(policy).find((s) => JSON.stringify(s.Principal).includes("config.amazonaws.com"));
    assert.match(JSON.stringify(config?.Condition), /SourceAccount.*123456789012.*222233334444/);
    assertPolicyHolds(policy, await known(lz.plans));
  });

  it("its ARN goes into the landing zone manifest", async () => {
    const { registrations } = await setUp();
    const lz = new LandingZoneKey("landing-zone");
    const landingZone = new aws.controltower.LandingZone("lz", {
      version: "3.3",
      manifestJson: pulumi.jsonStringify({
        governedRegions: [REGION],
        centralizedLogging: { accountId: MEMBER, configurations: { kmsKeyArn: lz.arn }, enabled: true },
      }),
    });
    const [reg] = await registrationsOf(registrations, landingZone);
    assert.ok(String(reg.inputs.manifestJson).includes(await known(lz.arn)));
  });

  describe("misconfigurations", () => {
    it("a multi-Region key fails at construction", async () => {
      await setUp();
      assert.throws(
        () => new LandingZoneKey("landing-zone", { multiRegion: true }),
        configError(
          /LandingZoneKey 'landing-zone': Control Tower does not support multi-Region keys .*set it to false/,
        ),
      );
    });
    it("a malformed management account fails at construction", async () => {
      await setUp();
      assert.throws(
        () => new LandingZoneKey("landing-zone", { managementAccount: "mgmt" }),
        configError(/managementAccount "mgmt" is not a 12-digit account id/),
      );
    });
    it("the caller identity of another account fails before the key exists", async () => {
      const { registrations } = await setUp();
      const lz = new LandingZoneKey("landing-zone", { managementAccount: "999988887777" });
      const error = await failureOf(lz.policy);
      assert.match(
        error?.message ?? "",
        /LandingZoneKey 'landing-zone': Control Tower requires the key in the management account.*caller identity is account 123456789012, not 999988887777/,
      );
      assert.ok(
        registrations.every((r) => r.type !== "aws:kms/key:Key"),
        "the key is never registered",
      );
    });
    it("the matching management account passes", async () => {
      await setUp();
      const lz = new LandingZoneKey("landing-zone", { managementAccount: ACCOUNT });
      assertPolicyHolds(await known(lz.policy), await known(lz.plans));
    });
  });

  it("preview: the key policy is fully known", async () => {
    const { registrations } = await setUp({}, true);
    const lz = new LandingZoneKey("landing-zone", { managementAccount: pulumi.output(ACCOUNT) });
    const policy = await known(lz.policy);
    assertPolicyHolds(policy, await known(lz.plans));
    const [reg] = await registrationsOf(registrations, lz.key.key);
    assert.equal(reg.inputs.policy, policy);
    assert.equal((await testing.readOutput(lz.arn, 200)).known, false);
  });
});
