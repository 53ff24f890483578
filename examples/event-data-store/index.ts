// CloudTrail Lake event data store on a key of its own: CloudTrail Lake cannot use aws:SourceArn or
// aws:SourceAccount (seed 003), so its key never serves a trail.
import * as pulumi from "@pulumi/pulumi";
import { EncryptedEventDataStore } from "pulumi-kms-guardrails";

const config = new pulumi.Config();

const lake = new EncryptedEventDataStore("audit-lake", {
  // Roles that run queries: they need kms:Decrypt and kms:GenerateDataKey on the key.
  queryPrincipals: config.getObject<string[]>("queryPrincipals") ?? [],
  keyArgs: { administrators: config.getObject<string[]>("administrators") ?? [], alias: "audit-lake" },
  retentionPeriod: 365,
});

export const eventDataStoreArn = lake.arn;
export const keyArn = lake.keyArn;
export const keyPolicy = lake.keyPolicy;
