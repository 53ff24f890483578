/**
 * Linking integrations to keys (issue 4, "Linking"): a trail, event data store, delivery channel,
 * landing zone or bucket names its key by key ARN, key id, alias name or alias ARN; aliases are
 * followed through `aws:kms/alias:Alias` resources; when the value is not known yet (preview), the
 * URNs in the property's `propertyDependencies` name the key or alias it was computed from.
 *
 * Every lookup goes through a Map built once per stack: linking is linear in the stack's size.
 */
import type {
  AliasModel,
  BucketEncryption,
  BucketModel,
  KeyModel,
  KeyPolicyAttachment,
  KeyReference,
  PolicyDocument,
  ResourceRef,
  StackResources,
} from "./model/types";
import { parseArnSafe } from "./model/arns";
import { isUnknown, type UnknownValue, type Value } from "./model/values";

export type KeyLink =
  /** The key is a resource of this stack. `via` says how it was found, for messages. */
  | { readonly status: "linked"; readonly key: KeyModel; readonly via: string }
  /** The reference names no key of this stack: defined elsewhere, not checkable here. */
  | { readonly status: "external"; readonly reference: string }
  /** The reference is not known yet and no dependency names a key: the rule waits for `field`. */
  | { readonly status: "unknown"; readonly field: string }
  /** The integration names no key. */
  | { readonly status: "none" };

/** The policy in force on a key: a `KeyPolicy` resource's, else the key's own. */
export interface EffectiveDocument {
  readonly document: PolicyDocument;
  /** The resource that declares the policy: where the fix goes. */
  readonly source: ResourceRef;
}

function pushIndex<K, V>(map: Map<K, V>, key: Value<K>, value: V): void {
  if (key !== undefined && !isUnknown(key) && !map.has(key)) map.set(key, value);
}

export class Linker {
  private readonly keyByUrn = new Map<string, KeyModel>();
  private readonly keyByArn = new Map<string, KeyModel>();
  private readonly keyById = new Map<string, KeyModel>();
  private readonly aliasByUrn = new Map<string, AliasModel>();
  private readonly aliasByName = new Map<string, AliasModel>();
  private readonly aliasByArn = new Map<string, AliasModel>();
  private readonly attachmentByKey = new Map<KeyModel, KeyPolicyAttachment>();
  private readonly bucketByUrn = new Map<string, BucketModel>();
  private readonly bucketByName = new Map<string, BucketModel>();
  private readonly encryptionByBucket = new Map<BucketModel, BucketEncryption | UnknownValue>();

  constructor(resources: StackResources) {
    for (const key of resources.keys) {
      this.keyByUrn.set(key.ref.urn, key);
      pushIndex(this.keyByArn, key.arn, key);
      pushIndex(this.keyById, key.keyId, key);
    }
    for (const alias of resources.aliases) {
      this.aliasByUrn.set(alias.ref.urn, alias);
      pushIndex(this.aliasByName, alias.name, alias);
      pushIndex(this.aliasByArn, alias.arn, alias);
    }
    // A KeyPolicy resource replaces the policy of the key it names; the last one declared wins.
    for (const attachment of resources.keyPolicies) {
      const link = this.resolveKey({
        field: "keyId",
        value: attachment.keyReference,
        dependencies: attachment.keyDependencies,
      });
      if (link.status === "linked") this.attachmentByKey.set(link.key, attachment);
    }
    for (const bucket of resources.buckets) {
      this.bucketByUrn.set(bucket.ref.urn, bucket);
      pushIndex(this.bucketByName, bucket.name, bucket);
      if (bucket.encryption !== undefined) this.encryptionByBucket.set(bucket, bucket.encryption);
    }
    // Separate encryption-configuration resources override the inline configuration.
    for (const config of resources.bucketEncryptions) {
      const bucket = this.bucket(config.bucketName, config.bucketDependencies);
      if (bucket !== undefined && config.encryption !== undefined)
        this.encryptionByBucket.set(bucket, config.encryption);
    }
  }

  /** The key a reference names. */
  resolveKey(reference: KeyReference): KeyLink {
    const value = reference.value;
    if (typeof value === "string") {
      const byValue = this.byValue(value);
      if (byValue !== undefined) return byValue;
    }
    const byDependency = this.byDependencies(reference.dependencies);
    if (byDependency !== undefined) return byDependency;
    if (value === undefined) return { status: "none" };
    if (isUnknown(value)) return { status: "unknown", field: value.field };
    return { status: "external", reference: value };
  }

  private byValue(value: string): KeyLink | undefined {
    const arn = parseArnSafe(value);
    if (arn !== undefined) {
      if (arn.service !== "kms") return undefined;
      if (arn.resource.startsWith("alias/")) {
        const alias = this.aliasByArn.get(value) ?? this.aliasByName.get(arn.resource);
        return alias === undefined ? undefined : this.throughAlias(alias);
      }
      const key = this.keyByArn.get(value) ?? this.keyById.get(arn.resource.replace(/^key\//, ""));
      return key === undefined ? undefined : { status: "linked", key, via: "key ARN" };
    }
    if (value.startsWith("alias/")) {
      const alias = this.aliasByName.get(value);
      return alias === undefined ? undefined : this.throughAlias(alias);
    }
    const key = this.keyById.get(value);
    return key === undefined ? undefined : { status: "linked", key, via: "key id" };
  }

  /** An alias targets a key, never another alias; its target is resolved by value or dependency only. */
  private throughAlias(alias: AliasModel): KeyLink | undefined {
    const target = alias.targetKeyReference;
    let key: KeyModel | undefined;
    if (typeof target === "string") {
      const arn = parseArnSafe(target);
      key =
        arn !== undefined
          ? (this.keyByArn.get(target) ?? this.keyById.get(arn.resource.replace(/^key\//, "")))
          : this.keyById.get(target);
    }
    key ??= alias.targetDependencies.map((urn) => this.keyByUrn.get(urn)).find((k) => k !== undefined);
    const name = typeof alias.name === "string" ? alias.name : alias.ref.name;
    return key === undefined ? undefined : { status: "linked", key, via: `alias ${name}` };
  }

  private byDependencies(urns: readonly string[]): KeyLink | undefined {
    for (const urn of urns) {
      const key = this.keyByUrn.get(urn);
      if (key !== undefined) return { status: "linked", key, via: "property dependency" };
      const alias = this.aliasByUrn.get(urn);
      if (alias !== undefined) {
        const link = this.throughAlias(alias);
        if (link !== undefined) return link;
      }
    }
    return undefined;
  }

  effectiveDocument(key: KeyModel): EffectiveDocument {
    const attachment = this.attachmentByKey.get(key);
    return attachment !== undefined
      ? { document: attachment.document, source: attachment.ref }
      : { document: key.document, source: key.ref };
  }

  /** A bucket of this stack by name, or by the URNs its name was computed from. */
  bucket(name: Value<string>, dependencies: readonly string[]): BucketModel | undefined {
    if (typeof name === "string") {
      const byName = this.bucketByName.get(name);
      if (byName !== undefined) return byName;
    }
    for (const urn of dependencies) {
      const bucket = this.bucketByUrn.get(urn);
      if (bucket !== undefined) return bucket;
    }
    return undefined;
  }

  bucketEncryption(bucket: BucketModel): BucketEncryption | UnknownValue | undefined {
    return this.encryptionByBucket.get(bucket);
  }
}
