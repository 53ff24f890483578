import { strict as assert } from "node:assert";
import { AuditKey, EncryptedEventDataStore, testing } from "pulumi-kms-guardrails";
import {
  ADMIN,
  READER,
  REGION,
  assertDependsOn,
  assertParent,
  assertPolicyHolds,
  collectWarnings,
  known,
  nextTurn,
  probeIds,
  registrationsOf,
  setUp,
  statementsOf,
  configError,
} from "./helpers";

/** CloudTrail statements of a policy that carry aws:SourceArn or aws:SourceAccount. */
function cloudTrailSourceConditions(policy: string): unknown[] {
  return statementsOf(policy)
    .filter((s) => JSON.stringify(s.Principal).includes("cloudtrail.amazonaws.com"))
    .filter((s) => /aws:source(arn|account)/i.test(JSON.stringify(s.Condition ?? {})));
}

describe("EncryptedEventDataStore", () => {
  it("creates the store with its own key, parented, the key wired into the store", async () => {
    const { registrations } = await setUp();
    const lake = new EncryptedEventDataStore("lake", { queryPrincipals: [READER], retentionPeriod: 365 });
    const key = lake.key;
    assert.ok(key !== undefined);
    await assertParent(registrations, lake, lake.eventDataStore, key);
    await assertDependsOn(registrations, lake.eventDataStore, key.key);
    const [reg] = await registrationsOf(registrations, lake.eventDataStore);
    assert.equal(reg.inputs.kmsKeyId, await known(key.arn));
    assert.equal(reg.inputs.name, "lake");
    assert.equal(reg.inputs.multiRegionEnabled, true);
    assert.equal(reg.inputs.terminationProtectionEnabled, true);
    assert.equal(reg.inputs.retentionPeriod, 365);
    assert.match(await known(lake.arn), /^arn:aws:cloudtrail:us-east-1:123456789012:eventdatastore\//);
  });

  it("grants CloudTrail without aws:SourceArn/SourceAccount and the query principals Decrypt + GenerateDataKey", async () => {
    await setUp();
    const lake = new EncryptedEventDataStore("lake", {
      queryPrincipals: [READER],
      keyArgs: { administrators: [ADMIN] },
    });
    const key = lake.key;
    assert.ok(key !== undefined);
    const [policy, plans] = await Promise.all([known(key.policy), known(key.plans)]);
    assert.deepEqual(cloudTrailSourceConditions(policy), [], "seed 003: not supported for event data stores");
    const reader = statementsOf(policy).find((s) => JSON.stringify(s.Principal).includes(READER));
    assert.ok(reader !== undefined);
    assert.deepEqual([...(reader.Action as string[])].sort(), ["kms:Decrypt", "kms:GenerateDataKey"]);
    assert.ok(probeIds(plans, "allow").length > 0 && probeIds(plans, "deny").length > 0);
    assertPolicyHolds(policy, plans, { eventDataStoreKey: true });
  });

  it("declares its needs on a given AuditKey that serves no trail", async () => {
    await setUp();
    const key = new AuditKey("lake-key", { administrators: [ADMIN] });
    const lake = new EncryptedEventDataStore("lake", { keyArn: key.arn, queryPrincipals: [READER] });
    assert.equal(lake.key, key);
    assert.equal(await known(lake.keyPolicy), await known(key.policy));
    assertPolicyHolds(await known(key.policy), await known(key.plans), { eventDataStoreKey: true });
  });

  it("given a key ARN it cannot change, warns and leaves the check to the policy pack", async () => {
    const { registrations } = await setUp();
    const foreign = `arn:aws:kms:${REGION}:999988887777:key/abcd`;
    const warnings = await collectWarnings(async () => {
      const lake = new EncryptedEventDataStore("lake", { keyArn: foreign });
      const [reg] = await registrationsOf(registrations, lake.eventDataStore);
      assert.equal(reg.inputs.kmsKeyId, foreign);
      await nextTurn();
    });
    assert.ok(
      warnings.some((w) => /EncryptedEventDataStore 'lake': the key .* cannot be changed here/.test(w)),
      warnings.join("\n"),
    );
  });

  describe("misconfigurations fail at construction", () => {
    it("SourceArn requested: the key of a trail", async () => {
      await setUp();
      const key = new AuditKey("trail-key", { cloudTrail: { trails: ["audit"] } });
      assert.throws(
        () => new EncryptedEventDataStore("lake", { keyArn: key.arn }),
        configError(
          /EncryptedEventDataStore 'lake': .*cannot serve both CloudTrail trails .*Give the event data store its own key/s,
        ),
      );
    });
    it("SourceArn requested: the Control Tower key", async () => {
      await setUp();
      const key = new AuditKey("tower", { controlTower: {} });
      assert.throws(() => new EncryptedEventDataStore("lake", { keyArn: key.arn }), configError(/cannot serve both/));
    });
  });

  it("preview: the key policy is fully known", async () => {
    const { registrations } = await setUp({}, true);
    const lake = new EncryptedEventDataStore("lake", { queryPrincipals: [READER] });
    const key = lake.key;
    assert.ok(key !== undefined);
    const policy = await known(key.policy);
    assertPolicyHolds(policy, await known(key.plans), { eventDataStoreKey: true });
    const [keyReg] = await registrationsOf(registrations, key.key);
    assert.equal(keyReg.inputs.policy, policy);
    assert.equal((await testing.readOutput(lake.arn, 200)).known, false);
  });
});
