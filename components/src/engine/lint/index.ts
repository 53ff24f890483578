/**
 * The key-policy linter: every check in this folder, one per file, run over a parsed policy. The
 * checks are pure; this module only lists them, orders their findings and keeps a faulty check from
 * taking the others down.
 */
import type { Finding, KeyPolicy, Severity } from "../types";
import { finding, type CheckMeta, type LintCheck, type LintOptions } from "./check";
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
export const LINT_CHECKS: readonly LintCheck[] = [
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

function runCheck(check: LintCheck, policy: KeyPolicy, options: LintOptions): Finding[] {
  try {
    return check.run(policy, options);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [
      finding({ ...lintCheckFailed, source: check.source }, undefined, "$", `Check ${check.id} failed: ${reason}`),
    ];
  }
}

/**
 * Lints a parsed key policy into findings, policy-wide ones first, then by statement, then by
 * severity. Never throws. `onlyChecks` (check ids) runs just those checks: a caller that needs one
 * verdict under several options (a policy pack trying each candidate key account) need not pay for
 * all ten each time.
 */
export function lintPolicy(policy: KeyPolicy, options: LintOptions = {}, onlyChecks?: ReadonlySet<string>): Finding[] {
  const checks = onlyChecks === undefined ? LINT_CHECKS : LINT_CHECKS.filter((c) => onlyChecks.has(c.id));
  const findings = checks.flatMap((check) => runCheck(check, policy, options));
  return findings
    .map((f, order) => ({ f, order }))
    .sort(
      (a, b) =>
        (a.f.statement?.index ?? -1) - (b.f.statement?.index ?? -1) ||
        SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] ||
        a.order - b.order,
    )
    .map(({ f }) => f);
}
