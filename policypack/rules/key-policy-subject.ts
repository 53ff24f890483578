/**
 * Shared by the resource-level rules: a resource's key policy, parsed once (policy-cache.ts) and
 * linted once per subject (the five rules of one Analyze call read the same subject,
 * model/subject-memo.ts), and lint findings of chosen kinds turned into violations at the rule's
 * level (a rule that reports some below it says so: kms-key-policy-valid).
 */
import {
  lintPolicy,
  type Finding,
  type KeyPolicy,
  type LintOptions,
  type ParseResult,
} from "pulumi-kms-guardrails/engine";
import { lintMessage, resourceLabel, waitingFor } from "../messages";
import { parseDocument } from "../model/policy-cache";
import { RecentMemo } from "../recent-memo";
import type { KeyPolicySubject } from "../model/types";
import type { Violation } from "./types";
import { withTrailSourceArn } from "./encryption-context-fix";

export type SubjectPolicy =
  /** No policy: AWS applies the default key policy, which every resource-level rule accepts. */
  | { readonly state: "absent" }
  | { readonly state: "unknown"; readonly field: string }
  | { readonly state: "unusable"; readonly result: ParseResult }
  | { readonly state: "parsed"; readonly result: ParseResult; readonly policy: KeyPolicy };

/** What the rules of one Analyze call share about a subject: its policy and, once asked, its findings. */
interface SubjectMemo {
  readonly policy: SubjectPolicy;
  findings: readonly Finding[] | undefined;
}

/** This call's subject and the last one's: the rules of a call run one after another (recent-memo.ts). */
const memos = new RecentMemo<KeyPolicySubject, SubjectMemo>(2);

function memoOf(subject: KeyPolicySubject): SubjectMemo {
  let memo = memos.get(subject);
  if (memo === undefined) {
    memo = { policy: readSubjectPolicy(subject), findings: undefined };
    memos.set(subject, memo);
  }
  return memo;
}

export function subjectPolicy(subject: KeyPolicySubject): SubjectPolicy {
  return memoOf(subject).policy;
}

function readSubjectPolicy(subject: KeyPolicySubject): SubjectPolicy {
  const doc = subject.document;
  if (doc.kind === "absent") return { state: "absent" };
  if (doc.kind === "unknown") return { state: "unknown", field: doc.field };
  const result = parseDocument(doc.value);
  return result.policy === undefined
    ? { state: "unusable", result }
    : { state: "parsed", result, policy: result.policy };
}

/**
 * The lint checks the resource-level rules read, run together once per key policy. Of the others,
 * two (service principals without a source condition, source conditions on an event data store key)
 * need the stack: the stack rules run them; iam-policies-not-enabled is decided by its rule, which
 * runs the check only for a policy that fails it.
 */
export const RESOURCE_RULE_CHECKS: ReadonlySet<string> = new Set([
  "public-principal-unconditioned",
  "not-principal-in-allow",
  "encryption-context-on-unsupported-action",
  "vpc-condition-without-service-exception",
  "source-ip-condition",
  "single-valued-operator-on-multivalued-key",
  "string-operator-on-arn-key",
]);

/**
 * kms-key-policy-valid, the one rule that reads string-operator-on-arn-key findings, reports only
 * comparisons with a wildcard: the others (the StringEquals aws:SourceArn of every CloudTrail
 * statement) are not built.
 */
const RESOURCE_RULE_OPTIONS: LintOptions = { reportLiteralArnComparisons: false };

export function lintOptionsFor(subject: KeyPolicySubject): LintOptions {
  return subject.keyArn !== undefined ? { ...RESOURCE_RULE_OPTIONS, keyArn: subject.keyArn } : RESOURCE_RULE_OPTIONS;
}

/**
 * The `RESOURCE_RULE_CHECKS` findings on a parsed subject policy, under the subject's own options.
 * Linted here rather than through policy-cache.ts `lintDocument`: the subject's memo already keeps
 * them for the call, and that cache's entry per policy cost more per key than a policy text repeated
 * across keys saves (bench/pair.ts).
 */
export function resourceFindings(subject: KeyPolicySubject, policy: KeyPolicy): readonly Finding[] {
  const memo = memoOf(subject);
  memo.findings ??= withTrailSourceArns(policy, lintPolicy(policy, lintOptionsFor(subject), RESOURCE_RULE_CHECKS));
  return memo.findings;
}

/** `withTrailSourceArn` on each finding; the list itself (shared, never changed) when none changes, as most. */
function withTrailSourceArns(policy: KeyPolicy, linted: readonly Finding[]): readonly Finding[] {
  let out: Finding[] | undefined;
  for (let i = 0; i < linted.length; i++) {
    const f = withTrailSourceArn(policy, linted[i]);
    if (f !== linted[i]) (out ??= linted.slice())[i] = f;
  }
  return out ?? linted;
}

/** The linter's own failure on a policy: a check that did not run, never a verdict. */
export const LINT_CHECK_FAILED = "lint-check-failed";

export function findingViolation(subject: KeyPolicySubject, finding: Finding): Violation {
  return {
    message: lintMessage(subject, finding),
    ...(finding.id === LINT_CHECK_FAILED ? { kind: "undecided" } : {}),
  };
}

/** The undecided finding for a policy, or parts of one, that are not known yet. */
export function waitingViolation(subject: KeyPolicySubject, what: string): Violation {
  return { message: waitingFor(`the key policy of ${resourceLabel(subject.ref)}`, what), kind: "undecided" };
}

/** The undecided finding for the parts of a parsed policy not known yet; `undefined` when all are known. */
export function waitingForUnknownParts(subject: KeyPolicySubject, result: ParseResult): Violation | undefined {
  return result.unknownPaths.length > 0
    ? waitingViolation(subject, `the values at ${result.unknownPaths.join(", ")}`)
    : undefined;
}

/**
 * The findings of the given kinds on the subject's policy (those of kind `practiceId` as practice
 * findings); an advisory when the policy, or a part of it, is not known yet and nothing was found in
 * the known part.
 */
export function lintFindings(subject: KeyPolicySubject, ids: ReadonlySet<string>, practiceId?: string): Violation[] {
  const p = subjectPolicy(subject);
  if (p.state === "absent" || p.state === "unusable") return [];
  if (p.state === "unknown") return [waitingViolation(subject, p.field)];
  const findings = resourceFindings(subject, p.policy);
  const violations: Violation[] = [];
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    if (!ids.has(f.id)) continue;
    violations.push(
      f.id === practiceId ? { ...findingViolation(subject, f), kind: "practice" } : findingViolation(subject, f),
    );
  }
  const waiting = violations.length === 0 ? waitingForUnknownParts(subject, p.result) : undefined;
  if (waiting !== undefined) return [waiting];
  return violations;
}
