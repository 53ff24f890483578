/**
 * `AuditBaseline`: the one-liner for a new account. One key, a multi-Region trail and AWS Config
 * delivery encrypted with it, and optionally a CloudTrail Lake event data store (on its own key:
 * seed 003 forbids the source conditions a trail's statements need on an event data store key).
 */
import * as pulumi from "@pulumi/pulumi";
import { AuditKey } from "./audit-key";
import { ConfigDelivery, type ConfigDeliveryArgs } from "./config-delivery";
import { EncryptedEventDataStore, type EncryptedEventDataStoreArgs } from "./encrypted-event-data-store";
import { EncryptedTrail, type EncryptedTrailArgs } from "./encrypted-trail";

/** Pulumi type token of `AuditBaseline`. */
export const AUDIT_BASELINE_TYPE = "pulumi-kms-guardrails:index:AuditBaseline";

/** Arguments of `AuditBaseline`. Everything is optional. */
export interface AuditBaselineArgs {
  /** IAM roles or users that manage the keys. */
  readonly administrators?: pulumi.Input<pulumi.Input<string>[]>;
  /** IAM principals that read the trail's logs. */
  readonly logReaders?: pulumi.Input<pulumi.Input<string>[]>;
  /** Alias of the audit key, `NAME` or `alias/NAME`. */
  readonly alias?: pulumi.Input<string>;
  /** Trail options (name, organization trail, CloudWatch Logs, ...). */
  readonly trail?: Omit<EncryptedTrailArgs, "key" | "keyArgs" | "logReaders">;
  /** Config options, or `false` for no Config delivery (e.g. when Control Tower manages Config). */
  readonly config?: false | Omit<ConfigDeliveryArgs, "key" | "keyArgs">;
  /** A CloudTrail Lake event data store on its own key: `true` or its options. Default: none. */
  readonly eventDataStore?: boolean | Omit<EncryptedEventDataStoreArgs, "key" | "keyArgs">;
  /** Delete the log objects with the buckets. Default false. */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** Tags for every taggable resource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Key + multi-Region trail + Config delivery (+ event data store) with secure defaults. */
export class AuditBaseline extends pulumi.ComponentResource {
  /** The key of the trail and the Config delivery. */
  readonly key: AuditKey;
  /** The multi-Region trail. */
  readonly trail: EncryptedTrail;
  /** The Config delivery, unless `config: false`. */
  readonly config?: ConfigDelivery;
  /** The event data store, when asked for. */
  readonly eventDataStore?: EncryptedEventDataStore;
  /** The key's ARN. */
  readonly keyArn: pulumi.Output<string>;
  /** The key's rendered policy (JSON), known at preview. */
  readonly keyPolicy: pulumi.Output<string>;

  /** Creates the key, the trail and the Config delivery (and the event data store) under `name`. */
  constructor(name: string, args: AuditBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AUDIT_BASELINE_TYPE, name, {}, opts);
    const parent = { parent: this };
    this.key = new AuditKey(
      `${name}-key`,
      { administrators: args.administrators, alias: args.alias, tags: args.tags },
      parent,
    );
    // Constructed in this synchronous turn, so their declarations reach the key before its policy is rendered.
    this.trail = new EncryptedTrail(
      `${name}-trail`,
      { forceDestroy: args.forceDestroy, tags: args.tags, ...args.trail, key: this.key, logReaders: args.logReaders },
      parent,
    );
    if (args.config !== false) {
      this.config = new ConfigDelivery(
        `${name}-config`,
        { forceDestroy: args.forceDestroy, tags: args.tags, ...args.config, key: this.key },
        parent,
      );
    }
    if (args.eventDataStore !== undefined && args.eventDataStore !== false) {
      const options = args.eventDataStore === true ? {} : args.eventDataStore;
      this.eventDataStore = new EncryptedEventDataStore(
        `${name}-lake`,
        { tags: args.tags, ...options, keyArgs: { administrators: args.administrators, tags: args.tags } },
        parent,
      );
    }
    this.keyArn = this.key.arn;
    this.keyPolicy = this.key.policy;
    this.registerOutputs({ keyArn: this.keyArn, keyPolicy: this.keyPolicy, trailArn: this.trail.trailArn });
  }
}
