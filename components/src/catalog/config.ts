/**
 * AWS Config delivering configuration items to an S3 bucket encrypted with the key (seed 000).
 * With an IAM role, the key policy names the accounts (their IAM policies decide which roles);
 * when that fails, or with the service-linked role, Config uses the service principal, pinned with
 * `AWS:SourceAccount` and, when the delivery channels' Regions are known, `AWS:SourceArn`.
 *
 * | probe id                                                   | expect | request                                                                   |
 * |------------------------------------------------------------|--------|---------------------------------------------------------------------------|
 * | config-iam-role.generate-data-key                          | allow  | a role in each account, GenerateDataKey through S3                        |
 * | config-iam-role.decrypt                                    | allow  | a role in each account, Decrypt through S3                                |
 * | config-iam-role.generate-data-key.other-account            | deny   | a role in an unconfigured account                                         |
 * | config-service-linked-role.generate-data-key               | allow  | Config for each account and Region                                        |
 * | config-service-linked-role.decrypt                         | allow  | Config for each account and Region                                        |
 * | config-service-linked-role.generate-data-key.other-account | deny   | Config for an unconfigured account                                        |
 * | config-service-linked-role.generate-data-key.other-region  | deny   | Config for a configured account, another Region (only with sourceRegions) |
 */
import { CONFIG_DELIVERY_ACTIONS } from "./actions";
import {
  accountRootArn,
  configSourceArn,
  identityArn,
  keyResource,
  otherAccount,
  partitionOf,
  s3ViaService,
} from "./arns";
import { CONFIG_SERVICE_PRINCIPAL, PROBE_NAMES, S3_CONTEXT_KEY, SIDS } from "./constants";
import { isUnknownValue, requireAccountId, unique } from "./inputs";
import type { ConfigIamRoleParams, ConfigServiceLinkedRoleParams } from "./plans";
import { iamRequest, serviceRequest, type ContextInput } from "./requests";
import { SOURCES } from "./sources";
import { allowStatement } from "./statement";
import type { IntegrationPlan, KeyLocation, Probe } from "./types";
import { readableProbes } from "./descriptions";

/** The S3 object Config writes (`AWSLogs/ACCOUNT/Config/...`), as S3's encryption context. */
function configObjectContext(key: KeyLocation, account: string): ContextInput {
  return {
    [`kms:EncryptionContext:${S3_CONTEXT_KEY}`]: `arn:${partitionOf(key)}:s3:::${PROBE_NAMES.bucket}/AWSLogs/${account}/Config/`,
    "kms:EncryptionContextKeys": [S3_CONTEXT_KEY],
  };
}

/**
 * What the Config service principal sends (seed 000): `AWS:SourceAccount` is the delivering
 * account, and `AWS:SourceArn` "will always be set to arn:aws:config:sourceRegion:sourceAccountID:*",
 * taken literally.
 */
export function configServiceContext(key: KeyLocation, account: string, region: string): ContextInput {
  return {
    "aws:SourceAccount": account,
    "aws:SourceArn": configSourceArn(partitionOf(key), region, account),
    ...configObjectContext(key, account),
  };
}

/** Regions for the other-Region probe: the first one not configured. */
const OTHER_REGION_CANDIDATES = ["us-east-1", "eu-west-1", "ap-southeast-2", "sa-east-1"] as const;

export function configIamRolePlan(p: ConfigIamRoleParams): IntegrationPlan {
  const key = p.key;
  const partition = partitionOf(key);
  const accounts = unique((p.accounts ?? [key.account]).map((a) => requireAccountId(a, "A Config account")));
  const sid = SIDS.configDelivery;
  const source = SOURCES.configIamRole;
  const role = (account: string) => identityArn(partition, account, PROBE_NAMES.configRole);
  // Config's role writes through Amazon S3, which calls KMS on its behalf.
  const viaS3 = (account: string): ContextInput => ({
    "kms:ViaService": s3ViaService(key.region),
    ...configObjectContext(key, account),
  });
  const probes: Probe[] = accounts
    .filter((a) => !isUnknownValue(a))
    .flatMap((account) =>
      (["kms:GenerateDataKey", "kms:Decrypt"] as const).map((action): Probe => ({
        id: `config-iam-role.${action === "kms:Decrypt" ? "decrypt" : "generate-data-key"}`,
        description: `AWS Config's IAM role in account ${account} calls ${action} through Amazon S3 to deliver configuration items.`,
        request: iamRequest(role(account), action, key, viaS3(account)),
        expect: "allow",
        grantSid: sid,
        subject: account,
        source,
      })),
    );
  const stranger = otherAccount([key.account, ...accounts]);
  probes.push({
    id: "config-iam-role.generate-data-key.other-account",
    description: `A Config role in unconfigured account ${stranger} calls kms:GenerateDataKey through Amazon S3.`,
    request: iamRequest(role(stranger), "kms:GenerateDataKey", key, viaS3(stranger)),
    expect: "deny",
    grantSid: sid,
    subject: stranger,
    source: SOURCES.crossAccount,
  });
  return {
    integration: "config-iam-role",
    grants: [
      {
        statement: allowStatement({
          sid,
          principal: { aws: accounts.map((a) => accountRootArn(partition, a)) },
          actions: CONFIG_DELIVERY_ACTIONS,
          resource: keyResource(key),
        }),
        purpose:
          "Lets the named accounts' AWS Config IAM roles (through their IAM policies) encrypt and decrypt configuration items in S3.",
        source,
      },
    ],
    probes: readableProbes(probes),
    notes: [
      "The AWS Config Developer Guide says when the IAM role cannot deliver, AWS Config retries as the service principal; add the " +
        "service-linked-role plan too so that retry succeeds.",
    ],
  };
}

export function configServiceLinkedRolePlan(p: ConfigServiceLinkedRoleParams): IntegrationPlan {
  const key = p.key;
  const partition = partitionOf(key);
  const accounts = unique(
    (p.sourceAccounts ?? [key.account]).map((a) => requireAccountId(a, "A Config source account")),
  );
  const regions = p.sourceRegions === undefined || p.sourceRegions.length === 0 ? undefined : unique(p.sourceRegions);
  const sid = SIDS.configDelivery;
  const source = SOURCES.configServiceLinkedRole;
  const config = (action: string, account: string, region: string) =>
    serviceRequest(CONFIG_SERVICE_PRINCIPAL, action, key, configServiceContext(key, account, region));
  const probes: Probe[] = accounts.flatMap((account) =>
    (regions ?? [key.region]).flatMap((region) =>
      (["kms:GenerateDataKey", "kms:Decrypt"] as const).map((action): Probe => ({
        id: `config-service-linked-role.${action === "kms:Decrypt" ? "decrypt" : "generate-data-key"}`,
        description: `AWS Config calls ${action} to deliver configuration items for account ${account} in ${region}.`,
        request: config(action, account, region),
        expect: "allow",
        grantSid: sid,
        subject: `${account}/${region}`,
        source,
      })),
    ),
  );
  const stranger = otherAccount([key.account, ...accounts]);
  probes.push({
    id: "config-service-linked-role.generate-data-key.other-account",
    description: `AWS Config calls kms:GenerateDataKey on behalf of unconfigured account ${stranger}.`,
    request: config("kms:GenerateDataKey", stranger, (regions ?? [key.region])[0]),
    expect: "deny",
    grantSid: sid,
    subject: stranger,
    source,
  });
  if (regions !== undefined) {
    const region = OTHER_REGION_CANDIDATES.find((r) => !regions.includes(r)) ?? "us-west-1";
    probes.push({
      id: "config-service-linked-role.generate-data-key.other-region",
      description: `AWS Config calls kms:GenerateDataKey for a delivery channel of account ${accounts[0]} in ${region}, a Region not configured.`,
      request: config("kms:GenerateDataKey", accounts[0], region),
      expect: "deny",
      grantSid: sid,
      subject: `${accounts[0]}/${region}`,
      source,
    });
  }
  const sourceArns =
    regions === undefined ? [] : unique(regions.flatMap((r) => accounts.map((a) => configSourceArn(partition, r, a))));
  return {
    integration: "config-service-linked-role",
    grants: [
      {
        statement: allowStatement({
          sid,
          principal: { service: [CONFIG_SERVICE_PRINCIPAL] },
          actions: CONFIG_DELIVERY_ACTIONS,
          resource: keyResource(key),
          conditions: [
            ["StringEquals", "AWS:SourceAccount", accounts],
            ["ArnLike", "AWS:SourceArn", sourceArns],
          ],
        }),
        purpose:
          "Lets AWS Config encrypt and decrypt configuration items in S3, only on behalf of the named accounts (and Regions).",
        source,
      },
    ],
    probes: readableProbes(probes),
    notes: [],
  };
}
