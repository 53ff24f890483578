/**
 * cloudwatch-logs-key-allows-logs. "Encrypt log data in CloudWatch Logs using AWS Key Management
 * Service": "CloudWatch Logs must have permissions for the KMS key whenever encrypted data is
 * requested", and step 2 gives the Region's CloudWatch Logs service principal that permission,
 * limited to the log group by the encryption context `kms:EncryptionContext:aws:logs:arn` ("As a
 * best practice, we recommend that you restrict the use of the key to only those AWS accounts or
 * log groups you specify").
 *
 * A log group whose kmsKeyId key does not let CloudWatch Logs encrypt and decrypt for it cannot be
 * created or written: mandatory. A key that lets CloudWatch Logs use it for another account's log
 * groups: advisory (the page's earliest statement had no condition; it recommends one).
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { logGroupChecks, type KeyGroup } from "../analysis/integrations";
import { keyLabel } from "../analysis/keys";
import { allowingStatements, grantFor, requestText, statementName } from "../analysis/probes";
import { replaceWith } from "../messages";
import type { LogGroupModel } from "../model/types";
import { SOURCES } from "pulumi-kms-guardrails/catalog";
import { failedAllowProbeViolations, membersText, unlinkedViolations } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule, Violation } from "./types";

const ALLOW_PROBES = new Set(["cloudwatch-logs.encrypt", "cloudwatch-logs.decrypt"]);
const OTHER_ACCOUNT = "cloudwatch-logs.encrypt.other-account";

/** The statements that let CloudWatch Logs use the key for another account's log group. */
function otherAccountViolations(group: KeyGroup<LogGroupModel>): Violation[] {
  if (group.result.status !== "checked") return [];
  const out: Violation[] = [];
  for (const checked of group.result.plans) {
    for (const o of checked.outcomes) {
      if (o.probe.id !== OTHER_ACCOUNT || o.satisfied !== false) continue;
      const grant = grantFor(checked.plan, o.probe);
      for (const trace of allowingStatements(o.decision)) {
        out.push({
          message:
            `${keyLabel(group.facts)}: ${requestText(o.probe, true)} for log group ${o.probe.subject ?? ""} of another account, ` +
            `because ${statementName(trace)} does not limit kms:EncryptionContext:aws:logs:arn to ${membersText(group.members)}.` +
            (grant !== undefined ? `\n${replaceWith(grant.statement)}` : ""),
          urn: group.facts.policySource.urn,
          kind: "practice",
        });
      }
    }
  }
  return out;
}

export const cloudwatchLogsKeyAllowsLogs: StackRule = {
  scope: "stack",
  id: "cloudwatch-logs-key-allows-logs",
  description:
    "The key a CloudWatch Logs log group encrypts with (kmsKeyId) must let logs.REGION.amazonaws.com encrypt and decrypt for that log group, limited by kms:EncryptionContext:aws:logs:arn.",
  severity: "critical",
  enforcementLevel: "mandatory",
  practices:
    "Statements that let CloudWatch Logs use the key for another account's log groups (no kms:EncryptionContext:aws:logs:arn limit): the CloudWatch Logs page recommends the limit, its earliest example had none.",
  sources: [SOURCES.cloudWatchLogsKeyPolicy, SOURCES.cloudWatchLogsEncryptionContext],
  passing: {
    description: "The CloudWatch Logs page's statement, limited to the log group by its encryption context.",
    json: {
      Sid: "Allow CloudWatch Logs to encrypt log groups",
      Effect: "Allow",
      Principal: { Service: "logs.us-east-1.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
      Resource: "*",
      Condition: {
        ArnEquals: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:app" },
      },
    },
  },
  failing: {
    description:
      "The generic service principal logs.amazonaws.com: CloudWatch Logs calls KMS as logs.REGION.amazonaws.com, so the log group cannot use the key.",
    json: {
      Sid: "Allow CloudWatch Logs to encrypt log groups",
      Effect: "Allow",
      Principal: { Service: "logs.amazonaws.com" },
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
      Resource: "*",
    },
  },
  configSchema: { properties: { ...ACCOUNT_IDS_SCHEMA.properties, ...ORGANIZATION_SCHEMA.properties } },
  check: (model, options) => {
    const checks = logGroupChecks(model, options);
    return [
      ...unlinkedViolations(checks.unlinked),
      ...failedAllowProbeViolations(checks, ALLOW_PROBES),
      ...checks.groups.flatMap(otherAccountViolations),
    ];
  },
};
