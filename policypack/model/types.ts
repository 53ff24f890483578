/**
 * The normalized model: what the rules see, whichever provider (AWS Classic v6/v7, AWS Native)
 * declared the resources. Adapters fill it; rules never read provider properties themselves.
 */
import type { LandingZoneKeyField } from "pulumi-kms-guardrails/catalog";
import type { UnknownValue, Value } from "./values";

export type ProviderFamily = "aws" | "aws-native";

/** The resource a finding is about: a violation is reported on its URN. */
export interface ResourceRef {
  readonly urn: string;
  readonly name: string;
  readonly type: string;
}

/** A key policy as declared: absent (AWS applies its default policy), not known yet, or a value. */
export type PolicyDocument =
  | { readonly kind: "absent" }
  | { readonly kind: "unknown"; readonly field: string }
  /**
   * `value` is the JSON string (AWS Classic) or object (AWS Native) exactly as declared. `secrets()`:
   * the strings messages must withhold (redact.ts) when the property, or a part of it, arrived as a
   * secret; `undefined` otherwise. A function, so the work is done only when a message is printed.
   */
  | {
      readonly kind: "present";
      readonly field: string;
      readonly value: unknown;
      readonly secrets: () => readonly string[] | undefined;
    };

/** A resource that carries a key policy, for the resource-level rules. */
export interface KeyPolicySubject {
  readonly ref: ResourceRef;
  readonly document: PolicyDocument;
  /** The key's ARN when the resource knows it (an output, or a `keyId` given as an ARN). */
  readonly keyArn?: string;
}

export interface KeyModel {
  readonly ref: ResourceRef;
  readonly family: ProviderFamily;
  readonly replica: boolean;
  readonly arn: Value<string>;
  readonly keyId: Value<string>;
  /** Region from the v7 `region` input or the provider's configuration. */
  readonly region: Value<string>;
  readonly enabled: Value<boolean>;
  /** `ENCRYPT_DECRYPT` when absent (AWS's default). */
  readonly keyUsage: Value<string>;
  /** `SYMMETRIC_DEFAULT` when absent (AWS's default). */
  readonly keySpec: Value<string>;
  readonly multiRegion: Value<boolean>;
  readonly document: PolicyDocument;
  /** The accounts the key's AWS provider may use (`allowedAccountIds`), when it names any. */
  readonly providerAccountIds?: readonly string[];
}

/** `aws:kms/keyPolicy:KeyPolicy`: replaces the policy of the key it names. */
export interface KeyPolicyAttachment {
  readonly ref: ResourceRef;
  readonly keyReference: Value<string>;
  readonly keyDependencies: readonly string[];
  readonly document: PolicyDocument;
}

export interface AliasModel {
  readonly ref: ResourceRef;
  /** `alias/name`. */
  readonly name: Value<string>;
  readonly arn: Value<string>;
  readonly targetKeyReference: Value<string>;
  readonly targetDependencies: readonly string[];
}

/** How an integration names its key: the property value and the URNs it was computed from. */
export interface KeyReference {
  readonly field: string;
  readonly value: Value<string>;
  readonly dependencies: readonly string[];
}

export interface TrailModel {
  readonly ref: ResourceRef;
  readonly family: ProviderFamily;
  readonly name: Value<string>;
  readonly arn: Value<string>;
  readonly region: Value<string>;
  readonly key: KeyReference;
  readonly bucketName: Value<string>;
  readonly bucketDependencies: readonly string[];
  readonly organizationTrail: Value<boolean>;
}

export interface EventDataStoreModel {
  readonly ref: ResourceRef;
  readonly family: ProviderFamily;
  readonly name: Value<string>;
  readonly arn: Value<string>;
  readonly region: Value<string>;
  readonly key: KeyReference;
}

export interface DeliveryChannelModel {
  readonly ref: ResourceRef;
  readonly family: ProviderFamily;
  readonly name: Value<string>;
  readonly region: Value<string>;
  readonly key: KeyReference;
  readonly bucketName: Value<string>;
}

/** A CloudWatch Logs log group; `key` is its `kmsKeyId` (a key ARN). */
export interface LogGroupModel {
  readonly ref: ResourceRef;
  readonly family: ProviderFamily;
  readonly name: Value<string>;
  /** The log group's ARN without the `:*` suffix CloudFormation adds: the encryption context value. */
  readonly arn: Value<string>;
  readonly region: Value<string>;
  readonly key: KeyReference;
}

export interface RecorderModel {
  readonly ref: ResourceRef;
  readonly roleArn: Value<string>;
  readonly roleDependencies: readonly string[];
}

export interface ServiceLinkedRoleModel {
  readonly ref: ResourceRef;
  readonly serviceName: Value<string>;
  readonly arn: Value<string>;
}

/** One `kmsKeyArn` of a landing zone manifest: what its key serves and the key it names. */
export interface LandingZoneKeyUse {
  /** The catalog's description of the field for the landing zone's version. */
  readonly field: LandingZoneKeyField;
  /** `field` is the full property path, e.g. `manifestJson.config.configurations.kmsKeyArn`. */
  readonly key: KeyReference;
  /** The section's `enabled` flag (4.0); `false` means the integration, and so its key, is off. */
  readonly enabled: Value<boolean>;
  /** A value of the wrong type on the way to the key ARN: the property path and what it is. */
  readonly problem?: string;
}

export interface LandingZoneModel {
  readonly ref: ResourceRef;
  readonly family: ProviderFamily;
  readonly arn: Value<string>;
  readonly region: Value<string>;
  /** The landing zone version (`version`) as given, an `UnknownValue` in preview: it decides which keys the manifest names. */
  readonly version: unknown;
  /** The manifest's property: `manifestJson` (AWS Classic, a JSON string) or `manifest` (AWS Native). */
  readonly manifestField: string;
  /** The keys the manifest names, for the version's schema; empty when the version is unknown or not one the catalog knows. */
  readonly keys: readonly LandingZoneKeyUse[];
  /** A manifest that is not valid JSON or not an object: the field and why. */
  readonly manifestProblem?: string;
}

/** Default encryption of a bucket: what S3 applies to objects written without their own. */
export interface BucketEncryption {
  /** `AES256`, `aws:kms`, `aws:kms:dsse`. */
  readonly algorithm: Value<string>;
  /** The key named in the rule; absent with `aws:kms` means the AWS managed key `aws/s3`. */
  readonly key: KeyReference;
  readonly bucketKeyEnabled: Value<boolean>;
}

export interface BucketModel {
  readonly ref: ResourceRef;
  readonly name: Value<string>;
  readonly encryption?: BucketEncryption | UnknownValue;
}

/** A separate server-side-encryption configuration resource, attached to a bucket by name. */
export interface BucketEncryptionModel {
  readonly ref: ResourceRef;
  readonly bucketName: Value<string>;
  readonly bucketDependencies: readonly string[];
  readonly encryption: BucketEncryption | UnknownValue | undefined;
}

/** Everything the stack rules read, from one pass over the stack's resources. */
export interface StackResources {
  readonly keys: KeyModel[];
  readonly keyPolicies: KeyPolicyAttachment[];
  readonly aliases: AliasModel[];
  readonly trails: TrailModel[];
  readonly eventDataStores: EventDataStoreModel[];
  readonly deliveryChannels: DeliveryChannelModel[];
  readonly logGroups: LogGroupModel[];
  readonly recorders: RecorderModel[];
  readonly serviceLinkedRoles: ServiceLinkedRoleModel[];
  readonly landingZones: LandingZoneModel[];
  readonly buckets: BucketModel[];
  readonly bucketEncryptions: BucketEncryptionModel[];
}
