/**
 * `not-principal-in-allow` (error). An Allow with `NotPrincipal` grants every principal except the
 * ones listed: every identity in every AWS account, which seed 004 ("Cross-account access") forbids
 * for `Principal: "*"` and which is the same grant spelled differently.
 */
import type { Finding, KeyPolicy } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { statementsOf } from "./statements";

function collect(policy: KeyPolicy, _options: LintOptions, findings: Finding[]): void {
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.effect !== "Allow" || s.notPrincipal === undefined) continue;
    findings.push(
      finding(
        notPrincipalInAllow,
        s,
        `${s.path}.NotPrincipal`,
        `${statementLabel(s)} combines Allow with NotPrincipal: it grants the key to every identity in every ` +
          "AWS account except the ones listed.",
      ),
    );
  }
}

export const notPrincipalInAllow: CollectingCheck = collectingCheck(
  {
    id: "not-principal-in-allow",
    severity: "error",
    description: "NotPrincipal with Allow grants the key to everyone not listed.",
    source: { seed: "004", section: "Cross-account access" },
    fix: {
      description:
        "Name the principals that need the key in Principal. To exclude principals, use Deny with a condition on " +
        "aws:PrincipalArn instead.",
    },
  },
  collect,
);
