/**
 * `EncryptedEventDataStore`: a CloudTrail Lake event data store encrypted with a KMS key that grants
 * CloudTrail `GenerateDataKey` and `Decrypt` without `aws:SourceArn` / `aws:SourceAccount` (seed 003:
 * "The aws:SourceArn and aws:SourceAccount condition keys are not supported in KMS key policies for
 * event data stores"), and grants the querying principals `Decrypt` and `GenerateDataKey`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditKey } from "./audit-key";
import type { KeySettings } from "./audit-key-args";
import { awsContext } from "./aws-context";
import { componentLabel } from "./errors";
import { useKey } from "./key-reference";

/** Pulumi type token of `EncryptedEventDataStore`. */
export const ENCRYPTED_EVENT_DATA_STORE_TYPE = "pulumi-kms-guardrails:index:EncryptedEventDataStore";

/** The store's settings: everything but its key (`AuditBaseline.eventDataStore` takes these). */
export interface EventDataStoreOptions {
  /** The store's name. Default: the component name. */
  readonly storeName?: pulumi.Input<string>;
  /**
   * Users and roles that create, update and query the store: they need `kms:Decrypt` and
   * `kms:GenerateDataKey` (AWS CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail").
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

/** Arguments of `EncryptedEventDataStore`. */
export interface EncryptedEventDataStoreArgs extends EventDataStoreOptions {
  /**
   * The key's ARN. Omitted: an `AuditKey` is created for the store. An `AuditKey`'s `arn` (a key
   * that serves no trail): the store declares its grants on the key when constructed in the key's
   * synchronous turn (in TypeScript), else the key's arguments must list it (`eventDataStore`) and
   * the store checks that its policy does. Any other key: its policy is not changed (a warning says
   * so) and the policy pack checks it.
   */
  readonly keyArn?: pulumi.Input<string>;
  /** Settings of the key created when `keyArn` is omitted (administrators, alias, ...). */
  readonly keyArgs?: KeySettings;
}

/** What an `EncryptedEventDataStore` keeps out of its outputs (see `AuditKeyState`). */
interface EventDataStoreState {
  eventDataStore?: aws.cloudtrail.EventDataStore;
  key?: AuditKey;
}

const states = new WeakMap<EncryptedEventDataStore, EventDataStoreState>();

/** A CloudTrail Lake event data store encrypted with a key whose policy lets CloudTrail Lake use it. */
export class EncryptedEventDataStore extends pulumi.ComponentResource {
  /** The store's ARN. */
  readonly arn: pulumi.Output<string>;
  /** The store's name. */
  readonly storeName: pulumi.Output<string>;
  /** The key's ARN. */
  readonly keyArn: pulumi.Output<string>;
  /** The key policy when the key is an `AuditKey`, else undefined. */
  readonly keyPolicy: pulumi.Output<string | undefined>;

  /** Creates the store (and its key) under `name`. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: EncryptedEventDataStoreArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ENCRYPTED_EVENT_DATA_STORE_TYPE, name, {}, opts);
    const state: EventDataStoreState = {};
    states.set(this, state);
    const label = componentLabel("EncryptedEventDataStore", name);
    const key = useKey({
      owner: this,
      name,
      label,
      keyArn: args.keyArn,
      keyArgs: args.keyArgs,
      context: awsContext(this),
      integration: { kind: "cloudtrail-event-data-store", queryPrincipals: args.queryPrincipals },
    });
    state.key = key.auditKey;
    this.keyArn = key.arn;
    this.keyPolicy = key.policy;

    // CloudTrail Lake checks the key policy when the store is created; kmsKeyId makes the store wait for the key.
    const store = new aws.cloudtrail.EventDataStore(
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
    state.eventDataStore = store;
    this.arn = store.arn;
    this.storeName = store.name;
    this.registerOutputs({ arn: this.arn, storeName: this.storeName, keyArn: this.keyArn, keyPolicy: this.keyPolicy });
  }

  /** The event data store. */
  get eventDataStore(): aws.cloudtrail.EventDataStore {
    return states.get(this)?.eventDataStore as aws.cloudtrail.EventDataStore;
  }

  /** The `AuditKey`, created or given by its `arn`; undefined for a key managed elsewhere. */
  get key(): AuditKey | undefined {
    return states.get(this)?.key;
  }
}
