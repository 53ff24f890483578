/**
 * CloudTrail trails (seed 003 "Required KMS key policy elements for trails"): CloudTrail encrypts
 * log files, describes the key and (with an S3 Bucket Key) decrypts; readers decrypt log files.
 *
 * `aws:SourceArn` operator: `StringEquals`, as seed 003 and seed 002 print it, so the rendered
 * statements diff cleanly against the CloudTrail and Control Tower documents. Seed 001 prefers
 * `ArnEquals` "to ensure that every element in the ARN is evaluated independently"; that matters
 * only for values with wildcards, and the catalog refuses wildcard trail ARNs (inputs.ts), so for
 * the literal trail ARNs written here both operators decide every request identically.
 *
 * Organization trails: the trail lives in the management account and every member account's log
 * file carries that trail's ARN as `aws:SourceArn` and as the encryption context (seed 003: "for
 * organization trails, the management account ID"), so pass the management account's trail ARN;
 * the default encryption-context account is then the management account.
 *
 * Probes: see cloudtrail-trail-probes.ts.
 */
import { CLOUDTRAIL_ENCRYPT_ACTIONS, DECRYPT_ACTIONS, DESCRIBE_KEY_ACTIONS } from "./actions";
import { SAME_ACCOUNT_DENY_NOTE } from "./account";
import {
  accountRootArn,
  cloudTrailContextPattern,
  keyResource,
  outsideKeyAccount,
  partitionOf,
  principalArn,
  trailParts,
} from "./arns";
import { trailProbes, type ResolvedTrailParams } from "./cloudtrail-trail-probes";
import { CLOUDTRAIL_CONTEXT_KEY, CLOUDTRAIL_SERVICE_PRINCIPAL, SIDS } from "./constants";
import { CatalogInputError, requireAccountId, requireIamPrincipal, requireTrailArn, unique } from "./inputs";
import type { TrailParams } from "./plans";
import { SOURCES } from "./sources";
import { allowStatement, type ConditionEntry } from "./statement";
import type { Grant, IntegrationPlan } from "./types";
import { readableProbes } from "./descriptions";

/** Seed 003 "Granting decrypt permissions": decrypt only what CloudTrail encrypted. */
export const CLOUDTRAIL_CONTEXT_PRESENT: ConditionEntry = [
  "Null",
  `kms:EncryptionContext:${CLOUDTRAIL_CONTEXT_KEY}`,
  ["false"],
];

function resolve(p: TrailParams): ResolvedTrailParams {
  const key = p.key;
  const partition = partitionOf(key);
  if (p.trailArns.length === 0) {
    throw new CatalogInputError(
      "A CloudTrail trail plan needs at least one trail ARN: aws:SourceArn names the trails.",
    );
  }
  const trailArns = unique(p.trailArns.map(requireTrailArn));
  const contextAccounts = unique(
    (p.encryptionContextAccounts ?? trailArns.map((arn) => trailParts(arn, key).account)).map((a) =>
      requireAccountId(a, "An encryption-context account"),
    ),
  );
  const readRoles = unique(
    (p.crossAccountReadRoles ?? []).map((r) => requireIamPrincipal(r, "Cross-account read role")),
  );
  return {
    trailArns,
    contextAccounts,
    logReaders: unique((p.logReaders ?? []).map((r) => principalArn(partition, requireIamPrincipal(r, "Log reader")))),
    crossAccountReaders: unique(
      (p.crossAccountReaderAccounts ?? []).map((a) =>
        accountRootArn(partition, requireAccountId(a, "A cross-account reader account")),
      ),
    ),
    readRoles,
    serviceDecrypt: p.serviceDecrypt ?? true,
  };
}

function trailGrants(p: TrailParams, r: ResolvedTrailParams): Grant[] {
  const partition = partitionOf(p.key);
  const resource = keyResource(p.key);
  const cloudtrail = { service: [CLOUDTRAIL_SERVICE_PRINCIPAL] };
  // Seed 003: "The value of aws:SourceArn is always the trail ARN (or array of trail ARNs)".
  const sourceArn: ConditionEntry = ["StringEquals", "aws:SourceArn", r.trailArns];
  const grants: Grant[] = [
    {
      statement: allowStatement({
        sid: SIDS.cloudTrailEncrypt,
        principal: cloudtrail,
        actions: CLOUDTRAIL_ENCRYPT_ACTIONS,
        resource,
        conditions: [
          [
            "StringLike",
            `kms:EncryptionContext:${CLOUDTRAIL_CONTEXT_KEY}`,
            unique(r.contextAccounts.map((a) => cloudTrailContextPattern(partition, a))),
          ],
          sourceArn,
        ],
      }),
      purpose:
        "Lets CloudTrail generate data keys to encrypt the named trails' log files, for the named accounts only.",
      source: SOURCES.cloudTrailEncrypt,
    },
    {
      statement: allowStatement({
        sid: SIDS.cloudTrailDescribe,
        principal: cloudtrail,
        actions: DESCRIBE_KEY_ACTIONS,
        resource,
        conditions: [sourceArn],
      }),
      purpose: "Lets CloudTrail describe the key's properties for the named trails.",
      source: SOURCES.cloudTrailDescribe,
    },
  ];
  if (r.serviceDecrypt) {
    // No encryption-context condition here: with an S3 Bucket Key the context is the bucket's ARN,
    // not the trail's (seed 003 "If you are using an existing S3 bucket with an S3 Bucket Key").
    grants.push({
      statement: allowStatement({
        sid: SIDS.cloudTrailServiceDecrypt,
        principal: cloudtrail,
        actions: DECRYPT_ACTIONS,
        resource,
        conditions: [sourceArn],
      }),
      purpose:
        "Lets CloudTrail decrypt for the named trails, which it needs to create or update a trail on a bucket with an S3 Bucket Key.",
      source: SOURCES.cloudTrailDecrypt,
    });
  }
  if (r.logReaders.length > 0) {
    grants.push({
      statement: allowStatement({
        sid: SIDS.cloudTrailLogDecrypt,
        principal: { aws: r.logReaders },
        actions: DECRYPT_ACTIONS,
        resource,
        conditions: [CLOUDTRAIL_CONTEXT_PRESENT],
      }),
      purpose: "Lets the log readers decrypt CloudTrail log files, and only data that CloudTrail encrypted.",
      source: SOURCES.cloudTrailDecrypt,
    });
  }
  const crossAccount = [...r.crossAccountReaders, ...r.readRoles];
  if (crossAccount.length > 0) {
    grants.push({
      statement: allowStatement({
        sid: SIDS.cloudTrailCrossAccountRead,
        principal: { aws: crossAccount },
        actions: DECRYPT_ACTIONS,
        resource,
        conditions: [CLOUDTRAIL_CONTEXT_PRESENT],
      }),
      purpose:
        "Lets other accounts (through their IAM policies) or the read roles they assume decrypt CloudTrail log files only.",
      source: SOURCES.cloudTrailDecryptOtherAccounts,
    });
  }
  return grants;
}

export function cloudTrailTrailPlan(p: TrailParams): IntegrationPlan {
  requireAccountId(p.key.account, "The key's account");
  const resolved = resolve(p);
  const readers = [...resolved.logReaders, ...resolved.readRoles];
  const notes = [
    "The CloudTrail User Guide says when you add these sections to an existing key policy, do not change any existing sections; " +
      "if the key is disabled or the policy is wrong, CloudTrail cannot deliver logs.",
    ...(readers.some((r) => !outsideKeyAccount(r, p.key)) ? [SAME_ACCOUNT_DENY_NOTE] : []),
  ];
  return {
    integration: "cloudtrail-trail",
    grants: trailGrants(p, resolved),
    probes: readableProbes(trailProbes(p.key, resolved)),
    notes,
  };
}
