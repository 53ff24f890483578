// What the policy pack exists to stop: plain @pulumi/aws resources whose key policies break the documented
// rules the way real repositories do, each commented with the rule it breaks and the seed section that
// says so (the policies and their reasons are in policies.ts). Not meant to be deployed: the trails' bucket
// policies are left out, since the pack checks keys, not buckets.
//
//   npx kms-guardrails preflight examples/noncompliant --account 111122223333 --region us-east-1
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as policies from "./policies";

const where: pulumi.Output<policies.Where> = pulumi
  .all([aws.getCallerIdentityOutput(), aws.getRegionOutput(), aws.getPartitionOutput()])
  .apply(([identity, region, partition]) => ({
    account: identity.accountId,
    region: region.region,
    partition: partition.partition,
  }));

/** A key whose policy is computed from where the stack deploys, so it is known in preview too. */
function key(name: string, document: (w: policies.Where) => policies.PolicyDocument, args: aws.kms.KeyArgs = {}) {
  return new aws.kms.Key(name, {
    description: `noncompliant example: ${name}`,
    enableKeyRotation: true,
    ...args,
    policy: where.apply((w) => JSON.stringify(document(w))),
  });
}

// One log bucket for every trail. Default encryption SSE-S3: no KMS key protects what lands here unless
// the trail names one.
const logs = new aws.s3.Bucket("trail-logs", { forceDestroy: true });

function trail(name: string, kmsKey?: aws.kms.Key): aws.cloudtrail.Trail {
  return new aws.cloudtrail.Trail(name, {
    name,
    s3BucketName: logs.bucket,
    ...(kmsKey !== undefined ? { kmsKeyId: kmsKey.arn } : {}),
  });
}

// Compliant, on purpose: the CloudTrail console's default key policy. Principal "*" limited by
// kms:CallerAccount (+ kms:ViaService or the CloudTrail encryption context) is not public, so
// kms-no-unconditioned-public-principal (seed 004, "Cross-account access") must stay quiet.
trail(
  "console-default",
  key("console-default", (w) => policies.consoleDefaultPolicy(w, "console-default")),
);

// kms-no-unconditioned-public-principal: Principal "*" behind an IfExists condition that an account
// outside every organization satisfies (seed 004, "Cross-account access").
key("organization-share", policies.organizationSharePolicy);

// kms-encryption-context-on-unsupported-action (seed 001, "Using encryption context condition keys"), and
// therefore cloudtrail-key-allows-describe (seed 003, "Enable CloudTrail to describe KMS key properties").
trail(
  "describe-context",
  key("describe-context", (w) => policies.describeWithContextPolicy(w, "describe-context")),
);

// cloudtrail-key-allows-describe: no kms:DescribeKey for CloudTrail (seed 003, "Required KMS key policy
// elements for trails").
trail(
  "missing-describe",
  key("missing-describe", (w) => policies.missingDescribePolicy(w, "missing-describe")),
);

// cloudtrail-log-decrypt-null-guard (advisory): kms:Decrypt for log readers without the Null guard on
// kms:EncryptionContext:aws:cloudtrail:arn (seed 003, "Granting decrypt permissions").
trail(
  "unguarded-decrypt",
  key("unguarded-decrypt", (w) => policies.unguardedDecryptPolicy(w, "unguarded-decrypt")),
);

// cloudtrail-trail-encrypted: no kmsKeyId, so the logs sit in an SSE-S3 bucket (seed 003, "Configure AWS
// KMS key policies for CloudTrail").
trail("unencrypted");

// event-data-store-key-no-source-condition and event-data-store-key-allows-cloudtrail: aws:SourceArn on
// the event data store's key (seed 003, "Required KMS key policy elements for event data stores").
new aws.cloudtrail.EventDataStore("lake", {
  name: "lake",
  retentionPeriod: 365,
  kmsKeyId: key("lake", policies.eventDataStoreWithSourceArnPolicy).arn,
});

// config-key-allows-delivery: the recorder runs as Config's service-linked role, so Config calls KMS as
// config.amazonaws.com, which the key (granting the account, as for an IAM role) does not allow (seed 000,
// "Required Permissions for the KMS Key When Using Service-Linked Roles").
const configRole = new aws.iam.ServiceLinkedRole("config", { awsServiceName: "config.amazonaws.com" });
const recorder = new aws.cfg.Recorder("config", { name: "default", roleArn: configRole.arn });
const configBucket = new aws.s3.Bucket("config-delivery", { forceDestroy: true });
new aws.cfg.DeliveryChannel(
  "config",
  {
    name: "default",
    s3BucketName: configBucket.bucket,
    s3KmsKeyArn: key("config", policies.configIamRoleModePolicy).arn,
  },
  { dependsOn: [recorder] },
);

// controltower-landing-zone-key: a multi-Region key, which Control Tower's pre-check refuses (seed 002,
// "Optionally configure AWS KMS keys": "Not a multi-Region key").
const landingZoneKey = key("landing-zone", policies.landingZonePolicy, { multiRegion: true });
new aws.controltower.LandingZone("landing-zone", {
  version: "3.3",
  manifestJson: pulumi.jsonStringify({
    governedRegions: [where.region],
    organizationStructure: { security: { name: "Security" } },
    centralizedLogging: {
      accountId: "222222222222",
      configurations: { loggingBucket: { retentionDays: 365 }, kmsKeyArn: landingZoneKey.arn },
      enabled: true,
    },
    securityRoles: { accountId: "333333333333" },
  }),
});
