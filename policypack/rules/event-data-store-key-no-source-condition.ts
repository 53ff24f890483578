/**
 * event-data-store-key-no-source-condition. Seed 003, "Granting encrypt permissions": "A policy for
 * a KMS key used to encrypt CloudTrail Lake event data store logs cannot use the condition keys
 * aws:SourceArn or aws:SourceAccount", and "Required KMS key policy elements for event data
 * stores": "The aws:SourceArn and aws:SourceAccount condition keys are not supported in KMS key
 * policies for event data stores." A CloudTrail statement that requires them never applies to
 * CloudTrail Lake. On a key that also serves a trail of the stack, the trail's statements must
 * keep them; then only a statement that leaves the event data store without access is reported.
 */
import { eventDataStorePlan } from "pulumi-kms-guardrails/catalog";
import { eventDataStoreChecks, keysUsedBy } from "../analysis/integrations";
import { keyLabel } from "../analysis/keys";
import { lintDocument } from "../model/policy-cache";
import { catalogGrant, fixSuffix, membersText, uncheckedGroup } from "./stack-helpers";
import type { StackRule, Violation } from "./types";

const FINDING = "source-condition-on-event-data-store-key";
/** The one check that reports it. */
const FINDING_CHECK: ReadonlySet<string> = new Set([FINDING]);
/** Seed 003 "Granting encrypt permissions", event data store example. */
const EDS_ENCRYPT_SID = "Allow CloudTrail to encrypt event data store";

export const eventDataStoreKeyNoSourceCondition: StackRule = {
  scope: "stack",
  id: "event-data-store-key-no-source-condition",
  description:
    "CloudTrail statements on an event data store's key must not require aws:SourceArn or aws:SourceAccount: CloudTrail Lake requests do not carry them.",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "003", section: "Granting encrypt permissions", anchor: "create-kms-key-policy-for-cloudtrail-encrypt" },
    {
      seed: "003",
      section: "Required KMS key policy elements for event data stores",
      anchor: "required-kms-key-policy-eventdatastores",
    },
  ],
  passing: {
    description: "The CloudTrail User Guide's event data store statement, without conditions.",
    json: {
      Sid: "Allow CloudTrail to encrypt event data store",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey",
      Resource: "*",
    },
  },
  failing: {
    description: "The trail habit carried over: aws:SourceArn on the event data store's key.",
    json: {
      Sid: "Allow CloudTrail to encrypt event data store",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey",
      Resource: "*",
      Condition: {
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:eventdatastore/EXAMPLE" },
      },
    },
  },
  check: (model) => {
    const trailKeys = keysUsedBy(model, ["trail"]);
    const out: Violation[] = [];
    for (const group of eventDataStoreChecks(model).groups) {
      const r = group.result;
      // Waiting in preview is said, never a silent pass.
      const unchecked = uncheckedGroup(group);
      if (unchecked !== undefined) {
        out.push(...unchecked);
        continue;
      }
      if (r.status !== "checked") continue;
      // A key shared with a trail: its source conditions serve the trail, unless the store is left without access.
      if (
        trailKeys.has(group.facts.key) &&
        r.plans.every((p) => p.outcomes.every((o) => o.probe.expect !== "allow" || o.satisfied !== false))
      ) {
        continue;
      }
      const options = {
        keyAccount: r.location.account,
        ...(group.facts.arn !== undefined ? { keyArn: group.facts.arn } : {}),
        eventDataStoreKey: true,
      };
      const encrypt = catalogGrant(() => eventDataStorePlan({ key: r.location }), EDS_ENCRYPT_SID);
      for (const f of lintDocument(r.policy, options, FINDING_CHECK).filter((x) => x.id === FINDING)) {
        out.push({
          message:
            `${keyLabel(group.facts)} encrypts ${membersText(group.members)}: ${f.message}\n${f.fix?.description ?? ""}` +
            fixSuffix(group.facts.policySource, encrypt),
          urn: group.facts.policySource.urn,
        });
      }
    }
    return out;
  },
};
