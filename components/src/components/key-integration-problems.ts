/**
 * Checks of an integration's values, run at construction on the values known then (plain strings)
 * and again on all of them once resolved: a bad value fails in the program, not in PutKeyPolicy.
 */
import { trailArn } from "../catalog";
import type { AwsContext } from "./aws-context";
import type { KeyIntegration } from "./key-integrations";
import { isAccountId, principalProblem, trailNameProblem } from "./names";

/** Why `entry` (a trail ARN or name) cannot be a trail of the key, or undefined. */
export function trailEntryProblem(entry: string): string | undefined {
  if (!entry.startsWith("arn:")) {
    const problem = trailNameProblem(entry);
    return problem === undefined ? undefined : `trail ${JSON.stringify(entry)}: ${problem}`;
  }
  const parts = entry.split(":");
  const resource = parts.slice(5).join(":");
  if (parts[2] === "cloudtrail" && resource.startsWith("eventdatastore/")) {
    return (
      `${entry} is an event data store, not a trail. The CloudTrail User Guide says a key policy for an event data store cannot use ` +
      "aws:SourceArn or aws:SourceAccount. Give the store its own key with `eventDataStore` instead."
    );
  }
  if (parts.length < 6 || parts[2] !== "cloudtrail" || !resource.startsWith("trail/")) {
    return `${entry} is not a CloudTrail trail ARN (arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME).`;
  }
  return undefined;
}

/** The ARN of a trail entry: itself, or the named trail in the key's account and Region. */
export function trailEntryArn(entry: string, context: AwsContext): string {
  return entry.startsWith("arn:") ? entry : trailArn({ ...context, name: entry });
}

/** Plain strings available now from an input list; the rest is checked once resolved. */
function knownStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function principalProblems(field: string, value: unknown): string[] {
  return knownStrings(value).flatMap((p) => {
    const problem = principalProblem(p);
    return problem === undefined ? [] : [`${field}: ${problem}`];
  });
}

function accountProblems(field: string, value: unknown): string[] {
  return knownStrings(value)
    .filter((a) => !isAccountId(a))
    .map((a) => `${field}: ${JSON.stringify(a)} is not a 12-digit account id.`);
}

/**
 * What is wrong with the values of `integration` that are known (all of them once resolved; the
 * plain ones at construction). Empty when nothing is.
 */
export function integrationProblems(integration: KeyIntegration): string[] {
  switch (integration.kind) {
    case "key-administrators":
      return principalProblems("administrators", integration.principals);
    case "key-users":
      return principalProblems("users", integration.principals);
    case "cloudtrail-trail": {
      const empty =
        Array.isArray(integration.trails) && integration.trails.length === 0
          ? ["the CloudTrail trail list is empty: name at least one trail (name or ARN), or omit `cloudTrail`."]
          : [];
      return [
        ...empty,
        ...knownStrings(integration.trails).flatMap((t) => trailEntryProblem(t) ?? []),
        ...accountProblems("encryptionContextAccounts", integration.encryptionContextAccounts),
        ...principalProblems("logReaders", integration.logReaders),
        ...accountProblems("crossAccountReaderAccounts", integration.crossAccountReaderAccounts),
        ...principalProblems("crossAccountReadRoles", integration.crossAccountReadRoles),
      ];
    }
    case "cloudtrail-event-data-store":
      return principalProblems("queryPrincipals", integration.queryPrincipals);
    case "config-iam-role":
      return accountProblems("accounts", integration.accounts);
    case "config-service-linked-role":
      return accountProblems("sourceAccounts", integration.sourceAccounts);
    case "control-tower":
      return accountProblems("configSourceAccounts", integration.configSourceAccounts);
    case "cloudwatch-logs":
      return knownStrings(integration.logGroups)
        .filter((g) => !/^arn:[a-z-]+:logs:[a-z0-9-]+:\d{12}:log-group:[^*?]+$/.test(g))
        .map(
          (g) =>
            `logGroups: ${JSON.stringify(g)} is not a log group ARN (arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME).`,
        );
    case "service-grant":
      return principalProblems("principal", [integration.principal]);
  }
}
