/**
 * cloudtrail-bucket-default-key. A trail with no kmsKeyId still writes through SSE-KMS when its
 * bucket's default encryption names a key: Amazon S3 then asks KMS for a data key on CloudTrail's
 * behalf, and "If ... the KMS key policy is not correctly configured for CloudTrail, CloudTrail
 * cannot deliver logs" (seed 003, "Required KMS key policy elements for trails"; with an S3 Bucket
 * Key, kms:Decrypt too). The request carries the bucket as encryption context, not the trail.
 *
 * The fix the documents support is to name the key on the trail and grant CloudTrail the
 * documented statements; the message says so, with the catalog's statement for the trail.
 */
import { cloudTrailTrailPlan, SIDS } from "pulumi-kms-guardrails/catalog";
import { evaluate, UNKNOWN, type ContextValue, type Request } from "pulumi-kms-guardrails/engine";
import { keyFacts, keyLabel, keyLocation, policyState } from "../analysis/keys";
import { denialCause } from "../analysis/probes";
import { notCheckable, resourceLabel, waitingFor } from "../messages";
import { accountOfArn, regionOfArn } from "../model/arns";
import type { StackModel } from "../model/stack";
import type { TrailModel } from "../model/types";
import { isUnknown, known } from "../model/values";
import { catalogGrant, fixSuffix } from "./stack-helpers";
import type { StackRule, Violation } from "./types";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

function checkTrail(model: StackModel, trail: TrailModel): Violation[] {
  if (trail.key.value !== undefined || trail.key.dependencies.length > 0) return [];
  const bucket = model.linker.bucket(trail.bucketName, trail.bucketDependencies);
  if (bucket === undefined) return [];
  const subject = `the default encryption key of ${resourceLabel(bucket.ref)}, where ${resourceLabel(trail.ref)} writes`;
  const encryption = model.linker.bucketEncryption(bucket);
  if (encryption === undefined) return [];
  if (isUnknown(encryption))
    return [
      {
        message: waitingFor(subject, `${encryption.field} of ${resourceLabel(bucket.ref)}`),
        urn: bucket.ref.urn,
        kind: "undecided",
      },
    ];
  if (isUnknown(encryption.algorithm)) {
    return [
      {
        message: waitingFor(subject, `the SSE algorithm of ${resourceLabel(bucket.ref)}`),
        urn: bucket.ref.urn,
        kind: "undecided",
      },
    ];
  }
  if (encryption.algorithm === undefined || !KMS_ALGORITHMS.has(encryption.algorithm)) return [];
  const link = model.linker.resolveKey(encryption.key);
  // No key named: the AWS managed key aws/s3, whose policy AWS maintains.
  if (link.status === "none") return [];
  if (link.status === "external")
    return [
      {
        message: notCheckable(bucket.ref, encryption.key.field, link.reference),
        urn: trail.ref.urn,
        kind: "undecided",
      },
    ];
  if (link.status === "unknown")
    return [
      {
        message: waitingFor(subject, `${link.field} of ${resourceLabel(bucket.ref)}`),
        urn: bucket.ref.urn,
        kind: "undecided",
      },
    ];

  const facts = keyFacts(model, link.key);
  const trailArn = known(trail.arn);
  const location = keyLocation(facts, {
    account: accountOfArn(trailArn),
    region: regionOfArn(trailArn) ?? known(trail.region),
  });
  if ("waitsFor" in location)
    return [{ message: waitingFor(subject, location.waitsFor), urn: facts.policySource.urn, kind: "undecided" }];
  const state = policyState(facts, location);
  if (state.state === "unknown")
    return [{ message: waitingFor(subject, state.waitsFor), urn: facts.policySource.urn, kind: "undecided" }];
  if (state.state === "invalid") return [];

  const bucketName = known(bucket.name);
  const partition = location.partition ?? "aws";
  const context: Record<string, ContextValue> = {
    "aws:SourceArn": trailArn ?? UNKNOWN,
    "aws:SourceAccount": accountOfArn(trailArn) ?? UNKNOWN,
    "kms:EncryptionContext:aws:s3:arn": bucketName !== undefined ? `arn:${partition}:s3:::${bucketName}` : UNKNOWN,
    "kms:EncryptionContextKeys": ["aws:s3:arn"],
    "kms:ViaService": `s3.${location.region}.amazonaws.com`,
  };
  const request: Request = {
    principal: { kind: "service", service: "cloudtrail.amazonaws.com" },
    action: "kms:GenerateDataKey",
    keyAccount: location.account,
    ...(facts.arn !== undefined ? { resource: facts.arn } : {}),
    context,
  };
  const decision = evaluate(state.policy, request);
  if (decision.verdict === "allowed") return [];
  const head = `${keyLabel(facts)} is the default encryption key of ${resourceLabel(bucket.ref)}, where ${resourceLabel(trail.ref)} writes without a kmsKeyId`;
  if (decision.verdict === "undecidable") {
    return [
      {
        message: waitingFor(
          `whether CloudTrail can write with ${keyLabel(facts)}`,
          `values not known yet (${decision.reason})`,
        ),
        urn: facts.policySource.urn,
        kind: "undecided",
      },
    ];
  }
  const grant =
    trailArn !== undefined
      ? catalogGrant(() => cloudTrailTrailPlan({ key: location, trailArns: [trailArn] }), SIDS.cloudTrailEncrypt)
      : undefined;
  return [
    {
      message:
        `${head}: cloudtrail.amazonaws.com cannot kms:GenerateDataKey through Amazon S3 for it: ${denialCause(decision, request)}. CloudTrail cannot deliver logs.\n` +
        `Set kmsKeyId on ${resourceLabel(trail.ref)} to this key and grant CloudTrail the documented statements.` +
        fixSuffix(facts.policySource, grant),
      urn: facts.policySource.urn,
    },
  ];
}

export const cloudtrailBucketDefaultKey: StackRule = {
  scope: "stack",
  id: "cloudtrail-bucket-default-key",
  description:
    "A trail without kmsKeyId whose bucket defaults to SSE-KMS with a key of the stack: that key must let CloudTrail write through Amazon S3.",
  severity: "high",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "003", section: "Required KMS key policy elements for trails", anchor: "required-kms-key-policy-trails" },
    { seed: "003", section: "Granting decrypt permissions", anchor: "create-kms-key-policy-for-cloudtrail-decrypt" },
  ],
  passing: {
    description:
      "The trail names the key itself (kmsKeyId), or the bucket's default key lets cloudtrail.amazonaws.com generate data keys.",
  },
  failing: {
    description: "A trail without kmsKeyId on a bucket whose default SSE-KMS key has only the default key policy.",
  },
  check: (model) => model.resources.trails.flatMap((t) => checkTrail(model, t)),
};
