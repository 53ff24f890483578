/**
 * Named action sets, defined once (the aws-cdk `perms.ts` habit). Each is the `Action` of a
 * documented statement, in the document's order, so a rendered statement diffs cleanly against
 * the document it cites.
 */

/** Seed 003 "Granting encrypt permissions": CloudTrail encrypting trail log files. */
export const CLOUDTRAIL_ENCRYPT_ACTIONS = ["kms:GenerateDataKey*"] as const;

/** Seed 003 "Enable CloudTrail to describe KMS key properties". */
export const DESCRIBE_KEY_ACTIONS = ["kms:DescribeKey"] as const;

/** Seed 003 "Granting decrypt permissions": log readers and CloudTrail's own decrypt. */
export const DECRYPT_ACTIONS = ["kms:Decrypt"] as const;

/** Seed 003 "Granting encrypt permissions", event data store example: exactly `kms:GenerateDataKey`. */
export const EVENT_DATA_STORE_ENCRYPT_ACTIONS = ["kms:GenerateDataKey"] as const;

/** Seed 003 "Enable user key permissions for event data stores" (create, update, query). */
export const EVENT_DATA_STORE_USER_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

/** Seed 000 (both sections) and seed 002's Config statement: Config delivering to S3. */
export const CONFIG_DELIVERY_ACTIONS = ["kms:Decrypt", "kms:GenerateDataKey"] as const;

/** Seed 002 "Allow CloudTrail to use KMS for encryption". */
export const CONTROL_TOWER_CLOUDTRAIL_ACTIONS = ["kms:GenerateDataKey*", "kms:Decrypt"] as const;

/**
 * "Encrypt log data in CloudWatch Logs using AWS Key Management Service", step 2: the service
 * principal's actions, without the page's `kms:Describe*`. The page conditions the statement on
 * `kms:EncryptionContext:aws:logs:arn`, and DescribeKey never carries an encryption context (seed 001:
 * "permission will be denied"), so that entry never matches; every action kept here takes one.
 */
export const CLOUDWATCH_LOGS_ACTIONS = [
  "kms:Encrypt*",
  "kms:Decrypt*",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
] as const;

/** KMS default key policy, "Enable IAM User Permissions": everything, delegated to IAM (seed 004). */
export const ALL_KMS_ACTIONS = ["kms:*"] as const;

/** KMS default key policy, "Allow access for Key Administrators": manage, never use, the key. */
export const KEY_ADMINISTRATOR_ACTIONS = [
  "kms:Create*",
  "kms:Describe*",
  "kms:Enable*",
  "kms:List*",
  "kms:Put*",
  "kms:Update*",
  "kms:Revoke*",
  "kms:Disable*",
  "kms:Get*",
  "kms:Delete*",
  "kms:TagResource",
  "kms:UntagResource",
  "kms:ScheduleKeyDeletion",
  "kms:CancelKeyDeletion",
  "kms:RotateKeyOnDemand",
] as const;

/** KMS default key policy, "Allow use of the key": cryptographic use of a symmetric key. */
export const KEY_USER_ACTIONS = [
  "kms:Encrypt",
  "kms:Decrypt",
  "kms:ReEncrypt*",
  "kms:GenerateDataKey*",
  "kms:DescribeKey",
] as const;

/** KMS default key policy, "Allow attachment of persistent resources": grants for AWS services. */
export const KEY_USER_GRANT_ACTIONS = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"] as const;
