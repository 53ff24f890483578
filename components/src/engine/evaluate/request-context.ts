/**
 * The request context the key policy is evaluated against, built the way AWS builds it:
 *  - condition keys are case-insensitive, so every key is lower-cased (IAM User Guide, "Condition
 *    element": "Condition key names are not case-sensitive");
 *  - AWS adds the keys it derives from the authenticated principal (`aws:PrincipalArn`,
 *    `aws:PrincipalAccount`, `aws:PrincipalType`, `kms:CallerAccount`, `aws:PrincipalServiceName`,
 *    ...) unless the caller of `evaluate` supplied them;
 *  - AWS adds the keys of the resource and the request it always includes ("AWS global condition
 *    context keys": aws:ResourceAccount "is always included in the request context for most service
 *    actions", aws:RequestedRegion "is always included"): the key's account and Region, from
 *    `keyAccount` / `keyRegion` or the key ARN, unknown when neither tells;
 *  - for a role session, `aws:PrincipalArn` is the role's ARN, whose path the session ARN does not
 *    carry (role-path.ts): the context says so, and clauses that depend on the path are unknown;
 *  - a `kms:` key the action cannot carry is dropped. Seed 001, "Using encryption context condition
 *    keys": encryption-context keys exist only on CreateGrant and the symmetric cryptographic
 *    operations; "If you use these condition keys to allow other operations, such as DescribeKey,
 *    permission will be denied."
 */
import { parseArn } from "../arn";
import { memoMap, memoWeakMap, remember, rememberWeak } from "../caches";
import type { CallerIdentity } from "./caller-identity";
import { actionSupportsConditionKey } from "../data/kms-reference";
import type { ContextLookup } from "./policy-variables";
import type { PathlessRole } from "./role-path";
import { PULUMI_UNKNOWN_SENTINEL, UNKNOWN, type Request } from "../types";

export type EffectiveValue = readonly string[] | typeof UNKNOWN;

export interface EffectiveContext {
  /** Lower-cased key to its values (a single value is a one-element list). */
  readonly values: ReadonlyMap<string, EffectiveValue>;
  readonly lookup: ContextLookup;
  /** The request's action as given, e.g. `kms:DescribeKey`. */
  readonly action: string;
  /** Whether the action can never carry this (lower-cased) key. */
  cannotCarry(keyLower: string): boolean;
  /** For a role session whose `aws:PrincipalArn` the evaluator derived: the role without its path. */
  readonly roleWithoutPath: PathlessRole | undefined;
}

const supportCache = memoMap<string, Map<string, boolean>>();

/** `actionSupportsConditionKey`, memoized: the same few action/key pairs recur on every probe. */
function actionCarries(action: string, keyLower: string): boolean {
  // Only kms: keys depend on the action; the check only saves the lookups.
  if (!keyLower.startsWith("kms:")) return true;
  const byKey = remember(supportCache, action, 1_000, () => new Map<string, boolean>());
  return remember(byKey, keyLower, 1_000, () => actionSupportsConditionKey(action, keyLower));
}

function normalize(value: unknown): EffectiveValue | undefined {
  if (value === UNKNOWN) return UNKNOWN;
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((v) => String(v));
  return [String(value)];
}

const derivedCache = memoWeakMap<CallerIdentity, readonly [string, string][]>();

/** The keys AWS derives from the principal (IAM User Guide, "Properties of the principal"). */
function derivedKeys(caller: CallerIdentity): readonly [string, string][] {
  return rememberWeak(derivedCache, caller, deriveKeys);
}

function deriveKeys(caller: CallerIdentity): [string, string][] {
  if (caller.kind === "service") {
    return [
      ["aws:principalservicename", caller.display],
      ["aws:principalisawsservice", "true"],
    ];
  }
  if (caller.kind === "anonymous") return [["aws:principaltype", "Anonymous"]];
  const keys: [string, string][] = [["aws:principalisawsservice", "false"]];
  // For a session, aws:PrincipalArn is the role's ARN, not the session's.
  const principalArn = caller.roleArn ?? caller.arn;
  if (principalArn !== undefined) keys.push(["aws:principalarn", principalArn]);
  if (caller.account !== undefined) {
    keys.push(["aws:principalaccount", caller.account], ["kms:calleraccount", caller.account]);
  }
  if (caller.type !== "Other") keys.push(["aws:principaltype", caller.type]);
  if (caller.userName !== undefined) keys.push(["aws:username", caller.userName]);
  return keys;
}

/** A request's string that may be the Pulumi unknown sentinel, or absent (`undefined`). */
function knownOrUnknown(value: unknown): EffectiveValue | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  return value.includes(PULUMI_UNKNOWN_SENTINEL) ? UNKNOWN : [value];
}

const keyArnParts = memoMap<string, { readonly account?: EffectiveValue; readonly region?: EffectiveValue }>();

/** The account and Region a key ARN names (each unknown while not known yet). */
function keyArnPlace(resource: unknown): { readonly account?: EffectiveValue; readonly region?: EffectiveValue } {
  if (typeof resource !== "string") return {};
  return remember(keyArnParts, resource, 10_000, (arnText) => {
    // A key ARN known in part (`arn:aws:kms:us-east-1:111122223333:key/<not known yet>`) still tells both.
    const arn = parseArn(arnText);
    return { account: knownOrUnknown(arn?.account), region: knownOrUnknown(arn?.region) };
  });
}

/**
 * aws:ResourceAccount and aws:RequestedRegion: the key's account and Region. A KMS request goes to
 * the key's Region (a key ARN names it); a key whose account or Region is not known makes them
 * unknown, never absent.
 */
function resourceKeys(request: Request): [string, EffectiveValue][] {
  const place = keyArnPlace(request.resource);
  return [
    ["aws:resourceaccount", knownOrUnknown(request.keyAccount) ?? place.account ?? UNKNOWN],
    ["aws:requestedregion", knownOrUnknown(request.keyRegion) ?? place.region ?? UNKNOWN],
  ];
}

export function buildContext(request: Request, caller: CallerIdentity): EffectiveContext {
  const values = new Map<string, EffectiveValue>();
  const action = String(request.action);
  const given = request.context ?? {};
  for (const key of Object.keys(given)) {
    const value = normalize(given[key]);
    if (value === undefined) continue;
    const keyLower = key.toLowerCase();
    if (actionCarries(action, keyLower)) values.set(keyLower, value);
  }
  const principalArnGiven = values.has("aws:principalarn");
  for (const [keyLower, value] of derivedKeys(caller)) {
    // A key given as null or undefined (in any letter case) is absent: AWS's own value stays.
    if (!values.has(keyLower) && actionCarries(action, keyLower)) values.set(keyLower, [value]);
  }
  for (const [keyLower, value] of resourceKeys(request)) if (!values.has(keyLower)) values.set(keyLower, value);
  const role = principalArnGiven ? undefined : pathlessRole(caller);
  return {
    values,
    action,
    lookup: (keyLower) => values.get(keyLower),
    cannotCarry: (keyLower) => !actionCarries(action, keyLower),
    roleWithoutPath: role,
  };
}

/** A session's role as far as its ARN tells (`assumed-role/NAME/...`); `undefined` otherwise. */
function pathlessRole(caller: CallerIdentity): PathlessRole | undefined {
  if (caller.roleName === undefined || caller.arn === undefined || !caller.arn.includes(":assumed-role/")) {
    return undefined;
  }
  return { head: `arn:${caller.partition ?? "aws"}:iam::${caller.account ?? ""}:role/`, name: caller.roleName };
}
