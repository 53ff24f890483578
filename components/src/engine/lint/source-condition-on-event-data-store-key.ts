/**
 * `source-condition-on-event-data-store-key` (error, only with `LintOptions.eventDataStoreKey`).
 * Seed 003, "Required KMS key policy elements for event data stores": "The aws:SourceArn and
 * aws:SourceAccount condition keys are not supported in KMS key policies for event data stores", and
 * "Granting encrypt permissions": "A policy for a KMS key used to encrypt CloudTrail Lake event data
 * store logs cannot use the condition keys aws:SourceArn or aws:SourceAccount". A CloudTrail
 * statement that requires them grants CloudTrail Lake nothing, and it cannot deliver events.
 */
import type { Finding, KeyPolicy } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { conditionsOf, requiresKeyPresent, statementsOf } from "./statements";

const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount"]);

function isCloudTrail(service: string): boolean {
  return service.toLowerCase() === "cloudtrail.amazonaws.com";
}

function collect(policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  if (options.eventDataStoreKey !== true) return;
  for (const s of statementsOf(policy)) {
    const services = s.principal?.service;
    if (s.effect !== "Allow" || services === undefined || !services.some(isCloudTrail)) continue;
    for (const c of conditionsOf(s)) {
      if (!SOURCE_KEYS.has(c.keyLower) || !requiresKeyPresent(c)) continue;
      findings.push(
        finding(
          sourceConditionOnEventDataStoreKey,
          s,
          c.path,
          `${statementLabel(s)} requires ${c.key} for CloudTrail, but the key encrypts an event data store and ` +
            "CloudTrail Lake requests do not support that condition key: CloudTrail cannot use the key.",
        ),
      );
    }
  }
}

export const sourceConditionOnEventDataStoreKey: CollectingCheck = collectingCheck(
  {
    id: "source-condition-on-event-data-store-key",
    severity: "error",
    description: "A key for a CloudTrail Lake event data store must not require aws:SourceArn or aws:SourceAccount.",
    source: {
      seed: "003",
      section: "Required KMS key policy elements for event data stores",
      anchor: "required-kms-key-policy-eventdatastores",
    },
    fix: {
      description:
        "Remove the aws:SourceArn / aws:SourceAccount condition from the CloudTrail statement, or give trails " +
        "and event data stores separate keys.",
    },
  },
  collect,
);
