/**
 * event-data-store-key-allows-cloudtrail. Seed 003, "Required KMS key policy elements for event
 * data stores": enable CloudTrail encrypt and decrypt permissions and let it describe the key; "If
 * encryption is enabled on an event data store, and the KMS key is disabled or deleted, or the KMS
 * key policy is not correctly configured for CloudTrail, CloudTrail cannot deliver events to your
 * event data store." CloudTrail Lake requests carry no aws:SourceArn / aws:SourceAccount, and the
 * catalog's probes send none.
 *
 * GenerateDataKey and Decrypt are required. DescribeKey is a practice finding: the key policy
 * CloudTrail itself creates for an event data store ("Default KMS key policy created in CloudTrail
 * console", section "Default KMS key policy for CloudTrail Lake event data stores") grants
 * cloudtrail.amazonaws.com only kms:GenerateDataKey and kms:Decrypt, while seed 003 lists "Enable
 * CloudTrail to describe KMS key properties" among the event data store elements. Components still
 * generate the DescribeKey statement. A DescribeKey failure that shares its cause with a required
 * request is part of that request's finding (one finding, one fix per cause).
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { citeAws, SOURCES } from "pulumi-kms-guardrails/catalog";
import { eventDataStoreChecks } from "../analysis/integrations";
import { failedAllowProbeViolations, unlinkedViolations, type PracticeProbes } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule } from "./types";

const DESCRIBE_KEY = "cloudtrail-event-data-store.describe-key";
const PROBES = new Set(["cloudtrail-event-data-store.encrypt", "cloudtrail-event-data-store.decrypt", DESCRIBE_KEY]);

const DESCRIBE_KEY_PRACTICE: PracticeProbes = {
  ids: new Set([DESCRIBE_KEY]),
  note:
    "The key policy CloudTrail itself creates for an event data store grants only kms:GenerateDataKey and kms:Decrypt, " +
    "and CloudTrail Lake works with it; the CloudTrail User Guide lists kms:DescribeKey among the statements a key for " +
    `event data stores needs, so CloudTrail can read the key's properties.\nAWS documentation: ${citeAws(
      SOURCES.cloudTrailDefaultEventDataStorePolicy,
    )}`,
};

export const eventDataStoreKeyAllowsCloudtrail: StackRule = {
  scope: "stack",
  id: "event-data-store-key-allows-cloudtrail",
  description:
    "The key of a CloudTrail Lake event data store must let cloudtrail.amazonaws.com generate data keys and decrypt, and should let it describe the key.",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    {
      seed: "003",
      section: "Required KMS key policy elements for event data stores",
      anchor: "required-kms-key-policy-eventdatastores",
    },
    { seed: "003", section: "Granting encrypt permissions", anchor: "create-kms-key-policy-for-cloudtrail-encrypt" },
    SOURCES.cloudTrailDescribe,
    SOURCES.cloudTrailDefaultEventDataStorePolicy,
  ],
  practices:
    "A missing kms:DescribeKey for cloudtrail.amazonaws.com: the CloudTrail User Guide lists it for event data stores, the key policy CloudTrail itself creates for one omits it.",
  passing: {
    description:
      "The CloudTrail User Guide's event data store statements: encrypt, decrypt and describe, with no source condition.",
    json: [
      {
        Sid: "Allow CloudTrail to encrypt event data store",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey",
        Resource: "*",
      },
      {
        Sid: "Allow CloudTrail to decrypt an event data store",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:Decrypt",
        Resource: "*",
      },
      {
        Sid: "Allow CloudTrail access",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:DescribeKey",
        Resource: "*",
      },
    ],
  },
  failing: {
    description: "Only the default key policy: CloudTrail Lake cannot use the key.",
    json: {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    },
  },
  configSchema: { properties: { ...ACCOUNT_IDS_SCHEMA.properties, ...ORGANIZATION_SCHEMA.properties } },
  check: (model, options) => {
    const checks = eventDataStoreChecks(model, options);
    return [
      ...unlinkedViolations(checks.unlinked),
      ...failedAllowProbeViolations(checks, PROBES, { practice: DESCRIBE_KEY_PRACTICE }),
    ];
  },
};
