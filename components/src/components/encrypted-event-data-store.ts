/**
 * `EncryptedEventDataStore`: a CloudTrail Lake event data store encrypted with a KMS key that grants
 * CloudTrail `GenerateDataKey` and `Decrypt` without `aws:SourceArn` / `aws:SourceAccount` (seed 003:
 * "The aws:SourceArn and aws:SourceAccount condition keys are not supported in KMS key policies for
 * event data stores"), and grants the querying principals `Decrypt` and `GenerateDataKey`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditKey, AuditKeyArgs } from "./audit-key";
import { awsContext } from "./aws-context";
import { componentLabel } from "./errors";
import { useKey, type KeyArgument } from "./key-reference";

/** Pulumi type token of `EncryptedEventDataStore`. */
export const ENCRYPTED_EVENT_DATA_STORE_TYPE = "pulumi-kms-guardrails:index:EncryptedEventDataStore";

/** Arguments of `EncryptedEventDataStore`. */
export interface EncryptedEventDataStoreArgs {
  /** The store's name. Default: the component name. */
  readonly storeName?: pulumi.Input<string>;
  /**
   * The key: omitted, an `AuditKey` is created for the store; an `AuditKey` that serves no trail, the
   * store declares its grants on it (a key of trails is an error, seed 003); a key ARN managed
   * elsewhere, its policy is not changed (a warning says so) and the policy pack checks it.
   */
  readonly key?: KeyArgument;
  /** Arguments of the key created when `key` is omitted (administrators, alias, ...). */
  readonly keyArgs?: AuditKeyArgs;
  /**
   * Users and roles that create, update and query the store: they need `kms:Decrypt` and
   * `kms:GenerateDataKey` (seed 003, "Granting decrypt permissions").
   */
  readonly queryPrincipals?: pulumi.Input<pulumi.Input<string>[]>;
  /** Collect events of every Region. Default true. */
  readonly multiRegionEnabled?: pulumi.Input<boolean>;
  /** Collect events of every account of the organization. Default false. */
  readonly organizationEnabled?: pulumi.Input<boolean>;
  /** Days to keep events. Default: CloudTrail's (2557 for extendable retention). */
  readonly retentionPeriod?: pulumi.Input<number>;
  /** Default true: an audit store is not deleted by accident. */
  readonly terminationProtectionEnabled?: pulumi.Input<boolean>;
  /** `EXTENDABLE_RETENTION_PRICING` (default) or `FIXED_RETENTION_PRICING`. */
  readonly billingMode?: pulumi.Input<string>;
  /** Which events to collect. Default: all management events. */
  readonly advancedEventSelectors?: aws.cloudtrail.EventDataStoreArgs["advancedEventSelectors"];
  /** Tags for the store and a created key. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** A CloudTrail Lake event data store encrypted with a key whose policy lets CloudTrail Lake use it. */
export class EncryptedEventDataStore extends pulumi.ComponentResource {
  /** The event data store. */
  readonly eventDataStore: aws.cloudtrail.EventDataStore;
  /** The store's ARN. */
  readonly arn: pulumi.Output<string>;
  /** The key's ARN. */
  readonly keyArn: pulumi.Output<string>;
  /** The `AuditKey`, created or given; undefined for a key managed elsewhere. */
  readonly key?: AuditKey;
  /** The key policy when the key is an `AuditKey`, else undefined. */
  readonly keyPolicy: pulumi.Output<string | undefined>;

  /** Creates the store (and its key) under `name`. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: EncryptedEventDataStoreArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ENCRYPTED_EVENT_DATA_STORE_TYPE, name, {}, opts);
    const label = componentLabel("EncryptedEventDataStore", name);
    const key = useKey({
      owner: this,
      name,
      label,
      key: args.key,
      keyArgs: args.keyArgs,
      context: awsContext(this),
      integration: { kind: "cloudtrail-event-data-store", queryPrincipals: args.queryPrincipals },
    });
    this.key = key.auditKey;
    this.keyArn = key.arn;
    this.keyPolicy = key.auditKey !== undefined ? key.auditKey.policy : pulumi.output(undefined);

    // CloudTrail Lake checks the key policy when the store is created; kmsKeyId makes the store wait for the key.
    this.eventDataStore = new aws.cloudtrail.EventDataStore(
      name,
      {
        name: args.storeName ?? name,
        kmsKeyId: key.arn,
        multiRegionEnabled: args.multiRegionEnabled ?? true,
        organizationEnabled: args.organizationEnabled ?? false,
        retentionPeriod: args.retentionPeriod,
        terminationProtectionEnabled: args.terminationProtectionEnabled ?? true,
        billingMode: args.billingMode,
        advancedEventSelectors: args.advancedEventSelectors,
        tags: args.tags,
      },
      { parent: this },
    );
    this.arn = this.eventDataStore.arn;
    this.registerOutputs({ arn: this.arn, keyArn: this.keyArn, keyPolicy: this.keyPolicy });
  }
}
