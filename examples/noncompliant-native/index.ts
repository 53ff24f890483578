// The noncompliant example with AWS Native resources: the same key policies (../noncompliant/policies.ts,
// which says why each one is wrong), now as `keyPolicy` objects, and the same mistakes, so the pack must
// report the same rules. Not meant to be deployed.
//
//   npx kms-guardrails preflight examples/noncompliant-native --account 111122223333 --region us-east-1
import * as pulumi from "@pulumi/pulumi";
import * as policies from "../noncompliant/policies";
import { NativeResource, nativeInvoke } from "./native";

const where: pulumi.Output<policies.Where> = pulumi
  .all([
    nativeInvoke<{ accountId: string }>("aws-native:index:getAccountId"),
    nativeInvoke<{ region: string }>("aws-native:index:getRegion"),
    nativeInvoke<{ partition: string }>("aws-native:index:getPartition"),
  ])
  .apply(([identity, region, partition]) => ({
    account: identity.accountId,
    region: region.region,
    partition: partition.partition,
  }));

/** A key whose policy is computed from where the stack deploys, so it is known in preview too. */
function key(name: string, document: (w: policies.Where) => policies.PolicyDocument, inputs: pulumi.Inputs = {}) {
  return new NativeResource(
    "aws-native:kms:Key",
    name,
    {
      description: `noncompliant example: ${name}`,
      enableKeyRotation: true,
      ...inputs,
      keyPolicy: where.apply(document),
    },
    ["arn", "keyId"],
  );
}

// One log bucket for every trail, with S3's default encryption (SSE-S3).
const logs = new NativeResource("aws-native:s3:Bucket", "trail-logs", {}, ["bucketName", "arn"]);

function trail(name: string, kmsKey?: NativeResource): NativeResource {
  return new NativeResource(
    "aws-native:cloudtrail:Trail",
    name,
    {
      trailName: name,
      isLogging: true,
      s3BucketName: logs.output("bucketName"),
      ...(kmsKey !== undefined ? { kmsKeyId: kmsKey.output("arn") } : {}),
    },
    ["arn"],
  );
}

// Compliant, on purpose: the CloudTrail console's default key policy (Principal "*" limited by
// kms:CallerAccount). kms-no-unconditioned-public-principal (seed 004) must stay quiet.
trail(
  "console-default",
  key("console-default", (w) => policies.consoleDefaultPolicy(w, "console-default")),
);

// kms-no-unconditioned-public-principal (seed 004, "Cross-account access").
key("organization-share", policies.organizationSharePolicy);

// kms-encryption-context-on-unsupported-action (seed 001, "Using encryption context condition keys") and
// cloudtrail-key-allows-describe (seed 003, "Enable CloudTrail to describe KMS key properties").
trail(
  "describe-context",
  key("describe-context", (w) => policies.describeWithContextPolicy(w, "describe-context")),
);

// cloudtrail-key-allows-describe (seed 003, "Required KMS key policy elements for trails").
trail(
  "missing-describe",
  key("missing-describe", (w) => policies.missingDescribePolicy(w, "missing-describe")),
);

// cloudtrail-log-decrypt-null-guard, advisory (seed 003, "Granting decrypt permissions").
trail(
  "unguarded-decrypt",
  key("unguarded-decrypt", (w) => policies.unguardedDecryptPolicy(w, "unguarded-decrypt")),
);

// cloudtrail-trail-encrypted: no kmsKeyId (seed 003, "Configure AWS KMS key policies for CloudTrail").
trail("unencrypted");

// event-data-store-key-no-source-condition and event-data-store-key-allows-cloudtrail (seed 003, "Required
// KMS key policy elements for event data stores").
new NativeResource("aws-native:cloudtrail:EventDataStore", "lake", {
  name: "lake",
  retentionPeriod: 365,
  kmsKeyId: key("lake", policies.eventDataStoreWithSourceArnPolicy).output("arn"),
});

// config-key-allows-delivery (seed 000, "Required Permissions for the KMS Key When Using Service-Linked
// Roles"). In CloudFormation the recorder names Config's service-linked role by its ARN; the pack tells
// the service-linked-role mode from that path.
const recorder = new NativeResource("aws-native:configuration:ConfigurationRecorder", "config", {
  name: "default",
  roleArn: where.apply(
    (w) => `arn:${w.partition}:iam::${w.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
  ),
});
const configBucket = new NativeResource("aws-native:s3:Bucket", "config-delivery", {}, ["bucketName"]);
new NativeResource(
  "aws-native:configuration:DeliveryChannel",
  "config",
  {
    name: "default",
    s3BucketName: configBucket.output("bucketName"),
    s3KmsKeyArn: key("config", policies.configIamRoleModePolicy).output("arn"),
  },
  [],
  { dependsOn: [recorder] },
);

// controltower-landing-zone-key: a multi-Region key (seed 002, "Optionally configure AWS KMS keys"). AWS
// Native takes the manifest as an object.
const landingZoneKey = key("landing-zone", policies.landingZonePolicy, { multiRegion: true });
new NativeResource(
  "aws-native:controltower:LandingZone",
  "landing-zone",
  {
    version: "3.3",
    manifest: {
      governedRegions: [where.region],
      organizationStructure: { security: { name: "Security" } },
      centralizedLogging: {
        accountId: "222222222222",
        configurations: { loggingBucket: { retentionDays: 365 }, kmsKeyArn: landingZoneKey.output("arn") },
        enabled: true,
      },
      securityRoles: { accountId: "333333333333" },
    },
  },
  ["arn"],
);
