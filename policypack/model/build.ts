/**
 * One pass over a stack's resources: each resource whose type token has an adapter becomes part of
 * the normalized model; every other resource costs one map lookup.
 */
import { ADAPTERS, KEY_POLICY_FIELDS, type RawResource } from "../adapters";
import { policyDocument } from "../adapters/common";
import type { KeyPolicySubject, ResourceRef, StackResources } from "./types";
import { parseArnSafe } from "./arns";
import { rawProps, readString, type RawProps, type Value } from "./values";

/** The parts of @pulumi/policy's `PolicyResource` the model reads (tests pass plain objects). */
export interface StackResourceInput {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: unknown;
  readonly propertyDependencies?: Readonly<Record<string, readonly { readonly urn: string }[]>>;
  readonly provider?: { readonly props: unknown };
}

function providerRegion(resource: StackResourceInput): Value<string> {
  return resource.provider === undefined ? undefined : readString(rawProps(resource.provider.props), "region");
}

const ACCOUNT_ID = /^[0-9]{12}$/;

/**
 * The accounts an AWS provider may use (`allowedAccountIds`: a list, or the JSON text of one, as
 * provider inputs travel); empty for none or a value not known yet.
 */
export function providerAccountIds(providerProps: unknown): string[] {
  let ids = rawProps(providerProps).allowedAccountIds;
  if (typeof ids === "string") {
    try {
      ids = JSON.parse(ids) as unknown;
    } catch {
      return [];
    }
  }
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string" && ACCOUNT_ID.test(id)) : [];
}

function dependencyUrns(resource: StackResourceInput): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  const deps = resource.propertyDependencies;
  if (deps === undefined) return out;
  for (const [field, resources] of Object.entries(deps)) {
    if (Array.isArray(resources)) out[field] = resources.map((r: { urn: string }) => r.urn);
  }
  return out;
}

export function toRawResource(resource: StackResourceInput): RawResource {
  return {
    ref: { urn: resource.urn, name: resource.name, type: resource.type },
    props: rawProps(resource.props),
    propertyDependencies: dependencyUrns(resource),
    providerRegion: providerRegion(resource),
  };
}

export function emptyStackResources(): StackResources {
  return {
    keys: [],
    keyPolicies: [],
    aliases: [],
    trails: [],
    eventDataStores: [],
    deliveryChannels: [],
    logGroups: [],
    recorders: [],
    serviceLinkedRoles: [],
    landingZones: [],
    buckets: [],
    bucketEncryptions: [],
  };
}

/** True when the pack models resources of this type. */
export function isModeled(type: string): boolean {
  return ADAPTERS.has(type);
}

export function buildStackResources(resources: readonly StackResourceInput[]): StackResources {
  const out = emptyStackResources();
  for (const resource of resources) {
    const adapter = ADAPTERS.get(resource.type);
    if (adapter === undefined) continue;
    const adapted = adapter(toRawResource(resource));
    switch (adapted.kind) {
      case "key": {
        const accounts = resource.provider === undefined ? [] : providerAccountIds(resource.provider.props);
        out.keys.push(accounts.length > 0 ? { ...adapted.value, providerAccountIds: accounts } : adapted.value);
        break;
      }
      case "key-policy":
        out.keyPolicies.push(adapted.value);
        break;
      case "alias":
        out.aliases.push(adapted.value);
        break;
      case "trail":
        out.trails.push(adapted.value);
        break;
      case "event-data-store":
        out.eventDataStores.push(adapted.value);
        break;
      case "delivery-channel":
        out.deliveryChannels.push(adapted.value);
        break;
      case "log-group":
        out.logGroups.push(adapted.value);
        break;
      case "recorder":
        out.recorders.push(adapted.value);
        break;
      case "service-linked-role":
        out.serviceLinkedRoles.push(adapted.value);
        break;
      case "landing-zone":
        out.landingZones.push(adapted.value);
        break;
      case "bucket":
        out.buckets.push(adapted.value);
        break;
      case "bucket-encryption":
        out.bucketEncryptions.push(adapted.value);
        break;
    }
  }
  return out;
}

/**
 * The key policy a single resource carries, for the resource-level rules (Analyze sees one resource
 * at a time, without property dependencies); `undefined` for every other type. Reads the two fields
 * the adapters name for the type (`KEY_POLICY_FIELDS`), not the whole model: Analyze runs this for
 * every key of every preview.
 */
export function keyPolicySubject(
  input: StackResourceInput,
  props: RawProps = rawProps(input.props),
): KeyPolicySubject | undefined {
  const fields = KEY_POLICY_FIELDS.get(input.type);
  if (fields === undefined) return undefined;
  const ref: ResourceRef = { urn: input.urn, name: input.name, type: input.type };
  const arn = readString(props, fields.keyArn);
  const keyArn =
    typeof arn === "string" && (!fields.keyArnMayBeId || parseArnSafe(arn)?.service === "kms") ? arn : undefined;
  return { ref, document: policyDocument(props, fields.policy), ...(keyArn !== undefined ? { keyArn } : {}) };
}
