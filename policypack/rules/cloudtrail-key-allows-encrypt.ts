/**
 * cloudtrail-key-allows-encrypt. Seed 003, "Granting encrypt permissions": "CloudTrail needs
 * explicit permission to use the KMS key to encrypt logs on behalf of specific accounts", and
 * "Required KMS key policy elements for trails": "If encryption is enabled on a trail, and ... the
 * KMS key policy is not correctly configured for CloudTrail, CloudTrail cannot deliver logs." With
 * an S3 Bucket Key on the trail's bucket, "kms:Decrypt permissions are required to create or update
 * a trail with SSE-KMS encryption enabled": that probe runs only when the bucket in the stack has one.
 *
 * Proved with the catalog's probes: CloudTrail's real request for each trail must be allowed.
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { trailChecks } from "../analysis/integrations";
import { failedAllowProbeViolations, unlinkedViolations } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule } from "./types";

const PROBES = new Set(["cloudtrail-trail.encrypt", "cloudtrail-trail.decrypt.service"]);

export const cloudtrailKeyAllowsEncrypt: StackRule = {
  scope: "stack",
  id: "cloudtrail-key-allows-encrypt",
  description:
    "The key a trail encrypts with must let cloudtrail.amazonaws.com generate data keys for that trail (and decrypt, when the bucket has an S3 Bucket Key).",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "003", section: "Granting encrypt permissions", anchor: "create-kms-key-policy-for-cloudtrail-encrypt" },
    { seed: "003", section: "Required KMS key policy elements for trails", anchor: "required-kms-key-policy-trails" },
  ],
  passing: {
    description: "The CloudTrail User Guide's encrypt statement, aws:SourceArn naming the stack's trail.",
    json: {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*:111122223333:trail/*"] },
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/finance" },
      },
    },
  },
  failing: {
    description: "The same statement pinned to another trail: CloudTrail cannot encrypt the finance trail's logs.",
    json: {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/other" } },
    },
  },
  configSchema: { properties: { ...ACCOUNT_IDS_SCHEMA.properties, ...ORGANIZATION_SCHEMA.properties } },
  check: (model, options) => {
    const checks = trailChecks(model, options);
    return [...unlinkedViolations(checks.unlinked), ...failedAllowProbeViolations(checks, PROBES)];
  },
};
