import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AuditBaseline } from "pulumi-kms-guardrails";
import {
  ACCOUNT,
  ADMIN,
  READER,
  REGION,
  assertParent,
  assertPolicyHolds,
  known,
  registrationsOf,
  setUp,
} from "./helpers";

describe("AuditBaseline", () => {
  it("one line: a key, a multi-Region trail and Config delivery, all on that key and under the component", async () => {
    const { registrations } = await setUp();
    const baseline = new AuditBaseline("baseline", { administrators: [ADMIN], logReaders: [READER], alias: "audit" });
    const { key, trail, config } = baseline;
    assert.ok(config !== undefined);
    assert.equal(baseline.eventDataStore, undefined, "no event data store unless asked");
    await assertParent(registrations, baseline, key, trail, config);
    assert.equal(trail.key, key);
    assert.equal(config.key, key);
    const keyArn = await known(key.arn);
    const [trailReg, channelReg] = await registrationsOf(registrations, trail.trail, config.deliveryChannel);
    assert.equal(trailReg.inputs.kmsKeyId, keyArn);
    assert.equal(trailReg.inputs.isMultiRegionTrail, true);
    assert.equal(trailReg.inputs.name, "baseline-trail");
    assert.equal(channelReg.inputs.s3KmsKeyArn, keyArn);
    const [policy, plans] = await Promise.all([known(baseline.keyPolicy), known(key.plans)]);
    assert.deepEqual(
      plans.map((p) => p.integration),
      ["account-root", "key-administrators", "cloudtrail-trail", "config-service-linked-role"],
    );
    assert.ok(policy.includes(`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/baseline-trail`));
    assertPolicyHolds(policy, plans);
  });

  it("adds an event data store on a key of its own (seed 003), without Config when asked", async () => {
    await setUp();
    const baseline = new AuditBaseline("baseline", {
      administrators: [ADMIN],
      config: { enabled: false },
      eventDataStore: { queryPrincipals: [READER], retentionPeriod: 90 },
    });
    assert.equal(baseline.config, undefined);
    const lake = baseline.eventDataStore;
    assert.ok(lake !== undefined && lake.key !== undefined);
    assert.notEqual(lake.key, baseline.key);
    const lakePlans = await known(lake.key.plans);
    assert.deepEqual(
      lakePlans.map((p) => p.integration),
      ["account-root", "key-administrators", "cloudtrail-event-data-store"],
    );
    assertPolicyHolds(await known(lake.key.policy), lakePlans, { eventDataStoreKey: true });
    const trailPlans = await known(baseline.key.plans);
    assert.ok(trailPlans.every((p) => p.integration !== "cloudtrail-event-data-store"));
    assertPolicyHolds(await known(baseline.keyPolicy), trailPlans);
  });

  it("passes trail options through; their misconfigurations fail at construction", async () => {
    await setUp();
    assert.throws(
      () => new AuditBaseline("baseline", { trail: { trailName: "a" } }),
      (error: unknown) =>
        pulumi.ResourceError.isInstance(error) && /EncryptedTrail 'baseline-trail': trailName "a"/.test(error.message),
    );
  });

  it("preview: every key policy is fully known", async () => {
    const { registrations } = await setUp({}, true);
    const baseline = new AuditBaseline("baseline", { eventDataStore: {} });
    const lakeKey = baseline.eventDataStore?.key;
    assert.ok(lakeKey !== undefined);
    for (const [key, options] of [
      [baseline.key, {}],
      [lakeKey, { eventDataStoreKey: true }],
    ] as const) {
      const policy = await known(key.policy);
      assertPolicyHolds(policy, await known(key.plans), options);
      const [reg] = await registrationsOf(registrations, key.key);
      assert.equal(reg.inputs.policy, policy);
    }
  });
});
