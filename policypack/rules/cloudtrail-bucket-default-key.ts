/**
 * cloudtrail-bucket-default-key. A trail with no kmsKeyId still writes through SSE-KMS when its
 * bucket's default encryption names a key: Amazon S3 then asks KMS for a data key on CloudTrail's
 * behalf, and "If ... the KMS key policy is not correctly configured for CloudTrail, CloudTrail
 * cannot deliver logs" (seed 003, "Required KMS key policy elements for trails"; with an S3 Bucket
 * Key, kms:Decrypt too). The request carries the bucket as encryption context, not the trail.
 *
 * The fix the documents support is to name the key on the trail and grant CloudTrail the
 * documented statements; the message says so, with the catalog's statement for the trail.
 *
 * In the first preview of a new stack the key's account is resolved as the integration rules do
 * (analysis/account.ts); what is still not known is evaluated as unknown, so a verdict that holds
 * whatever it turns out to be is reported at the rule's level.
 */
import { cloudTrailTrailPlan, SIDS, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import {
  evaluate,
  PULUMI_UNKNOWN_SENTINEL,
  UNKNOWN,
  type ContextValue,
  type KeyPolicy,
  type Request,
} from "pulumi-kms-guardrails/engine";
import { locateKey, type AccountHints } from "../analysis/account";
import { trailArnOf } from "../analysis/integrations";
import { keyFacts, keyLabel, policyState, type KeyFacts } from "../analysis/keys";
import { denialCause } from "../analysis/probes";
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { notCheckable, resourceLabel, waitingFor } from "../messages";
import { accountOfArn, regionOfArn } from "../model/arns";
import type { StackModel } from "../model/stack";
import type { BucketModel, TrailModel } from "../model/types";
import { isUnknown, known } from "../model/values";
import { catalogGrant, fixSuffix } from "./stack-helpers";
import type { StackRule, Violation } from "./types";

const KMS_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse"]);

/** A context value: `UNKNOWN` when any part of it is not known yet. */
const contextValue = (value: string | undefined): ContextValue =>
  value === undefined || value.includes(PULUMI_UNKNOWN_SENTINEL) ? UNKNOWN : value;

/** Where the key is and its policy; or the finding that says why the rule cannot tell yet. */
type KeyState =
  | { readonly location: KeyLocation; readonly policy: KeyPolicy; readonly assumption?: string }
  | { readonly findings: Violation[] };

function keyState(
  model: StackModel,
  facts: KeyFacts,
  trail: TrailModel,
  hints: AccountHints,
  subject: string,
  unknowns: string[],
): KeyState {
  const waiting = (what: string): KeyState => ({
    findings: [{ message: waitingFor(subject, what), urn: facts.policySource.urn, kind: "undecided" }],
  });
  // A declared policy is read first: its IAM-enabling statement may name the account.
  const declared = facts.document.kind === "absent" ? undefined : policyState(facts, undefined);
  if (declared?.state === "unknown") return waiting(declared.waitsFor);
  if (declared?.state === "invalid") return { findings: [] };
  const trailArn = known(trail.arn);
  const fallback = {
    account: accountOfArn(trailArn),
    region: regionOfArn(trailArn) ?? known(trail.region),
    from: `the ARN of ${resourceLabel(trail.ref)}`,
  };
  const { location, account } = locateKey(model, facts, fallback, hints, declared?.policy, unknowns);
  // AWS's default policy (none declared) is written for the account, once it is resolved.
  const state = declared ?? policyState(facts, location);
  if (state.state !== "parsed") return { findings: [] };
  return {
    location,
    policy: state.policy,
    ...(account.assumption !== undefined ? { assumption: account.assumption } : {}),
  };
}

function checkTrail(model: StackModel, trail: TrailModel, hints: AccountHints): Violation[] {
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
  const unknowns: string[] = [];
  const key = keyState(model, facts, trail, hints, subject, unknowns);
  if ("findings" in key) return key.findings;
  return writeVerdict(facts, trail, bucket, key, unknowns);
}

/** Whether cloudtrail.amazonaws.com can write through Amazon S3 with the key: Amazon S3's request for it. */
function writeVerdict(
  facts: KeyFacts,
  trail: TrailModel,
  bucket: BucketModel,
  key: Extract<KeyState, { location: KeyLocation }>,
  unknowns: string[],
): Violation[] {
  const { location, policy } = key;
  const trailArn = trailArnOf(trail, location, unknowns);
  const bucketName = known(bucket.name);
  if (bucketName === undefined) unknowns.push(`the name of ${resourceLabel(bucket.ref)}`);
  const partition = location.partition ?? "aws";
  const context: Record<string, ContextValue> = {
    "aws:SourceArn": contextValue(trailArn),
    "aws:SourceAccount": contextValue(accountOfArn(trailArn) ?? location.account),
    "kms:EncryptionContext:aws:s3:arn": contextValue(
      bucketName !== undefined ? `arn:${partition}:s3:::${bucketName}` : undefined,
    ),
    "kms:EncryptionContextKeys": ["aws:s3:arn"],
    "kms:ViaService": contextValue(`s3.${location.region}.amazonaws.com`),
  };
  const request: Request = {
    principal: { kind: "service", service: "cloudtrail.amazonaws.com" },
    action: "kms:GenerateDataKey",
    keyAccount: location.account,
    keyRegion: location.region,
    ...(facts.arn !== undefined ? { resource: facts.arn } : {}),
    context,
  };
  const decision = evaluate(policy, request);
  if (decision.verdict === "allowed") return [];
  const assumption = key.assumption !== undefined ? `\n${key.assumption}` : "";
  if (decision.verdict === "undecidable") {
    const what = unknowns.length > 0 ? unknowns.join(", ") : "values not known yet";
    return [
      {
        message: waitingFor(`whether CloudTrail can write with ${keyLabel(facts)}`, `${what} (${decision.reason})`),
        urn: facts.policySource.urn,
        kind: "undecided",
      },
    ];
  }
  const head = `${keyLabel(facts)} is the default encryption key of ${resourceLabel(bucket.ref)}, where ${resourceLabel(trail.ref)} writes without a kmsKeyId`;
  const grant = catalogGrant(
    () => cloudTrailTrailPlan({ key: location, trailArns: [trailArn] }),
    SIDS.cloudTrailEncrypt,
  );
  return [
    {
      message:
        `${head}: cloudtrail.amazonaws.com cannot kms:GenerateDataKey through Amazon S3 for it: ${denialCause(decision, request)}. CloudTrail cannot deliver logs.\n` +
        `Set kmsKeyId on ${resourceLabel(trail.ref)} to this key and grant CloudTrail the documented statements.` +
        assumption +
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
  configSchema: ACCOUNT_IDS_SCHEMA,
  check: (model, options) => model.resources.trails.flatMap((t) => checkTrail(model, t, options)),
};
