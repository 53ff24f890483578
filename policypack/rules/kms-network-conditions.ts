/**
 * kms-network-conditions (advisory). Seed 004, "VPC endpoint": "the aws:sourceIP condition key is
 * not effective when the request comes from an Amazon VPC endpoint", and "If a policy statement
 * requires that requests come from a particular VPC or VPC endpoint, requests from integrated AWS
 * services that use an AWS KMS resource on your behalf might fail."
 */
import { lintFindings } from "./key-policy-subject";
import type { ResourceRule } from "./types";

const FINDINGS = new Set(["source-ip-condition", "vpc-condition-without-service-exception"]);

export const kmsNetworkConditions: ResourceRule = {
  scope: "resource",
  id: "kms-network-conditions",
  description:
    "aws:SourceIp is ineffective through a VPC endpoint, and a VPC-endpoint Deny without an exception for AWS services breaks integrations such as CloudTrail.",
  severity: "medium",
  enforcementLevel: "advisory",
  sources: [{ seed: "004", section: "VPC endpoint" }],
  passing: {
    description:
      "A Deny outside the VPC endpoint that exempts calls made by AWS services (aws:ViaAWSService / aws:PrincipalIsAWSService).",
    json: {
      Sid: "Deny outside the endpoint",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:SourceVpce": "vpce-1234567890abcdef0" },
        Bool: { "aws:ViaAWSService": "false", "aws:PrincipalIsAWSService": "false" },
      },
    },
  },
  failing: {
    description: "A Deny outside the VPC endpoint with no exception: CloudTrail's own requests are denied too.",
    json: {
      Sid: "Deny outside the endpoint",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1234567890abcdef0" } },
    },
  },
  check: (subject) => lintFindings(subject, FINDINGS),
};
