// Control Tower landing zone key, run in the management account and home Region: it meets Control
// Tower's pre-check and its ARN goes into the landing zone manifest.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { LandingZoneKey } from "pulumi-kms-guardrails";

const config = new pulumi.Config();
// Replace with your log archive and audit accounts (or set them in the stack configuration).
const logArchiveAccount = config.get("logArchiveAccount") ?? "222222222222";
const auditAccount = config.get("auditAccount") ?? "333333333333";

const key = new LandingZoneKey("landing-zone", {
  // When set, a deployment with another account's credentials fails at preview.
  managementAccount: config.get("managementAccount"),
  administrators: config.getObject<string[]>("administrators") ?? [],
  alias: "control-tower",
  // Seed 001: pin config.amazonaws.com to the accounts Config delivers for (the management, log
  // archive and audit accounts at set-up). Add each account Control Tower enrolls later.
  configSourceAccounts: [aws.getCallerIdentityOutput().accountId, logArchiveAccount, auditAccount],
});

const landingZone = new aws.controltower.LandingZone("landing-zone", {
  version: "3.3",
  manifestJson: pulumi.jsonStringify({
    governedRegions: [key.homeRegion],
    organizationStructure: { security: { name: "Security" }, sandbox: { name: "Sandbox" } },
    centralizedLogging: {
      accountId: logArchiveAccount,
      configurations: {
        loggingBucket: { retentionDays: 365 },
        accessLoggingBucket: { retentionDays: 3650 },
        kmsKeyArn: key.arn,
      },
      enabled: true,
    },
    securityRoles: { accountId: auditAccount },
    accessManagement: { enabled: true },
  }),
});

export const keyArn = key.arn;
export const keyPolicy = key.policy;
export const landingZoneArn = landingZone.arn;
