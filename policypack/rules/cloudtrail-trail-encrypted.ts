/**
 * cloudtrail-trail-encrypted. Seed 003, "Configure AWS KMS key policies for CloudTrail": the policy
 * sections exist so that CloudTrail can "use the key to encrypt your log files"; a trail without a
 * KMS key leaves its log files to the bucket's default encryption, without CloudTrail's encryption
 * context and without a key policy that says who may read them. A key reference that is not known
 * yet counts as set: the key rules wait for it.
 */
import { cloudTrailTrailPlan, type SourceRef } from "pulumi-kms-guardrails/catalog";
import { bucketKeyEnabled } from "../analysis/integrations";
import { forKeyPolicy, json, resourceLabel, seeAws } from "../messages";
import { accountOfArn, regionOfArn } from "../model/arns";
import { known } from "../model/values";
import { catalogGrant } from "./stack-helpers";
import type { StackRule, Violation } from "./types";

/** Seed 003 "Granting encrypt permissions". */
const ENCRYPT_SID = "Allow CloudTrail to encrypt logs";
/** The page every message cites: why a trail's key needs CloudTrail's statements. */
const PAGE: SourceRef = {
  seed: "003",
  section: "Configure AWS KMS key policies for CloudTrail",
  anchor: "create-kms-key-policy-for-cloudtrail",
};

export const cloudtrailTrailEncrypted: StackRule = {
  scope: "stack",
  id: "cloudtrail-trail-encrypted",
  description: "Every trail encrypts its log files with a KMS key (kmsKeyId).",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [PAGE],
  passing: { description: "A trail with kmsKeyId set to a key of the stack (or to its alias)." },
  failing: { description: "A trail with no kmsKeyId: its logs are encrypted only by the bucket's default encryption." },
  check: (model) => {
    const out: Violation[] = [];
    for (const trail of model.resources.trails) {
      if (trail.key.value !== undefined || trail.key.dependencies.length > 0) continue;
      const arn = known(trail.arn);
      const account = accountOfArn(arn);
      const region = regionOfArn(arn);
      const grant =
        arn !== undefined && account !== undefined && region !== undefined
          ? catalogGrant(
              () =>
                cloudTrailTrailPlan({
                  key: { account, region },
                  trailArns: [arn],
                  serviceDecrypt: bucketKeyEnabled(model, trail),
                }),
              ENCRYPT_SID,
            )
          : undefined;
      out.push({
        message:
          `${resourceLabel(trail.ref)} has no kmsKeyId: its log files are not encrypted with a KMS key of yours. ` +
          "Set kmsKeyId to a customer managed key whose policy lets CloudTrail use it." +
          (grant !== undefined
            ? `\nThat key's policy needs, among the CloudTrail statements:\n${json(forKeyPolicy(grant.statement))}${seeAws(grant.source)}`
            : seeAws(PAGE)),
        urn: trail.ref.urn,
      });
    }
    return out;
  },
};
