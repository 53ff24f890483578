/**
 * event-data-store-key-allows-cloudtrail. Seed 003, "Required KMS key policy elements for event
 * data stores": enable CloudTrail encrypt and decrypt permissions and let it describe the key; "If
 * encryption is enabled on an event data store, and the KMS key is disabled or deleted, or the KMS
 * key policy is not correctly configured for CloudTrail, CloudTrail cannot deliver events to your
 * event data store." CloudTrail Lake requests carry no aws:SourceArn / aws:SourceAccount, and the
 * catalog's probes send none.
 */
import { eventDataStoreChecks } from "../analysis/integrations";
import { failedAllowProbeViolations, unlinkedViolations } from "./stack-helpers";
import type { StackRule } from "./types";

const PROBES = new Set([
  "cloudtrail-event-data-store.encrypt",
  "cloudtrail-event-data-store.decrypt",
  "cloudtrail-event-data-store.describe-key",
]);

export const eventDataStoreKeyAllowsCloudtrail: StackRule = {
  scope: "stack",
  id: "event-data-store-key-allows-cloudtrail",
  description:
    "The key of a CloudTrail Lake event data store must let cloudtrail.amazonaws.com generate data keys, decrypt and describe the key.",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    {
      seed: "003",
      section: "Required KMS key policy elements for event data stores",
      anchor: "required-kms-key-policy-eventdatastores",
    },
    { seed: "003", section: "Granting encrypt permissions", anchor: "create-kms-key-policy-for-cloudtrail-encrypt" },
  ],
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
  check: (model) => {
    const checks = eventDataStoreChecks(model);
    return [...unlinkedViolations(checks.unlinked), ...failedAllowProbeViolations(checks, PROBES)];
  },
};
