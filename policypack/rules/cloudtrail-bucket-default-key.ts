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
  type Decision,
  type KeyPolicy,
  type Request,
} from "pulumi-kms-guardrails/engine";
import { candidatesNote, dependsOnAccount, locateKey, type AccountHints } from "../analysis/account";
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

/** The key in one account it may be in, with its policy there. */
interface PlacedKey {
  readonly location: KeyLocation;
  readonly policy: KeyPolicy;
}

/**
 * Where the key is and its policy: one placement, or one per candidate account (analysis/account.ts)
 * with the sentence decided findings add; or the findings that say why the rule cannot tell yet.
 */
type KeyState =
  | { readonly placed: readonly PlacedKey[]; readonly candidates?: readonly string[]; readonly note?: string }
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
  const { account, locations } = locateKey(model, facts, fallback, hints, declared?.policy, unknowns);
  const placed: PlacedKey[] = [];
  for (const location of locations) {
    // AWS's default policy (none declared) is written for the account, once it is resolved.
    const state = declared ?? policyState(facts, location);
    if (state.state !== "parsed") return { findings: [] };
    placed.push({ location, policy: state.policy });
  }
  const note = account.assumption ?? candidatesNote(account);
  return {
    placed,
    ...(account.candidates !== undefined ? { candidates: account.candidates } : {}),
    ...(note !== undefined ? { note } : {}),
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
  const writes = key.placed.map((placed) => writeRequest(facts, trail, bucket, placed, unknowns));
  const subjectOfWait = `whether CloudTrail can write with ${keyLabel(facts)}`;
  // Requests built once per candidate account name the same unknown values.
  const what = unknowns.length > 0 ? [...new Set(unknowns)].join(", ") : "values not known yet";
  const verdicts = writes.map((w) => writeOutcome(w.decision));
  const [first] = writes;
  if (key.candidates !== undefined && verdicts.some((v) => v !== verdicts[0])) {
    return [
      {
        message: waitingFor(subjectOfWait, what, dependsOnAccount(key.candidates, verdicts)),
        urn: facts.policySource.urn,
        kind: "undecided",
      },
    ];
  }
  if (verdicts[0] === true) return [];
  if (verdicts[0] === "unknown") {
    return [
      {
        message: waitingFor(subjectOfWait, what, first.decision.reason),
        urn: facts.policySource.urn,
        kind: "undecided",
      },
    ];
  }
  const head = `${keyLabel(facts)} is the default encryption key of ${resourceLabel(bucket.ref)}, where ${resourceLabel(trail.ref)} writes without a kmsKeyId`;
  const grant = catalogGrant(
    () => cloudTrailTrailPlan({ key: first.location, trailArns: [first.trailArn] }),
    SIDS.cloudTrailEncrypt,
  );
  return [
    {
      message:
        `${head}: cloudtrail.amazonaws.com cannot kms:GenerateDataKey through Amazon S3 for it: ${denialCause(first.decision, first.request)}. CloudTrail cannot deliver logs.\n` +
        `Set kmsKeyId on ${resourceLabel(trail.ref)} to this key and grant CloudTrail the documented statements.` +
        (key.note !== undefined ? `\n${key.note}` : "") +
        fixSuffix(facts.policySource, grant),
      urn: facts.policySource.urn,
    },
  ];
}

/** Whether the write is allowed (`true`), refused (`false`) or cannot be told yet. */
const writeOutcome = (decision: Decision): boolean | "unknown" =>
  decision.verdict === "allowed" ? true : decision.verdict === "undecidable" ? "unknown" : false;

/** Amazon S3's request for a data key on CloudTrail's behalf, with the key placed in one account, and its verdict. */
function writeRequest(
  facts: KeyFacts,
  trail: TrailModel,
  bucket: BucketModel,
  { location, policy }: PlacedKey,
  unknowns: string[],
): {
  readonly location: KeyLocation;
  readonly trailArn: string;
  readonly request: Request;
  readonly decision: Decision;
} {
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
  return { location, trailArn, request, decision: evaluate(policy, request) };
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
