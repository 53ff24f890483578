/**
 * AWS Control Tower landing zone key (seed 002 "Update the KMS key policy"): the two statements
 * the guide prints, for the management account and home Region in `key`. `Resource` is the key
 * ARN when known, else `"*"` (the same key, in a key policy).
 *
 * The guide's Config statement has no source condition; seed 001 "Using aws:SourceArn or
 * aws:SourceAccount condition keys" strongly recommends one for service principals. With
 * `configSourceAccounts` the catalog adds `AWS:SourceAccount` (and the confused-deputy probe);
 * without it the statement is the guide's own, and a note says what that leaves open.
 *
 * The guide grants CloudTrail no `kms:DescribeKey`, which seed 003 lists for trails: add
 * `cloudTrailTrailPlan` for the baseline trail if CloudTrail needs it.
 *
 * `parts` picks the statements (and their probes): a landing zone 3.x key serves both; from 4.0 the
 * manifest names a key per integration ("Step 2: Launch your landing zone using the AWS Control
 * Tower APIs"), and each key carries its own part only (`control-tower-manifest.ts`).
 *
 * | probe id                                       | expect | request                                                             |
 * |------------------------------------------------|--------|---------------------------------------------------------------------|
 * | control-tower.config-encrypt                   | allow  | Config GenerateDataKey for each source account (home Region)        |
 * | control-tower.config-decrypt                   | allow  | Config Decrypt for each source account                              |
 * | control-tower.config-encrypt.other-account     | deny   | Config for an unconfigured account (only with configSourceAccounts) |
 * | control-tower.cloudtrail-encrypt               | allow  | CloudTrail GenerateDataKey for aws-controltower-BaselineCloudTrail  |
 * | control-tower.cloudtrail-decrypt               | allow  | CloudTrail Decrypt of a baseline trail log file                     |
 * | control-tower.cloudtrail-encrypt.other-trail   | deny   | CloudTrail for another trail of the management account              |
 * | control-tower.cloudtrail-encrypt.other-account | deny   | CloudTrail for the same trail name in an unrelated account          |
 */
import { CONFIG_DELIVERY_ACTIONS, CONTROL_TOWER_CLOUDTRAIL_ACTIONS } from "./actions";
import { cloudTrailContextPattern, keyResource, logObjectArn, otherAccount, partitionOf, trailArn } from "./arns";
import { configServiceContext } from "./config";
import {
  CLOUDTRAIL_CONTEXT_KEY,
  CLOUDTRAIL_SERVICE_PRINCIPAL,
  CONFIG_SERVICE_PRINCIPAL,
  CONTROL_TOWER_TRAIL_NAME,
  PROBE_NAMES,
  S3_CONTEXT_KEY,
  SIDS,
} from "./constants";
import { requireAccountId, unique } from "./inputs";
import type { ControlTowerParams } from "./plans";
import { serviceRequest, type ContextInput } from "./requests";
import { SOURCES } from "./sources";
import { allowStatement } from "./statement";
import type { Grant, IntegrationPlan, KeyLocation, Probe } from "./types";
import { readableProbes } from "./descriptions";

const SOURCE = SOURCES.controlTowerPolicy;

/** Seed 002: `arn:aws:cloudtrail:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:trail/aws-controltower-BaselineCloudTrail`. */
export function baselineTrailArn(key: KeyLocation): string {
  return trailArn({
    partition: partitionOf(key),
    region: key.region,
    account: key.account,
    name: CONTROL_TOWER_TRAIL_NAME,
  });
}

function trailContext(key: KeyLocation, trail: string, account: string): ContextInput {
  return {
    "aws:SourceArn": trail,
    "aws:SourceAccount": account,
    [`kms:EncryptionContext:${CLOUDTRAIL_CONTEXT_KEY}`]: trail,
    [`kms:EncryptionContext:${S3_CONTEXT_KEY}`]: logObjectArn(
      partitionOf(key),
      PROBE_NAMES.bucket,
      account,
      key.region,
    ),
    "kms:EncryptionContextKeys": [CLOUDTRAIL_CONTEXT_KEY, S3_CONTEXT_KEY],
  };
}

/** The two statements of the Control Tower guide, one per service: Config's and CloudTrail's. */
export type ControlTowerPart = "config" | "cloudtrail";

/** Both parts, in the guide's order: what one shared key carries. */
export const CONTROL_TOWER_PARTS: readonly ControlTowerPart[] = ["config", "cloudtrail"];

function configGrant(key: KeyLocation, configAccounts: readonly string[] | undefined): Grant {
  return {
    statement: allowStatement({
      sid: SIDS.controlTowerConfig,
      principal: { service: [CONFIG_SERVICE_PRINCIPAL] },
      actions: CONFIG_DELIVERY_ACTIONS,
      resource: keyResource(key),
      conditions: [["StringEquals", "AWS:SourceAccount", configAccounts ?? []]],
    }),
    purpose: "Lets AWS Config encrypt and decrypt the landing zone's configuration items.",
    source: SOURCE,
  };
}

function cloudTrailGrant(key: KeyLocation): Grant {
  return {
    statement: allowStatement({
      sid: SIDS.controlTowerCloudTrail,
      principal: { service: [CLOUDTRAIL_SERVICE_PRINCIPAL] },
      actions: CONTROL_TOWER_CLOUDTRAIL_ACTIONS,
      resource: keyResource(key),
      conditions: [
        ["StringEquals", "aws:SourceArn", [baselineTrailArn(key)]],
        [
          "StringLike",
          `kms:EncryptionContext:${CLOUDTRAIL_CONTEXT_KEY}`,
          [cloudTrailContextPattern(partitionOf(key), key.account)],
        ],
      ],
    }),
    purpose: "Lets CloudTrail encrypt and decrypt the log files of the landing zone's baseline trail only.",
    source: SOURCE,
  };
}

function configProbes(key: KeyLocation, configAccounts: readonly string[] | undefined): Probe[] {
  const config = (action: string, account: string) =>
    serviceRequest(CONFIG_SERVICE_PRINCIPAL, action, key, configServiceContext(key, account, key.region));
  const probes: Probe[] = (configAccounts ?? [key.account]).flatMap((account) =>
    (["kms:GenerateDataKey", "kms:Decrypt"] as const).map((action): Probe => ({
      id: action === "kms:Decrypt" ? "control-tower.config-decrypt" : "control-tower.config-encrypt",
      description: `AWS Config calls ${action} to deliver configuration items for account ${account} in ${key.region}.`,
      request: config(action, account),
      expect: "allow",
      grantSid: SIDS.controlTowerConfig,
      subject: account,
      source: SOURCE,
    })),
  );
  if (configAccounts !== undefined) {
    const stranger = otherAccount([key.account, ...configAccounts]);
    probes.push({
      id: "control-tower.config-encrypt.other-account",
      description: `AWS Config calls kms:GenerateDataKey on behalf of unconfigured account ${stranger}.`,
      request: config("kms:GenerateDataKey", stranger),
      expect: "deny",
      grantSid: SIDS.controlTowerConfig,
      subject: stranger,
      source: SOURCES.sourceArn,
    });
  }
  return probes;
}

function cloudTrailProbes(key: KeyLocation): Probe[] {
  const trail = baselineTrailArn(key);
  const sibling = trailArn({
    partition: partitionOf(key),
    region: key.region,
    account: key.account,
    name: PROBE_NAMES.otherTrail,
  });
  const strangerAccount = otherAccount([key.account]);
  const stranger = trailArn({
    partition: partitionOf(key),
    region: key.region,
    account: strangerAccount,
    name: CONTROL_TOWER_TRAIL_NAME,
  });
  const cloudtrail = (action: string, arn: string, account: string) =>
    serviceRequest(CLOUDTRAIL_SERVICE_PRINCIPAL, action, key, trailContext(key, arn, account));
  const probe = (
    id: string,
    action: string,
    arn: string,
    account: string,
    expect: "allow" | "deny",
    what: string,
  ): Probe => ({
    id,
    description: `CloudTrail calls ${action} ${what} ${arn}.`,
    request: cloudtrail(action, arn, account),
    expect,
    grantSid: SIDS.controlTowerCloudTrail,
    subject: arn,
    source: SOURCE,
  });
  return [
    probe(
      "control-tower.cloudtrail-encrypt",
      "kms:GenerateDataKey",
      trail,
      key.account,
      "allow",
      "to encrypt log files of",
    ),
    probe("control-tower.cloudtrail-decrypt", "kms:Decrypt", trail, key.account, "allow", "to decrypt a log file of"),
    probe("control-tower.cloudtrail-encrypt.other-trail", "kms:GenerateDataKey", sibling, key.account, "deny", "for"),
    probe(
      "control-tower.cloudtrail-encrypt.other-account",
      "kms:GenerateDataKey",
      stranger,
      strangerAccount,
      "deny",
      "for",
    ),
  ];
}

export function controlTowerPlan(p: ControlTowerParams): IntegrationPlan {
  const key = p.key;
  requireAccountId(key.account, "The management account");
  const parts = p.parts ?? CONTROL_TOWER_PARTS;
  if (parts.length === 0) throw new Error("controlTowerPlan: parts is empty; give config, cloudtrail or both.");
  const config = parts.includes("config");
  const cloudtrail = parts.includes("cloudtrail");
  const configAccounts =
    p.configSourceAccounts === undefined || p.configSourceAccounts.length === 0
      ? undefined
      : unique(p.configSourceAccounts.map((a) => requireAccountId(a, "A Config source account")));
  const notes =
    config && configAccounts === undefined
      ? [
          "The Config statement is the Control Tower guide's, without a source condition: AWS Config may use the key " +
            "on behalf of any account (the AWS KMS Developer Guide recommends aws:SourceAccount). Pass configSourceAccounts to pin it.",
        ]
      : [];
  return {
    integration: "control-tower",
    grants: [...(config ? [configGrant(key, configAccounts)] : []), ...(cloudtrail ? [cloudTrailGrant(key)] : [])],
    probes: readableProbes([
      ...(config ? configProbes(key, configAccounts) : []),
      ...(cloudtrail ? cloudTrailProbes(key) : []),
    ]),
    notes,
  };
}
