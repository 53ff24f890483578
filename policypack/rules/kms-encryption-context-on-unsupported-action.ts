/**
 * kms-encryption-context-on-unsupported-action. Seed 001, "Using encryption context condition keys":
 * "Use encryption context conditions keys only when the action in the policy statement is
 * CreateGrant or an AWS KMS symmetric cryptographic operation that takes an EncryptionContext
 * parameter ... If you use these condition keys to allow other operations, such as DescribeKey,
 * permission will be denied."
 *
 * An action the statement names, or a statement that allows nothing at all, is the rule's violation.
 * A wildcard that only also covers such actions in a statement that works (`kms:*`, or the
 * `kms:Describe*` of AWS's own CloudWatch Logs key policy) is a practice finding: the engine lint
 * decides which (error or warning).
 */
import { lintFindings } from "./key-policy-subject";
import type { ResourceRule } from "./types";

const WILDCARD = "encryption-context-on-wildcard-action";
const FINDINGS = new Set(["encryption-context-on-unsupported-action", WILDCARD]);

export const kmsEncryptionContextOnUnsupportedAction: ResourceRule = {
  scope: "resource",
  id: "kms-encryption-context-on-unsupported-action",
  description:
    "kms:EncryptionContext:* and kms:EncryptionContextKeys conditions only on CreateGrant and the symmetric operations that take an encryption context; elsewhere they deny.",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "001", section: "Using encryption context condition keys", anchor: "least-privilege-encryption-context" },
  ],
  passing: {
    description: "The AWS KMS Developer Guide's Amazon Location statement: the encryption context limits CreateGrant.",
    json: {
      Sid: "Allow Amazon Location to create grants on behalf of authorized users",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/LocationTeam" },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": "geo.us-west-2.amazonaws.com",
          "kms:CallerAccount": "111122223333",
          "kms:EncryptionContext:aws:geo:arn": "arn:aws:geo:us-west-2:111122223333:tracker/SAMPLE-Tracker",
        },
      },
    },
  },
  failing: {
    description:
      "CloudTrail's DescribeKey limited by the CloudTrail encryption context: DescribeKey carries none, so it is denied.",
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
  practices:
    "An action wildcard (kms:*, kms:Describe*, a NotAction) under an encryption context condition in a statement " +
    "that works for the cryptographic operations: the other actions it covers never match, so the grant reads " +
    "broader than it is.",
  check: (subject) => lintFindings(subject, FINDINGS, WILDCARD),
};
