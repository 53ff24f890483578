/**
 * CloudWatch Logs log groups encrypted with the key ("Encrypt log data in CloudWatch Logs using AWS
 * Key Management Service", https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html):
 * the Region's CloudWatch Logs service principal (`logs.REGION.amazonaws.com`, "in the same AWS
 * Region where the key is stored") encrypts and decrypts log events, and every request carries the
 * log group's ARN as the encryption context `aws:logs:arn`. The page's first example limits the
 * statement to one log group with `ArnEquals` on that context; the catalog does the same for the
 * named log groups.
 *
 * | probe id                               | expect | request                                                          |
 * |----------------------------------------|--------|------------------------------------------------------------------|
 * | cloudwatch-logs.encrypt                | allow  | CloudWatch Logs GenerateDataKey for the log group (per log group) |
 * | cloudwatch-logs.decrypt                | allow  | CloudWatch Logs Decrypt for the log group (per log group)         |
 * | cloudwatch-logs.encrypt.other-account  | deny   | the same for a log group of an unconfigured account               |
 *
 * No other-log-group probe: the page's second example ("limits the use of the KMS key to the
 * specified account, but it can be used for any log group") is documented as a choice. Whether
 * CloudWatch Logs sends aws:SourceArn / aws:SourceAccount to KMS is not documented; the probes
 * carry neither, and the encryption context is what turns another account's log group away.
 */
import { CLOUDWATCH_LOGS_ACTIONS } from "./actions";
import { keyResource, otherAccount, partitionOf } from "./arns";
import { LOGS_CONTEXT_KEY, PROBE_NAMES, SIDS } from "./constants";
import { parseArn } from "../engine/arn";
import { hasWildcard } from "../engine/wildcard";
import { CatalogInputError, isUnknownValue, requireAccountId, unique } from "./inputs";
import { serviceRequest, type ContextInput } from "./requests";
import { SOURCES } from "./sources";
import { allowStatement } from "./statement";
import type { Grant, IntegrationPlan, KeyLocation, Probe } from "./types";
import { readableProbes } from "./descriptions";

export interface CloudWatchLogsParams {
  readonly key: KeyLocation;
  /**
   * ARNs of the log groups encrypted with the key (`arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME`;
   * a trailing `:*`, as CloudFormation returns it, is dropped). They must be in the key's Region.
   */
  readonly logGroupArns: readonly string[];
}

/** `logs.us-east-1.amazonaws.com`; `.amazonaws.com.cn` in the China partition. */
export function logsServicePrincipal(partition: string, region: string): string {
  return `logs.${region}.amazonaws.com${partition === "aws-cn" ? ".cn" : ""}`;
}

/** The ARN CloudWatch Logs puts in the encryption context: no `:*` suffix. */
export function logGroupArn(p: { partition?: string; region: string; account: string; name: string }): string {
  return `arn:${p.partition ?? "aws"}:logs:${p.region}:${p.account}:log-group:${p.name}`;
}

function requireLogGroupArn(value: string, key: KeyLocation): string {
  if (isUnknownValue(value)) return value;
  const arn = value.endsWith(":*") ? value.slice(0, -2) : value;
  const parsed = parseArn(arn);
  if (parsed === undefined || parsed.service !== "logs" || !parsed.resource.startsWith("log-group:")) {
    throw new CatalogInputError(
      `"${value}" is not a CloudWatch Logs log group ARN; expected arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME.`,
    );
  }
  if (hasWildcard(arn)) {
    throw new CatalogInputError(
      `Log group ARN "${value}" has a wildcard; name each log group: the encryption context aws:logs:arn is the ARN of the log group that uses the key.`,
    );
  }
  requireAccountId(parsed.account, `The account in log group ARN "${value}"`);
  if (!isUnknownValue(key.region) && parsed.region !== key.region) {
    throw new CatalogInputError(
      `Log group ${arn} is in ${parsed.region}, the key in ${key.region}: CloudWatch Logs uses a key of the log group's own Region.`,
    );
  }
  return arn;
}

function logsContext(arn: string): ContextInput {
  return { [`kms:EncryptionContext:${LOGS_CONTEXT_KEY}`]: arn, "kms:EncryptionContextKeys": [LOGS_CONTEXT_KEY] };
}

/** The same log group name in another account: the confused deputy's log group. */
function strangerArn(arn: string, key: KeyLocation, stranger: string): string {
  const parsed = isUnknownValue(arn) ? undefined : parseArn(arn);
  const name = parsed?.resource.slice("log-group:".length) ?? PROBE_NAMES.otherLogGroup;
  return logGroupArn({ partition: partitionOf(key), region: key.region, account: stranger, name });
}

export function cloudWatchLogsPlan(p: CloudWatchLogsParams): IntegrationPlan {
  const key = p.key;
  requireAccountId(key.account, "The key's account");
  if (p.logGroupArns.length === 0) {
    throw new CatalogInputError(
      "A CloudWatch Logs plan needs at least one log group ARN: the encryption context names the log group.",
    );
  }
  const arns = unique(p.logGroupArns.map((a) => requireLogGroupArn(a, key)));
  const principal = logsServicePrincipal(partitionOf(key), key.region);
  const grant: Grant = {
    statement: allowStatement({
      sid: SIDS.cloudWatchLogs,
      principal: { service: [principal] },
      actions: CLOUDWATCH_LOGS_ACTIONS,
      resource: keyResource(key),
      conditions: [["ArnEquals", `kms:EncryptionContext:${LOGS_CONTEXT_KEY}`, arns]],
    }),
    purpose: "Lets CloudWatch Logs encrypt and decrypt the data of the named log groups only.",
    source: SOURCES.cloudWatchLogsKeyPolicy,
  };
  const probe = (id: string, action: string, arn: string, expect: "allow" | "deny", what: string): Probe => ({
    id,
    description: `CloudWatch Logs calls ${action} to ${what} log group ${arn}.`,
    request: serviceRequest(principal, action, key, logsContext(arn)),
    expect,
    grantSid: SIDS.cloudWatchLogs,
    subject: arn,
    source: expect === "allow" ? SOURCES.cloudWatchLogsKeyPolicy : SOURCES.cloudWatchLogsEncryptionContext,
  });
  const accounts = arns.map((a) => (isUnknownValue(a) ? undefined : parseArn(a)?.account));
  const stranger = otherAccount([key.account, ...accounts]);
  const probes: Probe[] = arns.flatMap((arn) => [
    probe("cloudwatch-logs.encrypt", "kms:GenerateDataKey", arn, "allow", "encrypt the data of"),
    probe("cloudwatch-logs.decrypt", "kms:Decrypt", arn, "allow", "decrypt the data of"),
  ]);
  probes.push(
    probe(
      "cloudwatch-logs.encrypt.other-account",
      "kms:GenerateDataKey",
      strangerArn(arns[0], key, stranger),
      "deny",
      "encrypt the data of",
    ),
  );
  return {
    integration: "cloudwatch-logs",
    grants: [grant],
    probes: readableProbes(probes),
    notes: [
      "The CloudWatch Logs page's statement also lists kms:Describe*; under the aws:logs:arn encryption context " +
        "condition it never applies (DescribeKey carries no encryption context), so the catalog leaves it out.",
    ],
  };
}
