/**
 * Runs one rule's fix on a key policy as declared (a JSON string, AWS Classic; an object, AWS
 * Native) and proves the result before returning it: the fixed policy parses without errors, the
 * rule passes, no resource rule and no lint check that passed before fails now, and no statement
 * the fix wrote has an error-level finding. A fix that
 * cannot show all three is declined, never returned.
 */
import { lintPolicy, parsePolicy, type Finding, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import type { KeyPolicySubject, ResourceRef } from "../model/types";
import { RESOURCE_RULES } from "../rules";
import { fixEncryptionContextOnUnsupportedAction } from "./kms-encryption-context-on-unsupported-action";
import { fixKeyPolicyEnablesIamPolicies, lintOptions } from "./kms-key-policy-enables-iam-policies";
import { fixKeyPolicyValid } from "./kms-key-policy-valid";
import type { FixContext, KeyPolicyFix } from "./types";

/** The rules whose fix follows from the key alone, by rule id. */
export const KEY_POLICY_FIXES: ReadonlyMap<string, KeyPolicyFix> = new Map([
  ["kms-encryption-context-on-unsupported-action", fixEncryptionContextOnUnsupportedAction],
  ["kms-key-policy-enables-iam-policies", fixKeyPolicyEnablesIamPolicies],
  ["kms-key-policy-valid", fixKeyPolicyValid],
]);

/** What each fix does, one sentence, for RULES.md. */
export const FIX_SUMMARIES: Readonly<Record<string, string>> = {
  "kms-encryption-context-on-unsupported-action":
    "moves the actions that cannot carry an encryption context to a statement of their own right after the original, without the encryption context conditions and with every other condition (a statement whose every action moves keeps its place and Sid).",
  "kms-key-policy-enables-iam-policies":
    "adds the documented \"Enable IAM User Permissions\" statement for the key's account as the first statement. The account comes from the key's ARN (an aws.kms.KeyPolicy `keyId` given as an ARN, or a known `arn`), the one account in the provider's `allowedAccountIds`, or the key ARNs in `Resource`; without any, nothing is changed, because granting kms:* to a guessed account would open the key to it.",
  "kms-key-policy-valid":
    "in an Allow statement, an ARN condition key compared with StringLike and a wildcard (`aws:SourceArn` like `arn:aws:cloudtrail:*:111122223333:trail/*`) is compared with ArnLike instead, same values and set qualifier: each wildcard then stays within one ARN element, so the statement only narrows. Nothing else in this rule is fixed, and neither is a Deny statement, StringNotLike or StringEquals, a value that is not a whole ARN pattern, or a statement that already compares the key with ArnLike: each would change what the key allows in a way only its owner can choose.",
};

export type Remediation =
  | { readonly kind: "unchanged" }
  | { readonly kind: "declined"; readonly reason: string }
  /** `value` in the form it was declared in: a JSON string (same indentation) or an object. */
  | { readonly kind: "fixed"; readonly value: unknown; readonly changes: readonly string[] };

type Json = Record<string, unknown>;

/** The indentation of a JSON text: its second line's leading spaces (none for one-line JSON). */
function indentOf(text: string): number {
  const match = /\n( +)\S/.exec(text);
  return match === null ? 0 : match[1].length;
}

function render(declared: unknown, policy: KeyPolicy, statements: readonly unknown[]): unknown {
  const document: Json = {};
  const raw = policy.raw as Json;
  for (const [k, v] of Object.entries(raw)) document[k] = k === "Statement" ? [...statements] : v;
  return typeof declared === "string" ? JSON.stringify(document, null, indentOf(declared)) : document;
}

const SUBJECT_REF: ResourceRef = { urn: "urn:pulumi:remediation::kms::aws:kms/key:Key::key", name: "key", type: "" };

/** The resource rules that report something on the policy, by id. */
function failingRules(value: unknown, context: FixContext): Set<string> {
  const subject: KeyPolicySubject = {
    ref: SUBJECT_REF,
    document: { kind: "present", field: "policy", value, secrets: () => undefined },
    ...(context.keyArn !== undefined ? { keyArn: context.keyArn } : {}),
  };
  return new Set(RESOURCE_RULES.filter((r) => r.check(subject, {}).length > 0).map((r) => r.id));
}

/** The lint checks that report something at warning or error (stack rules read some of them). */
function failingChecks(policy: KeyPolicy, context: FixContext): Set<string> {
  const findings: Finding[] = lintPolicy(policy, lintOptions(context));
  return new Set(findings.filter((f) => f.severity !== "info").map((f) => f.id));
}

/**
 * The error-level findings on statements the fix wrote or changed: a fix never writes a statement
 * that opens the key (Principal "*" unconditioned, NotPrincipal with Allow), even where the rule
 * already failed on another statement. A DescribeKey for Principal "*" whose only condition is an
 * encryption context allows nothing; without it, everyone.
 */
function unsafeStatements(before: KeyPolicy, after: KeyPolicy, context: FixContext): string[] {
  const original = new Set(before.statements.map((s) => JSON.stringify(s.raw)));
  const written = new Set(after.statements.filter((s) => !original.has(JSON.stringify(s.raw))).map((s) => s.index));
  return lintPolicy(after, lintOptions(context))
    .filter((f) => f.severity === "error" && f.statement !== undefined && written.has(f.statement.index))
    .map((f) => `${f.id} (${f.path})`);
}

const newlyFailing = (before: ReadonlySet<string>, after: ReadonlySet<string>): string[] =>
  [...after].filter((id) => !before.has(id));

export function remediateKeyPolicy(ruleId: string, declared: unknown, context: FixContext = {}): Remediation {
  const fix = KEY_POLICY_FIXES.get(ruleId);
  if (fix === undefined) return { kind: "declined", reason: `rule ${ruleId} has no automatic fix` };
  const parsed = parsePolicy(declared);
  if (parsed.policy === undefined || !parsed.valid) {
    return { kind: "declined", reason: "the key policy is not a valid policy document (see kms-key-policy-valid)" };
  }
  if (parsed.unknownPaths.length > 0) {
    return { kind: "declined", reason: `the key policy is not known yet at ${parsed.unknownPaths.join(", ")}` };
  }
  const outcome = fix(parsed.policy, context);
  if (outcome.kind !== "fixed") return outcome;
  const value = render(declared, parsed.policy, outcome.statements);
  const fixed = parsePolicy(value);
  if (fixed.policy === undefined || !fixed.valid) {
    return {
      kind: "declined",
      reason: `the fixed policy would not be valid: ${fixed.errors[0]?.message ?? "unknown"}`,
    };
  }
  const rulesAfter = failingRules(value, context);
  if (rulesAfter.has(ruleId)) return { kind: "declined", reason: "the fix would not make the rule pass" };
  const regressions = [
    ...newlyFailing(failingRules(declared, context), rulesAfter),
    ...newlyFailing(failingChecks(parsed.policy, context), failingChecks(fixed.policy, context)),
    ...unsafeStatements(parsed.policy, fixed.policy, context),
  ];
  if (regressions.length > 0) {
    return { kind: "declined", reason: `the fix would make ${regressions.join(", ")} fail` };
  }
  return { kind: "fixed", value, changes: outcome.changes };
}
