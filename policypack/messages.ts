/**
 * Violation text. A message names the key and the integration resource, says what fails and why,
 * and ends with the exact statement JSON to add, from the catalog (issue 4, "Violation messages").
 * Messages never print a whole key policy: a policy may be a secret, a statement to add never is.
 */
import { citeAws } from "pulumi-kms-guardrails/catalog";
import type { SourceRef } from "pulumi-kms-guardrails/catalog";
import type { Finding } from "pulumi-kms-guardrails/engine";
import type { KeyPolicySubject, ResourceRef } from "./model/types";

const KIND_BY_TYPE: Readonly<Record<string, string>> = {
  "aws:cloudtrail/trail:Trail": "trail",
  "aws-native:cloudtrail:Trail": "trail",
  "aws:cloudtrail/eventDataStore:EventDataStore": "event data store",
  "aws-native:cloudtrail:EventDataStore": "event data store",
  "aws:cfg/deliveryChannel:DeliveryChannel": "delivery channel",
  "aws-native:configuration:DeliveryChannel": "delivery channel",
  "aws:controltower/landingZone:LandingZone": "landing zone",
  "aws-native:controltower:LandingZone": "landing zone",
  "aws:cloudwatch/logGroup:LogGroup": "log group",
  "aws-native:logs:LogGroup": "log group",
  "aws:kms/keyPolicy:KeyPolicy": "key policy",
  "aws:kms/replicaKey:ReplicaKey": "replica key",
  "aws-native:kms:ReplicaKey": "replica key",
};

/** `trail 'finance'`, `key 'audit'`, `bucket 'logs'`. */
export function resourceLabel(ref: ResourceRef): string {
  const kind = KIND_BY_TYPE[ref.type] ?? (ref.type.toLowerCase().includes("bucket") ? "bucket" : "key");
  return `${kind} '${ref.name}'`;
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/**
 * A statement as a key policy should hold it: `"Resource": "*"`, which in a key policy means the key
 * itself. AWS's key-policy examples write it so, and a key cannot name its own ARN before it exists.
 */
export function forKeyPolicy(statement: unknown): unknown {
  if (typeof statement !== "object" || statement === null || Array.isArray(statement)) return statement;
  const s = statement as Record<string, unknown>;
  return "Resource" in s ? { ...s, Resource: "*" } : s;
}

/** The line that cites where AWS documents a statement or a rule. */
export function seeAws(source: SourceRef | undefined): string {
  return source !== undefined ? `\nAWS documentation: ${citeAws(source)}` : "";
}

/** The closing part of a message: the statement to add, and where AWS documents it. */
export function addStatement(policySource: ResourceRef, statement: unknown, source?: SourceRef): string {
  return `Add this statement to the key policy of ${resourceLabel(policySource)}:\n${json(forKeyPolicy(statement))}${seeAws(source)}`;
}

/** A statement to add and where AWS documents it. */
export interface StatementFix {
  readonly statement: unknown;
  readonly source?: SourceRef;
}

/**
 * The closing part of a message whose one cause needs several statements (CloudTrail's encrypt,
 * decrypt and describe statements when none names CloudTrail): all of them, each page cited once.
 */
export function addStatements(policySource: ResourceRef, fixes: readonly StatementFix[]): string {
  if (fixes.length === 1) return addStatement(policySource, fixes[0].statement, fixes[0].source);
  const cited = new Set<string>();
  const sources = fixes
    .map((f) => seeAws(f.source))
    .filter((line) => line !== "" && !cited.has(line) && cited.add(line) !== undefined);
  return (
    `Add these statements to the key policy of ${resourceLabel(policySource)}:\n` +
    `${fixes.map((f) => json(forKeyPolicy(f.statement))).join(",\n")}${sources.join("")}`
  );
}

export function replaceWith(statement: unknown, source?: SourceRef): string {
  return `Limit it the way the documented statement does:\n${json(forKeyPolicy(statement))}${seeAws(source)}`;
}

/** Preview: the rule cannot decide yet and says which value it waits for. */
export function waitingFor(subject: string, what: string): string {
  return `Cannot check ${subject} yet: waiting for ${what}, which is not known until the resources are created (preview). The rule runs again on update.`;
}

export function notCheckable(integration: ResourceRef, field: string, reference: string): string {
  return (
    `${resourceLabel(integration)} uses KMS key ${reference} (${field}), which is not defined in this stack: ` +
    "not checkable here. Run this pack on the stack that defines the key, or check its key policy by hand."
  );
}

export function invalidInput(subject: string, message: string): string {
  return `Cannot check ${subject}: ${message}`;
}

/** A lint finding on a resource's key policy, with the finding's own fix. */
export function lintMessage(subject: KeyPolicySubject, finding: Finding): string {
  const field = subject.document.kind === "present" ? subject.document.field : "policy";
  const lines = [`Key policy of ${resourceLabel(subject.ref)} (${field}) at ${finding.path}: ${finding.message}`];
  if (finding.fix !== undefined) {
    lines.push(finding.fix.description);
    if (finding.fix.json !== undefined) lines.push(json(forKeyPolicy(finding.fix.json)));
  }
  return lines.join("\n") + seeAws(finding.source);
}
