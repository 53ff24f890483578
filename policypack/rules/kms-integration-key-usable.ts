/**
 * kms-integration-key-usable. Seed 003, "Required KMS key policy elements for trails": "If
 * encryption is enabled on a trail, and the KMS key is disabled ..., CloudTrail cannot deliver
 * logs" (and the same for event data stores); CloudTrail, CloudTrail Lake and AWS Config encrypt
 * with symmetric data keys (GenerateDataKey), which only a symmetric ENCRYPT_DECRYPT key issues
 * (seed 001, "Using encryption context condition keys": "AWS KMS symmetric cryptographic operation").
 */
import {
  deliveryChannelChecks,
  eventDataStoreChecks,
  trailChecks,
  type IntegrationChecks,
} from "../analysis/integrations";
import { keyLabel, type KeyFacts } from "../analysis/keys";
import { resourceLabel, waitingFor } from "../messages";
import type { KeyModel, ResourceRef } from "../model/types";
import { isUnknown, type Value } from "../model/values";
import type { StackRule, Violation } from "./types";

interface Use {
  readonly facts: KeyFacts;
  readonly users: ResourceRef[];
}

function collect(uses: Map<KeyModel, Use>, checks: IntegrationChecks<{ readonly ref: ResourceRef }>): void {
  for (const g of checks.groups) {
    const use = uses.get(g.facts.key) ?? { facts: g.facts, users: [] };
    use.users.push(...g.members.map((m) => m.ref));
    uses.set(g.facts.key, use);
  }
}

function expect(
  key: KeyModel,
  field: string,
  value: Value<string>,
  wanted: string,
  waits: string[],
  problems: string[],
): void {
  if (isUnknown(value)) waits.push(`${field} of ${resourceLabel(key.ref)}`);
  else if (value !== undefined && value !== wanted)
    problems.push(`its ${field} is ${value}; integrations need ${wanted}`);
}

export const kmsIntegrationKeyUsable: StackRule = {
  scope: "stack",
  id: "kms-integration-key-usable",
  description:
    "A key used by a trail, an event data store or a delivery channel is enabled and a symmetric ENCRYPT_DECRYPT key.",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "003", section: "Required KMS key policy elements for trails", anchor: "required-kms-key-policy-trails" },
    {
      seed: "003",
      section: "Required KMS key policy elements for event data stores",
      anchor: "required-kms-key-policy-eventdatastores",
    },
  ],
  passing: { description: "An enabled key with the defaults: key spec SYMMETRIC_DEFAULT, key usage ENCRYPT_DECRYPT." },
  failing: { description: "A trail encrypting with a disabled key, or with an RSA_2048 SIGN_VERIFY key." },
  check: (model) => {
    const uses = new Map<KeyModel, Use>();
    collect(uses, trailChecks(model));
    collect(uses, eventDataStoreChecks(model));
    collect(uses, deliveryChannelChecks(model));
    const out: Violation[] = [];
    for (const { facts, users } of uses.values()) {
      const key = facts.key;
      const waits: string[] = [];
      const problems: string[] = [];
      if (isUnknown(key.enabled)) waits.push(`enabled of ${resourceLabel(key.ref)}`);
      else if (key.enabled === false) problems.push("it is disabled");
      expect(key, "keyUsage", key.keyUsage, "ENCRYPT_DECRYPT", waits, problems);
      expect(key, "keySpec", key.keySpec, "SYMMETRIC_DEFAULT", waits, problems);
      const usedBy = users.map(resourceLabel).join(", ");
      if (problems.length > 0) {
        out.push({
          message: `${keyLabel(facts)} is used by ${usedBy}, but ${problems.join(", and ")}: they cannot encrypt with it. Enable the key, or use a symmetric encryption key (key spec SYMMETRIC_DEFAULT, key usage ENCRYPT_DECRYPT).`,
          urn: key.ref.urn,
        });
      } else if (waits.length > 0) {
        out.push({
          message: waitingFor(`whether ${keyLabel(facts)} (used by ${usedBy}) is usable`, waits.join(", ")),
          urn: key.ref.urn,
          kind: "undecided",
        });
      }
    }
    return out;
  },
};
