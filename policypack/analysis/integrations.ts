/**
 * Integrations grouped by the key they use, each group checked once per stack against the
 * catalog's plan for it: trails (cloudTrailTrailPlan), event data stores (eventDataStorePlan),
 * delivery channels (configIamRolePlan / configServiceLinkedRolePlan). The rules only read the
 * results; the probes run once however many rules look at them.
 */
import {
  cloudTrailTrailPlan,
  cloudWatchLogsPlan,
  configIamRolePlan,
  trailArn,
  configServiceLinkedRolePlan,
  eventDataStorePlan,
  logGroupArn,
  withOrganization,
  type IntegrationPlan,
  type KeyLocation,
  type Organization,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import type { KeyLink } from "../linking";
import { accountOfArn, regionOfArn } from "../model/arns";
import type { StackModel } from "../model/stack";
import type {
  DeliveryChannelModel,
  EventDataStoreModel,
  KeyModel,
  KeyReference,
  LogGroupModel,
  ResourceRef,
  TrailModel,
} from "../model/types";
import { isUnknown, known } from "../model/values";
import { resourceLabel } from "../messages";
import { candidatesNote, locateKey, type AccountHints, type Fallback } from "./account";
import { keyFacts, policyState, type KeyFacts } from "./keys";
import { inEachAccount, runPlan, type CheckedPlan } from "./probes";

/** An integration whose key is not a checkable key of this stack. */
export interface UnlinkedIntegration {
  readonly ref: ResourceRef;
  readonly keyField: string;
  readonly link: Exclude<KeyLink, { status: "linked" }>;
}

/** A key of the stack and the integrations of one kind that use it. */
export interface KeyGroup<T> {
  readonly facts: KeyFacts;
  readonly members: readonly T[];
  readonly result: GroupResult;
}

export type GroupResult =
  /** A value the check needs is not known yet (preview); the check waits for it. */
  | { readonly status: "waiting"; readonly waitsFor: string }
  /** The key policy is not usable at all; kms-key-policy-valid says why. */
  | { readonly status: "invalid-policy" }
  /** The catalog refused the inputs read off the stack (e.g. a trail ARN with a wildcard). */
  | { readonly status: "input-error"; readonly message: string }
  | {
      readonly status: "checked";
      readonly policy: KeyPolicy;
      readonly location: KeyLocation;
      readonly plans: readonly CheckedPlan[];
      /** Values passed to the catalog as unknown: outcomes that depend on them are undecidable. */
      readonly unknowns: readonly string[];
      /** The sentence decided findings add when the key's account is an assumption, or was each candidate (analysis/account.ts). */
      readonly assumption?: string;
    };

export interface IntegrationChecks<T> {
  readonly groups: readonly KeyGroup<T>[];
  readonly unlinked: readonly UnlinkedIntegration[];
}

interface Member {
  readonly ref: ResourceRef;
  readonly key: KeyReference;
}

function group<T extends Member>(
  model: StackModel,
  members: readonly T[],
): { linked: Map<KeyModel, T[]>; unlinked: UnlinkedIntegration[] } {
  const linked = new Map<KeyModel, T[]>();
  const unlinked: UnlinkedIntegration[] = [];
  for (const m of members) {
    const link = model.linker.resolveKey(m.key);
    if (link.status === "linked") {
      const list = linked.get(link.key);
      if (list === undefined) linked.set(link.key, [m]);
      else list.push(m);
    } else {
      unlinked.push({ ref: m.ref, keyField: m.key.field, link });
    }
  }
  return { linked, unlinked };
}

function fallbackOf(
  members: readonly { readonly ref: ResourceRef; readonly arn: unknown; readonly region: unknown }[],
): Fallback {
  const first = members.find((m) => typeof m.arn === "string" && accountOfArn(m.arn) !== undefined);
  const arn = first?.arn as string | undefined;
  return {
    account: accountOfArn(arn),
    region: regionOfArn(arn) ?? known(members[0].region as string | undefined),
    ...(first !== undefined ? { from: `the ARN of ${resourceLabel(first.ref)}` } : {}),
  };
}

/**
 * Builds plans with the catalog and runs them; any refusal becomes an input error, never a crash.
 * A key whose account or Region is not known yet (a new stack's preview) is checked with them
 * unknown: only outcomes that depend on them are undecided, and `unknowns` names them.
 */
function checkGroup(
  model: StackModel,
  facts: KeyFacts,
  fallback: Fallback,
  hints: CheckOptions,
  unknowns: string[],
  plans: (location: KeyLocation) => readonly IntegrationPlan[],
): GroupResult {
  // A declared policy is read first: its IAM-enabling statement may name the account. AWS's default
  // policy (none declared) is written for the account, once it is resolved.
  const declared = facts.document.kind === "absent" ? undefined : policyState(facts, undefined);
  if (declared?.state === "unknown") return { status: "waiting", waitsFor: declared.waitsFor };
  if (declared?.state === "invalid") return { status: "invalid-policy" };
  const { account, locations } = locateKey(model, facts, fallback, hints, declared?.policy, unknowns);
  // One run per account the key may be in (one, unless analysis/account.ts left candidates).
  const runs: { readonly location: KeyLocation; readonly policy: KeyPolicy; readonly plans: CheckedPlan[] }[] = [];
  for (const location of locations) {
    const state = declared ?? policyState(facts, location);
    if (state.state !== "parsed") return { status: "invalid-policy" };
    let built: readonly IntegrationPlan[];
    try {
      built = plans(location).map((p) => withOrganization(p, hints.organization));
    } catch (err) {
      return { status: "input-error", message: err instanceof Error ? err.message : String(err) };
    }
    runs.push({ location, policy: state.policy, plans: built.map((p) => runPlan(state.policy, p)) });
  }
  const [first] = runs;
  const candidates = account.candidates;
  const note = account.assumption ?? candidatesNote(account);
  return {
    status: "checked",
    policy: first.policy,
    location: first.location,
    plans:
      candidates === undefined
        ? first.plans
        : first.plans.map((_, i) =>
            inEachAccount(
              candidates,
              runs.map((r) => r.plans[i]),
            ),
          ),
    // Plans built once per account name the same unknown values.
    unknowns: [...new Set(unknowns)],
    ...(note !== undefined ? { assumption: note } : {}),
  };
}

/**
 * What a rule's options say to the integration checks: the accounts (`accountIds`) and the
 * organization (`organizationId`), whose keys the probes then carry as AWS would (catalog
 * organization.ts). Rules with different options get different analyses.
 */
export interface CheckOptions extends AccountHints {
  readonly organization?: Organization;
}

/** Memo name of an analysis under the rule's account hints (rules may be configured differently). */
const memoName = (name: string, hints: CheckOptions): string =>
  `${name}:${(hints.accountIds ?? []).join(",")}:${hints.organization?.id ?? ""}:${(hints.organization?.paths ?? []).join(",")}`;

/**
 * A trail's ARN: known, or computed from its name (a named trail in preview) in the key's account
 * and the trail's Region, as CloudTrail will name it; with the sentinel for its name when that is not
 * known either.
 */
export function trailArnOf(t: TrailModel, key: KeyLocation, unknowns: string[]): string {
  const arn = known(t.arn);
  if (arn !== undefined) return arn;
  const name = known(t.name);
  const region = known(t.region) ?? key.region;
  if (name === undefined) unknowns.push(`the ARN of trail '${t.ref.name}'`);
  // Known in part when only the name waits: every verdict that does not depend on it is decided.
  return trailArn({ partition: key.partition, region, account: key.account, name: name ?? PULUMI_UNKNOWN_SENTINEL });
}

export function trailChecks(model: StackModel, hints: CheckOptions = {}): IntegrationChecks<TrailModel> {
  return model.memo(memoName("trail-checks", hints), () => {
    const { linked, unlinked } = group(model, model.resources.trails);
    const groups: KeyGroup<TrailModel>[] = [];
    for (const [key, trails] of linked) {
      const facts = keyFacts(model, key);
      const unknowns: string[] = [];
      // Seed 003: CloudTrail needs kms:Decrypt only on a bucket with an S3 Bucket Key.
      const serviceDecrypt = trails.some((t) => bucketKeyEnabled(model, t));
      const result = checkGroup(model, facts, fallbackOf(trails), hints, unknowns, (location) => [
        cloudTrailTrailPlan({
          key: location,
          trailArns: trails.map((t) => trailArnOf(t, location, unknowns)),
          serviceDecrypt,
        }),
      ]);
      groups.push({ facts, members: trails, result });
    }
    return { groups, unlinked };
  });
}

export function bucketKeyEnabled(model: StackModel, trail: TrailModel): boolean {
  const bucket = model.linker.bucket(trail.bucketName, trail.bucketDependencies);
  if (bucket === undefined) return false;
  const encryption = model.linker.bucketEncryption(bucket);
  return encryption !== undefined && !isUnknown(encryption) && encryption.bucketKeyEnabled === true;
}

export function eventDataStoreChecks(
  model: StackModel,
  hints: CheckOptions = {},
): IntegrationChecks<EventDataStoreModel> {
  return model.memo(memoName("event-data-store-checks", hints), () => {
    const { linked, unlinked } = group(model, model.resources.eventDataStores);
    const groups: KeyGroup<EventDataStoreModel>[] = [];
    for (const [key, stores] of linked) {
      const facts = keyFacts(model, key);
      const result = checkGroup(model, facts, fallbackOf(stores), hints, [], (location) => [
        eventDataStorePlan({ key: location }),
      ]);
      groups.push({ facts, members: stores, result });
    }
    return { groups, unlinked };
  });
}

/**
 * Log groups by key, checked against the CloudWatch Logs plan. A log group whose ARN is not known
 * yet but whose name is (a named log group in preview) is taken to be in the key's account and its
 * own Region: its ARN is computed, as CloudWatch Logs will put it in the encryption context.
 */
export function logGroupChecks(model: StackModel, hints: CheckOptions = {}): IntegrationChecks<LogGroupModel> {
  return model.memo(memoName("log-group-checks", hints), () => {
    const { linked, unlinked } = group(model, model.resources.logGroups);
    const groups: KeyGroup<LogGroupModel>[] = [];
    for (const [key, logGroups] of linked) {
      const facts = keyFacts(model, key);
      const unknowns: string[] = [];
      const result = checkGroup(model, facts, fallbackOf(logGroups), hints, unknowns, (location) => [
        cloudWatchLogsPlan({
          key: location,
          logGroupArns: logGroups.map((g) => {
            const arn = known(g.arn);
            if (arn !== undefined) return arn;
            const name = known(g.name);
            const region = known(g.region) ?? location.region;
            if (name === undefined) unknowns.push(`the ARN of log group '${g.ref.name}'`);
            // Known in part, as a trail's (trailArnOf).
            const partial = name ?? PULUMI_UNKNOWN_SENTINEL;
            return logGroupArn({ partition: location.partition, region, account: location.account, name: partial });
          }),
        }),
      ]);
      groups.push({ facts, members: logGroups, result });
    }
    return { groups, unlinked };
  });
}

/** How AWS Config delivers (seed 000): with the recorder's IAM role, or with its service-linked role. */
export type ConfigMode =
  | { readonly mode: "iam-role"; readonly accounts: readonly string[] }
  | { readonly mode: "service-linked-role"; readonly accounts: readonly string[] }
  /** No recorder in the stack: either way of delivering will do. */
  | { readonly mode: "unknown" };

const CONFIG_SLR_PATH = "role/aws-service-role/config.amazonaws.com/";

export function configMode(model: StackModel): ConfigMode {
  return model.memo("config-mode", () => {
    const slrUrns = new Set(
      model.resources.serviceLinkedRoles
        .filter((r) => known(r.serviceName) === "config.amazonaws.com")
        .map((r) => r.ref.urn),
    );
    let serviceLinked = false;
    let iamRole = false;
    const accounts: string[] = [];
    for (const recorder of model.resources.recorders) {
      const roleArn = known(recorder.roleArn);
      const account = accountOfArn(roleArn);
      if (account !== undefined) accounts.push(account);
      if (
        roleArn !== undefined
          ? roleArn.includes(CONFIG_SLR_PATH)
          : recorder.roleDependencies.some((u) => slrUrns.has(u))
      ) {
        serviceLinked = true;
      } else {
        iamRole = true;
      }
    }
    if (iamRole) return { mode: "iam-role", accounts };
    if (serviceLinked) return { mode: "service-linked-role", accounts };
    return { mode: "unknown" };
  });
}

export function deliveryChannelChecks(
  model: StackModel,
  hints: CheckOptions = {},
): IntegrationChecks<DeliveryChannelModel> {
  return model.memo(memoName("delivery-channel-checks", hints), () => {
    const { linked, unlinked } = group(model, model.resources.deliveryChannels);
    const mode = configMode(model);
    const groups: KeyGroup<DeliveryChannelModel>[] = [];
    for (const [key, channels] of linked) {
      const facts = keyFacts(model, key);
      const regions = [...new Set(channels.map((c) => known(c.region)).filter((r): r is string => r !== undefined))];
      const modeAccounts = mode.mode === "unknown" ? [] : mode.accounts;
      const fallback = {
        account: modeAccounts[0],
        region: regions[0],
        ...(modeAccounts.length > 0 ? { from: "the ARN of the Config recorder's role" } : {}),
      };
      const result = checkGroup(model, facts, fallback, hints, [], (location) => {
        const accounts = modeAccounts.length > 0 ? modeAccounts : [location.account];
        // Both plans: with an IAM role, Config falls back to the service principal (seed 000 Note).
        return [
          configIamRolePlan({ key: location, accounts }),
          configServiceLinkedRolePlan({
            key: location,
            sourceAccounts: accounts,
            ...(regions.length > 0 ? { sourceRegions: regions } : {}),
          }),
        ];
      });
      groups.push({ facts, members: channels, result });
    }
    return { groups, unlinked };
  });
}

/** Every key of the stack that some integration of the given kinds uses. */
export function keysUsedBy(
  model: StackModel,
  kinds: readonly ("trail" | "event-data-store" | "delivery-channel" | "log-group")[],
): Set<KeyModel> {
  const keys = new Set<KeyModel>();
  for (const kind of kinds) {
    const checks =
      kind === "trail"
        ? trailChecks(model)
        : kind === "event-data-store"
          ? eventDataStoreChecks(model)
          : kind === "log-group"
            ? logGroupChecks(model)
            : deliveryChannelChecks(model);
    for (const g of checks.groups) keys.add(g.facts.key);
  }
  return keys;
}
