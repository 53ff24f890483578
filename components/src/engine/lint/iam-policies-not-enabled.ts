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
import { onClearCaches } from "../caches";
import { isAccountId, parseArn } from "../arn";
import { kmsActions } from "../data/kms-reference";
import type { Finding, KeyPolicy, Statement } from "../types";
import { wildcardMatch } from "../wildcard";
import { collectingCheck, finding, type CheckMeta, type CollectingCheck, type LintOptions } from "./check";
import { accountOfPrincipal, coveredKmsActions, statementsOf } from "./statements";

interface KeyAccount {
  readonly account: string;
  readonly partition: string;
  readonly from: string;
}

/** A KMS ARN's account (possibly a pattern) and partition; `undefined` for anything else. */
function kmsArn(resource: string): { readonly account: string; readonly partition: string } | undefined {
  // Most resources are `*`: no need to look further.
  if (resource === "*") return undefined;
  const arn = parseArn(resource);
  return arn?.service === "kms" ? arn : undefined;
}

/** The key's account and partition as the keyArn option names them. */
function keyOfArn(keyArn: string): KeyAccount | undefined {
  // A caller linting many policies of one key passes the same option each time: the last answer is kept.
  if (keyArn === lastKeyArn) return lastKey;
  const arn = parseArn(keyArn);
  lastKey =
    arn !== undefined && isAccountId(arn.account)
      ? { account: arn.account, partition: arn.partition, from: "the keyArn option" }
      : undefined;
  lastKeyArn = keyArn;
  return lastKey;
}

let lastKeyArn: string | undefined;
onClearCaches(() => {
  lastKeyArn = undefined;
  lastKey = undefined;
});
let lastKey: KeyAccount | undefined;

function keyAccountOf(policy: KeyPolicy, options: LintOptions): KeyAccount | undefined {
  if (options.keyAccount !== undefined) {
    const account = accountOfPrincipal(options.keyAccount);
    if (account !== undefined) {
      return { account, partition: parseArn(options.keyAccount)?.partition ?? "aws", from: "the keyAccount option" };
    }
  }
  if (options.keyArn !== undefined) {
    const key = keyOfArn(options.keyArn);
    if (key !== undefined) return key;
  }
  // The one account named by the KMS key ARNs in Resource, with the partition named last for it.
  let account: string | undefined;
  let partition = "";
  let several = false;
  for (const s of policy.statements) {
    for (const r of s.resource ?? []) {
      const arn = kmsArn(r);
      if (arn === undefined || !isAccountId(arn.account)) continue;
      if (account === undefined || arn.account === account) {
        account = arn.account;
        partition = arn.partition;
      } else {
        several = true;
      }
    }
  }
  if (account === undefined || several) return undefined;
  return { account, partition, from: "the key ARNs in Resource" };
}

function coversKey(statement: Statement, key: KeyAccount, keyArn: string | undefined): boolean {
  for (const r of statement.resource ?? []) {
    if (r === "*") return true;
    if (keyArn !== undefined) {
      if (wildcardMatch(r, keyArn)) return true;
      continue;
    }
    const arn = kmsArn(r);
    if (arn !== undefined && wildcardMatch(arn.account, key.account)) return true;
  }
  return false;
}

/** Whether a principal is the key's account, by id or root ARN: `accountOfPrincipal(p) === account`. */
function namesAccount(principals: readonly string[], account: string): boolean {
  for (const p of principals) {
    // Only the id itself or an ARN ending in `<account>:root` can be it: the other principals,
    // role ARNs and other accounts' roots, are passed over without being parsed.
    if (typeof p === "string" && p !== account && !endsWithRootOf(p, account)) continue;
    if (accountOfPrincipal(p) === account) return true;
  }
  return false;
}

function endsWithRootOf(principal: string, account: string): boolean {
  if (!principal.endsWith(":root")) return false;
  const start = principal.length - 5 - account.length;
  if (start < 0) return false;
  // Compared by character: `startsWith` with a search string that is not a constant is slower.
  for (let i = 0; i < account.length; i++) {
    if (principal.charCodeAt(start + i) !== account.charCodeAt(i)) return false;
  }
  return true;
}

/** The "Enable IAM User Permissions" statement AWS puts in the default key policy. */
function enablesIam(statement: Statement, key: KeyAccount, keyArn: string | undefined): boolean {
  return (
    statement.effect === "Allow" &&
    statement.conditions.length === 0 &&
    namesAccount(statement.principal?.aws ?? [], key.account) &&
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
  for (const s of statementsOf(policy)) if (enablesIam(s, key, options.keyArn)) return;
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
