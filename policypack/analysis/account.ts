/**
 * The account a key lives in, when its ARN is not known yet (the first preview of a new stack): the
 * probes need it for the trail ARNs, `aws:SourceAccount` and the encryption-context patterns. Taken
 * from the first of:
 *  1. the key's own ARN, then the ARN of an integration that uses it;
 *  2. the known ARNs of the stack's other resources, when they all name one account;
 *  3. the AWS provider's `allowedAccountIds`, when it names one account;
 *  4. the rule's `accountIds` option, when it names one account;
 *  5. the account that the key policy's IAM-enabling statement names (an assumption: messages say so),
 *     when it is among the accounts 3 and 4 allow.
 * Without any, the account stays unknown and the probes run with it unknown: what depends on it is
 * undecided, what does not is decided.
 */
import type { KeyLocation } from "pulumi-kms-guardrails/catalog";
import { accountOfPrincipal, evaluate, PULUMI_UNKNOWN_SENTINEL, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import { resourceLabel } from "../messages";
import { accountOfArn } from "../model/arns";
import type { StackModel } from "../model/stack";
import type { ResourceRef } from "../model/types";
import { keyLabel, type KeyFacts } from "./keys";

/** What the rule's configuration says about the accounts the stack deploys to. */
export interface AccountHints {
  readonly accountIds?: readonly string[];
}

export interface KeyAccount {
  /** The account, or the Pulumi unknown sentinel when no source names one. */
  readonly account: string;
  readonly known: boolean;
  /** Where it came from, for messages: `its ARN`, `the ARN of trail 'a'`, ... */
  readonly from?: string;
  /** Set when the account is an assumption (step 5): the sentence messages add. */
  readonly assumption?: string;
  /**
   * The accounts the key may be in, when no step names one but the provider's allowedAccountIds
   * and the accountIds option leave two or more: each is checked (analysis/candidates.ts).
   */
  readonly candidates?: readonly string[];
}

/** The one account the stack's known ARNs name, and the resource that names it; `undefined` for none or several. */
function stackAccount(model: StackModel): { readonly account: string; readonly ref: ResourceRef } | undefined {
  return model.memo("stack-account", () => {
    const r = model.resources;
    const named: [unknown, ResourceRef][] = [
      ...r.keys.map((k): [unknown, ResourceRef] => [k.arn, k.ref]),
      ...r.trails.map((t): [unknown, ResourceRef] => [t.arn, t.ref]),
      ...r.eventDataStores.map((s): [unknown, ResourceRef] => [s.arn, s.ref]),
      ...r.logGroups.map((g): [unknown, ResourceRef] => [g.arn, g.ref]),
      ...r.serviceLinkedRoles.map((s): [unknown, ResourceRef] => [s.arn, s.ref]),
      ...r.landingZones.map((z): [unknown, ResourceRef] => [z.arn, z.ref]),
    ];
    let found: { account: string; ref: ResourceRef } | undefined;
    for (const [arn, ref] of named) {
      const account = typeof arn === "string" ? accountOfArn(arn) : undefined;
      if (account === undefined) continue;
      if (found !== undefined && found.account !== account) return undefined;
      found ??= { account, ref };
    }
    return found;
  });
}

/**
 * The accounts whose root the policy lets IAM policies delegate to: an Allow of every KMS action to
 * the account, as the documented "Enable IAM User Permissions" statement does. Decided by the
 * evaluator (the root may call kms:PutKeyPolicy, a role of the account is left to its IAM policies).
 */
export function iamEnablingAccounts(policy: KeyPolicy): string[] {
  const candidates = new Set<string>();
  for (const s of policy.statements) {
    if (s.effect !== "Allow") continue;
    for (const p of s.principal?.aws ?? []) {
      const account = accountOfPrincipal(String(p));
      if (account !== undefined) candidates.add(account);
    }
  }
  return [...candidates].filter((account) => {
    const key = { keyAccount: account };
    const root = evaluate(policy, {
      principal: { kind: "aws", arn: `arn:aws:iam::${account}:root` },
      action: "kms:PutKeyPolicy",
      ...key,
    });
    const role = evaluate(policy, {
      principal: { kind: "aws", arn: `arn:aws:iam::${account}:role/any-role` },
      action: "kms:ScheduleKeyDeletion",
      ...key,
    });
    return root.verdict === "allowed" && role.verdict === "needs-iam";
  });
}

const one = (list: readonly string[] | undefined): string | undefined =>
  list !== undefined && list.length === 1 ? list[0] : undefined;

export function resolveKeyAccount(
  model: StackModel,
  facts: KeyFacts,
  integration: { readonly account?: string; readonly from?: string },
  hints: AccountHints,
  policy: KeyPolicy | undefined,
): KeyAccount {
  if (facts.account !== undefined) return { account: facts.account, known: true, from: "its ARN" };
  if (integration.account !== undefined)
    return { account: integration.account, known: true, from: integration.from ?? "an integration's ARN" };
  const stack = stackAccount(model);
  if (stack !== undefined)
    return { account: stack.account, known: true, from: `the ARN of ${resourceLabel(stack.ref)}` };
  const provider = facts.key.providerAccountIds;
  const fromProvider = one(provider);
  if (fromProvider !== undefined)
    return { account: fromProvider, known: true, from: "its provider's allowedAccountIds" };
  const fromOption = one(hints.accountIds);
  if (fromOption !== undefined) return { account: fromOption, known: true, from: "the accountIds option" };
  const allowed = (a: string): boolean =>
    (provider === undefined || provider.length === 0 || provider.includes(a)) &&
    (hints.accountIds === undefined || hints.accountIds.length === 0 || hints.accountIds.includes(a));
  const enabling = policy === undefined ? [] : iamEnablingAccounts(policy).filter(allowed);
  if (enabling.length === 1) {
    const account = enabling[0];
    return {
      account,
      known: true,
      from: "its IAM-enabling statement",
      assumption: `The key's ARN is not known yet: its account is taken to be ${account}, the account its statement enabling IAM policies names (set accountIds in this rule's configuration to state it).`,
    };
  }
  // The accounts both lists allow (or the one list given): one is the account, several are candidates.
  const lists = [provider, hints.accountIds].filter((l): l is readonly string[] => l !== undefined && l.length > 0);
  const possible = lists.length === 0 ? [] : [...new Set(lists[0])].filter((a) => lists.every((l) => l.includes(a)));
  const from =
    lists.length === 2
      ? "its provider's allowedAccountIds and the accountIds option"
      : provider !== undefined && provider.length > 0
        ? "its provider's allowedAccountIds"
        : "the accountIds option";
  if (possible.length === 1) return { account: possible[0], known: true, from };
  if (possible.length > 1) return { account: PULUMI_UNKNOWN_SENTINEL, known: false, from, candidates: possible };
  return { account: PULUMI_UNKNOWN_SENTINEL, known: false };
}

/** Where an integration's known ARN puts the key's account and Region, and which resource says so. */
export interface Fallback {
  readonly account?: string;
  readonly region?: string;
  readonly from?: string;
}

/**
 * Where the key is, for the catalog: its account resolved as above and its Region (its own, else the
 * integration's), each the unknown sentinel when nothing names it, and then named in `unknowns`.
 * `locations` has one location per candidate account when there are several, else `location`.
 */
export function locateKey(
  model: StackModel,
  facts: KeyFacts,
  fallback: Fallback,
  hints: AccountHints,
  policy: KeyPolicy | undefined,
  unknowns: string[],
): { readonly location: KeyLocation; readonly locations: readonly KeyLocation[]; readonly account: KeyAccount } {
  const account = resolveKeyAccount(model, facts, fallback, hints, policy);
  const region = facts.region ?? fallback.region;
  if (region === undefined) unknowns.push(`the Region of ${keyLabel(facts)}`);
  if (account.candidates !== undefined)
    unknowns.push(
      `the account of ${keyLabel(facts)} (${orList(account.candidates)}, by ${account.from}; set accountIds in this rule's configuration to name one)`,
    );
  else if (!account.known)
    unknowns.push(`the account of ${keyLabel(facts)} (or set accountIds in this rule's configuration)`);
  const location: KeyLocation = {
    partition: facts.partition,
    account: account.account,
    region: region ?? PULUMI_UNKNOWN_SENTINEL,
    ...(facts.arn !== undefined ? { keyArn: facts.arn } : {}),
  };
  const locations = account.candidates?.map((a) => ({ ...location, account: a })) ?? [location];
  return { account, location, locations };
}

/** `a`, `a or b`, `a, b or c`. */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/**
 * The sentence a decided finding adds when the key was checked in each account it may be in: every
 * one gave the same verdict, and the statements shown are written for the first.
 */
export function candidatesNote(account: KeyAccount): string | undefined {
  const c = account.candidates;
  if (c === undefined) return undefined;
  return `The key's ARN is not known yet: it was checked in each account it may be in (${orList(c)}, by ${account.from}), with the same outcome; statements shown are written for ${c[0]}.`;
}

/**
 * Why a verdict waits for the key's account: what each candidate account gives, e.g.
 * `it holds if the key is in 111122223333; it fails if the key is in 444455556666`.
 */
export function dependsOnAccount(accounts: readonly string[], satisfied: readonly (boolean | "unknown")[]): string {
  const where = (v: boolean | "unknown"): string[] => accounts.filter((_, i) => satisfied[i] === v);
  const parts: [readonly string[], string][] = [
    [where(true), "it holds if the key is in"],
    [where(false), "it fails if the key is in"],
    [where("unknown"), "it cannot be told yet if the key is in"],
  ];
  return parts
    .filter(([list]) => list.length > 0)
    .map(([list, text]) => `${text} ${orList(list)}`)
    .join("; ");
}
