/**
 * A private, versioned, TLS-only S3 bucket encrypted with a KMS key, for a service to deliver logs
 * into. The service's statements are supplied by the caller (bucket-policies.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bucketPolicyDocument, tlsOnlyStatement, type BucketStatement } from "./bucket-policies";

/** Options of a log bucket. */
export interface LogBucketArgs {
  /** ARN of the key for SSE-KMS default encryption. */
  readonly keyArn: pulumi.Input<string>;
  /**
   * Use an S3 Bucket Key (fewer KMS calls, lower cost). Default true. CloudTrail then needs
   * `kms:Decrypt` on the key (seed 003, "Granting decrypt permissions").
   */
  readonly bucketKeyEnabled?: boolean;
  /** Delete all objects when the bucket is destroyed. Default false: audit logs outlive the stack. */
  readonly forceDestroy?: pulumi.Input<boolean>;
  /** The service statements; the TLS-only deny is added after them. */
  readonly statements: (bucketArn: string) => pulumi.Input<BucketStatement[]>;
  /** Tags of the bucket. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** The resources of a log bucket. */
export interface LogBucket {
  /** The bucket. */
  readonly bucket: aws.s3.Bucket;
  /** Versioning on: overwritten or deleted logs stay recoverable. */
  readonly versioning: aws.s3.BucketVersioning;
  /** SSE-KMS with the key by default. */
  readonly encryption: aws.s3.BucketServerSideEncryptionConfiguration;
  /** All four public access blocks on. */
  readonly publicAccessBlock: aws.s3.BucketPublicAccessBlock;
  /** ACLs disabled (`BucketOwnerEnforced`). */
  readonly ownershipControls: aws.s3.BucketOwnershipControls;
  /** Services must wait for it (`dependsOn`): CloudTrail and Config check it when they are created. */
  readonly policy: aws.s3.BucketPolicy;
}

/** Creates a log bucket named from `name` (`NAME-bucket`, ...) under `parent`. */
export function createLogBucket(name: string, parent: pulumi.Resource, args: LogBucketArgs): LogBucket {
  const opts = { parent };
  const bucket = new aws.s3.Bucket(
    `${name}-bucket`,
    { forceDestroy: args.forceDestroy ?? false, tags: args.tags },
    opts,
  );
  const versioning = new aws.s3.BucketVersioning(
    `${name}-versioning`,
    { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } },
    opts,
  );
  const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
    `${name}-encryption`,
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.keyArn },
          bucketKeyEnabled: args.bucketKeyEnabled ?? true,
        },
      ],
    },
    opts,
  );
  const publicAccessBlock = new aws.s3.BucketPublicAccessBlock(
    `${name}-public-access-block`,
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    opts,
  );
  // ACLs disabled: the writer's `bucket-owner-full-control` is still accepted, and the bucket owner owns every object.
  const ownershipControls = new aws.s3.BucketOwnershipControls(
    `${name}-ownership`,
    { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } },
    opts,
  );
  const document = bucket.arn.apply((arn) =>
    pulumi
      .output(args.statements(arn))
      .apply((statements) => bucketPolicyDocument([...statements, tlsOnlyStatement(arn)])),
  );
  // S3 rejects a bucket policy and a public access block written at the same time ("conflicting
  // conditional operation"): write the policy after the block.
  const policy = new aws.s3.BucketPolicy(
    `${name}-policy`,
    { bucket: bucket.id, policy: document },
    { parent, dependsOn: [publicAccessBlock, ownershipControls] },
  );
  return { bucket, versioning, encryption, publicAccessBlock, ownershipControls, policy };
}
