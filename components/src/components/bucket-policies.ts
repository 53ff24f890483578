/**
 * Bucket policy statements for log buckets, as the service documents them. These are S3 bucket
 * policies, not key policies (key policies come only from the catalog). Pure: no Pulumi runtime.
 */

/** An S3 bucket policy statement. */
export interface BucketStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal: "*" | { readonly Service: string };
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

/** `PREFIX/` for a non-empty prefix (without surrounding slashes), else the empty string. */
function prefixPath(prefix: string | undefined): string {
  const trimmed = (prefix ?? "").replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "" : `${trimmed}/`;
}

/**
 * Denies every request that does not use TLS (`aws:SecureTransport` false), on the bucket and its
 * objects: S3's recommendation for buckets holding logs (AWS Foundational Security Best Practices S3.5).
 */
export function tlsOnlyStatement(bucketArn: string): BucketStatement {
  return {
    Sid: "AllowSSLRequestsOnly",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { "aws:SecureTransport": "false" } },
  };
}

/** What the CloudTrail bucket policy depends on. */
export interface CloudTrailBucketPolicyParams {
  readonly bucketArn: string;
  /** The trail's ARN: `aws:SourceArn` of every statement (confused-deputy protection). */
  readonly trailArn: string;
  /** The account the trail belongs to; logs go under `AWSLogs/ACCOUNT/`. */
  readonly account: string;
  readonly s3KeyPrefix?: string;
  /** For an organization trail: member accounts' logs go under `AWSLogs/ORGANIZATION_ID/`. */
  readonly organizationId?: string;
}

/**
 * The CloudTrail User Guide's bucket policy ("Amazon S3 bucket policy for CloudTrail"): CloudTrail
 * checks the bucket ACL, then writes with `s3:x-amz-acl` = `bucket-owner-full-control`; both pinned to
 * the trail with `aws:SourceArn`. Organization trails also write under the organization id.
 */
export function cloudTrailBucketStatements(p: CloudTrailBucketPolicyParams): BucketStatement[] {
  const service = { Service: "cloudtrail.amazonaws.com" };
  const source = { "aws:SourceArn": p.trailArn };
  const write = (sid: string, owner: string): BucketStatement => ({
    Sid: sid,
    Effect: "Allow",
    Principal: service,
    Action: "s3:PutObject",
    Resource: `${p.bucketArn}/${prefixPath(p.s3KeyPrefix)}AWSLogs/${owner}/*`,
    Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...source } },
  });
  const statements: BucketStatement[] = [
    {
      Sid: "AWSCloudTrailAclCheck20150319",
      Effect: "Allow",
      Principal: service,
      Action: "s3:GetBucketAcl",
      Resource: p.bucketArn,
      Condition: { StringEquals: source },
    },
    write("AWSCloudTrailWrite20150319", p.account),
  ];
  if (p.organizationId !== undefined)
    statements.push(write("AWSCloudTrailOrganizationWrite20150319", p.organizationId));
  return statements;
}

/** What the AWS Config bucket policy depends on. */
export interface ConfigBucketPolicyParams {
  readonly bucketArn: string;
  /** The account Config delivers for: `AWS:SourceAccount` and the `AWSLogs/ACCOUNT/Config/` path. */
  readonly account: string;
  readonly s3KeyPrefix?: string;
}

/**
 * The AWS Config Developer Guide's bucket policy ("Permissions for the Amazon S3 Bucket"): Config
 * checks the bucket ACL and existence, then writes with `bucket-owner-full-control`; every
 * statement is limited to the delivering account with `AWS:SourceAccount`.
 */
export function configBucketStatements(p: ConfigBucketPolicyParams): BucketStatement[] {
  const service = { Service: "config.amazonaws.com" };
  const source = { "AWS:SourceAccount": p.account };
  return [
    {
      Sid: "AWSConfigBucketPermissionsCheck",
      Effect: "Allow",
      Principal: service,
      Action: "s3:GetBucketAcl",
      Resource: p.bucketArn,
      Condition: { StringEquals: source },
    },
    {
      Sid: "AWSConfigBucketExistenceCheck",
      Effect: "Allow",
      Principal: service,
      Action: "s3:ListBucket",
      Resource: p.bucketArn,
      Condition: { StringEquals: source },
    },
    {
      Sid: "AWSConfigBucketDelivery",
      Effect: "Allow",
      Principal: service,
      Action: "s3:PutObject",
      Resource: `${p.bucketArn}/${prefixPath(p.s3KeyPrefix)}AWSLogs/${p.account}/Config/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", ...source } },
    },
  ];
}

/** A bucket policy document. */
export function bucketPolicyDocument(statements: readonly BucketStatement[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
