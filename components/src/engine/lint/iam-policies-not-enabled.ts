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
import { memoMap, remember } from "../caches";
import { isAccountId, parseArn } from "../arn";
import { kmsActions } from "../data/kms-reference";
import type { Finding, KeyPolicy, Statement } from "../types";
import { wildcardMatch } from "../wildcard";
import { collectingCheck, finding, type CheckMeta, type CollectingCheck, type LintOptions } from "./check";
import { accountOfPrincipal, coveredKmsActions, statementsOf } from "./statements";

/** The key's account for the check, and where it was read from (for the finding's message). */
export interface KeyAccount {
  readonly account: string;
  readonly partition: string;
  readonly from: string;
}

/** A KMS ARN's account (possibly a pattern) and partition; `undefined` for anything else. */
function kmsArn(resource: string): { readonly account: string; readonly partition: string } | undefined {
  const arn = parseArn(resource);
  return arn?.service === "kms" ? arn : undefined;
}

/** The key's account and partition as the keyArn option names them. */
function keyOfArn(keyArn: string): KeyAccount | undefined {
  const arn = parseArn(keyArn);
  return arn && isAccountId(arn.account)
    ? { account: arn.account, partition: arn.partition, from: "the keyArn option" }
    : undefined;
}

/** A caller linting many policies of one key passes the same option each time: the answers are kept. */
const keysOfArns = memoMap<string, { readonly key: KeyAccount | undefined }>();

/**
 * The key's account as the check reads it: the keyAccount option, else the keyArn option's account,
 * else the one account of the KMS key ARNs in Resource; `undefined` when none tells (the check then
 * reports iam-policies-account-unknown).
 */
export function keyAccountOf(policy: KeyPolicy, options: LintOptions): KeyAccount | undefined {
  if (options.keyAccount !== undefined) {
    const account = accountOfPrincipal(options.keyAccount);
    if (account !== undefined) {
      const from = options.keyAccountFrom ?? "the keyAccount option";
      return { account, partition: parseArn(options.keyAccount)?.partition ?? "aws", from };
    }
  }
  if (options.keyArn !== undefined) {
    const key = remember(keysOfArns, options.keyArn, 16, (arn) => ({ key: keyOfArn(arn) })).key;
    if (key !== undefined) return key;
  }
  // The one account named by the KMS key ARNs in Resource, with the partition named last for it.
  let found: { readonly account: string; readonly partition: string } | undefined;
  let several = false;
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const resources = statements[i].resource;
    if (resources === undefined) continue;
    for (let j = 0; j < resources.length; j++) {
      const arn = kmsArn(resources[j]);
      if (arn === undefined || !isAccountId(arn.account)) continue;
      if (found === undefined || arn.account === found.account) found = arn;
      else several = true;
    }
  }
  if (found === undefined || several) return undefined;
  return { account: found.account, partition: found.partition, from: "the key ARNs in Resource" };
}

function coversKey(statement: Statement, account: string, keyArn: string | undefined): boolean {
  const resources = statement.resource;
  if (resources === undefined) return false;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (r === "*") return true;
    if (keyArn !== undefined) {
      if (wildcardMatch(r, keyArn)) return true;
      continue;
    }
    const arn = kmsArn(r);
    if (arn !== undefined && wildcardMatch(arn.account, account)) return true;
  }
  return false;
}

/** Whether a principal is the account (its id or its root). */
function namesAccount(principals: readonly string[], account: string): boolean {
  for (let i = 0; i < principals.length; i++) if (accountOfPrincipal(principals[i]) === account) return true;
  return false;
}

/** The "Enable IAM User Permissions" statement AWS puts in the default key policy. */
function enablesIam(statement: Statement, account: string, keyArn: string | undefined): boolean {
  return (
    statement.effect === "Allow" &&
    statement.conditions.length === 0 &&
    statement.principal !== undefined &&
    namesAccount(statement.principal.aws, account) &&
    coveredKmsActions(statement).length === kmsActions().size &&
    coversKey(statement, account, keyArn)
  );
}

/**
 * Whether a statement of the policy enables IAM policies for the account (an account id) on the key
 * (`keyArn`, else any key of that account): what iam-policies-not-enabled decides, without the
 * finding. For a caller that tries several candidate accounts, such as a policy pack that does not
 * know the key's account yet.
 */
export function enablesIamPolicies(policy: KeyPolicy, account: string, keyArn?: string): boolean {
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) if (enablesIam(statements[i], account, keyArn)) return true;
  return false;
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

function collect(policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  const key = keyAccountOf(policy, options);
  if (key === undefined) {
    findings.push(
      finding(
        iamPoliciesAccountUnknown,
        undefined,
        "$",
        "Could not tell whether the key policy enables IAM policies: the key's account is not known " +
          "(pass keyAccount or keyArn, or name the key's ARN in Resource).",
      ),
    );
    return;
  }
  if (enablesIamPolicies(policy, key.account, options.keyArn)) return;
  findings.push(
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
  );
}

export const iamPoliciesAccountUnknown: CheckMeta = {
  id: "iam-policies-account-unknown",
  severity: "info",
  description: "The key's account could not be determined, so iam-policies-not-enabled was not checked.",
  source: { seed: "004", section: "IAM policies" },
  fix: { description: "Pass the keyAccount (or keyArn) lint option." },
};

export const iamPoliciesNotEnabled: CollectingCheck = collectingCheck(
  {
    id: "iam-policies-not-enabled",
    severity: "error",
    description: "The key policy must allow kms:* to the key's account without conditions, so IAM policies work.",
    source: { seed: "004", section: "IAM policies" },
    fix: {
      description: 'Add the "Enable IAM User Permissions" statement.',
      json: enableIamStatement("111122223333"),
    },
    also: [iamPoliciesAccountUnknown],
  },
  collect,
);
