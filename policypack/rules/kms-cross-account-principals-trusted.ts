/**
 * kms-cross-account-principals-trusted (reports nothing until `trustedAccounts` is configured).
 * Seed 004, "Cross-account access": "The key policy for the KMS key must give the external account
 * (or users and roles in the external account) permission to use the KMS key": every account a key
 * policy names gets that power, so the named accounts should be the ones the organization trusts.
 * Checked: AWS principals of Allow statements, and the accounts in kms:CallerAccount,
 * aws:PrincipalAccount and aws:SourceAccount conditions of Allow statements.
 */
import { SOURCES } from "pulumi-kms-guardrails/catalog";
import { isAccountId, parseArn, type Statement } from "pulumi-kms-guardrails/engine";
import { keyFacts, keyLabel } from "../analysis/keys";
import { statementName } from "../analysis/probes";
import { TRUSTED_ACCOUNTS_SCHEMA } from "../config";
import { seeAws } from "../messages";
import { parseDocument } from "../model/policy-cache";
import type { StackRule, Violation } from "./types";

const ACCOUNT_KEYS = new Set(["kms:calleraccount", "aws:principalaccount", "aws:sourceaccount"]);
const SOURCE = SOURCES.crossAccount;

/** `a`, `a and b`, `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function accountOf(principal: string): string | undefined {
  if (isAccountId(principal)) return principal;
  const arn = parseArn(principal);
  return arn !== undefined && isAccountId(arn.account) ? arn.account : undefined;
}

/** Accounts a statement grants to, with what names them. */
function namedAccounts(s: Statement): Map<string, string> {
  const named = new Map<string, string>();
  for (const p of s.principal?.aws ?? []) {
    const account = accountOf(p);
    if (account !== undefined && !named.has(account)) named.set(account, `principal ${p}`);
  }
  for (const c of s.conditions) {
    if (!ACCOUNT_KEYS.has(c.keyLower) || c.operator.negated) continue;
    for (const v of c.values) if (isAccountId(v) && !named.has(v)) named.set(v, `condition ${c.key}`);
  }
  return named;
}

export const kmsCrossAccountPrincipalsTrusted: StackRule = {
  scope: "stack",
  id: "kms-cross-account-principals-trusted",
  description:
    "Key policies name no account outside the configured trustedAccounts (besides the key's own). Off until trustedAccounts is configured.",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [SOURCE],
  passing: {
    description:
      'With trustedAccounts ["222222222222"]: the CloudTrail User Guide\'s cross-account read statement for 222222222222.',
    json: {
      Sid: "Enable encrypted CloudTrail log read access",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::222222222222:root"] },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
    },
  },
  failing: { description: 'With trustedAccounts ["222222222222"]: the same statement for account 999999999999.' },
  configSchema: TRUSTED_ACCOUNTS_SCHEMA,
  notApplicable: (options) => (options.trustedAccounts === undefined ? "trustedAccounts is not configured" : undefined),
  check: (model, options) => {
    if (options.trustedAccounts === undefined) return [];
    const out: Violation[] = [];
    for (const key of model.resources.keys) {
      const facts = keyFacts(model, key);
      if (facts.document.kind !== "present") continue;
      const policy = parseDocument(facts.document.value).policy;
      if (policy === undefined) continue;
      const trusted = new Set(options.trustedAccounts);
      if (facts.account !== undefined) trusted.add(facts.account);
      for (const s of policy.statements) {
        if (s.effect !== "Allow") continue;
        // One finding per statement: the accounts it names are one cause with one fix.
        const untrusted = [...namedAccounts(s)].filter(([account]) => !trusted.has(account));
        if (untrusted.length === 0) continue;
        const one = untrusted.length === 1;
        const named = untrusted.map(([account, by]) => `${account} (${by})`);
        out.push({
          message:
            `${keyLabel(facts)}: ${statementName(s)} grants ${one ? "account" : "accounts"} ${andList(named)}, ` +
            `which ${one ? "is" : "are"} not in trustedAccounts` +
            (facts.account === undefined
              ? " (the key's own account is not known yet; if it is one of these, ignore it)"
              : "") +
            `. Remove ${one ? "it" : "them"}, or add ${one ? "the account" : "the accounts"} to trustedAccounts in this rule's configuration.` +
            seeAws(SOURCE),
          urn: facts.policySource.urn,
          ...(facts.account === undefined ? { kind: "undecided" } : {}),
        });
      }
    }
    return out;
  },
};
