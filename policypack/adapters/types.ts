/**
 * The adapters' contract: one function per resource type token, from a resource's raw properties
 * to a piece of the normalized model. The pack matches type tokens (strings) and never imports
 * @pulumi/aws or @pulumi/aws-native: importing them would cost every preview start-up time.
 */
import type {
  AliasModel,
  BucketEncryptionModel,
  BucketModel,
  DeliveryChannelModel,
  EventDataStoreModel,
  KeyModel,
  KeyPolicyAttachment,
  LandingZoneModel,
  LogGroupModel,
  RecorderModel,
  ResourceRef,
  ServiceLinkedRoleModel,
  TrailModel,
} from "../model/types";
import type { RawProps, Value } from "../model/values";

/** A resource as the adapters see it: plain properties, dependencies as URNs. */
export interface RawResource {
  readonly ref: ResourceRef;
  readonly props: RawProps;
  /** Property name -> URNs of the resources its value was computed from (AnalyzeStack only). */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** The Region configured on the resource's provider, when the request carries the provider. */
  readonly providerRegion: Value<string>;
}

export type Adapted =
  | { readonly kind: "key"; readonly value: KeyModel }
  | { readonly kind: "key-policy"; readonly value: KeyPolicyAttachment }
  | { readonly kind: "alias"; readonly value: AliasModel }
  | { readonly kind: "trail"; readonly value: TrailModel }
  | { readonly kind: "event-data-store"; readonly value: EventDataStoreModel }
  | { readonly kind: "delivery-channel"; readonly value: DeliveryChannelModel }
  | { readonly kind: "log-group"; readonly value: LogGroupModel }
  | { readonly kind: "recorder"; readonly value: RecorderModel }
  | { readonly kind: "service-linked-role"; readonly value: ServiceLinkedRoleModel }
  | { readonly kind: "landing-zone"; readonly value: LandingZoneModel }
  | { readonly kind: "bucket"; readonly value: BucketModel }
  | { readonly kind: "bucket-encryption"; readonly value: BucketEncryptionModel };

export type Adapter = (resource: RawResource) => Adapted;

/**
 * Where a resource type that carries a key policy keeps it: the policy property, and the property
 * that gives the key's ARN when known (`arn` on a key; on an attachment, a `keyId` that may be an
 * ARN). Analyze reads these two and nothing else, so a key costs the resource-level rules two
 * property reads, not a whole model.
 */
export interface KeyPolicyFields {
  readonly policy: string;
  readonly keyArn: string;
  /** The ARN property may hold a key id or alias instead: only a KMS key ARN counts. */
  readonly keyArnMayBeId: boolean;
}
