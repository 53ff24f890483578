/**
 * A generic grant for an IAM principal that uses the key through an AWS service, modelled on
 * seed 001's Amazon Location example ("Using encryption context condition keys"): `kms:ViaService`
 * ties the permission to the service, `kms:CallerAccount` to the account, and
 * `kms:EncryptionContext:context-key` to the resource the service encrypts.
 *
 * Seed 001: encryption context condition keys belong only on CreateGrant and symmetric operations
 * that take an `EncryptionContext`; "if you use these condition keys to allow other operations,
 * such as DescribeKey, permission will be denied". Such an action with an encryption context is
 * refused here (the KMS action table decides which actions take one).
 *
 * | probe id                                | expect | request                                                           |
 * |-----------------------------------------|--------|-------------------------------------------------------------------|
 * | service-grant.via-service               | allow  | the principal, each action, through the service, with the context |
 * | service-grant.via-service.other-context | deny   | the same through the service for another resource (context given) |
 * | service-grant.direct                    | deny   | the same action called directly, not through the service          |
 *
 * The deny probes exist only when the principal is outside the key's account (see account.ts).
 */
import { expandKmsActions, actionSupportsConditionKey } from "../engine/data/kms-reference";
import { hasWildcard } from "../engine/wildcard";
import { SAME_ACCOUNT_DENY_NOTE } from "./account";
import { accountOf, keyResource, outsideKeyAccount, partitionOf, principalArn, probeIdentity } from "./arns";
import { PROBE_NAMES } from "./constants";
import { CatalogInputError, isUnknownValue, requireAccountId, requireIamPrincipal, unique } from "./inputs";
import type { ServiceGrantParams } from "./plans";
import { iamRequest, type ContextInput } from "./requests";
import { SOURCES } from "./sources";
import { allowStatement, type ConditionEntry } from "./statement";
import type { IntegrationPlan, Probe } from "./types";
import { readableProbes } from "./descriptions";

/** The concrete actions an action or pattern stands for. */
function concreteActions(action: string): string[] {
  return hasWildcard(action) ? expandKmsActions(action).map((a) => `kms:${a.name}`) : [action];
}

/** Seed 001: the encryption context may only condition actions that take one. */
function requireContextActions(actions: readonly string[]): void {
  for (const action of actions) {
    const concrete = concreteActions(action);
    const refused = concrete.filter((a) => !actionSupportsConditionKey(a, "kms:EncryptionContext:context-key"));
    if (concrete.length === 0 || refused.length > 0) {
      throw new CatalogInputError(
        `${action} ${concrete.length === 0 ? "matches no KMS action" : `covers ${refused.join(", ")}, which take${refused.length === 1 ? "s" : ""} no encryption context`}; ` +
          "the AWS KMS Developer Guide says an encryption context condition then denies it. Grant it in a separate statement without the context.",
      );
    }
  }
}

/** `geo.us-west-2.amazonaws.com` -> `geo`. */
function serviceName(viaService: string): string {
  return viaService.split(".")[0];
}

function contextOf(encryptionContext: Readonly<Record<string, string>>): ContextInput {
  const keys = Object.keys(encryptionContext);
  if (keys.length === 0) return {};
  return {
    ...Object.fromEntries(keys.map((k) => [`kms:EncryptionContext:${k}`, encryptionContext[k]])),
    "kms:EncryptionContextKeys": keys,
  };
}

export function serviceGrantPlan(p: ServiceGrantParams): IntegrationPlan {
  const key = p.key;
  requireAccountId(key.account, "The key's account");
  if (p.actions.length === 0) throw new CatalogInputError("A service grant needs at least one action.");
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/.test(p.viaService) && !isUnknownValue(p.viaService)) {
    throw new CatalogInputError(
      `kms:ViaService "${p.viaService}" is not a service endpoint such as geo.us-west-2.amazonaws.com.`,
    );
  }
  const principal = principalArn(partitionOf(key), requireIamPrincipal(p.principal, "Service grant principal"));
  const principalAccount = accountOf(principal);
  const callerAccount = requireAccountId(p.callerAccount ?? principalAccount ?? key.account, "kms:CallerAccount");
  if (principalAccount !== undefined && !isUnknownValue(callerAccount) && callerAccount !== principalAccount) {
    throw new CatalogInputError(
      `kms:CallerAccount ${callerAccount} is not the account of ${principal} (${principalAccount}); the grant could never apply.`,
    );
  }
  const context = p.encryptionContext ?? {};
  const actions = unique(p.actions);
  if (Object.keys(context).length > 0) requireContextActions(actions);

  const sid = p.sid ?? `Allow use of the key through ${serviceName(p.viaService)} on behalf of authorized users`;
  const conditions: ConditionEntry[] = [
    ["StringEquals", "kms:ViaService", [p.viaService]],
    ["StringEquals", "kms:CallerAccount", [callerAccount]],
    ...Object.entries(context).map(([k, v]): ConditionEntry => ["StringEquals", `kms:EncryptionContext:${k}`, [v]]),
  ];
  const grant = {
    statement: allowStatement({
      sid,
      principal: { aws: [principal] },
      actions,
      resource: keyResource(key),
      conditions,
    }),
    purpose: `Lets ${principal} use the key through ${p.viaService} only${Object.keys(context).length > 0 ? ", for the named resource" : ""}.`,
    source: SOURCES.encryptionContext,
  };
  return {
    integration: "service-grant",
    grants: [grant],
    probes: readableProbes(probes(p, principal, sid, callerAccount)),
    notes: [SAME_ACCOUNT_DENY_NOTE],
  };
}

function probes(p: ServiceGrantParams, principal: string, sid: string, callerAccount: string): Probe[] {
  if (isUnknownValue(principal)) return [];
  const key = p.key;
  const who = probeIdentity(partitionOf(key), principal, PROBE_NAMES.accountUser);
  const context = p.encryptionContext ?? {};
  const via: ContextInput = { "kms:ViaService": p.viaService, "kms:CallerAccount": callerAccount };
  const probe = (id: string, action: string, ctx: ContextInput, expect: "allow" | "deny", what: string): Probe => ({
    id,
    description: `${who} calls ${action} ${what}.`,
    request: iamRequest(who, action, key, ctx),
    expect,
    grantSid: sid,
    subject: action,
    source: SOURCES.encryptionContext,
  });
  const actions = unique(p.actions.flatMap((a) => concreteActions(a).slice(0, 1)));
  const result = actions.map((a) =>
    probe("service-grant.via-service", a, { ...via, ...contextOf(context) }, "allow", `through ${p.viaService}`),
  );
  if (!outsideKeyAccount(who, key)) return result;
  const first = actions[0];
  result.push(
    probe(
      "service-grant.direct",
      first,
      { "kms:CallerAccount": callerAccount, ...contextOf(context) },
      "deny",
      "directly, not through the service",
    ),
  );
  if (Object.keys(context).length > 0) {
    const other = Object.fromEntries(Object.entries(context).map(([k, v]) => [k, `${v}-other`]));
    result.push(
      probe(
        "service-grant.via-service.other-context",
        first,
        { ...via, ...contextOf(other) },
        "deny",
        `through ${p.viaService} for another resource`,
      ),
    );
  }
  return result;
}
