/**
 * The table of AWS pages and sources every statement, probe and finding cites. Titles, guides and
 * URLs are what users read and open: each is asserted here against the page AWS publishes (the
 * seed documents' own titles and anchors), and each way a citation is built (seed page, seed 004's
 * notes, another AWS page, with or without a section and anchor) is asserted as the text users see.
 */
import { strict as assert } from "node:assert";
import { SOURCES, isPageRef, type SourceRef } from "pulumi-kms-guardrails/catalog";
import { AWS_PAGES, awsPage, awsSection, awsUrl, citeAws, type AwsPage } from "../../components/src/catalog/sources";

const PAGES = AWS_PAGES as Readonly<Record<string, AwsPage>>;
const ALL_SOURCES = SOURCES as Readonly<Record<string, SourceRef>>;

describe("catalog: the AWS pages and sources it cites", () => {
  it("names every page by title, guide and docs.aws.amazon.com address", () => {
    for (const [name, page] of Object.entries(PAGES)) {
      assert.ok(page.title.trim().length > 0 && page.title === page.title.trim(), `${name}: title`);
      assert.match(page.guide, /^(AWS|Amazon|IAM) .*(Guide|Reference)$/, `${name}: guide`);
      assert.match(page.url, /^https:\/\/docs\.aws\.amazon\.com\/[A-Za-z]+\/latest\/[A-Za-z]+\/[\w-]+\.html$/, name);
    }
    const urls = Object.values(PAGES).map((p) => p.url);
    assert.equal(new Set(urls).size, urls.length, "one entry per page");
  });

  it("gives the pages their published titles, guides and addresses", () => {
    const table = Object.fromEntries(Object.entries(PAGES).map(([k, p]) => [k, [p.title, p.guide, p.url]]));
    const kms = "AWS Key Management Service Developer Guide";
    const kmsUrl = "https://docs.aws.amazon.com/kms/latest/developerguide/";
    const ct = "AWS Control Tower User Guide";
    const ctUrl = "https://docs.aws.amazon.com/controltower/latest/userguide/";
    const trail = "AWS CloudTrail User Guide";
    const trailUrl = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/";
    const iamUrl = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
    assert.deepEqual(table, {
      configKmsKey: [
        "Permissions for the KMS Key for the AWS Config Delivery Channel",
        "AWS Config Developer Guide",
        "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html",
      ],
      kmsLeastPrivilege: ["Least-privilege permissions", kms, `${kmsUrl}least-privilege.html`],
      controlTowerKmsKeys: ["Optionally configure AWS KMS keys", ct, `${ctUrl}configure-kms-keys.html`],
      cloudTrailDefaultKeyPolicy: [
        "Default KMS key policy created in CloudTrail console",
        trail,
        `${trailUrl}default-kms-key-policy.html`,
      ],
      cloudTrailKmsKeyPolicies: [
        "Configure AWS KMS key policies for CloudTrail",
        trail,
        `${trailUrl}create-kms-key-policy-for-cloudtrail.html`,
      ],
      kmsIamPolicies: ["Using IAM policies with AWS KMS", kms, `${kmsUrl}iam-policies.html`],
      kmsVpcEndpointConditions: [
        "Use VPC endpoints to control access to AWS KMS resources",
        kms,
        `${kmsUrl}vpce-policy-condition.html`,
      ],
      kmsCrossAccount: [
        "Allowing users in other accounts to use a KMS key",
        kms,
        `${kmsUrl}key-policy-modifying-external-accounts.html`,
      ],
      kmsConditionKeys: ["Condition keys for AWS KMS", kms, `${kmsUrl}policy-conditions.html`],
      kmsPermissions: ["AWS KMS permissions", kms, `${kmsUrl}kms-api-permissions-reference.html`],
      kmsCreatingKeyPolicy: ["Creating a key policy", kms, `${kmsUrl}key-policy-overview.html`],
      controlTowerLaunchApi: [
        "Step 2: Launch your landing zone using the AWS Control Tower APIs",
        ct,
        `${ctUrl}lz-api-launch.html`,
      ],
      controlTowerManifest: [
        "View the details of your landing zone manifest file",
        ct,
        `${ctUrl}lz-manifest-file.html`,
      ],
      controlTowerCreateLandingZone: [
        "CreateLandingZone",
        "AWS Control Tower API Reference",
        "https://docs.aws.amazon.com/controltower/latest/APIReference/API_CreateLandingZone.html",
      ],
      controlTowerBackupPrerequisites: ["Prerequisites", ct, `${ctUrl}backup-prerequisites.html`],
      cloudWatchLogsKms: [
        "Encrypt log data in CloudWatch Logs using AWS Key Management Service",
        "Amazon CloudWatch Logs User Guide",
        "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html",
      ],
      iamGlobalConditionKeys: [
        "AWS global condition context keys",
        "IAM User Guide",
        `${iamUrl}reference_policies_condition-keys.html`,
      ],
      iamConfusedDeputy: ["The confused deputy problem", "IAM User Guide", `${iamUrl}confused-deputy.html`],
    });
  });

  it("puts each seed document on the page it was taken from", () => {
    const pageOf = (seed: "000" | "001" | "002" | "003", section = "any") => awsPage({ seed, section });
    assert.equal(pageOf("000"), AWS_PAGES.configKmsKey);
    assert.equal(pageOf("001"), AWS_PAGES.kmsLeastPrivilege);
    assert.equal(pageOf("002"), AWS_PAGES.controlTowerKmsKeys);
    assert.equal(pageOf("003"), AWS_PAGES.cloudTrailKmsKeyPolicies);
    // Seed 004 gathers notes from several pages: each of its sections has its own page.
    const seed004 = (section: string) => awsPage({ seed: "004", section });
    assert.equal(seed004("IAM policies"), AWS_PAGES.kmsIamPolicies);
    assert.equal(seed004("VPC endpoint"), AWS_PAGES.kmsVpcEndpointConditions);
    assert.equal(seed004("Cross-account access"), AWS_PAGES.kmsCrossAccount);
    assert.equal(seed004("Condition keys"), AWS_PAGES.kmsConditionKeys);
    assert.equal(seed004("Permissions reference"), AWS_PAGES.kmsPermissions);
    assert.equal(seed004("a note of no listed section"), AWS_PAGES.kmsCreatingKeyPolicy);
    const page = AWS_PAGES.iamConfusedDeputy;
    assert.equal(awsPage({ page, section: "x" }), page);
  });

  it("tells a page reference from a seed reference", () => {
    assert.equal(isPageRef(SOURCES.cloudWatchLogsKeyPolicy), true);
    assert.equal(isPageRef(SOURCES.cloudTrailEncrypt), false);
    assert.equal(isPageRef(SOURCES.iamPolicies), false);
  });

  it("addresses a section by its anchor, except seed 004's own grouping", () => {
    assert.equal(
      awsUrl(SOURCES.cloudTrailEncrypt),
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html#create-kms-key-policy-for-cloudtrail-encrypt",
    );
    assert.equal(
      awsUrl(SOURCES.cloudWatchLogsKeyPolicy),
      "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html#cmk-permissions",
    );
    // A page reference without an anchor, and seed 004 with one: the page itself.
    assert.equal(awsUrl(SOURCES.controlTowerManifest4), AWS_PAGES.controlTowerLaunchApi.url);
    assert.equal(awsUrl(SOURCES.iamPolicies), AWS_PAGES.kmsIamPolicies.url);
    assert.equal(awsUrl({ seed: "004", section: "IAM policies", anchor: "x" }), AWS_PAGES.kmsIamPolicies.url);
    assert.equal(awsUrl({ seed: "003", section: "s" }), AWS_PAGES.cloudTrailKmsKeyPolicies.url);
  });

  it("names a section only where the page has one by that name", () => {
    assert.equal(awsSection(SOURCES.cloudTrailDecrypt), "Granting decrypt permissions");
    assert.equal(awsSection(SOURCES.cloudWatchLogsKeyPolicy), "Step 2: Set permissions on the KMS key");
    // Seed 004's sections are not sections of the pages they come from.
    assert.equal(awsSection(SOURCES.crossAccount), undefined);
    assert.equal(awsSection({ seed: "004", section: "IAM policies", anchor: "iam-policies" }), undefined);
    // Anchored at the page itself: the whole page, whatever the section was called.
    assert.equal(awsSection(SOURCES.controlTowerPrecheck), undefined);
    assert.equal(awsSection({ seed: "002", section: "Keys", anchor: "configure-kms-keys" }), undefined);
    // A section with the page's own title is the page.
    assert.equal(awsSection({ seed: "000", section: AWS_PAGES.configKmsKey.title }), undefined);
    // An anchor that merely ends like the page's file name is still a section.
    assert.equal(
      awsSection({ seed: "002", section: "Keys", anchor: "kms-keys" }),
      "Keys",
      "anchor kms-keys is not the page configure-kms-keys",
    );
    assert.equal(awsSection({ seed: "002", section: "Keys", anchor: "configure-kms-keys.html" }), "Keys");
  });

  it("cites a source as title, section, guide and address", () => {
    assert.equal(
      citeAws(SOURCES.configServiceLinkedRole),
      '"Permissions for the KMS Key for the AWS Config Delivery Channel", section "Required Permissions for the KMS Key When ' +
        'Using Service-Linked Roles (S3 Bucket Delivery)" (AWS Config Developer Guide): ' +
        "https://docs.aws.amazon.com/config/latest/developerguide/s3-kms-key-policy.html#required-permissions-s3-kms-key-using-servicelinkedrole",
    );
    assert.equal(
      citeAws(SOURCES.iamPolicies),
      '"Using IAM policies with AWS KMS" (AWS Key Management Service Developer Guide): ' +
        "https://docs.aws.amazon.com/kms/latest/developerguide/iam-policies.html",
    );
    assert.equal(
      citeAws(SOURCES.controlTowerPrecheck),
      '"Optionally configure AWS KMS keys" (AWS Control Tower User Guide): ' +
        "https://docs.aws.amazon.com/controltower/latest/userguide/configure-kms-keys.html#configure-kms-keys",
    );
    assert.equal(
      citeAws(SOURCES.sourceOrgId),
      '"AWS global condition context keys", section "aws:SourceOrgID" (IAM User Guide): ' +
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceorgid",
    );
  });

  it("gives every source a section, and an anchor its page can resolve", () => {
    for (const [name, ref] of Object.entries(ALL_SOURCES)) {
      assert.ok(ref.section.length > 0, `${name}: section`);
      const cite = citeAws(ref);
      assert.ok(!/seed/i.test(cite), `${name}: a citation names the AWS page, never a seed`);
      assert.match(awsUrl(ref), /^https:\/\/docs\.aws\.amazon\.com\/\S+\.html(#[\w-]+)?$/, name);
      if (ref.anchor !== undefined && (isPageRef(ref) || ref.seed !== "004")) {
        assert.ok(awsUrl(ref).endsWith(`#${ref.anchor}`), `${name}: anchored`);
      }
    }
  });

  it("keeps the seed documents' section titles and anchors verbatim", () => {
    const seeds = Object.fromEntries(
      Object.entries(ALL_SOURCES)
        .filter(([, ref]) => !isPageRef(ref))
        .map(([name, ref]) => [name, [(ref as { seed: string }).seed, ref.section, ref.anchor]]),
    );
    assert.deepEqual(seeds, {
      iamPolicies: ["004", "IAM policies", undefined],
      crossAccount: ["004", "Cross-account access", undefined],
      trailElements: ["003", "Required KMS key policy elements for trails", "required-kms-key-policy-trails"],
      eventDataStoreElements: [
        "003",
        "Required KMS key policy elements for event data stores",
        "required-kms-key-policy-eventdatastores",
      ],
      cloudTrailEncrypt: ["003", "Granting encrypt permissions", "create-kms-key-policy-for-cloudtrail-encrypt"],
      cloudTrailDecrypt: ["003", "Granting decrypt permissions", "create-kms-key-policy-for-cloudtrail-decrypt"],
      cloudTrailDecryptYourAccount: [
        "003",
        "Allow users in your account to decrypt trail logs with your KMS key",
        "create-kms-key-policy-for-cloudtrail-decrypt-your-account",
      ],
      cloudTrailDecryptOtherAccounts: [
        "003",
        "Allow users in other accounts to decrypt trail logs with your KMS key",
        "create-kms-key-policy-for-cloudtrail-decrypt-other-accounts",
      ],
      cloudTrailDecryptDifferentBucket: [
        "003",
        "Allow users of a bucket in a different account to decrypt logs",
        "create-kms-key-policy-for-cloudtrail-decrypt-different-bucket",
      ],
      cloudTrailDecryptSameBucket: [
        "003",
        "Allow users in a different account to decrypt trail logs from your bucket",
        "create-kms-key-policy-for-cloudtrail-decrypt-same-bucket",
      ],
      cloudTrailDescribe: [
        "003",
        "Enable CloudTrail to describe KMS key properties",
        "create-kms-key-policy-for-cloudtrail-describe",
      ],
      configIamRole: [
        "000",
        "Required Permissions for the KMS Key When Using IAM Roles (S3 Bucket Delivery)",
        "required-permissions-s3-kms-key-using-iam-role",
      ],
      configServiceLinkedRole: [
        "000",
        "Required Permissions for the KMS Key When Using Service-Linked Roles (S3 Bucket Delivery)",
        "required-permissions-s3-kms-key-using-servicelinkedrole",
      ],
      controlTowerPrecheck: ["002", "Optionally configure AWS KMS keys", "configure-kms-keys"],
      controlTowerPolicy: ["002", "Update the KMS key policy", "kms-key-policy-update"],
      leastPrivilege: ["001", "Implementing least privileged permissions", "key-policy-least-privilege"],
      encryptionContext: ["001", "Using encryption context condition keys", "least-privilege-encryption-context"],
      sourceArn: ["001", "Using aws:SourceArn or aws:SourceAccount condition keys", "least-privilege-source-arn"],
    });
  });

  it("cites the other AWS pages by their sections and anchors", () => {
    const pages = Object.fromEntries(
      Object.entries(ALL_SOURCES)
        .filter(([, ref]) => isPageRef(ref))
        .map(([name, ref]) => [name, awsUrl(ref)]),
    );
    const ct = "https://docs.aws.amazon.com/controltower/latest/";
    const iam = "https://docs.aws.amazon.com/IAM/latest/UserGuide/";
    const logs = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html";
    assert.deepEqual(pages, {
      cloudTrailDefaultEventDataStorePolicy:
        "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/default-kms-key-policy.html#default-kms-key-policy-eds",
      controlTowerManifest4: `${ct}userguide/lz-api-launch.html`,
      controlTowerManifest3: `${ct}userguide/lz-manifest-file.html`,
      controlTowerVersion: `${ct}APIReference/API_CreateLandingZone.html#API_CreateLandingZone_RequestBody`,
      controlTowerBackupKey: `${ct}userguide/backup-prerequisites.html`,
      cloudWatchLogsKeyPolicy: `${logs}#cmk-permissions`,
      crossServiceConfusedDeputy: `${iam}confused-deputy.html#cross-service-confused-deputy-prevention`,
      sourceOrgId: `${iam}reference_policies_condition-keys.html#condition-keys-sourceorgid`,
      sourceOrgPaths: `${iam}reference_policies_condition-keys.html#condition-keys-sourceorgpaths`,
      principalOrgId: `${iam}reference_policies_condition-keys.html#condition-keys-principalorgid`,
      cloudWatchLogsEncryptionContext: `${logs}#encrypt-log-data-kms-policy`,
    });
    const sections = Object.fromEntries(
      Object.entries(ALL_SOURCES)
        .filter(([, ref]) => isPageRef(ref))
        .map(([name, ref]) => [name, awsSection(ref)]),
    );
    assert.deepEqual(sections, {
      cloudTrailDefaultEventDataStorePolicy: "Default KMS key policy for CloudTrail Lake event data stores",
      controlTowerManifest4: "Creating the manifest file",
      controlTowerManifest3: "centralizedLogging",
      controlTowerVersion: "Request Body",
      // "Prerequisites" is the page's own title.
      controlTowerBackupKey: undefined,
      cloudWatchLogsKeyPolicy: "Step 2: Set permissions on the KMS key",
      crossServiceConfusedDeputy: "Cross-service confused deputy prevention",
      sourceOrgId: "aws:SourceOrgID",
      sourceOrgPaths: "aws:SourceOrgPaths",
      principalOrgId: "aws:PrincipalOrgID",
      cloudWatchLogsEncryptionContext: "AWS KMS keys and encryption context",
    });
  });
});
