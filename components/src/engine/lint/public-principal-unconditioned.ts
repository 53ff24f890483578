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
import type { Finding, KeyPolicy, Statement } from "../types";
import { finding, statementLabel, type LintCheck, type LintOptions } from "./check";
import { grants, probeStatement, unrelatedAccount } from "./probe";
import { coveredKmsActions, isLimitingMatch, isPublic, keyAccountId } from "./statements";

const LIMITING_KEYS = new Set([
  "kms:calleraccount",
  "aws:principalaccount",
  "aws:principalorgid",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "kms:viaservice",
]);

function limitedByClauses(statement: Statement): boolean {
  return statement.conditions.some((c) => LIMITING_KEYS.has(c.keyLower) && isLimitingMatch(c));
}

/** Whether a stranger's role, calling directly, gets any covered KMS action from the statement alone. */
function strangerIsGranted(statement: Statement, policy: KeyPolicy): boolean {
  const principal = { kind: "aws", arn: `arn:aws:iam::${unrelatedAccount(policy.statements)}:role/Probe` } as const;
  return coveredKmsActions(statement).some((a) =>
    grants(probeStatement(statement, { principal, action: `kms:${a.name}` })),
  );
}

/** Why the statement is open, or `undefined` when its conditions limit it. */
function openness(statement: Statement, policy: KeyPolicy): string | undefined {
  if (!limitedByClauses(statement)) {
    return "without a condition that limits it to your accounts, organization or services";
  }
  return strangerIsGranted(statement, policy)
    ? "with conditions that still admit a role in an unrelated account"
    : undefined;
}

function run(policy: KeyPolicy, options: LintOptions): Finding[] {
  const account = keyAccountId(options) ?? "111122223333";
  return policy.statements
    .filter((s) => s.effect === "Allow" && isPublic(s.principal))
    .flatMap((s) => {
      const why = openness(s, policy);
      if (why === undefined) return [];
      return [
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
      ];
    });
}

export const publicPrincipalUnconditioned: LintCheck = {
  id: "public-principal-unconditioned",
  severity: "error",
  description:
    'An Allow with Principal "*" must be limited by a condition on the caller\'s account, organization or service.',
  source: { seed: "004", section: "Cross-account access" },
  fix: {
    description: 'Replace Principal "*" with the accounts or roles that need the key, or add a limiting condition.',
    json: { StringEquals: { "kms:CallerAccount": "111122223333" } },
  },
  run,
};
