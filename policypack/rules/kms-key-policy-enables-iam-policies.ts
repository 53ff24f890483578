/**
 * kms-key-policy-enables-iam-policies. Seed 004, "IAM policies": "To use an IAM policy to control
 * access to a KMS key, the key policy for the KMS key must give the account permission to use IAM
 * policies. Specifically, the key policy must include the policy statement that enables IAM
 * policies."
 *
 * A resource-level rule sees a key before it exists, so its ARN, and with it its account, is often
 * not known. Then every account the policy names by its root is a candidate: the policy passes when
 * it enables IAM policies for one of them, and fails when it does so for none, which is wrong for
 * whichever account the key ends up in.
 */
import {
  accountOfPrincipal,
  enablesIamPolicies,
  iamPoliciesKeyAccount,
  lintPolicy,
  type Finding,
  type KeyPolicy,
  type LintOptions,
} from "pulumi-kms-guardrails/engine";
import type { KeyPolicySubject } from "../model/types";
import {
  findingViolation,
  lintOptionsFor,
  subjectPolicy,
  waitingForUnknownParts,
  waitingViolation,
} from "./key-policy-subject";
import type { ResourceRule, Violation } from "./types";

const NOT_ENABLED = "iam-policies-not-enabled";
/**
 * The lint check that reports the finding, run only for a policy that fails: whether it does is
 * decided without it (the check would decide it again, on every key).
 */
const NOT_ENABLED_CHECK: ReadonlySet<string> = new Set([NOT_ENABLED]);
const notEnabledFor = (policy: KeyPolicy, options: LintOptions): Finding | undefined =>
  lintPolicy(policy, options, NOT_ENABLED_CHECK).find((f) => f.id === NOT_ENABLED);

/**
 * Visits the accounts Allow statements name (by id or root), each once, in order (nearly always
 * one), until `visit` returns true; returns whether it did.
 */
function someRootAccount(policy: KeyPolicy, visit: (account: string) => boolean): boolean {
  let seen: string[] | undefined;
  const statements = policy.statements;
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.effect !== "Allow" || s.principal === undefined) continue;
    const principals = s.principal.aws;
    for (let j = 0; j < principals.length; j++) {
      const account = accountOfPrincipal(principals[j]);
      if (account === undefined || seen?.includes(account) === true) continue;
      if (visit(account)) return true;
      // A list grown from empty reserves room for 17: this one starts at its first account.
      if (seen === undefined) seen = [account];
      else seen.push(account);
    }
  }
  return false;
}

function rootAccounts(policy: KeyPolicy): readonly string[] {
  const accounts: string[] = [];
  someRootAccount(policy, (account) => {
    accounts.push(account);
    return false;
  });
  return accounts;
}

function check(subject: KeyPolicySubject): Violation[] {
  const p = subjectPolicy(subject);
  if (p.state === "absent" || p.state === "unusable") return [];
  if (p.state === "unknown") return [waitingViolation(subject, p.field)];
  const options = lintOptionsFor(subject);
  const key = iamPoliciesKeyAccount(p.policy, options);
  if (key !== undefined) {
    const notEnabled = enablesIamPolicies(p.policy, key.account, options.keyArn)
      ? undefined
      : notEnabledFor(p.policy, options);
    if (notEnabled !== undefined) return [findingViolation(subject, notEnabled)];
    const waiting = waitingForUnknownParts(subject, p.result);
    return waiting !== undefined ? [waiting] : [];
  }
  // The key's account is not known: each account the policy names by its root is tried as it is
  // met (the usual policy, whose first statement enables IAM policies, is decided there); only the
  // one reported is linted.
  if (someRootAccount(p.policy, (account) => enablesIamPolicies(p.policy, account))) return [];
  const candidates = rootAccounts(p.policy);
  const failure =
    candidates.length > 0
      ? notEnabledFor(p.policy, {
          keyAccount: candidates[0],
          keyAccountFrom: "the first account the policy names by its root",
        })
      : notEnabledFor(p.policy, {
          keyAccount: "111122223333",
          keyAccountFrom: "AWS's example account: the policy names none by its root",
        });
  if (failure === undefined) return [];
  const violation = findingViolation(subject, failure);
  return [
    {
      ...violation,
      message:
        `${violation.message}\n(The key's account is not known here; no account the policy names by its root ` +
        `${candidates.length > 0 ? `(${candidates.join(", ")}) ` : ""}is allowed kms:* without conditions, so IAM policies cannot work for any of them. Use the key's own account id in the statement.)`,
    },
  ];
}

export const kmsKeyPolicyEnablesIamPolicies: ResourceRule = {
  scope: "resource",
  id: "kms-key-policy-enables-iam-policies",
  description:
    "The key policy must allow kms:* to the key's own account without conditions, so IAM policies can grant access to the key.",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [{ seed: "004", section: "IAM policies" }],
  passing: {
    description: 'The default key policy statement "Enable IAM User Permissions".',
    json: {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    },
  },
  failing: {
    description: "A policy that names only a role: no IAM policy in the account can grant anyone else access, ever.",
    json: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Admins",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:role/Admin" },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    },
  },
  check,
};
