/**
 * The key's own account and the personas of the KMS default key policy: the account root
 * ("Enable IAM User Permissions", which seed 004 "IAM policies" requires), key administrators and
 * key users. The persona statements are the KMS default key policy's, verbatim (Sids, actions,
 * `"Resource": "*"`); the seeds do not print them, so their SeedRef is the seed 004 note they
 * serve.
 *
 * | probe id                                    | expect | request                                                     |
 * |---------------------------------------------|--------|-------------------------------------------------------------|
 * | account-root.iam-delegation                 | allow  | a role in the key's account, DescribeKey (IAM decides)      |
 * | account-root.manage-policy                  | allow  | the account root, PutKeyPolicy (the key stays manageable)   |
 * | account-root.other-account                  | deny   | a role in an unconfigured account, Decrypt                  |
 * | key-administrators.administer               | allow  | each administrator, ScheduleKeyDeletion                     |
 * | key-administrators.use                      | deny   | each administrator outside the key's account, Decrypt       |
 * | key-users.decrypt                           | allow  | each user, Decrypt                                          |
 * | key-users.create-grant                      | allow  | each user, CreateGrant for an AWS resource                  |
 * | key-users.create-grant.not-for-aws-resource | deny   | each user outside the key's account, CreateGrant for itself |
 * | key-users.administer                        | deny   | each user outside the key's account, ScheduleKeyDeletion    |
 *
 * Deny probes exist only for principals outside the key's account: inside it, the account-root
 * statement delegates to IAM, so the key policy alone never denies them (see `notes`).
 */
import { ALL_KMS_ACTIONS, KEY_ADMINISTRATOR_ACTIONS, KEY_USER_ACTIONS, KEY_USER_GRANT_ACTIONS } from "./actions";
import {
  accountOf,
  accountRootArn,
  identityArn,
  otherAccount,
  outsideKeyAccount,
  partitionOf,
  principalArn,
  probeIdentity,
} from "./arns";
import { PROBE_NAMES, SIDS } from "./constants";
import { isUnknownValue, requireAccountId, requireIamPrincipal, unique } from "./inputs";
import type { AccountRootParams, PrincipalsParams } from "./plans";
import { iamRequest, type ContextInput } from "./requests";
import { SOURCES } from "./sources";
import { allowStatement } from "./statement";
import type { Grant, IntegrationPlan, KeyLocation, Probe } from "./types";
import { readableProbes } from "./descriptions";

const IAM_POLICIES = SOURCES.iamPolicies;
const CROSS_ACCOUNT = SOURCES.crossAccount;

/** Why a plan has no deny probe for principals in the key's own account. */
export const SAME_ACCOUNT_DENY_NOTE =
  "Requests by principals in the key's own account are never denied by the key policy alone: the " +
  '"Enable IAM User Permissions" statement delegates them to IAM, so keep their IAM policies ' +
  "as narrow as the statements here. Deny probes are generated only for principals in other accounts.";

/** Seed 004 "IAM policies": the statement that lets IAM policies grant access to the key. */
export function accountRootGrant(key: KeyLocation): Grant {
  return {
    statement: allowStatement({
      sid: SIDS.enableIamUserPermissions,
      principal: { aws: [accountRootArn(partitionOf(key), key.account)] },
      actions: ALL_KMS_ACTIONS,
      resource: "*",
    }),
    purpose: "Lets IAM policies in the key's account grant access to the key, and keeps the key manageable.",
    source: IAM_POLICIES,
  };
}

export function accountRootPlan(p: AccountRootParams): IntegrationPlan {
  const key = p.key;
  requireAccountId(key.account, "The key's account");
  const partition = partitionOf(key);
  const sid = SIDS.enableIamUserPermissions;
  const stranger = identityArn(partition, otherAccount([key.account]), PROBE_NAMES.accountUser);
  const probes: Probe[] = [
    {
      id: "account-root.iam-delegation",
      description: `A role in the key's account ${key.account} calls kms:DescribeKey; its IAM policies decide.`,
      request: iamRequest(identityArn(partition, key.account, PROBE_NAMES.accountUser), "kms:DescribeKey", key),
      expect: "allow",
      grantSid: sid,
      source: IAM_POLICIES,
    },
    {
      id: "account-root.manage-policy",
      description: `The root of account ${key.account} calls kms:PutKeyPolicy, so the key never becomes unmanageable.`,
      request: iamRequest(accountRootArn(partition, key.account), "kms:PutKeyPolicy", key),
      expect: "allow",
      grantSid: sid,
      source: IAM_POLICIES,
    },
    {
      id: "account-root.other-account",
      description: `A role in unrelated account ${accountOf(stranger)} calls kms:Decrypt on the key.`,
      request: iamRequest(stranger, "kms:Decrypt", key),
      expect: "deny",
      source: CROSS_ACCOUNT,
    },
  ];
  return { integration: "account-root", grants: [accountRootGrant(key)], probes: readableProbes(probes), notes: [] };
}

/** Principals as written into the statement (account ids become root ARNs), validated, unique. */
function principalList(key: KeyLocation, principals: readonly string[], what: string): string[] {
  return unique(principals.map((p) => principalArn(partitionOf(key), requireIamPrincipal(p, what))));
}

/** Probe identities for the known principals: `[identity, configured principal]`. */
function identities(key: KeyLocation, principals: readonly string[]): [string, string][] {
  return principals
    .filter((p) => !isUnknownValue(p))
    .map((p) => [probeIdentity(partitionOf(key), p, PROBE_NAMES.accountUser), p]);
}

export function keyAdministratorsPlan(p: PrincipalsParams): IntegrationPlan {
  const key = p.key;
  const admins = principalList(key, p.principals, "Key administrator");
  const sid = SIDS.keyAdministrators;
  const grants: Grant[] = [
    {
      statement: allowStatement({ sid, principal: { aws: admins }, actions: KEY_ADMINISTRATOR_ACTIONS, resource: "*" }),
      purpose: "Lets the key administrators manage the key without using it for cryptography.",
      source: IAM_POLICIES,
    },
  ];
  const probes: Probe[] = identities(key, admins).flatMap(([who, principal]): Probe[] => [
    {
      id: "key-administrators.administer",
      description: `Key administrator ${who} calls kms:ScheduleKeyDeletion.`,
      request: iamRequest(who, "kms:ScheduleKeyDeletion", key),
      expect: "allow",
      grantSid: sid,
      subject: principal,
      source: IAM_POLICIES,
    },
    ...(outsideKeyAccount(who, key)
      ? [
          {
            id: "key-administrators.use",
            description: `Key administrator ${who} calls kms:Decrypt, which administrators are not given.`,
            request: iamRequest(who, "kms:Decrypt", key),
            expect: "deny" as const,
            grantSid: sid,
            subject: principal,
            source: CROSS_ACCOUNT,
          },
        ]
      : []),
  ]);
  return { integration: "key-administrators", grants, probes: readableProbes(probes), notes: [SAME_ACCOUNT_DENY_NOTE] };
}

export function keyUsersPlan(p: PrincipalsParams): IntegrationPlan {
  const key = p.key;
  const users = principalList(key, p.principals, "Key user");
  const grants: Grant[] = [
    {
      statement: allowStatement({
        sid: SIDS.keyUsers,
        principal: { aws: users },
        actions: KEY_USER_ACTIONS,
        resource: "*",
      }),
      purpose: "Lets the key users encrypt, decrypt and generate data keys with the key.",
      source: CROSS_ACCOUNT,
    },
    {
      statement: allowStatement({
        sid: SIDS.keyUsersGrants,
        principal: { aws: users },
        actions: KEY_USER_GRANT_ACTIONS,
        resource: "*",
        conditions: [["Bool", "kms:GrantIsForAWSResource", ["true"]]],
      }),
      purpose: "Lets the key users give AWS services that they use grants on the key, and nothing else.",
      source: CROSS_ACCOUNT,
    },
  ];
  const probes: Probe[] = identities(key, users).flatMap(([who, principal]): Probe[] => {
    const outside = outsideKeyAccount(who, key);
    const probe = (
      id: string,
      description: string,
      action: string,
      expect: "allow" | "deny",
      grantSid: string,
      context: ContextInput = {},
    ): Probe => ({
      id,
      description,
      request: iamRequest(who, action, key, context),
      expect,
      grantSid,
      subject: principal,
      source: CROSS_ACCOUNT,
    });
    return [
      probe("key-users.decrypt", `Key user ${who} calls kms:Decrypt.`, "kms:Decrypt", "allow", SIDS.keyUsers),
      probe(
        "key-users.create-grant",
        `Key user ${who} calls kms:CreateGrant for an AWS service (kms:GrantIsForAWSResource true).`,
        "kms:CreateGrant",
        "allow",
        SIDS.keyUsersGrants,
        { "kms:GrantIsForAWSResource": "true" },
      ),
      ...(outside
        ? [
            probe(
              "key-users.create-grant.not-for-aws-resource",
              `Key user ${who} calls kms:CreateGrant directly, not for an AWS service.`,
              "kms:CreateGrant",
              "deny",
              SIDS.keyUsersGrants,
              { "kms:GrantIsForAWSResource": "false" },
            ),
            probe(
              "key-users.administer",
              `Key user ${who} calls kms:ScheduleKeyDeletion, which users are not given.`,
              "kms:ScheduleKeyDeletion",
              "deny",
              SIDS.keyUsers,
            ),
          ]
        : []),
    ];
  });
  return { integration: "key-users", grants, probes: readableProbes(probes), notes: [SAME_ACCOUNT_DENY_NOTE] };
}
