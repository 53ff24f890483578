/**
 * The key-policy linter: every check in this folder, one per file, run over a parsed policy. The
 * checks are pure; this module only lists them, orders their findings and keeps a faulty check from
 * taking the others down.
 */
import type { Finding, KeyPolicy, Severity } from "../types";
import { finding, type CheckMeta, type CollectingCheck, type LintCheck, type LintOptions } from "./check";
import { encryptionContextOnUnsupportedAction } from "./encryption-context-on-unsupported-action";
import { iamPoliciesNotEnabled } from "./iam-policies-not-enabled";
import { notPrincipalInAllow } from "./not-principal-in-allow";
import { publicPrincipalUnconditioned } from "./public-principal-unconditioned";
import { servicePrincipalWithoutSourceCondition } from "./service-principal-without-source-condition";
import { singleValuedOperatorOnMultivaluedKey } from "./single-valued-operator-on-multivalued-key";
import { sourceConditionOnEventDataStoreKey } from "./source-condition-on-event-data-store-key";
import { sourceIpCondition } from "./source-ip-condition";
import { stringOperatorOnArnKey } from "./string-operator-on-arn-key";
import { vpcConditionWithoutServiceException } from "./vpc-condition-without-service-exception";

export type { CheckMeta, LintCheck, LintFix, LintOptions } from "./check";

/** Every check, in the order their findings are listed within a statement. */
const CHECKS: readonly CollectingCheck[] = [
  publicPrincipalUnconditioned,
  notPrincipalInAllow,
  iamPoliciesNotEnabled,
  encryptionContextOnUnsupportedAction,
  sourceConditionOnEventDataStoreKey,
  servicePrincipalWithoutSourceCondition,
  vpcConditionWithoutServiceException,
  sourceIpCondition,
  singleValuedOperatorOnMultivaluedKey,
  stringOperatorOnArnKey,
];

export const LINT_CHECKS: readonly LintCheck[] = CHECKS;

/**
 * Reported in place of a check's findings when the check itself fails: a bug, never a policy verdict.
 * The finding cites the failing check's source; this static one stands for the kind.
 */
export const lintCheckFailed: CheckMeta = {
  id: "lint-check-failed",
  severity: "warning",
  description: "A lint check failed on this policy; its rule was not checked.",
  source: { seed: "004", section: "Permissions reference" },
  fix: { description: "Report the policy to the maintainers of pulumi-kms-guardrails." },
};

/** Every finding kind the linter can report, by id: for policy packs and documentation. */
export const LINT_FINDING_KINDS: readonly CheckMeta[] = [
  ...LINT_CHECKS.flatMap((c): CheckMeta[] => [c, ...(c.also ?? [])]),
  lintCheckFailed,
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Adds the check's findings; if it fails, drops what it added and reports the failure instead. */
function collectFrom(check: CollectingCheck, policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  const before = findings.length;
  try {
    check.collect(policy, options, findings);
  } catch (err) {
    findings.length = before;
    const reason = err instanceof Error ? err.message : String(err);
    findings.push(
      finding({ ...lintCheckFailed, source: check.source }, undefined, "$", `Check ${check.id} failed: ${reason}`),
    );
  }
}

/**
 * Lints a parsed key policy into findings, policy-wide ones first, then by statement, then by
 * severity. Never throws. `onlyChecks` (check ids) runs just those checks: a caller that needs one
 * verdict under several options (a policy pack trying each candidate key account) need not pay for
 * all ten each time.
 */
export function lintPolicy(policy: KeyPolicy, options: LintOptions = {}, onlyChecks?: ReadonlySet<string>): Finding[] {
  const findings: Finding[] = [];
  for (let i = 0; i < CHECKS.length; i++) {
    const check = CHECKS[i];
    if (onlyChecks === undefined || onlyChecks.has(check.id)) collectFrom(check, policy, options, findings);
  }
  return ordered(findings);
}

/** Beyond this many findings the general sort beats insertion into place. */
const INSERTION_LIMIT = 32;
/** Ranks `index * 4 + severity` stay exact integers far beyond any policy's statement count. */
const MAX_RANKED_INDEX = 2 ** 40;

/** The findings in report order: by statement (policy-wide first), then severity, then as found. */
function ordered(findings: Finding[]): Finding[] {
  // The two sorts give the same order (both stable, on the same key): which one runs only decides
  // how fast. So the choice's mutants change nothing users see.
  // Stryker disable next-line all: sorting fewer than two findings is a no-op either way
  if (findings.length < 2) return findings;
  // Stryker disable next-line all: either sort gives the same order (the choice is for speed)
  if (findings.length <= INSERTION_LIMIT) {
    const ranks: number[] = [];
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      const index = f.statement?.index ?? -1;
      const rank = index * 4 + SEVERITY_ORDER[f.severity];
      // Hand-built statements may carry any index: the general sort orders those as it always did.
      // An integer index up to 2^40 gives an exact integer rank.
      if (!Number.isInteger(index) || Math.abs(index) > MAX_RANKED_INDEX) {
        return sortedInGeneral(findings);
      }
      ranks.push(rank);
    }
    // A stable insertion sort: a policy yields a handful of findings, mostly in order already.
    for (let i = 1; i < findings.length; i++) {
      const f = findings[i];
      const rank = ranks[i];
      let j = i - 1;
      // Stryker disable next-line ConditionalExpression: past the start, ranks[-1] is undefined, never > rank
      while (j >= 0 && ranks[j] > rank) {
        findings[j + 1] = findings[j];
        ranks[j + 1] = ranks[j];
        j--;
      }
      findings[j + 1] = f;
      ranks[j + 1] = rank;
    }
    return findings;
  }
  return sortedInGeneral(findings);
}

function sortedInGeneral(findings: Finding[]): Finding[] {
  // Array.prototype.sort is stable: findings of one statement and severity stay as found.
  return findings.sort(
    (a, b) =>
      (a.statement?.index ?? -1) - (b.statement?.index ?? -1) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
}
