/**
 * cloudtrail-key-allows-describe. Seed 003, "Enable CloudTrail to describe KMS key properties":
 * "CloudTrail requires the ability to describe the properties of the KMS key. To enable this
 * functionality, add the following required statement as is to your KMS key policy."
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { trailChecks } from "../analysis/integrations";
import { failedAllowProbeViolations } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule } from "./types";

const PROBES = new Set(["cloudtrail-trail.describe-key"]);

export const cloudtrailKeyAllowsDescribe: StackRule = {
  scope: "stack",
  id: "cloudtrail-key-allows-describe",
  description: "The key a trail encrypts with must let cloudtrail.amazonaws.com call kms:DescribeKey for that trail.",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [
    {
      seed: "003",
      section: "Enable CloudTrail to describe KMS key properties",
      anchor: "create-kms-key-policy-for-cloudtrail-describe",
    },
  ],
  passing: {
    description: "The CloudTrail User Guide's statement, aws:SourceArn naming the stack's trail.",
    json: {
      Sid: "Allow CloudTrail access",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/finance" } },
    },
  },
  failing: {
    description: "DescribeKey limited by the CloudTrail encryption context, which DescribeKey never carries.",
    json: {
      Sid: "Allow CloudTrail access",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
      },
    },
  },
  configSchema: { properties: { ...ACCOUNT_IDS_SCHEMA.properties, ...ORGANIZATION_SCHEMA.properties } },
  check: (model, options) => failedAllowProbeViolations(trailChecks(model, options), PROBES),
};
