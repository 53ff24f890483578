/**
 * `EncryptedTrail`: a CloudTrail trail that encrypts its log files with a KMS key, delivering into a
 * private, versioned, TLS-only bucket with the documented CloudTrail bucket policy.
 *
 * The trail has a deterministic name (default: the component name), so its ARN is computed from
 * name, Region, partition and account: the key policy's `aws:SourceArn` is known at preview and the
 * key does not wait for the trail that waits for the key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { logGroupArn, trailArn } from "../catalog";
import type { AuditKey } from "./audit-key";
import type { KeySettings } from "./audit-key-args";
import { awsContext } from "./aws-context";
import { cloudTrailBucketStatements } from "./bucket-policies";
import { componentLabel, configurationError } from "./errors";
import { useKey } from "./key-reference";
import { createLogBucket, type LogBucket } from "./log-bucket";
import { trailNameProblem } from "./names";
import {
  createTrailLogGroup,
  defaultLogGroupName,
  type TrailCloudWatchLogs,
  type TrailLogGroup,
} from "./trail-log-group";

/** Pulumi type token of `EncryptedTrail`. */
export const ENCRYPTED_TRAIL_TYPE = "pulumi-kms-guardrails:index:EncryptedTrail";

/** The trail's settings: everything but its key and log readers (`AuditBaseline.trail` takes these). */
export interface TrailOptions {
  /**
   * The trail's name. Default: the component name. It must be known at preview (a plain string or a
   * known output): the key policy names the trail's ARN.
   */
  readonly trailName?: pulumi.Input<string>;
  /** Accounts whose roots may decrypt copies of the logs in their own buckets. */
  readonly crossAccountReaderAccounts?: pulumi.Input<pulumi.Input<string>[]>;
  /** Record events of every Region. Default true. */
  readonly isMultiRegionTrail?: pulumi.Input<boolean>;
  /** An organization trail (create it in the management account). Default false. */
  readonly isOrganizationTrail?: boolean;
  /** The organization id (`o-...`) for the bucket policy of an organization trail. Default: looked up. */
  readonly organizationId?: pulumi.Input<string>;
  /** Record global service events (IAM, STS, ...). Default true. */
  readonly includeGlobalServiceEvents?: pulumi.Input<boolean>;
  /** Prefix of the log objects in the bucket. */
  readonly s3KeyPrefix?: pulumi.Input<string>;
  /**
   * Also deliver to CloudWatch Logs: given (`{}` for the defaults), the log group and its role are
   * created; the log group is encrypted with the trail's key, whose policy gets the CloudWatch Logs statement.
   */
  readonly cloudWatchLogs?: TrailCloudWatchLogs;
  /** Delete all log objects when the bucket is destroyed. Default false. */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** Use an S3 Bucket Key. Default true (CloudTrail is then granted `kms:Decrypt`). */
  readonly bucketKeyEnabled?: boolean;
  /** Passed to the trail. Default: all management events. */
  readonly eventSelectors?: aws.cloudtrail.TrailArgs["eventSelectors"];
  /** Passed to the trail. */
  readonly advancedEventSelectors?: aws.cloudtrail.TrailArgs["advancedEventSelectors"];
  /** Passed to the trail. */
  readonly insightSelectors?: aws.cloudtrail.TrailArgs["insightSelectors"];
  /** Tags for every taggable resource. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Arguments of `EncryptedTrail`. */
export interface EncryptedTrailArgs extends TrailOptions {
  /**
   * The key's ARN. Omitted: an `AuditKey` is created with the trail's grants. An `AuditKey`'s `arn`:
   * the trail declares its grants on the key when constructed in the key's synchronous turn (in
   * TypeScript), else the key's arguments must list the trail (`cloudTrail`) and the trail checks
   * that its policy does. Any other key: its policy is not changed (a warning says so) and the
   * policy pack checks it.
   */
  readonly keyArn?: pulumi.Input<string>;
  /** Settings of the key created when `keyArn` is omitted (administrators, alias, ...). */
  readonly keyArgs?: KeySettings;
  /** IAM principals that read the logs (`kms:Decrypt` under the CloudTrail encryption context). */
  readonly logReaders?: pulumi.Input<pulumi.Input<string>[]>;
}

/** What an `EncryptedTrail` keeps out of its outputs (see `AuditKeyState`). */
interface EncryptedTrailState {
  trail?: aws.cloudtrail.Trail;
  bucket?: LogBucket;
  key?: AuditKey;
  cloudWatchLogs?: TrailLogGroup;
}

const states = new WeakMap<EncryptedTrail, EncryptedTrailState>();

/** A multi-Region trail with log file validation, encrypted with a KMS key whose policy allows exactly it. */
export class EncryptedTrail extends pulumi.ComponentResource {
  /** The trail's ARN, computed from its name: known at preview. */
  readonly trailArn: pulumi.Output<string>;
  /** The trail's name. */
  readonly trailName: pulumi.Output<string>;
  /** The log bucket's name. */
  readonly bucketName: pulumi.Output<string>;
  /** The log bucket's ARN. */
  readonly bucketArn: pulumi.Output<string>;
  /** The key's ARN. */
  readonly keyArn: pulumi.Output<string>;
  /** The key policy when the key is an `AuditKey`, else undefined. */
  readonly keyPolicy: pulumi.Output<string | undefined>;
  /** The CloudWatch Logs log group's ARN, when `cloudWatchLogs` is given. */
  readonly logGroupArn: pulumi.Output<string | undefined>;

  /** Creates the trail, its bucket (and its key) under `name`. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: EncryptedTrailArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(ENCRYPTED_TRAIL_TYPE, name, {}, opts);
    const state: EncryptedTrailState = {};
    states.set(this, state);
    const label = componentLabel("EncryptedTrail", name);
    const nameInput = args.trailName ?? name;
    if (typeof nameInput === "string") {
      const problem = trailNameProblem(nameInput);
      if (problem !== undefined) {
        throw configurationError(label, `trailName ${JSON.stringify(nameInput)}: ${problem} Set \`trailName\`.`, this);
      }
    }
    if (typeof args.organizationId === "string" && !/^o-[a-z0-9]{10,32}$/.test(args.organizationId)) {
      throw configurationError(
        label,
        `organizationId ${JSON.stringify(args.organizationId)} is not o-xxxxxxxxxx.`,
        this,
      );
    }
    if (args.organizationId !== undefined && args.isOrganizationTrail !== true) {
      throw configurationError(
        label,
        "organizationId is only used by an organization trail: set isOrganizationTrail: true or remove it.",
        this,
      );
    }

    const context = awsContext(this);
    this.trailName = pulumi.output(nameInput);
    this.trailArn = pulumi.all([context, this.trailName]).apply(([c, n]) => trailArn({ ...c, name: n }));

    const logsArgs = args.cloudWatchLogs;
    const logGroupName =
      logsArgs === undefined
        ? undefined
        : pulumi.output(logsArgs.logGroupName ?? this.trailName.apply(defaultLogGroupName));
    const logGroupArnValue =
      logGroupName === undefined
        ? undefined
        : pulumi.all([context, logGroupName]).apply(([c, n]) => logGroupArn({ ...c, name: n }));

    const bucketKeyEnabled = args.bucketKeyEnabled ?? true;
    const key = useKey({
      owner: this,
      name,
      label,
      keyArn: args.keyArn,
      keyArgs: args.keyArgs,
      context,
      integration: {
        kind: "cloudtrail-trail",
        trails: [this.trailArn],
        logReaders: args.logReaders,
        crossAccountReaderAccounts: args.crossAccountReaderAccounts,
        // Seed 003: with an S3 Bucket Key, kms:Decrypt is required to create or update the trail.
        serviceDecrypt: bucketKeyEnabled ? true : undefined,
      },
      extraIntegrations:
        logGroupArnValue === undefined ? [] : [{ kind: "cloudwatch-logs", logGroups: [logGroupArnValue] }],
    });
    state.key = key.auditKey;
    this.keyArn = key.arn;
    this.keyPolicy = key.policy;

    const organizationId: pulumi.Output<string | undefined> =
      args.isOrganizationTrail === true
        ? args.organizationId !== undefined
          ? pulumi.output(args.organizationId)
          : aws.organizations.getOrganizationOutput({}, { parent: this }).id
        : pulumi.output(undefined);
    const bucket = createLogBucket(name, this, {
      keyArn: key.arn,
      bucketKeyEnabled,
      forceDestroy: args.forceDestroy,
      tags: args.tags,
      statements: (bucketArn) =>
        pulumi
          .all([context, this.trailArn, pulumi.output(args.s3KeyPrefix), organizationId])
          .apply(([c, arn, prefix, org]) =>
            cloudTrailBucketStatements({
              bucketArn,
              trailArn: arn,
              account: c.account,
              s3KeyPrefix: prefix,
              organizationId: org,
            }),
          ),
    });
    state.bucket = bucket;
    this.bucketName = bucket.bucket.bucket;
    this.bucketArn = bucket.bucket.arn;

    const logs =
      logsArgs !== undefined && logGroupName !== undefined
        ? createTrailLogGroup(name, this, this.trailArn, logsArgs, { logGroupName, keyArn: key.arn })
        : undefined;
    state.cloudWatchLogs = logs;
    this.logGroupArn = logs !== undefined ? logs.logGroup.arn : pulumi.output(undefined);

    // CloudTrail checks the bucket policy and the key policy when the trail is created: wait for both.
    const dependsOn: pulumi.Resource[] = [bucket.policy];
    if (logs !== undefined) dependsOn.push(logs.rolePolicy);
    state.trail = new aws.cloudtrail.Trail(
      name,
      {
        name: this.trailName,
        s3BucketName: bucket.bucket.bucket,
        s3KeyPrefix: args.s3KeyPrefix,
        kmsKeyId: key.arn,
        enableLogFileValidation: true,
        enableLogging: true,
        isMultiRegionTrail: args.isMultiRegionTrail ?? true,
        isOrganizationTrail: args.isOrganizationTrail ?? false,
        includeGlobalServiceEvents: args.includeGlobalServiceEvents ?? true,
        cloudWatchLogsGroupArn: logs?.logGroup.arn.apply((arn) => `${arn}:*`),
        cloudWatchLogsRoleArn: logs?.role.arn,
        eventSelectors: args.eventSelectors,
        advancedEventSelectors: args.advancedEventSelectors,
        insightSelectors: args.insightSelectors,
        tags: args.tags,
      },
      { parent: this, dependsOn },
    );
    this.registerOutputs({
      trailArn: this.trailArn,
      trailName: this.trailName,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      keyArn: this.keyArn,
      keyPolicy: this.keyPolicy,
      logGroupArn: this.logGroupArn,
    });
  }

  /** The trail. */
  get trail(): aws.cloudtrail.Trail {
    return states.get(this)?.trail as aws.cloudtrail.Trail;
  }

  /** The log bucket and its configuration resources. */
  get bucket(): LogBucket {
    return states.get(this)?.bucket as LogBucket;
  }

  /** The `AuditKey`, created or given by its `arn`; undefined for a key managed elsewhere. */
  get key(): AuditKey | undefined {
    return states.get(this)?.key;
  }

  /** The CloudWatch Logs delivery, when asked for. */
  get cloudWatchLogs(): TrailLogGroup | undefined {
    return states.get(this)?.cloudWatchLogs;
  }
}
