/**
 * Violation text. A message names the key and the integration resource, says what fails and why,
 * and ends with the exact statement JSON to add, from the catalog (issue 4, "Violation messages").
 * Messages never print a whole key policy: a policy may be a secret, a statement to add never is.
 */
import { citeAws } from "pulumi-kms-guardrails/catalog";
import type { SourceRef } from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL, type Finding } from "pulumi-kms-guardrails/engine";
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

/** How a value not known yet (Pulumi's sentinel, whole or inside a string) shows in a message. */
export const NOT_KNOWN_YET = "<not known yet>";

/** Pulumi's sentinel is an internal UUID: users read the placeholder instead. */
export function showUnknowns(text: string): string {
  return text.split(PULUMI_UNKNOWN_SENTINEL).join(NOT_KNOWN_YET);
}

/**
 * JSON to paste. A value not known yet (a trail's ARN in the first preview) shows as the
 * placeholder, followed by what it stands for when the caller knows (`pending`).
 */
export function json(value: unknown, pending: readonly string[] = []): string {
  return explainUnknowns(jsonText(value), pending);
}

const jsonText = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? showUnknowns(v) : v), 2);

function explainUnknowns(text: string, pending: readonly string[]): string {
  if (!text.includes(NOT_KNOWN_YET)) return text;
  const what = pending.length > 0 ? pending.join(", ") : "the value";
  return `${text}\nReplace "${NOT_KNOWN_YET}" with ${what}: it is not known until the resources are created (preview).`;
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
export function addStatement(
  policySource: ResourceRef,
  statement: unknown,
  source?: SourceRef,
  pending: readonly string[] = [],
): string {
  return `Add this statement to the key policy of ${resourceLabel(policySource)}:\n${json(forKeyPolicy(statement), pending)}${seeAws(source)}`;
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
export function addStatements(
  policySource: ResourceRef,
  fixes: readonly StatementFix[],
  pending: readonly string[] = [],
): string {
  if (fixes.length === 1) return addStatement(policySource, fixes[0].statement, fixes[0].source, pending);
  const cited = new Set<string>();
  const sources = fixes
    .map((f) => seeAws(f.source))
    .filter((line) => line !== "" && !cited.has(line) && cited.add(line) !== undefined);
  return (
    `Add these statements to the key policy of ${resourceLabel(policySource)}:\n` +
    explainUnknowns(fixes.map((f) => jsonText(forKeyPolicy(f.statement))).join(",\n"), pending) +
    sources.join("")
  );
}

export function replaceWith(statement: unknown, source?: SourceRef): string {
  return `Limit it the way the documented statement does:\n${json(forKeyPolicy(statement))}${seeAws(source)}`;
}

/**
 * Preview: the rule cannot decide yet, says which value it waits for and, when the evaluator said
 * what the verdict depends on, that reason as its own sentence.
 */
export function waitingFor(subject: string, what: string, reason?: string): string {
  const why = reason !== undefined && reason !== "" ? ` ${asSentence(reason)}` : "";
  return `Cannot yet check ${showUnknowns(subject)}: waiting for ${what}, which is not known until the resources are created (preview).${why} The rule runs again on update.`;
}

/** `the rule fails` -> `The rule fails.` */
export function asSentence(text: string): string {
  const s = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** `CloudTrail calls kms:DescribeKey.` -> `CloudTrail calls kms:DescribeKey`, to go inside a sentence. */
export function asClause(text: string): string {
  return text.endsWith(".") ? text.slice(0, -1) : text;
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
