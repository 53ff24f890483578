/**
 * kms-no-unconditioned-public-principal. Seed 004, "Cross-account access": "Do not set the
 * Principal to an asterisk (*) in any key policy statement that allows permissions unless you use
 * conditions to limit the key policy. An asterisk gives every identity in every AWS account
 * permission to use the KMS key".
 */
import { lintFindings } from "./key-policy-subject";
import type { ResourceRule } from "./types";

const FINDINGS = new Set(["public-principal-unconditioned"]);

export const kmsNoUnconditionedPublicPrincipal: ResourceRule = {
  scope: "resource",
  id: "kms-no-unconditioned-public-principal",
  description: 'No Allow statement may name Principal "*" without a condition that limits who can use the key.',
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [{ seed: "004", section: "Cross-account access" }],
  passing: {
    description:
      'Principal "*" limited to the key\'s account with kms:CallerAccount and to one service with kms:ViaService.',
    json: {
      Sid: "Allow access through EBS for the account",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.us-east-1.amazonaws.com" },
      },
    },
  },
  failing: {
    description: 'Principal "*" with no condition: every identity in every account may use the key.',
    json: { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
  },
  check: (subject) => lintFindings(subject, FINDINGS),
};
