/**
 * Whole stacks through the whole pack: the components' stacks produce no violation at all, and
 * the hand-broken stack produces exactly the expected (rule, level, resource) triples.
 */
import { strict as assert } from "node:assert";
import { runPack, type Reported } from "./harness";
import { PROVIDERS } from "./fixtures/aws";
import * as stacks from "./fixtures/stacks";

function show(reported: readonly Reported[]): string {
  return reported.map((r) => `${r.policy}@${r.level} ${r.urn ?? ""}\n${r.message}`).join("\n---\n");
}

function triples(reported: readonly Reported[]): string[] {
  return [...new Set(reported.map((r) => `${r.policy} ${r.level} ${(r.urn ?? "").split("::").pop() ?? ""}`))].sort();
}

describe("policy pack: whole stacks", () => {
  for (const provider of PROVIDERS) {
    describe(provider.name, () => {
      const compliant: Record<string, () => ReturnType<typeof stacks.auditBaseline>> = {
        "AuditBaseline (service-linked role)": () => stacks.auditBaseline("service-linked-role"),
        "AuditBaseline (IAM role)": () => stacks.auditBaseline("iam-role"),
        EncryptedEventDataStore: stacks.eventDataStoreStack,
        LandingZoneKey: stacks.landingZoneStack,
      };
      for (const [name, build] of Object.entries(compliant)) {
        it(`${name}, key policy composed by the catalog: zero violations`, async () => {
          const reported = await runPack(provider.convert(build()));
          assert.deepEqual(reported, [], show(reported));
        });
      }
    });
  }

  it("the noncompliant stack: exactly the expected rules, levels and resources (AWS Classic)", async () => {
    const reported = await runPack(stacks.noncompliant());
    assert.deepEqual(triples(reported), EXPECTED_NONCOMPLIANT, show(reported));
  });

  it("the noncompliant stack: the same rules and levels with AWS Native", async () => {
    const classic = await runPack(stacks.noncompliant());
    const native = await runPack(PROVIDERS[1].convert(stacks.noncompliant()));
    const key = (r: Reported): string => `${r.policy} ${r.level} ${(r.urn ?? "").split("::").pop() ?? ""}`;
    assert.deepEqual([...new Set(native.map(key))].sort(), [...new Set(classic.map(key))].sort(), show(native));
  });
});

const EXPECTED_NONCOMPLIANT: string[] = [
  "cloudtrail-key-allows-describe mandatory trail-key",
  "cloudtrail-trail-encrypted mandatory unencrypted",
  "config-key-allows-delivery mandatory config-key",
  "event-data-store-key-allows-cloudtrail mandatory lake-key",
  "event-data-store-key-no-source-condition mandatory lake-key",
  "kms-encryption-context-on-unsupported-action mandatory trail-key",
  // The DescribeKey statement has no source condition (besides its misplaced encryption context).
  "kms-service-principal-source-condition advisory trail-key",
  // The encrypt statement lets CloudTrail encrypt for any trail of the account.
  "kms-service-principal-source-condition mandatory trail-key",
];
