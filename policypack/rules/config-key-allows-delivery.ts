/**
 * config-key-allows-delivery. Seed 000: with an IAM role ("Required Permissions for the KMS Key
 * When Using IAM Roles"), the key policy names the accounts whose roles deliver; "If the IAM role,
 * Amazon S3 bucket policy, or AWS KMS key do not provide appropriate access to AWS Config, ...
 * AWS Config sends the information again, this time as the AWS Config service principal", which
 * the service-linked-role section grants with `config.amazonaws.com` and `AWS:SourceAccount`.
 *
 * So delivery works when either way works in IAM-role mode, only the service principal in
 * service-linked-role mode, and either when the stack has no recorder to tell.
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import type { ProbeOutcome } from "pulumi-kms-guardrails/catalog";
import { configMode, deliveryChannelChecks } from "../analysis/integrations";
import type { CheckedPlan } from "../analysis/probes";
import { allowProbeViolations, failedAllowOutcomes, uncheckedGroup, unlinkedViolations } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule, Violation } from "./types";

function allowFailures(checked: CheckedPlan | undefined): ProbeOutcome[] {
  return checked === undefined ? [] : failedAllowOutcomes(checked.outcomes);
}

export const configKeyAllowsDelivery: StackRule = {
  scope: "stack",
  id: "config-key-allows-delivery",
  description:
    "The key of an AWS Config delivery channel must let Config deliver: the recorder role's account (IAM-role mode) or config.amazonaws.com limited by AWS:SourceAccount (service-linked role).",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    {
      seed: "000",
      section: "Required Permissions for the KMS Key When Using IAM Roles (S3 Bucket Delivery)",
      anchor: "required-permissions-s3-kms-key-using-iam-role",
    },
    {
      seed: "000",
      section: "Required Permissions for the KMS Key When Using Service-Linked Roles (S3 Bucket Delivery)",
      anchor: "required-permissions-s3-kms-key-using-servicelinkedrole",
    },
  ],
  passing: {
    description: "The AWS Config Developer Guide's service-linked-role statement.",
    json: {
      Sid: "AWSConfigKMSPolicy",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "AWS:SourceAccount": "111122223333" } },
    },
  },
  failing: {
    description: "The service-linked-role statement pinned to another account: Config cannot deliver for this one.",
    json: {
      Sid: "AWSConfigKMSPolicy",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: { StringEquals: { "AWS:SourceAccount": "444455556666" } },
    },
  },
  configSchema: { properties: { ...ACCOUNT_IDS_SCHEMA.properties, ...ORGANIZATION_SCHEMA.properties } },
  check: (model, options) => {
    const checks = deliveryChannelChecks(model, options);
    const mode = configMode(model).mode;
    const out: Violation[] = unlinkedViolations(checks.unlinked);
    for (const group of checks.groups) {
      const unchecked = uncheckedGroup(group);
      if (unchecked !== undefined) {
        out.push(...unchecked);
        continue;
      }
      if (group.result.status !== "checked") continue;
      const [iam, slr] = group.result.plans;
      const slrFailures = allowFailures(slr);
      // The IAM role's probes only matter outside service-linked-role mode: run them only then.
      const iamFailures = (): ProbeOutcome[] => allowFailures(iam);
      const delivers =
        mode === "service-linked-role"
          ? slrFailures.length === 0
          : slrFailures.length === 0 || iamFailures().length === 0;
      if (delivers) continue;
      // Report the way the stack delivers: the IAM role's statement in IAM-role mode, else the service principal's.
      const [checked, failures] = mode === "iam-role" ? [iam, iamFailures()] : [slr, slrFailures];
      out.push(
        ...allowProbeViolations(
          group.facts,
          group.members,
          checked.plan,
          failures,
          group.result.unknowns,
          group.result.policy,
          group.result.assumption !== undefined ? { assumption: group.result.assumption } : {},
        ),
      );
    }
    return out;
  },
};
