import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AuditKey, LandingZoneKey, LandingZoneKeyIntegration, testing } from "pulumi-kms-guardrails";
import * as packAws from "../policypack/fixtures/aws";
import { analyzeStack } from "../policypack/harness";
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

describe("LandingZoneKey, landing zone 4.0: a key per integration", () => {
  const CONFIG_SID = "Allow Config to use KMS for encryption";
  const CLOUDTRAIL_SID = "Allow CloudTrail to use KMS for encryption";

  it("the CloudTrail key (centralizedLogging) carries the CloudTrail statement only", async () => {
    await setUp();
    const lz = new LandingZoneKey("trail-key", { integrations: [LandingZoneKeyIntegration.CentralizedLogging] });
    const [policy, plans] = await Promise.all([known(lz.policy), known(lz.plans)]);
    const sids = statementsOf(policy).map((s) => s.Sid);
    assert.ok(sids.includes(CLOUDTRAIL_SID));
    assert.ok(!sids.includes(CONFIG_SID));
    const tower = plans.find((p) => p.integration === "control-tower");
    assert.ok(tower?.probes.every((p) => p.id.startsWith("control-tower.cloudtrail-")));
    assertPolicyHolds(policy, plans);
  });

  it("the AWS Config key (config) carries the Config statement only, pinned to the given accounts", async () => {
    await setUp();
    const lz = new LandingZoneKey("config-key", { integrations: ["config"], configSourceAccounts: [ACCOUNT, MEMBER] });
    const [policy, plans] = await Promise.all([known(lz.policy), known(lz.plans)]);
    const statements = statementsOf(policy);
    assert.deepEqual(
      statements.filter((s) => s.Sid === CONFIG_SID || s.Sid === CLOUDTRAIL_SID).map((s) => s.Sid),
      [CONFIG_SID],
    );
    assert.match(JSON.stringify(statements.find((s) => s.Sid === CONFIG_SID)?.Condition), /222233334444/);
    assertPolicyHolds(policy, plans);
  });

  it("both keys in a 4.0 manifest pass the policy pack, as do one key named in both fields", async () => {
    await setUp();
    const trailKey = new LandingZoneKey("trail-key", { integrations: ["centralizedLogging"] });
    const configKey = new LandingZoneKey("config-key", { integrations: ["config"] });
    const shared = new LandingZoneKey("shared-key");
    const resource = async (name: string, lz: LandingZoneKey) =>
      packAws.key(name, await known(lz.policy), {
        id: (await known(lz.arn)).split("/").pop() as string,
        account: ACCOUNT,
      });
    const split = [await resource("trail-key", trailKey), await resource("config-key", configKey)];
    const zone = (keys: packAws.LandingZone4Keys) => packAws.landingZone4("landing-zone", keys, { account: ACCOUNT });
    const separate = [...split, zone({ centralizedLogging: split[0].props.arn, config: split[1].props.arn })];
    const one = await resource("shared-key", shared);
    const together = [one, zone({ centralizedLogging: one.props.arn, config: one.props.arn })];
    for (const stack of [separate, together]) {
      const reported = await analyzeStack(stack, {}, "controltower-landing-zone-key");
      assert.deepEqual(reported, [], reported.map((r) => r.message).join("\n---\n"));
    }
    // The CloudTrail key named as the Config key too lacks the Config statement: the pack says so.
    const crossed = [split[0], zone({ centralizedLogging: split[0].props.arn, config: split[0].props.arn })];
    const reported = await analyzeStack(crossed, {}, "controltower-landing-zone-key");
    assert.deepEqual(
      reported.map((r) => r.level),
      ["mandatory"],
    );
    assert.match(
      reported[0].message,
      /the AWS CloudTrail and AWS Config key of landing zone 'landing-zone'.*config\.amazonaws\.com cannot/s,
    );
  });

  it("AuditKey takes the same choice: controlTower.integrations", async () => {
    await setUp();
    const key = new AuditKey("audit", { controlTower: { integrations: ["config"] } });
    const sids = statementsOf(await known(key.policy)).map((s) => s.Sid);
    assert.ok(sids.includes(CONFIG_SID) && !sids.includes(CLOUDTRAIL_SID), sids.join(", "));
    assert.throws(
      () => new AuditKey("broken", { controlTower: { integrations: [] } }),
      configError(/AuditKey 'broken': controlTower\.integrations is empty/),
    );
  });

  it("preview: each integration's key policy is fully known", async () => {
    await setUp({}, true);
    const lz = new LandingZoneKey("config-key", {
      integrations: ["config"],
      managementAccount: pulumi.output(ACCOUNT),
    });
    assertPolicyHolds(await known(lz.policy), await known(lz.plans));
  });

  describe("misconfigurations", () => {
    it("no integrations fails at construction", async () => {
      await setUp();
      assert.throws(
        () => new LandingZoneKey("landing-zone", { integrations: [] }),
        configError(/LandingZoneKey 'landing-zone': integrations is empty/),
      );
    });
    it("an integration without a landing zone key statement (backup) fails at construction, naming it", async () => {
      await setUp();
      assert.throws(
        () =>
          new LandingZoneKey("landing-zone", {
            integrations: ["backup" as unknown as LandingZoneKeyIntegration],
          }),
        configError(
          /"backup" is not a landing zone integration with a key statement: use "centralizedLogging".*"config"/,
        ),
      );
    });
    it("configSourceAccounts on a CloudTrail-only key fails at construction", async () => {
      await setUp();
      assert.throws(
        () =>
          new LandingZoneKey("landing-zone", {
            integrations: ["centralizedLogging"],
            configSourceAccounts: [ACCOUNT],
          }),
        configError(
          /LandingZoneKey 'landing-zone': configSourceAccounts pins the AWS Config statement, but the key serves centralizedLogging/,
        ),
      );
    });
  });
});
