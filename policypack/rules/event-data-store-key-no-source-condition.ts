/**
 * event-data-store-key-no-source-condition. Seed 003, "Granting encrypt permissions": "A policy for
 * a KMS key used to encrypt CloudTrail Lake event data store logs cannot use the condition keys
 * aws:SourceArn or aws:SourceAccount", and "Required KMS key policy elements for event data
 * stores": "The aws:SourceArn and aws:SourceAccount condition keys are not supported in KMS key
 * policies for event data stores." A CloudTrail statement that requires them never applies to
 * CloudTrail Lake. On a key that also serves a trail of the stack, the trail's statements must
 * keep them; then only a statement that leaves the event data store without access is reported.
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { eventDataStorePlan, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import type { Finding, KeyPolicy } from "pulumi-kms-guardrails/engine";
import { eventDataStoreChecks, keysUsedBy } from "../analysis/integrations";
import { keyLabel, type KeyFacts } from "../analysis/keys";
import type { CheckedPlan } from "../analysis/probes";
import { addStatements, type StatementFix } from "../messages";
import { lintDocument } from "../model/policy-cache";
import { byCause, catalogGrant, causeFix, failedAllowOutcomes, membersText, uncheckedGroup } from "./stack-helpers";
import type { StackRule, Violation } from "./types";

const FINDING = "source-condition-on-event-data-store-key";
/** The one check that reports it. */
const FINDING_CHECK: ReadonlySet<string> = new Set([FINDING]);
const SOURCE_KEYS: ReadonlySet<string> = new Set(["aws:sourcearn", "aws:sourceaccount"]);
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
  configSchema: ACCOUNT_IDS_SCHEMA,
  check: (model, options) => {
    const trailKeys = keysUsedBy(model, ["trail"]);
    const out: Violation[] = [];
    for (const group of eventDataStoreChecks(model, options).groups) {
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
      // One finding per statement: its aws:SourceArn and aws:SourceAccount conditions are one cause.
      const byStatement = new Map<number, Finding[]>();
      for (const f of lintDocument(r.policy, options, FINDING_CHECK)) {
        if (f.id !== FINDING || f.statement === undefined) continue;
        const same = byStatement.get(f.statement.index);
        if (same === undefined) byStatement.set(f.statement.index, [f]);
        else same.push(f);
      }
      for (const [index, findings] of byStatement) {
        const first = findings[0];
        const keys = [...new Set(findings.map(conditionKeyOf))].sort().join(" and ");
        const what =
          findings.length === 1
            ? first.message
            : `${statementLabel(first)} requires ${keys} for CloudTrail, but the key encrypts an event data store and CloudTrail Lake requests do not support those condition keys: CloudTrail cannot use the key.`;
        out.push({
          message:
            `${keyLabel(group.facts)} encrypts ${membersText(group.members)}: ${what}\n${first.fix?.description ?? ""}` +
            `\n${addStatements(group.facts.policySource, statementFix(group.facts, r.plans, index, r.policy, r.location))}`,
          urn: group.facts.policySource.urn,
        });
      }
    }
    return out;
  },
};

/** `aws:SourceArn` from a finding's path `$.Statement[0].Condition.StringEquals["aws:SourceArn"]`. */
function conditionKeyOf(f: Finding): string {
  return /\["([^"]+)"\]$/.exec(f.path)?.[1] ?? "aws:SourceArn";
}

function statementLabel(f: Finding): string {
  return f.statement?.sid !== undefined && f.statement.sid !== ""
    ? `Statement "${f.statement.sid}"`
    : `Statement[${f.statement?.index ?? 0}]`;
}

/**
 * The fix event-data-store-key-allows-cloudtrail suggests for the requests this statement turns away
 * (the same cause: statement `index` and its source condition), so both rules suggest the same
 * statements; the catalog's encrypt statement when no request fails because of it.
 */
function statementFix(
  facts: KeyFacts,
  plans: readonly CheckedPlan[],
  index: number,
  policy: KeyPolicy,
  key: KeyLocation,
): StatementFix[] {
  for (const checked of plans) {
    for (const { cause, outcomes } of byCause(failedAllowOutcomes(checked.outcomes)).values()) {
      if (cause.statement === index && cause.conditionKey !== undefined && SOURCE_KEYS.has(cause.conditionKey))
        return causeFix(facts, checked.plan, cause, outcomes, policy);
    }
  }
  const encrypt = catalogGrant(() => eventDataStorePlan({ key }), EDS_ENCRYPT_SID);
  return encrypt !== undefined ? [{ statement: encrypt.statement, source: encrypt.source }] : [];
}
