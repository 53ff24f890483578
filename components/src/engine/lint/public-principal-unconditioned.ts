/**
 * `public-principal-unconditioned` (error). Seed 004, "Cross-account access": "Do not set the
 * Principal to an asterisk (*) in any key policy statement that allows permissions unless you use
 * conditions to limit the key policy. An asterisk gives every identity in every AWS account
 * permission to use the KMS key".
 *
 * A condition limits the statement when it pins who is calling or on whose behalf: a positive,
 * concrete match on one of the keys below. The CloudTrail console's default key policy
 * (`Principal: "*"` with `kms:CallerAccount` and `kms:ViaService`) is therefore accepted. Where the
 * evaluator can decide, a request from an unrelated account must also be refused, which catches
 * patterns such as `StringLike aws:PrincipalArn arn:aws:iam::*:role/*`.
 */
import type { ConditionClause, Finding, KeyPolicy, Statement } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { grants, statementProbe, unrelatedAccount } from "./probe";
import { coveredKmsActions, isLimitingMatch, isPublic, keyAccountId, statementsOf } from "./statements";

const LIMITING_KEYS = new Set([
  "kms:calleraccount",
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "kms:viaservice",
]);

function isLimitingClause(c: ConditionClause): boolean {
  return LIMITING_KEYS.has(c.keyLower) && isLimitingMatch(c);
}

/** Whether a stranger's role, calling directly, gets any covered KMS action from the statement alone. */
function strangerIsGranted(statement: Statement, stranger: string): boolean {
  const principal = { kind: "aws", arn: `arn:aws:iam::${stranger}:role/Probe` } as const;
  const probe = statementProbe(statement);
  return coveredKmsActions(statement).some((a) => grants(probe({ principal, action: `kms:${a.name}` })));
}

function collect(policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  const account = keyAccountId(options) ?? "111122223333";
  // The same for every statement, and it reads the whole policy: only worked out when needed.
  let stranger: string | undefined;
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.effect !== "Allow" || !isPublic(s.principal)) continue;
    let why: string;
    if (!s.conditions.some(isLimitingClause)) {
      why = "without a condition that limits it to your accounts, organization or services";
    } else {
      stranger ??= unrelatedAccount(policy.statements);
      if (!strangerIsGranted(s, stranger)) continue;
      why = "with conditions that still admit a role in an unrelated account";
    }
    findings.push(
      finding(
        publicPrincipalUnconditioned,
        s,
        `${s.path}.Principal`,
        `${statementLabel(s)} allows Principal "*" ${why}: every identity in every AWS account can use the ` +
          "key with only an IAM permission in its own account.",
        {
          description:
            "Name the principals, or add a positive condition on kms:CallerAccount, aws:PrincipalOrgID, " +
            "aws:PrincipalArn or kms:ViaService with concrete values (no IfExists, no negation, no bare *).",
          json: { StringEquals: { "kms:CallerAccount": account } },
        },
      ),
    );
  }
}

export const publicPrincipalUnconditioned: CollectingCheck = collectingCheck(
  {
    id: "public-principal-unconditioned",
    severity: "error",
    description:
      'An Allow with Principal "*" must be limited by a condition on the caller\'s account, organization or service.',
    source: { seed: "004", section: "Cross-account access" },
    fix: {
      description: 'Replace Principal "*" with the accounts or roles that need the key, or add a limiting condition.',
      json: { StringEquals: { "kms:CallerAccount": "111122223333" } },
    },
  },
  collect,
);
