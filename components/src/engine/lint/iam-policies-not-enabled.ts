/**
 * `iam-policies-not-enabled` (error). Seed 004, "IAM policies": "To use an IAM policy to control
 * access to a KMS key, the key policy for the KMS key must give the account permission to use IAM
 * policies. Specifically, the key policy must include the policy statement that enables IAM
 * policies": an Allow of `kms:*` on the key to the key's own account, without conditions.
 *
 * The key's account is `LintOptions.keyAccount`, else the account of `keyArn`, else the one account
 * of the KMS key ARNs in `Resource`. Without any, the check reports `iam-policies-account-unknown`
 * (info) instead of guessing.
 */
import { isAccountId, parseArn } from "../arn";
import { kmsActions } from "../kms-actions";
import type { Finding, KeyPolicy, Statement } from "../types";
import { wildcardMatch } from "../wildcard";
import { finding, type CheckMeta, type LintCheck, type LintOptions } from "./check";
import { accountOfPrincipal, coveredKmsActions } from "./statements";

interface KeyAccount {
  readonly account: string;
  readonly partition: string;
  readonly from: string;
}

function keyAccountOf(policy: KeyPolicy, options: LintOptions): KeyAccount | undefined {
  if (options.keyAccount !== undefined) {
    const account = accountOfPrincipal(options.keyAccount);
    if (account !== undefined) {
      return { account, partition: parseArn(options.keyAccount)?.partition ?? "aws", from: "the keyAccount option" };
    }
  }
  const keyArn = options.keyArn !== undefined ? parseArn(options.keyArn) : undefined;
  if (keyArn !== undefined && isAccountId(keyArn.account)) {
    return { account: keyArn.account, partition: keyArn.partition, from: "the keyArn option" };
  }
  const fromResources = new Map<string, string>();
  for (const s of policy.statements) {
    for (const r of s.resource ?? []) {
      const arn = parseArn(r);
      if (arn?.service === "kms" && isAccountId(arn.account)) fromResources.set(arn.account, arn.partition);
    }
  }
  if (fromResources.size !== 1) return undefined;
  const [[account, partition]] = [...fromResources];
  return { account, partition, from: "the key ARNs in Resource" };
}

function coversKey(statement: Statement, key: KeyAccount, keyArn: string | undefined): boolean {
  return (statement.resource ?? []).some((r) => {
    if (r === "*") return true;
    if (keyArn !== undefined) return wildcardMatch(r, keyArn);
    const arn = parseArn(r);
    return arn !== undefined && arn.service === "kms" && wildcardMatch(arn.account, key.account);
  });
}

/** The "Enable IAM User Permissions" statement AWS puts in the default key policy. */
function enablesIam(statement: Statement, key: KeyAccount, keyArn: string | undefined): boolean {
  return (
    statement.effect === "Allow" &&
    statement.conditions.length === 0 &&
    (statement.principal?.aws ?? []).some((p) => accountOfPrincipal(p) === key.account) &&
    coveredKmsActions(statement).length === kmsActions().size &&
    coversKey(statement, key, keyArn)
  );
}

export function enableIamStatement(account: string, partition = "aws"): unknown {
  return {
    Sid: "Enable IAM User Permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:${partition}:iam::${account}:root` },
    Action: "kms:*",
    Resource: "*",
  };
}

function run(policy: KeyPolicy, options: LintOptions): Finding[] {
  const key = keyAccountOf(policy, options);
  if (key === undefined) {
    return [
      finding(
        iamPoliciesAccountUnknown,
        undefined,
        "$",
        "Could not tell whether the key policy enables IAM policies: the key's account is not known " +
          "(pass keyAccount or keyArn, or name the key's ARN in Resource).",
      ),
    ];
  }
  if (policy.statements.some((s) => enablesIam(s, key, options.keyArn))) return [];
  return [
    finding(
      iamPoliciesNotEnabled,
      undefined,
      "$.Statement",
      `No statement allows kms:* on the key to account ${key.account} (from ${key.from}) without conditions, so ` +
        "IAM policies in that account cannot grant access to the key.",
      {
        description: "Add the statement that enables IAM policies for the key's account.",
        json: enableIamStatement(key.account, key.partition),
      },
    ),
  ];
}

export const iamPoliciesAccountUnknown: CheckMeta = {
  id: "iam-policies-account-unknown",
  severity: "info",
  description: "The key's account could not be determined, so iam-policies-not-enabled was not checked.",
  source: { seed: "004", section: "IAM policies" },
  fix: { description: "Pass the keyAccount (or keyArn) lint option." },
};

export const iamPoliciesNotEnabled: LintCheck = {
  id: "iam-policies-not-enabled",
  severity: "error",
  description: "The key policy must allow kms:* to the key's account without conditions, so IAM policies work.",
  source: { seed: "004", section: "IAM policies" },
  fix: {
    description: 'Add the "Enable IAM User Permissions" statement.',
    json: enableIamStatement("111122223333"),
  },
  run,
  also: [iamPoliciesAccountUnknown],
};
