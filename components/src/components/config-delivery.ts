/**
 * `ConfigDelivery`: an AWS Config configuration recorder and delivery channel that delivers to a
 * private bucket encrypted with a KMS key (`s3KmsKeyArn`), with the documented Config bucket policy;
 * the recorder is turned on. The key grants follow the recorder's role (seed 000): an IAM role is
 * granted through the account principal; the service-linked role `AWSServiceRoleForConfig` delivers
 * as `config.amazonaws.com`, limited by `AWS:SourceAccount` and, by default, `AWS:SourceArn`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditKey, AuditKeyArgs } from "./audit-key";
import { awsContext } from "./aws-context";
import { configBucketStatements } from "./bucket-policies";
import { createConfigRole, serviceLinkedRoleArn } from "./config-role";
import { componentLabel, configurationError } from "./errors";
import type { KeyIntegration } from "./key-integrations";
import { useKey, type KeyArgument } from "./key-reference";
import { createLogBucket, type LogBucket } from "./log-bucket";

/** Pulumi type token of `ConfigDelivery`. */
export const CONFIG_DELIVERY_TYPE = "pulumi-kms-guardrails:index:ConfigDelivery";

/** The role the recorder uses. */
export type ConfigRoleMode = "service-linked-role" | "iam-role";

/** Arguments of `ConfigDelivery`. */
export interface ConfigDeliveryArgs {
  /**
   * `service-linked-role` (default): the recorder uses `AWSServiceRoleForConfig`; the key grants
   * `config.amazonaws.com` for this account. `iam-role`: a role with the managed policy
   * `AWS_ConfigRole` and S3/KMS delivery permissions; the key grants the account principal.
   */
  readonly mode?: ConfigRoleMode;
  /**
   * Create `AWSServiceRoleForConfig` (service-linked-role mode). Default true; set false when the
   * account already has it (creating it again fails).
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * Service-linked-role mode: also pin `AWS:SourceArn` to this Region's delivery channels,
   * `arn:PARTITION:config:REGION:ACCOUNT:*` (seed 000). Default true.
   */
  readonly pinSourceArn?: boolean;
  /**
   * The key: omitted, an `AuditKey` is created with Config's grants; an `AuditKey`, the channel
   * declares its grants on it; a key ARN managed elsewhere, its policy is not changed (a warning says
   * so) and the policy pack checks it.
   */
  readonly key?: KeyArgument;
  /** Arguments of the key created when `key` is omitted. */
  readonly keyArgs?: AuditKeyArgs;
  /** Recorder name. Default: the component name (one recorder per account and Region). */
  readonly recorderName?: pulumi.Input<string>;
  /** Delivery channel name. Default: the component name. */
  readonly deliveryChannelName?: pulumi.Input<string>;
  /** Prefix of the delivered objects. */
  readonly s3KeyPrefix?: pulumi.Input<string>;
  /** What to record. Default: all supported resource types, global ones included. */
  readonly recordingGroup?: aws.cfg.RecorderArgs["recordingGroup"];
  /** Snapshot frequency, e.g. `TwentyFour_Hours`. Default: Config's. */
  readonly deliveryFrequency?: pulumi.Input<string>;
  /** Delete all objects when the bucket is destroyed. Default false. */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** Use an S3 Bucket Key. Default true. */
  readonly bucketKeyEnabled?: boolean;
  /** Tags for every taggable resource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** AWS Config recording into an encrypted bucket, with a key policy that lets Config deliver. */
export class ConfigDelivery extends pulumi.ComponentResource {
  /** The configuration recorder. */
  readonly recorder: aws.cfg.Recorder;
  /** The delivery channel, encrypting with the key (`s3KmsKeyArn`). */
  readonly deliveryChannel: aws.cfg.DeliveryChannel;
  /** Turns the recorder on. */
  readonly recorderStatus: aws.cfg.RecorderStatus;
  /** The delivery bucket and its configuration resources. */
  readonly bucket: LogBucket;
  /** The delivery bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The recorder's role ARN (the IAM role, or `AWSServiceRoleForConfig`). */
  readonly roleArn: pulumi.Output<string>;
  /** The IAM role, in `iam-role` mode. */
  readonly role?: aws.iam.Role;
  /** The service-linked role, when created. */
  readonly serviceLinkedRole?: aws.iam.ServiceLinkedRole;
  /** The key's ARN. */
  readonly keyArn: pulumi.Output<string>;
  /** The `AuditKey`, created or given; undefined for a key managed elsewhere. */
  readonly key?: AuditKey;
  /** The key policy when the key is an `AuditKey`, else undefined. */
  readonly keyPolicy: pulumi.Output<string | undefined>;

  /** Creates the recorder, channel, bucket and role under `name`. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: ConfigDeliveryArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(CONFIG_DELIVERY_TYPE, name, {}, opts);
    const label = componentLabel("ConfigDelivery", name);
    const mode = args.mode ?? "service-linked-role";
    if (mode !== "service-linked-role" && mode !== "iam-role") {
      throw configurationError(label, `mode ${JSON.stringify(mode)}: use "service-linked-role" or "iam-role".`, this);
    }
    if (mode === "iam-role" && (args.pinSourceArn !== undefined || args.createServiceLinkedRole !== undefined)) {
      throw configurationError(
        label,
        'pinSourceArn and createServiceLinkedRole apply to the service-linked role only; with mode "iam-role" the ' +
          'key grants the account principal (seed 000). Remove them or use mode "service-linked-role".',
        this,
      );
    }
    const context = awsContext(this);
    const integration: KeyIntegration =
      mode === "iam-role"
        ? { kind: "config-iam-role", accounts: context.apply((c) => [c.account]) }
        : {
            kind: "config-service-linked-role",
            sourceAccounts: context.apply((c) => [c.account]),
            sourceRegions: args.pinSourceArn === false ? undefined : context.apply((c) => [c.region]),
          };
    const key = useKey({ owner: this, name, label, key: args.key, keyArgs: args.keyArgs, context, integration });
    this.key = key.auditKey;
    this.keyArn = key.arn;
    this.keyPolicy = key.auditKey !== undefined ? key.auditKey.policy : pulumi.output(undefined);

    this.bucket = createLogBucket(name, this, {
      keyArn: key.arn,
      bucketKeyEnabled: args.bucketKeyEnabled,
      forceDestroy: args.forceDestroy,
      tags: args.tags,
      statements: (bucketArn) =>
        pulumi
          .all([context, pulumi.output(args.s3KeyPrefix)])
          .apply(([c, prefix]) => configBucketStatements({ bucketArn, account: c.account, s3KeyPrefix: prefix })),
    });
    this.bucketName = this.bucket.bucket.bucket;

    // The recorder needs its role with permissions before it starts (dependsOn).
    const roleDependencies: pulumi.Resource[] = [];
    if (mode === "iam-role") {
      const created = createConfigRole(name, this, {
        context,
        bucketArn: this.bucket.bucket.arn,
        keyArn: key.arn,
        s3KeyPrefix: args.s3KeyPrefix,
        tags: args.tags,
      });
      this.role = created.role;
      this.roleArn = created.role.arn;
      roleDependencies.push(created.managedPolicy, created.deliveryPolicy);
    } else if (args.createServiceLinkedRole !== false) {
      this.serviceLinkedRole = new aws.iam.ServiceLinkedRole(
        `${name}-service-linked-role`,
        { awsServiceName: "config.amazonaws.com" },
        { parent: this },
      );
      this.roleArn = this.serviceLinkedRole.arn;
      roleDependencies.push(this.serviceLinkedRole);
    } else {
      this.roleArn = context.apply(serviceLinkedRoleArn);
    }

    this.recorder = new aws.cfg.Recorder(
      name,
      {
        name: args.recorderName ?? name,
        roleArn: this.roleArn,
        recordingGroup: args.recordingGroup ?? { allSupported: true, includeGlobalResourceTypes: true },
      },
      { parent: this, dependsOn: roleDependencies },
    );
    // Config checks bucket access when the channel is created, and a channel needs a recorder.
    this.deliveryChannel = new aws.cfg.DeliveryChannel(
      name,
      {
        name: args.deliveryChannelName ?? name,
        s3BucketName: this.bucketName,
        s3KeyPrefix: args.s3KeyPrefix,
        s3KmsKeyArn: key.arn,
        snapshotDeliveryProperties:
          args.deliveryFrequency !== undefined ? { deliveryFrequency: args.deliveryFrequency } : undefined,
      },
      { parent: this, dependsOn: [this.recorder, this.bucket.policy, ...roleDependencies] },
    );
    // Recording can only start once a delivery channel exists.
    this.recorderStatus = new aws.cfg.RecorderStatus(
      name,
      { name: this.recorder.name, isEnabled: true },
      { parent: this, dependsOn: [this.deliveryChannel] },
    );
    this.registerOutputs({
      bucketName: this.bucketName,
      roleArn: this.roleArn,
      keyArn: this.keyArn,
      keyPolicy: this.keyPolicy,
    });
  }
}
