/**
 * Names the catalog shares with the AWS documents it implements: service principals, the
 * Control Tower trail, and the statement Sids exactly as the documents print them, so an auditor
 * can diff a rendered key policy against the docs (STYLE.md: "Sids that match the AWS
 * documentation").
 */

export const DEFAULT_PARTITION = "aws";

export const CLOUDTRAIL_SERVICE_PRINCIPAL = "cloudtrail.amazonaws.com";
export const CONFIG_SERVICE_PRINCIPAL = "config.amazonaws.com";

/** Seed 002, "Update the KMS key policy": the trail Control Tower creates in the management account. */
export const CONTROL_TOWER_TRAIL_NAME = "aws-controltower-BaselineCloudTrail";

/** The encryption context key CloudTrail binds to every log file it encrypts (seed 003). */
export const CLOUDTRAIL_CONTEXT_KEY = "aws:cloudtrail:arn";
/**
 * The encryption context key CloudWatch Logs binds to a log group's data: the log group's ARN
 * ("Encrypt log data in CloudWatch Logs using AWS Key Management Service").
 */
export const LOGS_CONTEXT_KEY = "aws:logs:arn";
/** The encryption context key Amazon S3 binds to objects (and to S3 Bucket Keys) it encrypts. */
export const S3_CONTEXT_KEY = "aws:s3:arn";

/** Statement ids, verbatim from the documents. */
export const SIDS = {
  /** KMS default key policy; seed 004 "IAM policies" requires it. */
  enableIamUserPermissions: "Enable IAM User Permissions",
  /** KMS default key policy, key administrators persona. */
  keyAdministrators: "Allow access for Key Administrators",
  /** KMS default key policy, key users persona. */
  keyUsers: "Allow use of the key",
  /** KMS default key policy, key users persona: grants for AWS resources. */
  keyUsersGrants: "Allow attachment of persistent resources",
  /** Seed 003 "Granting encrypt permissions" (and seed 001 "Using aws:SourceArn ..."). */
  cloudTrailEncrypt: "Allow CloudTrail to encrypt logs",
  /** Seed 003 "Enable CloudTrail to describe KMS key properties". */
  cloudTrailDescribe: "Allow CloudTrail access",
  /** Seed 003 "Granting decrypt permissions" / "Allow users in your account to decrypt trail logs". */
  cloudTrailLogDecrypt: "Enable CloudTrail log decrypt permissions",
  /** Seed 003 "Allow users in other accounts to decrypt trail logs with your KMS key". */
  cloudTrailCrossAccountRead: "Enable encrypted CloudTrail log read access",
  /** Seed 003 "Granting decrypt permissions": the service principal's own decrypt. */
  cloudTrailServiceDecrypt: "Allow CloudTrail to decrypt a trail",
  /** Seed 003 "Granting encrypt permissions", event data store example. */
  eventDataStoreEncrypt: "Allow CloudTrail to encrypt event data store",
  /** Seed 003 "Granting decrypt permissions", event data store service example. */
  eventDataStoreDecrypt: "Allow CloudTrail to decrypt an event data store",
  /** Seed 003 "Granting decrypt permissions", event data store users example. */
  eventDataStoreUsers: "Enable user key permissions for event data stores",
  /** Seed 000, both sections. */
  configDelivery: "AWSConfigKMSPolicy",
  /** Seed 002 "Update the KMS key policy". */
  controlTowerConfig: "Allow Config to use KMS for encryption",
  /** Seed 002 "Update the KMS key policy". */
  controlTowerCloudTrail: "Allow CloudTrail to use KMS for encryption",
  /**
   * The CloudWatch Logs page prints its statement without a Sid; this one says what it does, so
   * the rendered policy still reads like the others.
   */
  cloudWatchLogs: "Allow CloudWatch Logs to encrypt log groups",
} as const;

/**
 * Names of the hypothetical identities and resources probes use where the documents only say "a
 * user in that account" or "your bucket". They never reach a rendered policy.
 */
export const PROBE_NAMES = {
  /** An IAM identity in an account that the key policy names by its root. */
  reader: "role/CloudTrailLogReader",
  configRole: "role/config-delivery-role",
  accountUser: "role/ExampleRole",
  /** AWS's documentation bucket name, so a reader sees it is a placeholder. */
  bucket: "amzn-s3-demo-bucket",
  otherTrail: "other-trail",
  /** A log group name for the confused deputy of the CloudWatch Logs plan. */
  otherLogGroup: "other-log-group",
} as const;

/**
 * Accounts the confused-deputy probes act for: the first one not configured in the plan. These
 * are well-formed ids that no example in the seeds uses.
 */
export const OTHER_ACCOUNT_CANDIDATES = ["999999999999", "999999999998", "999999999997", "999999999996"] as const;
