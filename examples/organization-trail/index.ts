// Organization trail, run in the management account: an AuditKey the trail declares its needs on, log
// readers limited to CloudTrail log files (the encryption-context Null guard), and CloudWatch Logs.
import * as pulumi from "@pulumi/pulumi";
import { AuditKey, EncryptedTrail } from "pulumi-kms-guardrails";

const config = new pulumi.Config();

const key = new AuditKey("org-audit", {
  administrators: config.getObject<string[]>("administrators") ?? [],
  alias: "org-audit-trail",
});

// Given the key's `arn` right after the key (same synchronous turn), so its grants reach the key policy.
const trail = new EncryptedTrail("org-audit", {
  keyArn: key.arn,
  isOrganizationTrail: true,
  logReaders: config.getObject<string[]>("logReaders") ?? [],
  cloudWatchLogs: { retentionInDays: 365 },
});

export const keyArn = key.arn;
export const keyPolicy = key.policy;
export const trailArn = trail.trailArn;
export const bucketName = trail.bucketName;
