/**
 * Where each statement and probe of the catalog is documented: seed document and section (with
 * the document's anchor), so every grant and probe carries its citation and an auditor can open
 * the page it came from.
 */
import type { SeedRef } from "../engine/types";

export const SOURCES = {
  /** Seed 004: the key policy must enable IAM policies. */
  iamPolicies: { seed: "004", section: "IAM policies" },
  /** Seed 004: the key policy must give an external account permission; never an unconditioned "*". */
  crossAccount: { seed: "004", section: "Cross-account access" },

  trailElements: {
    seed: "003",
    section: "Required KMS key policy elements for trails",
    anchor: "required-kms-key-policy-trails",
  },
  eventDataStoreElements: {
    seed: "003",
    section: "Required KMS key policy elements for event data stores",
    anchor: "required-kms-key-policy-eventdatastores",
  },
  cloudTrailEncrypt: {
    seed: "003",
    section: "Granting encrypt permissions",
    anchor: "create-kms-key-policy-for-cloudtrail-encrypt",
  },
  cloudTrailDecrypt: {
    seed: "003",
    section: "Granting decrypt permissions",
    anchor: "create-kms-key-policy-for-cloudtrail-decrypt",
  },
  cloudTrailDecryptYourAccount: {
    seed: "003",
    section: "Allow users in your account to decrypt trail logs with your KMS key",
    anchor: "create-kms-key-policy-for-cloudtrail-decrypt-your-account",
  },
  cloudTrailDecryptOtherAccounts: {
    seed: "003",
    section: "Allow users in other accounts to decrypt trail logs with your KMS key",
    anchor: "create-kms-key-policy-for-cloudtrail-decrypt-other-accounts",
  },
  cloudTrailDecryptDifferentBucket: {
    seed: "003",
    section: "Allow users of a bucket in a different account to decrypt logs",
    anchor: "create-kms-key-policy-for-cloudtrail-decrypt-different-bucket",
  },
  cloudTrailDecryptSameBucket: {
    seed: "003",
    section: "Allow users in a different account to decrypt trail logs from your bucket",
    anchor: "create-kms-key-policy-for-cloudtrail-decrypt-same-bucket",
  },
  cloudTrailDescribe: {
    seed: "003",
    section: "Enable CloudTrail to describe KMS key properties",
    anchor: "create-kms-key-policy-for-cloudtrail-describe",
  },

  configIamRole: {
    seed: "000",
    section: "Required Permissions for the KMS Key When Using IAM Roles (S3 Bucket Delivery)",
    anchor: "required-permissions-s3-kms-key-using-iam-role",
  },
  configServiceLinkedRole: {
    seed: "000",
    section: "Required Permissions for the KMS Key When Using Service-Linked Roles (S3 Bucket Delivery)",
    anchor: "required-permissions-s3-kms-key-using-servicelinkedrole",
  },

  controlTowerPrecheck: { seed: "002", section: "Optionally configure AWS KMS keys", anchor: "configure-kms-keys" },
  controlTowerPolicy: { seed: "002", section: "Update the KMS key policy", anchor: "kms-key-policy-update" },

  leastPrivilege: {
    seed: "001",
    section: "Implementing least privileged permissions",
    anchor: "key-policy-least-privilege",
  },
  encryptionContext: {
    seed: "001",
    section: "Using encryption context condition keys",
    anchor: "least-privilege-encryption-context",
  },
  sourceArn: {
    seed: "001",
    section: "Using aws:SourceArn or aws:SourceAccount condition keys",
    anchor: "least-privilege-source-arn",
  },
} as const satisfies Record<string, SeedRef>;
