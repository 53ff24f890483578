/**
 * `service-principal-without-source-condition` (warning). Seed 001, "Using aws:SourceArn or
 * aws:SourceAccount condition keys": "When the principal in a key policy statement is an AWS service
 * principal, we strongly recommend that you use the aws:SourceArn or aws:SourceAccount global
 * condition keys ... [to avoid] a potential confused deputy scenario."
 *
 * The IAM User Guide ("The confused deputy problem", section "Cross-service confused deputy
 * prevention"; "AWS global condition context keys") names aws:SourceOrgID and aws:SourceOrgPaths
 * beside them: a statement limited to the organization's resources is protected too. An
 * organization-wide key (every account's trail or delivery channel) has no narrower choice.
 *
 * CloudWatch Logs is limited by the log group, not the source: "Encrypt log data in CloudWatch Logs
 * using AWS Key Management Service" writes its statement for `logs.REGION.amazonaws.com` with
 * `kms:EncryptionContext:aws:logs:arn`, whose value names the log group's account. A logs-only
 * statement limited that way is protected; the pack's cloudwatch-logs-key-allows-logs probes it.
 *
 * Seed 003 exempts CloudTrail Lake: "The aws:SourceArn and aws:SourceAccount condition keys are not
 * supported in KMS key policies for event data stores" (`LintOptions.eventDataStoreKey`).
 * AWS's own examples without the condition (seed 002's Config statement, seed 003's "Allow CloudTrail
 * to decrypt a trail") get this warning: the recommendation applies to them too.
 */
import { isAccountId } from "../arn";
import type { ConditionClause, Finding, KeyPolicy, Statement } from "../types";
import {
  collectingCheck,
  finding,
  statementLabel,
  type CollectingCheck,
  type LintFix,
  type LintOptions,
} from "./check";
import { isLimitingMatch, isPublic, keyAccountId, statementsOf } from "./statements";

const CLOUDTRAIL = "cloudtrail.amazonaws.com";
const LOGS_CONTEXT_KEY = "kms:encryptioncontext:aws:logs:arn";
const LOGS_PRINCIPAL = /^logs\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

function isSourceCondition(c: ConditionClause): boolean {
  // Compared outright, not looked up in a set: that would hash every clause's key.
  const k = c.keyLower;
  return (
    (k === "aws:sourcearn" || k === "aws:sourceaccount" || k === "aws:sourceorgid" || k === "aws:sourceorgpaths") &&
    isLimitingMatch(c)
  );
}

/** A positive aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition. */
export function hasSourceCondition(statement: Statement): boolean {
  return statement.conditions.some(isSourceCondition);
}

/** `arn:PARTITION:logs:REGION:ACCOUNT:...` with a concrete account: it names whose log groups. */
function namesLogGroupAccount(value: string): boolean {
  // Fewer than five colons: `undefined`, which is no account id either.
  return isAccountId(value.split(":")[4]);
}

/**
 * Only CloudWatch Logs principals, limited to one account's log groups by the encryption context.
 * `services` is the statement's service principals, never empty (as for the two functions below).
 */
function isLimitedLogsStatement(statement: Statement, services: readonly string[]): boolean {
  return (
    services.every((s) => LOGS_PRINCIPAL.test(s.toLowerCase())) &&
    statement.conditions.some(
      (c) => c.keyLower === LOGS_CONTEXT_KEY && isLimitingMatch(c) && c.values.every(namesLogGroupAccount),
    )
  );
}

function isCloudTrailOnly(services: readonly string[]): boolean {
  return services.every((s) => s.toLowerCase() === CLOUDTRAIL);
}

/** The condition the service's own documentation shows (seeds 000 and 003), else the generic one. */
function fixFor(serviceNames: readonly string[], account: string): LintFix {
  const services = serviceNames.map((s) => s.toLowerCase());
  if (services.includes(CLOUDTRAIL)) {
    return {
      description:
        'Restrict CloudTrail to your trails with aws:SourceArn, as the CloudTrail User Guide does under "Granting encrypt permissions".',
      json: { ArnEquals: { "aws:SourceArn": `arn:aws:cloudtrail:REGION:${account}:trail/TRAIL_NAME` } },
    };
  }
  if (services.includes("config.amazonaws.com")) {
    return {
      description:
        "Restrict AWS Config to your account's delivery channels with AWS:SourceAccount, as the AWS Config Developer Guide does.",
      json: { StringEquals: { "AWS:SourceAccount": account } },
    };
  }
  return servicePrincipalWithoutSourceCondition.fix;
}

function collect(policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  const account = keyAccountId(options) ?? "ACCOUNT_ID";
  for (const s of statementsOf(policy)) {
    const services = s.principal?.service ?? [];
    if (s.effect !== "Allow" || services.length === 0 || isPublic(s.principal)) continue;
    if (options.eventDataStoreKey === true && isCloudTrailOnly(services)) continue;
    if (hasSourceCondition(s) || isLimitedLogsStatement(s, services)) continue;
    findings.push(
      finding(
        servicePrincipalWithoutSourceCondition,
        s,
        `${s.path}.Principal.Service`,
        `${statementLabel(s)} allows the service principal ${services.join(", ")} without a ` +
          "positive aws:SourceArn, aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths condition: any account's resource in that service could " +
          "make the service use this key (confused deputy).",
        fixFor(services, account),
      ),
    );
  }
}

export const servicePrincipalWithoutSourceCondition: CollectingCheck = collectingCheck(
  {
    id: "service-principal-without-source-condition",
    severity: "warning",
    description:
      "An Allow to an AWS service principal should be limited with aws:SourceArn or aws:SourceAccount (or, for an organization-wide key, aws:SourceOrgID or aws:SourceOrgPaths).",
    source: {
      seed: "001",
      section: "Using aws:SourceArn or aws:SourceAccount condition keys",
      anchor: "least-privilege-source-arn",
    },
    fix: {
      description:
        "Add a condition on the resource (aws:SourceArn), account (aws:SourceAccount) or organization (aws:SourceOrgID) the service acts for.",
      json: { StringEquals: { "aws:SourceAccount": "ACCOUNT_ID" } },
    },
  },
  collect,
);
