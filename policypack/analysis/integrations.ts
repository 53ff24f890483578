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
  configServiceLinkedRolePlan,
  eventDataStorePlan,
  logGroupArn,
  type IntegrationPlan,
  type KeyLocation,
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
import { keyFacts, keyLocation, policyState, type KeyFacts } from "./keys";
import { runPlan, type CheckedPlan } from "./probes";

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

/** Builds plans with the catalog and runs them; any refusal becomes an input error, never a crash. */
function checkGroup(
  facts: KeyFacts,
  fallback: { account?: string; region?: string },
  unknowns: readonly string[],
  plans: (location: KeyLocation) => readonly IntegrationPlan[],
): GroupResult {
  const location = keyLocation(facts, fallback);
  if ("waitsFor" in location) return { status: "waiting", waitsFor: location.waitsFor };
  const state = policyState(facts, location);
  if (state.state === "unknown") return { status: "waiting", waitsFor: state.waitsFor };
  if (state.state === "invalid") return { status: "invalid-policy" };
  let built: readonly IntegrationPlan[];
  try {
    built = plans(location);
  } catch (err) {
    return { status: "input-error", message: err instanceof Error ? err.message : String(err) };
  }
  return {
    status: "checked",
    policy: state.policy,
    location,
    plans: built.map((p) => runPlan(state.policy, p)),
    unknowns,
  };
}

export function trailChecks(model: StackModel): IntegrationChecks<TrailModel> {
  return model.memo("trail-checks", () => {
    const { linked, unlinked } = group(model, model.resources.trails);
    const groups: KeyGroup<TrailModel>[] = [];
    for (const [key, trails] of linked) {
      const facts = keyFacts(model, key);
      const unknowns: string[] = [];
      const arns = trails.map((t) => {
        const arn = known(t.arn);
        if (arn !== undefined) return arn;
        unknowns.push(`the ARN of trail '${t.ref.name}'`);
        return PULUMI_UNKNOWN_SENTINEL;
      });
      const first = trails.find((t) => known(t.arn) !== undefined);
      const fallback = {
        account: accountOfArn(first?.arn),
        region: regionOfArn(first?.arn) ?? known(trails[0].region),
      };
      // Seed 003: CloudTrail needs kms:Decrypt only on a bucket with an S3 Bucket Key.
      const serviceDecrypt = trails.some((t) => bucketKeyEnabled(model, t));
      const result = checkGroup(facts, fallback, unknowns, (key) => [
        cloudTrailTrailPlan({ key, trailArns: arns, serviceDecrypt }),
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

export function eventDataStoreChecks(model: StackModel): IntegrationChecks<EventDataStoreModel> {
  return model.memo("event-data-store-checks", () => {
    const { linked, unlinked } = group(model, model.resources.eventDataStores);
    const groups: KeyGroup<EventDataStoreModel>[] = [];
    for (const [key, stores] of linked) {
      const facts = keyFacts(model, key);
      const first = stores.find((s) => known(s.arn) !== undefined);
      const fallback = {
        account: accountOfArn(first?.arn),
        region: regionOfArn(first?.arn) ?? known(stores[0].region),
      };
      const result = checkGroup(facts, fallback, [], (location) => [eventDataStorePlan({ key: location })]);
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
export function logGroupChecks(model: StackModel): IntegrationChecks<LogGroupModel> {
  return model.memo("log-group-checks", () => {
    const { linked, unlinked } = group(model, model.resources.logGroups);
    const groups: KeyGroup<LogGroupModel>[] = [];
    for (const [key, logGroups] of linked) {
      const facts = keyFacts(model, key);
      const first = logGroups.find((g) => known(g.arn) !== undefined);
      const fallback = {
        account: accountOfArn(first?.arn),
        region: regionOfArn(first?.arn) ?? known(logGroups[0].region),
      };
      const unknowns: string[] = [];
      const result = checkGroup(facts, fallback, unknowns, (location) => [
        cloudWatchLogsPlan({
          key: location,
          logGroupArns: logGroups.map((g) => {
            const arn = known(g.arn);
            if (arn !== undefined) return arn;
            const name = known(g.name);
            if (name !== undefined) {
              const region = known(g.region) ?? location.region;
              return logGroupArn({ partition: location.partition, region, account: location.account, name });
            }
            unknowns.push(`the ARN of log group '${g.ref.name}'`);
            return PULUMI_UNKNOWN_SENTINEL;
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

export function deliveryChannelChecks(model: StackModel): IntegrationChecks<DeliveryChannelModel> {
  return model.memo("delivery-channel-checks", () => {
    const { linked, unlinked } = group(model, model.resources.deliveryChannels);
    const mode = configMode(model);
    const groups: KeyGroup<DeliveryChannelModel>[] = [];
    for (const [key, channels] of linked) {
      const facts = keyFacts(model, key);
      const regions = [...new Set(channels.map((c) => known(c.region)).filter((r): r is string => r !== undefined))];
      const modeAccounts = mode.mode === "unknown" ? [] : mode.accounts;
      const fallback = { account: modeAccounts[0], region: regions[0] };
      const result = checkGroup(facts, fallback, [], (location) => {
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
