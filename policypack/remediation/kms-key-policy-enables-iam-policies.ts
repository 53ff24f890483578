/**
 * Fix for kms-key-policy-enables-iam-policies. Seed 004, "IAM policies": "the key policy must
 * include the policy statement that enables IAM policies". The statement is the catalog's
 * (`accountRootGrant`, the one the components render), for the key's account as the engine
 * determines it: the key's ARN, else the one account the provider may use (`allowedAccountIds`),
 * else the one account of the key ARNs in `Resource`. Without any the fix is declined: granting kms:* to a guessed account would open the key to it. The statement
 * goes first, where the default key policy has it; the user's statements follow in their order.
 */
import { accountRootGrant } from "pulumi-kms-guardrails/catalog";
import {
  accountOfPrincipal,
  lintPolicy,
  parseArn,
  type KeyPolicy,
  type LintOptions,
} from "pulumi-kms-guardrails/engine";
import { SidAllocator } from "./sids";
import type { FixContext, FixOutcome, KeyPolicyFix } from "./types";

const NOT_ENABLED = "iam-policies-not-enabled";
const ACCOUNT_UNKNOWN = "iam-policies-account-unknown";
const CHECKS: ReadonlySet<string> = new Set([NOT_ENABLED]);

/** The key's ARN decides; the provider's account only stands in for it. */
export function lintOptions(context: FixContext): LintOptions {
  if (context.keyArn !== undefined) return { keyArn: context.keyArn };
  return context.keyAccount !== undefined ? { keyAccount: context.keyAccount } : {};
}

/** The account root the engine's finding names (its own suggestion), as account and partition. */
function rootOf(json: unknown): { readonly account: string; readonly partition: string } | undefined {
  const principal = (json as { Principal?: { AWS?: unknown } } | undefined)?.Principal?.AWS;
  if (typeof principal !== "string") return undefined;
  const account = accountOfPrincipal(principal);
  const partition = parseArn(principal)?.partition;
  return account !== undefined && partition !== undefined ? { account, partition } : undefined;
}

export const fixKeyPolicyEnablesIamPolicies: KeyPolicyFix = (policy: KeyPolicy, context: FixContext): FixOutcome => {
  const findings = lintPolicy(policy, lintOptions(context), CHECKS);
  if (findings.some((f) => f.id === ACCOUNT_UNKNOWN)) {
    return {
      kind: "declined",
      reason:
        "the key's account is not known (no key ARN yet, no single allowedAccountIds on its provider, no key ARN in Resource), so the statement that enables IAM policies cannot be written for it",
    };
  }
  const finding = findings.find((f) => f.id === NOT_ENABLED);
  if (finding === undefined) return { kind: "unchanged" };
  const root = rootOf(finding.fix?.json);
  if (root === undefined) return { kind: "declined", reason: "the key's account could not be read" };
  const region = (context.keyArn !== undefined ? parseArn(context.keyArn)?.region : undefined) ?? "";
  const grant = accountRootGrant({ partition: root.partition, account: root.account, region });
  const sid = new SidAllocator(policy).next(grant.statement.Sid);
  const statement = { ...grant.statement, Sid: sid };
  return {
    kind: "fixed",
    statements: [statement, ...policy.statements.map((s) => s.raw)],
    changes: [
      `Statement "${sid}" added first: kms:* for account ${root.account}, so IAM policies can grant access to the key.`,
    ],
  };
};
