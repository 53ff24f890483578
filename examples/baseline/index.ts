// Audit baseline for a new account: one key, a multi-Region trail and AWS Config delivery encrypted with it.
// `pulumi preview` shows the complete key policy; no ARN in it waits for a resource to exist.
import * as pulumi from "@pulumi/pulumi";
import { AuditBaseline } from "pulumi-kms-guardrails";

const config = new pulumi.Config();

const baseline = new AuditBaseline("baseline", {
  // IAM roles that manage the key and read the trail's logs (role ARNs in this account).
  administrators: config.getObject<string[]>("administrators") ?? [],
  logReaders: config.getObject<string[]>("logReaders") ?? [],
  alias: "audit-baseline",
});

export const keyArn = baseline.keyArn;
export const keyPolicy = baseline.keyPolicy;
export const trailArn = baseline.trailArn;
export const trailBucket = baseline.trailBucketName;
export const configBucket = baseline.configBucketName;
