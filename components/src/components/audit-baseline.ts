/**
 * `AuditBaseline`: the one-liner for a new account. One key, a multi-Region trail and AWS Config
 * delivery encrypted with it, and optionally a CloudTrail Lake event data store (on its own key:
 * seed 003 forbids the source conditions a trail's statements need on an event data store key).
 */
import * as pulumi from "@pulumi/pulumi";
import { AuditKey } from "./audit-key";
import { ConfigDelivery, type ConfigDeliveryOptions } from "./config-delivery";
import { EncryptedEventDataStore, type EventDataStoreOptions } from "./encrypted-event-data-store";
import { EncryptedTrail, type TrailOptions } from "./encrypted-trail";

/** Pulumi type token of `AuditBaseline`. */
export const AUDIT_BASELINE_TYPE = "pulumi-kms-guardrails:index:AuditBaseline";

/** AWS Config delivery of an `AuditBaseline`: on unless `enabled` is false. */
export interface BaselineConfigOptions extends ConfigDeliveryOptions {
  /** Default true; false for no Config delivery (e.g. when Control Tower manages Config). */
  readonly enabled?: boolean;
}

/** The CloudTrail Lake event data store of an `AuditBaseline`: created when given, unless `enabled` is false. */
export interface BaselineEventDataStoreOptions extends EventDataStoreOptions {
  /** Default true when the options are given. */
  readonly enabled?: boolean;
}

/** Arguments of `AuditBaseline`. Everything is optional. */
export interface AuditBaselineArgs {
  /** IAM roles or users that manage the keys. */
  readonly administrators?: pulumi.Input<pulumi.Input<string>[]>;
  /** IAM principals that read the trail's logs. */
  readonly logReaders?: pulumi.Input<pulumi.Input<string>[]>;
  /** Alias of the audit key, `NAME` or `alias/NAME`. */
  readonly alias?: pulumi.Input<string>;
  /** Trail options (name, organization trail, CloudWatch Logs, ...). */
  readonly trail?: TrailOptions;
  /** Config options; Config delivery is on unless `config.enabled` is false. */
  readonly config?: BaselineConfigOptions;
  /** A CloudTrail Lake event data store on its own key, when given (`{}` for the defaults). Default: none. */
  readonly eventDataStore?: BaselineEventDataStoreOptions;
  /** Delete the log objects with the buckets. Default false. */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** Tags for every taggable resource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** What an `AuditBaseline` keeps out of its outputs (see `AuditKeyState`). */
interface AuditBaselineState {
  key?: AuditKey;
  trail?: EncryptedTrail;
  config?: ConfigDelivery;
  eventDataStore?: EncryptedEventDataStore;
}

const states = new WeakMap<AuditBaseline, AuditBaselineState>();

/** Key + multi-Region trail + Config delivery (+ event data store) with secure defaults. */
export class AuditBaseline extends pulumi.ComponentResource {
  /** The ARN of the key of the trail and the Config delivery. */
  readonly keyArn: pulumi.Output<string>;
  /** The key's rendered policy (JSON), known at preview. */
  readonly keyPolicy: pulumi.Output<string>;
  /** The trail's ARN. */
  readonly trailArn: pulumi.Output<string>;
  /** The trail's log bucket. */
  readonly trailBucketName: pulumi.Output<string>;
  /** The Config delivery bucket, unless Config delivery is off. */
  readonly configBucketName: pulumi.Output<string | undefined>;
  /** The Config recorder's role ARN, unless Config delivery is off. */
  readonly configRoleArn: pulumi.Output<string | undefined>;
  /** The event data store's ARN, when asked for. */
  readonly eventDataStoreArn: pulumi.Output<string | undefined>;
  /** The event data store's key ARN, when asked for. */
  readonly eventDataStoreKeyArn: pulumi.Output<string | undefined>;

  /** Creates the key, the trail and the Config delivery (and the event data store) under `name`. */
  constructor(name: string, args: AuditBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AUDIT_BASELINE_TYPE, name, {}, opts);
    const state: AuditBaselineState = {};
    states.set(this, state);
    const parent = { parent: this };
    const key = new AuditKey(
      `${name}-key`,
      { administrators: args.administrators, alias: args.alias, tags: args.tags },
      parent,
    );
    state.key = key;
    // Constructed in this synchronous turn, so their declarations reach the key before its policy is rendered.
    state.trail = new EncryptedTrail(
      `${name}-trail`,
      { forceDestroy: args.forceDestroy, tags: args.tags, ...args.trail, keyArn: key.arn, logReaders: args.logReaders },
      parent,
    );
    const { enabled: configEnabled, ...config } = args.config ?? {};
    if (configEnabled !== false) {
      state.config = new ConfigDelivery(
        `${name}-config`,
        { forceDestroy: args.forceDestroy, tags: args.tags, ...config, keyArn: key.arn },
        parent,
      );
    }
    if (args.eventDataStore !== undefined && args.eventDataStore.enabled !== false) {
      const { enabled: _enabled, ...store } = args.eventDataStore;
      state.eventDataStore = new EncryptedEventDataStore(
        `${name}-lake`,
        { tags: args.tags, ...store, keyArgs: { administrators: args.administrators, tags: args.tags } },
        parent,
      );
    }
    this.keyArn = key.arn;
    this.keyPolicy = key.policy;
    this.trailArn = state.trail.trailArn;
    this.trailBucketName = state.trail.bucketName;
    this.configBucketName = state.config?.bucketName ?? pulumi.output(undefined);
    this.configRoleArn = state.config?.roleArn ?? pulumi.output(undefined);
    this.eventDataStoreArn = state.eventDataStore?.arn ?? pulumi.output(undefined);
    this.eventDataStoreKeyArn = state.eventDataStore?.keyArn ?? pulumi.output(undefined);
    this.registerOutputs({
      keyArn: this.keyArn,
      keyPolicy: this.keyPolicy,
      trailArn: this.trailArn,
      trailBucketName: this.trailBucketName,
      configBucketName: this.configBucketName,
      configRoleArn: this.configRoleArn,
      eventDataStoreArn: this.eventDataStoreArn,
      eventDataStoreKeyArn: this.eventDataStoreKeyArn,
    });
  }

  /** The key of the trail and the Config delivery. */
  get key(): AuditKey {
    return states.get(this)?.key as AuditKey;
  }

  /** The multi-Region trail. */
  get trail(): EncryptedTrail {
    return states.get(this)?.trail as EncryptedTrail;
  }

  /** The Config delivery, unless `config.enabled` is false. */
  get config(): ConfigDelivery | undefined {
    return states.get(this)?.config;
  }

  /** The event data store, when asked for. */
  get eventDataStore(): EncryptedEventDataStore | undefined {
    return states.get(this)?.eventDataStore;
  }
}
