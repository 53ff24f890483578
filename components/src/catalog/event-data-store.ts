/**
 * CloudTrail Lake event data stores (seed 003 "Required KMS key policy elements for event data
 * stores"): CloudTrail encrypts, decrypts and describes the key; users who create, update and query
 * the store encrypt and decrypt.
 *
 * Seed 003: "The aws:SourceArn and aws:SourceAccount condition keys are not supported in KMS key
 * policies for event data stores." The statements carry no source condition and the probes carry
 * neither key, so a policy that adds one fails the probes.
 *
 * | probe id                                            | expect | request                                    |
 * |-----------------------------------------------------|--------|--------------------------------------------|
 * | cloudtrail-event-data-store.encrypt                 | allow  | CloudTrail GenerateDataKey, no source keys |
 * | cloudtrail-event-data-store.decrypt                 | allow  | CloudTrail Decrypt, no source keys         |
 * | cloudtrail-event-data-store.describe-key            | allow  | CloudTrail DescribeKey, no source keys     |
 * | cloudtrail-event-data-store.query.generate-data-key | allow  | each query principal GenerateDataKey       |
 * | cloudtrail-event-data-store.query.decrypt           | allow  | each query principal Decrypt               |
 *
 * No deny probe: nothing in CloudTrail's request tells this store from another account's store.
 * The requests carry no encryption context because seed 003 documents none for event data stores.
 */
import {
  DESCRIBE_KEY_ACTIONS,
  EVENT_DATA_STORE_ENCRYPT_ACTIONS,
  EVENT_DATA_STORE_USER_ACTIONS,
  DECRYPT_ACTIONS,
} from "./actions";
import { keyResource, outsideKeyAccount, partitionOf, principalArn, probeIdentity } from "./arns";
import { CLOUDTRAIL_SERVICE_PRINCIPAL, PROBE_NAMES, SIDS } from "./constants";
import { CatalogInputError, isUnknownValue, requireAccountId, requireIamPrincipal, unique } from "./inputs";
import type { EventDataStoreParams } from "./plans";
import { iamRequest, serviceRequest } from "./requests";
import { SOURCES } from "./sources";
import { allowStatement } from "./statement";
import type { Grant, IntegrationPlan, Probe } from "./types";
import { readableProbes } from "./descriptions";

export const EVENT_DATA_STORE_NOTES = [
  "No confused-deputy probe is possible: the CloudTrail User Guide says aws:SourceArn and aws:SourceAccount are not supported " +
    "in key policies for event data stores, so nothing in CloudTrail's request distinguishes this account's store " +
    "from another account's. Use the key for event data stores of this account only.",
  "Sharing this key with a trail voids the trail's confused-deputy protection: the unconditioned CloudTrail " +
    "statements here also allow CloudTrail to encrypt and decrypt for any trail. Use separate keys.",
  "The CloudTrail User Guide says users in other accounts cannot be allowed to decrypt event data store logs; query principals must be " +
    "in the key's account.",
] as const;

function queryPrincipals(p: EventDataStoreParams): string[] {
  const partition = partitionOf(p.key);
  return unique(
    (p.queryPrincipals ?? []).map((q) => {
      const principal = principalArn(partition, requireIamPrincipal(q, "Event data store query principal"));
      // Seed 003 "Allow users in other accounts to decrypt trail logs": "... but not event data store logs".
      if (outsideKeyAccount(principal, p.key)) {
        throw new CatalogInputError(
          `Query principal ${principal} is not in the key's account ${p.key.account}; the CloudTrail User Guide does not allow users in other accounts to decrypt event data store logs. Run queries from the key's account.`,
        );
      }
      return principal;
    }),
  );
}

function grants(p: EventDataStoreParams, principals: readonly string[]): Grant[] {
  const resource = keyResource(p.key);
  const cloudtrail = { service: [CLOUDTRAIL_SERVICE_PRINCIPAL] };
  const result: Grant[] = [
    {
      statement: allowStatement({
        sid: SIDS.eventDataStoreEncrypt,
        principal: cloudtrail,
        actions: EVENT_DATA_STORE_ENCRYPT_ACTIONS,
        resource,
      }),
      purpose: "Lets CloudTrail generate data keys to encrypt event data store data.",
      source: SOURCES.cloudTrailEncrypt,
    },
    {
      statement: allowStatement({
        sid: SIDS.eventDataStoreDecrypt,
        principal: cloudtrail,
        actions: DECRYPT_ACTIONS,
        resource,
      }),
      purpose: "Lets CloudTrail decrypt event data store data.",
      source: SOURCES.cloudTrailDecrypt,
    },
    {
      // Seed 003 lists "Enable CloudTrail to describe KMS key properties" for event data stores
      // too; its aws:SourceArn best practice cannot apply here (unsupported), so no condition.
      statement: allowStatement({
        sid: SIDS.cloudTrailDescribe,
        principal: cloudtrail,
        actions: DESCRIBE_KEY_ACTIONS,
        resource,
      }),
      purpose: "Lets CloudTrail describe the key's properties for event data stores.",
      source: SOURCES.cloudTrailDescribe,
    },
  ];
  if (principals.length > 0) {
    result.push({
      statement: allowStatement({
        sid: SIDS.eventDataStoreUsers,
        principal: { aws: principals },
        actions: EVENT_DATA_STORE_USER_ACTIONS,
        resource,
      }),
      purpose: "Lets the named users and roles create, update and query encrypted event data stores.",
      source: SOURCES.cloudTrailDecrypt,
    });
  }
  return result;
}

function probes(p: EventDataStoreParams, principals: readonly string[]): Probe[] {
  const key = p.key;
  const service = (id: string, action: string, sid: string, source: Probe["source"], what: string): Probe => ({
    id: `cloudtrail-event-data-store.${id}`,
    description: `CloudTrail calls ${action} to ${what} an event data store (no aws:SourceArn or aws:SourceAccount).`,
    request: serviceRequest(CLOUDTRAIL_SERVICE_PRINCIPAL, action, key, {}),
    expect: "allow",
    grantSid: sid,
    source,
  });
  const query = principals
    .filter((q) => !isUnknownValue(q))
    .flatMap((q): Probe[] => {
      const who = probeIdentity(partitionOf(key), q, PROBE_NAMES.accountUser);
      return (["kms:GenerateDataKey", "kms:Decrypt"] as const).map((action) => ({
        id: `cloudtrail-event-data-store.query.${action === "kms:Decrypt" ? "decrypt" : "generate-data-key"}`,
        description: `${who} calls ${action} to create, update or query an encrypted event data store.`,
        request: iamRequest(who, action, key),
        expect: "allow",
        grantSid: SIDS.eventDataStoreUsers,
        subject: q,
        source: SOURCES.eventDataStoreElements,
      }));
    });
  return [
    service("encrypt", "kms:GenerateDataKey", SIDS.eventDataStoreEncrypt, SOURCES.cloudTrailEncrypt, "encrypt"),
    service("decrypt", "kms:Decrypt", SIDS.eventDataStoreDecrypt, SOURCES.cloudTrailDecrypt, "decrypt"),
    service(
      "describe-key",
      "kms:DescribeKey",
      SIDS.cloudTrailDescribe,
      SOURCES.cloudTrailDescribe,
      "describe the key of",
    ),
    ...query,
  ];
}

export function eventDataStorePlan(p: EventDataStoreParams): IntegrationPlan {
  requireAccountId(p.key.account, "The key's account");
  const principals = queryPrincipals(p);
  return {
    integration: "cloudtrail-event-data-store",
    grants: grants(p, principals),
    probes: readableProbes(probes(p, principals)),
    notes: [...EVENT_DATA_STORE_NOTES],
  };
}
