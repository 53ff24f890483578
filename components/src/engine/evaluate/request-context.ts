/**
 * The request context the key policy is evaluated against, built the way AWS builds it:
 *  - condition keys are case-insensitive, so every key is lower-cased (IAM User Guide, "Condition
 *    element": "Condition key names are not case-sensitive");
 *  - AWS adds the keys it derives from the authenticated principal (`aws:PrincipalArn`,
 *    `aws:PrincipalAccount`, `aws:PrincipalType`, `kms:CallerAccount`, `aws:PrincipalServiceName`,
 *    ...) unless the caller of `evaluate` supplied them;
 *  - a `kms:` key the action cannot carry is dropped. Seed 001, "Using encryption context condition
 *    keys": encryption-context keys exist only on CreateGrant and the symmetric cryptographic
 *    operations; "If you use these condition keys to allow other operations, such as DescribeKey,
 *    permission will be denied."
 */
import { memoMap, memoWeakMap } from "../caches";
import type { CallerIdentity } from "./caller-identity";
import { actionSupportsConditionKey } from "../data/kms-reference";
import type { ContextLookup } from "./policy-variables";
import { UNKNOWN, type Request } from "../types";

export type EffectiveValue = readonly string[] | typeof UNKNOWN;

export interface EffectiveContext {
  /** Lower-cased key to its values (a single value is a one-element list). */
  readonly values: ReadonlyMap<string, EffectiveValue>;
  /** Keys given in the request that the action cannot carry (for explanations). */
  readonly dropped: readonly string[];
  readonly lookup: ContextLookup;
  /** The request's action as given, e.g. `kms:DescribeKey`. */
  readonly action: string;
  /** Whether the action can never carry this (lower-cased) key. */
  cannotCarry(keyLower: string): boolean;
}

const supportCache = memoMap<string, Map<string, boolean>>();

/** `actionSupportsConditionKey`, memoized: the same few action/key pairs recur on every probe. */
function actionCarries(action: string, keyLower: string): boolean {
  let byKey = supportCache.get(action);
  if (byKey === undefined) {
    if (supportCache.size > 1_000) supportCache.clear();
    byKey = new Map();
    supportCache.set(action, byKey);
  }
  let supported = byKey.get(keyLower);
  if (supported === undefined) {
    supported = actionSupportsConditionKey(action, keyLower);
    if (byKey.size > 1_000) byKey.clear();
    byKey.set(keyLower, supported);
  }
  return supported;
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
  let keys = derivedCache.get(caller);
  if (keys === undefined) {
    keys = deriveKeys(caller);
    derivedCache.set(caller, keys);
  }
  return keys;
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

export function buildContext(request: Request, caller: CallerIdentity): EffectiveContext {
  const values = new Map<string, EffectiveValue>();
  const dropped: string[] = [];
  const action = String(request.action);
  const given = request.context ?? {};
  for (const key of Object.keys(given)) {
    const value = normalize(given[key]);
    if (value === undefined) continue;
    const keyLower = key.toLowerCase();
    if (keyLower.startsWith("kms:") && !actionCarries(action, keyLower)) {
      dropped.push(key);
      continue;
    }
    values.set(keyLower, value);
  }
  for (const [keyLower, value] of derivedKeys(caller)) {
    if (values.has(keyLower) || given[keyLower] !== undefined) continue;
    if (keyLower.startsWith("kms:") && !actionCarries(action, keyLower)) continue;
    values.set(keyLower, [value]);
  }
  return {
    values,
    dropped,
    action,
    lookup: (keyLower) => values.get(keyLower),
    cannotCarry: (keyLower) => keyLower.startsWith("kms:") && !actionCarries(action, keyLower),
  };
}
