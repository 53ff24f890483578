/**
 * Probes of the CloudTrail trail plan: the requests CloudTrail and log readers really send, and
 * the confused deputies the statements must turn away.
 *
 * | probe id                                        | expect | request (per ...)                                                      |
 * |-------------------------------------------------|--------|------------------------------------------------------------------------|
 * | cloudtrail-trail.encrypt                        | allow  | CloudTrail GenerateDataKey for the trail, with its context (per trail) |
 * | cloudtrail-trail.describe-key                   | allow  | CloudTrail DescribeKey for the trail (per trail)                       |
 * | cloudtrail-trail.decrypt.service                | allow  | CloudTrail Decrypt for the trail, S3 Bucket Key context (per trail)    |
 * | cloudtrail-trail.decrypt.reader                 | allow  | a log reader Decrypt through S3, CloudTrail context (per reader)       |
 * | cloudtrail-trail.decrypt.cross-account-reader   | allow  | an identity in a reader account Decrypt, CloudTrail context (per acct) |
 * | cloudtrail-trail.decrypt.read-role              | allow  | a cross-account read role Decrypt, CloudTrail context (per role)       |
 * | cloudtrail-trail.encrypt.other-trail            | deny   | CloudTrail GenerateDataKey for a sibling trail (per trail)             |
 * | cloudtrail-trail.describe-key.other-trail       | deny   | CloudTrail DescribeKey for a sibling trail (per trail)                 |
 * | cloudtrail-trail.decrypt.service.other-trail    | deny   | CloudTrail Decrypt for a sibling trail (per trail)                     |
 * | cloudtrail-trail.encrypt.other-account          | deny   | CloudTrail GenerateDataKey for a trail in an unconfigured account      |
 * | cloudtrail-trail.decrypt.reader-without-context | deny   | a reader outside the key's account Decrypt of non-CloudTrail data      |
 *
 * The sibling trail has the same account and Region, so its encryption context matches the
 * account pattern: only `aws:SourceArn` turns it away (seed 003: "helps ensure that CloudTrail uses
 * the KMS key only for a specific trail or trails").
 */
import {
  accountOf,
  logObjectArn,
  otherAccount,
  otherTrailName,
  outsideKeyAccount,
  partitionOf,
  probeIdentity,
  s3ViaService,
  trailArn,
  trailParts,
  type TrailParts,
} from "./arns";
import { CLOUDTRAIL_CONTEXT_KEY, CLOUDTRAIL_SERVICE_PRINCIPAL, PROBE_NAMES, S3_CONTEXT_KEY, SIDS } from "./constants";
import { isUnknownValue } from "./inputs";
import { iamRequest, serviceRequest, type ContextInput } from "./requests";
import { SOURCES } from "./sources";
import type { KeyLocation, Probe } from "./types";

/** The trail plan's inputs, validated and resolved (principals as written into statements). */
export interface ResolvedTrailParams {
  readonly trailArns: readonly string[];
  readonly contextAccounts: readonly string[];
  readonly logReaders: readonly string[];
  readonly crossAccountReaders: readonly string[];
  readonly readRoles: readonly string[];
  readonly serviceDecrypt: boolean;
}

/**
 * What CloudTrail sends when it encrypts a log file: the trail as `aws:SourceArn` and as the
 * `aws:cloudtrail:arn` encryption context, the trail owner (management account for organization
 * trails) as `aws:SourceAccount`, and the log object as `aws:s3:arn`.
 */
function cloudTrailContext(key: KeyLocation, t: TrailParts): ContextInput {
  return {
    "aws:SourceArn": t.arn,
    "aws:SourceAccount": t.account,
    [`kms:EncryptionContext:${CLOUDTRAIL_CONTEXT_KEY}`]: t.arn,
    [`kms:EncryptionContext:${S3_CONTEXT_KEY}`]: logObjectArn(
      partitionOf(key),
      PROBE_NAMES.bucket,
      t.account,
      t.region,
    ),
    "kms:EncryptionContextKeys": [CLOUDTRAIL_CONTEXT_KEY, S3_CONTEXT_KEY],
  };
}

/** CloudTrail validating an S3 Bucket Key: the context is the bucket, not the trail. */
function bucketKeyContext(key: KeyLocation, t: TrailParts): ContextInput {
  return {
    "aws:SourceArn": t.arn,
    "aws:SourceAccount": t.account,
    [`kms:EncryptionContext:${S3_CONTEXT_KEY}`]: `arn:${partitionOf(key)}:s3:::${PROBE_NAMES.bucket}`,
    "kms:EncryptionContextKeys": [S3_CONTEXT_KEY],
  };
}

/** A reader fetching a log file through Amazon S3: S3 forwards the object's encryption context. */
function readLogContext(key: KeyLocation, t: TrailParts): ContextInput {
  return {
    "kms:ViaService": s3ViaService(key.region),
    [`kms:EncryptionContext:${CLOUDTRAIL_CONTEXT_KEY}`]: t.arn,
    [`kms:EncryptionContext:${S3_CONTEXT_KEY}`]: logObjectArn(
      partitionOf(key),
      PROBE_NAMES.bucket,
      t.account,
      t.region,
    ),
    "kms:EncryptionContextKeys": [CLOUDTRAIL_CONTEXT_KEY, S3_CONTEXT_KEY],
  };
}

/** The same reader fetching any other object with the key: no CloudTrail context. */
function readOtherObjectContext(key: KeyLocation): ContextInput {
  return {
    "kms:ViaService": s3ViaService(key.region),
    [`kms:EncryptionContext:${S3_CONTEXT_KEY}`]: `arn:${partitionOf(key)}:s3:::${PROBE_NAMES.bucket}/not-a-log-file`,
    "kms:EncryptionContextKeys": [S3_CONTEXT_KEY],
  };
}

function serviceProbes(key: KeyLocation, r: ResolvedTrailParams, t: TrailParts): Probe[] {
  const siblings = r.trailArns
    .map((a) => trailParts(a, key))
    .filter((s) => s.account === t.account && s.region === t.region);
  const other = trailParts(
    trailArn({
      ...t,
      name: otherTrailName(
        PROBE_NAMES.otherTrail,
        siblings.map((s) => s.name),
      ),
    }),
    key,
  );
  const cloudtrail = (action: string, context: ContextInput) =>
    serviceRequest(CLOUDTRAIL_SERVICE_PRINCIPAL, action, key, context);
  const base = { subject: t.arn };
  const probes: Probe[] = [
    {
      ...base,
      id: "cloudtrail-trail.encrypt",
      description: `CloudTrail calls kms:GenerateDataKey to encrypt log files of trail ${t.arn}.`,
      request: cloudtrail("kms:GenerateDataKey", cloudTrailContext(key, t)),
      expect: "allow",
      grantSid: SIDS.cloudTrailEncrypt,
      source: SOURCES.cloudTrailEncrypt,
    },
    {
      ...base,
      id: "cloudtrail-trail.describe-key",
      description: `CloudTrail calls kms:DescribeKey for trail ${t.arn}.`,
      request: cloudtrail("kms:DescribeKey", { "aws:SourceArn": t.arn, "aws:SourceAccount": t.account }),
      expect: "allow",
      grantSid: SIDS.cloudTrailDescribe,
      source: SOURCES.cloudTrailDescribe,
    },
    {
      ...base,
      id: "cloudtrail-trail.encrypt.other-trail",
      description: `CloudTrail calls kms:GenerateDataKey for ${other.arn}, a trail the key is not for.`,
      request: cloudtrail("kms:GenerateDataKey", cloudTrailContext(key, other)),
      expect: "deny",
      grantSid: SIDS.cloudTrailEncrypt,
      source: SOURCES.trailElements,
    },
    {
      ...base,
      id: "cloudtrail-trail.describe-key.other-trail",
      description: `CloudTrail calls kms:DescribeKey for ${other.arn}, a trail the key is not for.`,
      request: cloudtrail("kms:DescribeKey", { "aws:SourceArn": other.arn, "aws:SourceAccount": other.account }),
      expect: "deny",
      grantSid: SIDS.cloudTrailDescribe,
      source: SOURCES.cloudTrailDescribe,
    },
  ];
  if (r.serviceDecrypt) {
    probes.push(
      {
        ...base,
        id: "cloudtrail-trail.decrypt.service",
        description: `CloudTrail calls kms:Decrypt for trail ${t.arn} (log bucket with an S3 Bucket Key).`,
        request: cloudtrail("kms:Decrypt", bucketKeyContext(key, t)),
        expect: "allow",
        grantSid: SIDS.cloudTrailServiceDecrypt,
        source: SOURCES.cloudTrailDecrypt,
      },
      {
        ...base,
        id: "cloudtrail-trail.decrypt.service.other-trail",
        description: `CloudTrail calls kms:Decrypt for ${other.arn}, a trail the key is not for.`,
        request: cloudtrail("kms:Decrypt", bucketKeyContext(key, other)),
        expect: "deny",
        grantSid: SIDS.cloudTrailServiceDecrypt,
        source: SOURCES.trailElements,
      },
    );
  }
  return probes;
}

/** One trail in an account no part of the plan names: the cross-account confused deputy. */
function otherAccountProbe(key: KeyLocation, r: ResolvedTrailParams, first: TrailParts): Probe {
  const configured = [
    key.account,
    ...r.contextAccounts,
    ...r.trailArns.map((a) => trailParts(a, key).account),
    ...[...r.logReaders, ...r.crossAccountReaders, ...r.readRoles].map(accountOf),
  ];
  const stranger = trailParts(trailArn({ ...first, account: otherAccount(configured) }), key);
  return {
    id: "cloudtrail-trail.encrypt.other-account",
    description: `CloudTrail calls kms:GenerateDataKey for ${stranger.arn}, a trail in account ${stranger.account} that the key is not for.`,
    request: serviceRequest(CLOUDTRAIL_SERVICE_PRINCIPAL, "kms:GenerateDataKey", key, cloudTrailContext(key, stranger)),
    expect: "deny",
    grantSid: SIDS.cloudTrailEncrypt,
    subject: stranger.account,
    source: SOURCES.cloudTrailEncrypt,
  };
}

interface ReaderKind {
  readonly id: string;
  readonly sid: string;
  readonly what: string;
  readonly source: Probe["source"];
}

function readerProbes(key: KeyLocation, principals: readonly string[], kind: ReaderKind, sample: TrailParts): Probe[] {
  return principals
    .filter((p) => !isUnknownValue(p))
    .flatMap((principal): Probe[] => {
      const who = probeIdentity(partitionOf(key), principal, PROBE_NAMES.reader);
      const allow: Probe = {
        id: kind.id,
        description: `${kind.what} ${who} calls kms:Decrypt through Amazon S3 to read a log file of ${sample.arn}.`,
        request: iamRequest(who, "kms:Decrypt", key, readLogContext(key, sample)),
        expect: "allow",
        grantSid: kind.sid,
        subject: principal,
        source: kind.source,
      };
      if (!outsideKeyAccount(who, key)) return [allow];
      const deny: Probe = {
        id: "cloudtrail-trail.decrypt.reader-without-context",
        description: `${kind.what} ${who} calls kms:Decrypt on data without the CloudTrail encryption context.`,
        request: iamRequest(who, "kms:Decrypt", key, readOtherObjectContext(key)),
        expect: "deny",
        grantSid: kind.sid,
        subject: principal,
        source: SOURCES.cloudTrailDecrypt,
      };
      return [allow, deny];
    });
}

export function trailProbes(key: KeyLocation, r: ResolvedTrailParams): Probe[] {
  const trails = r.trailArns.map((a) => trailParts(a, key));
  // Readers read any of the trails' logs; a known trail gives the probe a concrete context.
  const sample =
    trails.find((t) => t.known) ??
    trailParts(trailArn({ partition: partitionOf(key), region: key.region, account: key.account, name: "trail" }), key);
  return [
    ...trails.flatMap((t) => serviceProbes(key, r, t)),
    otherAccountProbe(key, r, trails[0]),
    ...readerProbes(
      key,
      r.logReaders,
      {
        id: "cloudtrail-trail.decrypt.reader",
        sid: SIDS.cloudTrailLogDecrypt,
        what: "Log reader",
        source: SOURCES.cloudTrailDecryptYourAccount,
      },
      sample,
    ),
    ...readerProbes(
      key,
      r.crossAccountReaders,
      {
        id: "cloudtrail-trail.decrypt.cross-account-reader",
        sid: SIDS.cloudTrailCrossAccountRead,
        what: "An identity of reader account",
        source: SOURCES.cloudTrailDecryptDifferentBucket,
      },
      sample,
    ),
    ...readerProbes(
      key,
      r.readRoles,
      {
        id: "cloudtrail-trail.decrypt.read-role",
        sid: SIDS.cloudTrailCrossAccountRead,
        what: "Read role",
        source: SOURCES.cloudTrailDecryptSameBucket,
      },
      sample,
    ),
  ];
}
