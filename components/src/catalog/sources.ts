/**
 * Where each statement and probe of the catalog is documented: seed document and section (with
 * the document's anchor), so every grant and probe carries its citation and an auditor can open
 * the page it came from. `AWS_PAGES` is the one table of the AWS pages behind the seed documents:
 * whatever a user reads cites a page by its title and URL (`awsPage`, `citeAws`), never a seed.
 */
import type { SeedRef } from "../engine/types";

/** An AWS documentation page: its title as AWS prints it, the guide it belongs to, its address. */
export interface AwsPage {
  readonly title: string;
  readonly guide: string;
  readonly url: string;
}

const KMS_GUIDE = "AWS Key Management Service Developer Guide";

/** The AWS pages the project is built from (the seed documents, by their own anchors and titles). */
export const AWS_PAGES = {
  configKmsKey: {
    title: "Permissions for the KMS Key for the AWS Config Delivery Channel",
    guide: "AWS Config Developer Guide",
    url: "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html",
  },
  /** Seed 001's least-privilege sections now live on this page, with the same anchors. */
  kmsLeastPrivilege: {
    title: "Least-privilege permissions",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/least-privilege.html",
  },
  controlTowerKmsKeys: {
    title: "Optionally configure AWS KMS keys",
    guide: "AWS Control Tower User Guide",
    url: "https://docs.aws.amazon.com/controltower/latest/userguide/configure-kms-keys.html",
  },
  cloudTrailDefaultKeyPolicy: {
    title: "Default KMS key policy created in CloudTrail console",
    guide: "AWS CloudTrail User Guide",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/default-kms-key-policy.html",
  },
  cloudTrailKmsKeyPolicies: {
    title: "Configure AWS KMS key policies for CloudTrail",
    guide: "AWS CloudTrail User Guide",
    url: "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html",
  },
  kmsIamPolicies: {
    title: "Using IAM policies with AWS KMS",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies.html",
  },
  kmsVpcEndpointConditions: {
    title: "Use VPC endpoints to control access to AWS KMS resources",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/vpce-policy-condition.html",
  },
  kmsCrossAccount: {
    title: "Allowing users in other accounts to use a KMS key",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying-external-accounts.html",
  },
  kmsConditionKeys: {
    title: "Condition keys for AWS KMS",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/policy-conditions.html",
  },
  kmsPermissions: {
    title: "AWS KMS permissions",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html",
  },
  kmsCreatingKeyPolicy: {
    title: "Creating a key policy",
    guide: KMS_GUIDE,
    url: "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html",
  },
  controlTowerLaunchApi: {
    title: "Step 2: Launch your landing zone using the AWS Control Tower APIs",
    guide: "AWS Control Tower User Guide",
    url: "https://docs.aws.amazon.com/controltower/latest/userguide/lz-api-launch.html",
  },
  controlTowerManifest: {
    title: "View the details of your landing zone manifest file",
    guide: "AWS Control Tower User Guide",
    url: "https://docs.aws.amazon.com/controltower/latest/userguide/lz-manifest-file.html",
  },
  controlTowerCreateLandingZone: {
    title: "CreateLandingZone",
    guide: "AWS Control Tower API Reference",
    url: "https://docs.aws.amazon.com/controltower/latest/APIReference/API_CreateLandingZone.html",
  },
  controlTowerBackupPrerequisites: {
    title: "Prerequisites",
    guide: "AWS Control Tower User Guide",
    url: "https://docs.aws.amazon.com/controltower/latest/userguide/backup-prerequisites.html",
  },
  cloudWatchLogsKms: {
    title: "Encrypt log data in CloudWatch Logs using AWS Key Management Service",
    guide: "Amazon CloudWatch Logs User Guide",
    url: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
  },
  iamGlobalConditionKeys: {
    title: "AWS global condition context keys",
    guide: "IAM User Guide",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html",
  },
  iamConfusedDeputy: {
    title: "The confused deputy problem",
    guide: "IAM User Guide",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html",
  },
} as const satisfies Record<string, AwsPage>;

/** A section of an AWS page that is not one of the seed documents (the CloudWatch Logs page). */
export interface PageRef {
  readonly page: AwsPage;
  readonly section: string;
  readonly anchor?: string;
}

/** Where a statement, probe or rule is documented: a seed document or another AWS page. */
export type SourceRef = SeedRef | PageRef;

export function isPageRef(ref: SourceRef): ref is PageRef {
  return "page" in ref;
}

/** Seed 004 gathers notes from several KMS pages: its sections, by the page each comes from. */
const SEED_004_PAGES: Readonly<Record<string, AwsPage>> = {
  "IAM policies": AWS_PAGES.kmsIamPolicies,
  "VPC endpoint": AWS_PAGES.kmsVpcEndpointConditions,
  // The notes on an external account's permission and on Principal "*" (Step 1 of that page).
  "Cross-account access": AWS_PAGES.kmsCrossAccount,
  // "Condition key values must adhere to the character and encoding rules ..." opens that page.
  "Condition keys": AWS_PAGES.kmsConditionKeys,
  "Permissions reference": AWS_PAGES.kmsPermissions,
};

const PAGE_BY_SEED: Readonly<Record<Exclude<SeedRef["seed"], "004">, AwsPage>> = {
  "000": AWS_PAGES.configKmsKey,
  "001": AWS_PAGES.kmsLeastPrivilege,
  "002": AWS_PAGES.controlTowerKmsKeys,
  "003": AWS_PAGES.cloudTrailKmsKeyPolicies,
};

/** The AWS page a source is on. */
export function awsPage(ref: SourceRef): AwsPage {
  if (isPageRef(ref)) return ref.page;
  if (ref.seed === "004") return SEED_004_PAGES[ref.section] ?? AWS_PAGES.kmsCreatingKeyPolicy;
  return PAGE_BY_SEED[ref.seed];
}

/** The address of a source: its page, and the section's anchor when the page has one. */
export function awsUrl(ref: SourceRef): string {
  const page = awsPage(ref);
  return ref.anchor !== undefined && (isPageRef(ref) || ref.seed !== "004") ? `${page.url}#${ref.anchor}` : page.url;
}

/**
 * The section of its page a source names, when the page has one by that name: seed 004's sections
 * are its own grouping of notes from several pages, not sections of those pages, and a source
 * anchored at the page itself names the whole page.
 */
export function awsSection(ref: SourceRef): string | undefined {
  if (!isPageRef(ref) && ref.seed === "004") return undefined;
  const page = awsPage(ref);
  // The anchor of the page itself (its file name): the page, under the title the seed document had.
  if (ref.anchor !== undefined && page.url.endsWith(`/${ref.anchor}.html`)) return undefined;
  return ref.section !== page.title ? ref.section : undefined;
}

/** `"Page title", section "Section" (Guide): URL`: how user-facing text cites a source. */
export function citeAws(ref: SourceRef): string {
  const page = awsPage(ref);
  const section = awsSection(ref);
  return `"${page.title}"${section !== undefined ? `, section "${section}"` : ""} (${page.guide}): ${awsUrl(ref)}`;
}

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
  /** The key policy CloudTrail itself creates for an event data store: GenerateDataKey and Decrypt, no DescribeKey. */
  cloudTrailDefaultEventDataStorePolicy: {
    page: AWS_PAGES.cloudTrailDefaultKeyPolicy,
    section: "Default KMS key policy for CloudTrail Lake event data stores",
    anchor: "default-kms-key-policy-eds",
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
  /** Landing zone 4.0: a `kmsKeyArn` per integration (backup, centralizedLogging, config); "All enabled flags are required". */
  controlTowerManifest4: { page: AWS_PAGES.controlTowerLaunchApi, section: "Creating the manifest file" },
  /** Landing zone 3.x: one optional `centralizedLogging.configurations.kmsKeyArn`. */
  controlTowerManifest3: { page: AWS_PAGES.controlTowerManifest, section: "centralizedLogging" },
  /** The `version` parameter: "The landing zone version", pattern `^\\d+.\\d+$`. */
  controlTowerVersion: {
    page: AWS_PAGES.controlTowerCreateLandingZone,
    section: "Request Body",
    anchor: "API_CreateLandingZone_RequestBody",
  },
  /** AWS Backup for the landing zone needs "a multi-Region AWS KMS key, specifically for AWS Backup". */
  controlTowerBackupKey: { page: AWS_PAGES.controlTowerBackupPrerequisites, section: "Prerequisites" },

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

  /** CloudWatch Logs: the service principal's statement, limited by the log group's encryption context. */
  cloudWatchLogsKeyPolicy: {
    page: AWS_PAGES.cloudWatchLogsKms,
    section: "Step 2: Set permissions on the KMS key",
    anchor: "cmk-permissions",
  },
  /**
   * IAM: aws:SourceArn, aws:SourceAccount, aws:SourceOrgID and aws:SourceOrgPaths limit what a
   * service principal may do to the resource, account, organization or organization path it acts for.
   */
  crossServiceConfusedDeputy: {
    page: AWS_PAGES.iamConfusedDeputy,
    section: "Cross-service confused deputy prevention",
    anchor: "cross-service-confused-deputy-prevention",
  },
  /** IAM: the organization of the resource a service principal acts for. */
  sourceOrgId: {
    page: AWS_PAGES.iamGlobalConditionKeys,
    section: "aws:SourceOrgID",
    anchor: "condition-keys-sourceorgid",
  },
  /** IAM: the organization path of the account whose resource a service principal acts for. */
  sourceOrgPaths: {
    page: AWS_PAGES.iamGlobalConditionKeys,
    section: "aws:SourceOrgPaths",
    anchor: "condition-keys-sourceorgpaths",
  },
  /** IAM: the organization of the calling principal's account, present whenever it is a member. */
  principalOrgId: {
    page: AWS_PAGES.iamGlobalConditionKeys,
    section: "aws:PrincipalOrgID",
    anchor: "condition-keys-principalorgid",
  },
  /** CloudWatch Logs: the log group ARN is the encryption context `aws:logs:arn`. */
  cloudWatchLogsEncryptionContext: {
    page: AWS_PAGES.cloudWatchLogsKms,
    section: "AWS KMS keys and encryption context",
    anchor: "encrypt-log-data-kms-policy",
  },
} as const satisfies Record<string, SourceRef>;
