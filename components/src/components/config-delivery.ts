/**
 * `ConfigDelivery`: an AWS Config configuration recorder and delivery channel that delivers to a
 * private bucket encrypted with a KMS key (`s3KmsKeyArn`), with the documented Config bucket policy;
 * the recorder is turned on. The key grants follow the recorder's role (seed 000): an IAM role is
 * granted through the account principal; the service-linked role `AWSServiceRoleForConfig` delivers
 * as `config.amazonaws.com`, limited by `AWS:SourceAccount` and, by default, `AWS:SourceArn`.
 *
 * The service-linked role exists in every account that ever turned AWS Config on, and creating it
 * again fails, so the recorder uses the existing role by default; `createServiceLinkedRole: true`
 * creates it (an account that never used Config).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuditKey } from "./audit-key";
import { ConfigRoleMode, type KeySettings } from "./audit-key-args";
import { awsContext } from "./aws-context";
import { configBucketStatements } from "./bucket-policies";
import { createConfigRole, serviceLinkedRoleArn } from "./config-role";
import { componentLabel, configurationError } from "./errors";
import type { KeyIntegration } from "./key-integrations";
import { useKey } from "./key-reference";
import { createLogBucket, type LogBucket } from "./log-bucket";

/** Pulumi type token of `ConfigDelivery`. */
export const CONFIG_DELIVERY_TYPE = "pulumi-kms-guardrails:index:ConfigDelivery";

/** The delivery's settings: everything but its key (`AuditBaseline.config` takes these). */
export interface ConfigDeliveryOptions {
  /**
   * `service-linked-role` (default): the recorder uses `AWSServiceRoleForConfig`; the key grants
   * `config.amazonaws.com` for this account. `iam-role`: a role with the managed policy
   * `AWS_ConfigRole` and S3/KMS delivery permissions; the key grants the account principal.
   */
  readonly mode?: ConfigRoleMode;
  /**
   * Service-linked-role mode: create `AWSServiceRoleForConfig`. Default false: the recorder uses the
   * account's existing role, which every account that ever turned AWS Config on has (creating it
   * again fails). Set true in an account that never used AWS Config.
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * Service-linked-role mode: also pin `AWS:SourceArn` to this Region's delivery channels,
   * `arn:PARTITION:config:REGION:ACCOUNT:*`. Default true.
   */
  readonly pinSourceArn?: boolean;
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

/** Arguments of `ConfigDelivery`. */
export interface ConfigDeliveryArgs extends ConfigDeliveryOptions {
  /**
   * The key's ARN. Omitted: an `AuditKey` is created with Config's grants. An `AuditKey`'s `arn`:
   * the channel declares its grants on the key when constructed in the key's synchronous turn (in
   * TypeScript), else the key's arguments must list it (`config`) and the channel checks that its
   * policy does. Any other key: its policy is not changed (a warning says so) and the policy pack
   * checks it.
   */
  readonly keyArn?: pulumi.Input<string>;
  /** Settings of the key created when `keyArn` is omitted. */
  readonly keyArgs?: KeySettings;
}

/** What a `ConfigDelivery` keeps out of its outputs (see `AuditKeyState`). */
interface ConfigDeliveryState {
  recorder?: aws.cfg.Recorder;
  deliveryChannel?: aws.cfg.DeliveryChannel;
  recorderStatus?: aws.cfg.RecorderStatus;
  bucket?: LogBucket;
  role?: aws.iam.Role;
  serviceLinkedRole?: aws.iam.ServiceLinkedRole;
  key?: AuditKey;
}

const states = new WeakMap<ConfigDelivery, ConfigDeliveryState>();

/** AWS Config recording into an encrypted bucket, with a key policy that lets Config deliver. */
export class ConfigDelivery extends pulumi.ComponentResource {
  /** The recorder's name. */
  readonly recorderName: pulumi.Output<string>;
  /** The delivery channel's name. */
  readonly deliveryChannelName: pulumi.Output<string>;
  /** The delivery bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The delivery bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;
  /** The recorder's role ARN (the IAM role, or `AWSServiceRoleForConfig`). */
  readonly roleArn: pulumi.Output<string>;
  /** The key's ARN. */
  readonly keyArn: pulumi.Output<string>;
  /** The key policy when the key is an `AuditKey`, else undefined. */
  readonly keyPolicy: pulumi.Output<string | undefined>;

  /** Creates the recorder, channel, bucket and role under `name`. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: ConfigDeliveryArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(CONFIG_DELIVERY_TYPE, name, {}, opts);
    const state: ConfigDeliveryState = {};
    states.set(this, state);
    const label = componentLabel("ConfigDelivery", name);
    const mode = args.mode ?? ConfigRoleMode.ServiceLinkedRole;
    if (mode !== ConfigRoleMode.ServiceLinkedRole && mode !== ConfigRoleMode.IamRole) {
      throw configurationError(label, `mode ${JSON.stringify(mode)}: use "service-linked-role" or "iam-role".`, this);
    }
    if (
      mode === ConfigRoleMode.IamRole &&
      (args.pinSourceArn !== undefined || args.createServiceLinkedRole !== undefined)
    ) {
      throw configurationError(
        label,
        'pinSourceArn and createServiceLinkedRole apply to the service-linked role only; with mode "iam-role" the ' +
          'key grants the account principal. Remove them or use mode "service-linked-role".',
        this,
      );
    }
    const context = awsContext(this);
    const integration: KeyIntegration =
      mode === ConfigRoleMode.IamRole
        ? { kind: "config-iam-role", accounts: context.apply((c) => [c.account]) }
        : {
            kind: "config-service-linked-role",
            sourceAccounts: context.apply((c) => [c.account]),
            sourceRegions: args.pinSourceArn === false ? undefined : context.apply((c) => [c.region]),
          };
    const key = useKey({ owner: this, name, label, keyArn: args.keyArn, keyArgs: args.keyArgs, context, integration });
    state.key = key.auditKey;
    this.keyArn = key.arn;
    this.keyPolicy = key.policy;

    const bucket = createLogBucket(name, this, {
      keyArn: key.arn,
      bucketKeyEnabled: args.bucketKeyEnabled,
      forceDestroy: args.forceDestroy,
      tags: args.tags,
      statements: (bucketArn) =>
        pulumi
          .all([context, pulumi.output(args.s3KeyPrefix)])
          .apply(([c, prefix]) => configBucketStatements({ bucketArn, account: c.account, s3KeyPrefix: prefix })),
    });
    state.bucket = bucket;
    this.bucketName = bucket.bucket.bucket;
    this.bucketArn = bucket.bucket.arn;

    // The recorder needs its role with permissions before it starts (dependsOn).
    const roleDependencies: pulumi.Resource[] = [];
    if (mode === ConfigRoleMode.IamRole) {
      const created = createConfigRole(name, this, {
        context,
        bucketArn: bucket.bucket.arn,
        keyArn: key.arn,
        s3KeyPrefix: args.s3KeyPrefix,
        tags: args.tags,
      });
      state.role = created.role;
      this.roleArn = created.role.arn;
      roleDependencies.push(created.managedPolicy, created.deliveryPolicy);
    } else if (args.createServiceLinkedRole === true) {
      state.serviceLinkedRole = new aws.iam.ServiceLinkedRole(
        `${name}-service-linked-role`,
        { awsServiceName: "config.amazonaws.com" },
        { parent: this },
      );
      this.roleArn = state.serviceLinkedRole.arn;
      roleDependencies.push(state.serviceLinkedRole);
    } else {
      this.roleArn = context.apply(serviceLinkedRoleArn);
    }

    const recorder = new aws.cfg.Recorder(
      name,
      {
        name: args.recorderName ?? name,
        roleArn: this.roleArn,
        recordingGroup: args.recordingGroup ?? { allSupported: true, includeGlobalResourceTypes: true },
      },
      { parent: this, dependsOn: roleDependencies },
    );
    state.recorder = recorder;
    this.recorderName = recorder.name;
    // Config checks bucket access when the channel is created, and a channel needs a recorder.
    const channel = new aws.cfg.DeliveryChannel(
      name,
      {
        name: args.deliveryChannelName ?? name,
        s3BucketName: this.bucketName,
        s3KeyPrefix: args.s3KeyPrefix,
        s3KmsKeyArn: key.arn,
        snapshotDeliveryProperties:
          args.deliveryFrequency !== undefined ? { deliveryFrequency: args.deliveryFrequency } : undefined,
      },
      { parent: this, dependsOn: [recorder, bucket.policy, ...roleDependencies] },
    );
    state.deliveryChannel = channel;
    this.deliveryChannelName = channel.name;
    // Recording can only start once a delivery channel exists.
    state.recorderStatus = new aws.cfg.RecorderStatus(
      name,
      { name: recorder.name, isEnabled: true },
      { parent: this, dependsOn: [channel] },
    );
    this.registerOutputs({
      recorderName: this.recorderName,
      deliveryChannelName: this.deliveryChannelName,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      roleArn: this.roleArn,
      keyArn: this.keyArn,
      keyPolicy: this.keyPolicy,
    });
  }

  /** The configuration recorder. */
  get recorder(): aws.cfg.Recorder {
    return states.get(this)?.recorder as aws.cfg.Recorder;
  }

  /** The delivery channel, encrypting with the key (`s3KmsKeyArn`). */
  get deliveryChannel(): aws.cfg.DeliveryChannel {
    return states.get(this)?.deliveryChannel as aws.cfg.DeliveryChannel;
  }

  /** Turns the recorder on. */
  get recorderStatus(): aws.cfg.RecorderStatus {
    return states.get(this)?.recorderStatus as aws.cfg.RecorderStatus;
  }

  /** The delivery bucket and its configuration resources. */
  get bucket(): LogBucket {
    return states.get(this)?.bucket as LogBucket;
  }

  /** The IAM role, in `iam-role` mode. */
  get role(): aws.iam.Role | undefined {
    return states.get(this)?.role;
  }

  /** The service-linked role, when `createServiceLinkedRole` is true. */
  get serviceLinkedRole(): aws.iam.ServiceLinkedRole | undefined {
    return states.get(this)?.serviceLinkedRole;
  }

  /** The `AuditKey`, created or given by its `arn`; undefined for a key managed elsewhere. */
  get key(): AuditKey | undefined {
    return states.get(this)?.key;
  }
}
