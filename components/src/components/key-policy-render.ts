/**
 * From integrations to a key policy: merged per kind, turned into catalog plans in a fixed order,
 * composed by the catalog (the statements come only from there; this module decides which plans,
 * with which parameters), then evaluated by the engine against the plans' own probes. Pure: no
 * Pulumi runtime.
 */
import {
  accountRootPlan,
  checkProbes,
  cloudTrailTrailPlan,
  cloudWatchLogsPlan,
  composeKeyPolicy,
  configIamRolePlan,
  configServiceLinkedRolePlan,
  controlTowerPlan,
  CONTROL_TOWER_PARTS,
  eventDataStorePlan,
  explainProbeFailure,
  formatProbeFailure,
  keyAdministratorsPlan,
  keyUsersPlan,
  serviceGrantPlan,
} from "../catalog";
import type { IntegrationPlan, KeyLocation } from "../catalog";
import { parsePolicy } from "../engine";
import type { AwsContext } from "./aws-context";
import { integrationProblems, trailEntryArn } from "./key-integration-problems";
import { integrationConflict, type RenderedKeyPolicy, type ResolvedKeyIntegration } from "./key-integrations";

const unique = (values: Iterable<string>): string[] => [...new Set(values)];

/** Union of optional lists where an absent list stands for `fallback` (the documented default). */
function unionWithDefault(lists: readonly (readonly string[] | undefined)[], fallback: readonly string[]): string[] {
  return unique(lists.flatMap((list) => list ?? fallback));
}

/** Union when every declaration gave a list; undefined (the catalog default) as soon as one did not. */
function unionIfAll(lists: readonly (readonly string[] | undefined)[]): string[] | undefined {
  if (lists.length === 0 || lists.some((list) => list === undefined)) return undefined;
  return unique(lists.flatMap((list) => list ?? []));
}

function ofKind<K extends ResolvedKeyIntegration["kind"]>(
  integrations: readonly ResolvedKeyIntegration[],
  kind: K,
): Resolved<K>[] {
  return integrations.filter((i): i is Resolved<K> => i.kind === kind);
}

const accountOfArn = (arn: string): string => arn.split(":")[4] ?? "";

type Resolved<K extends ResolvedKeyIntegration["kind"]> = Extract<ResolvedKeyIntegration, { kind: K }>;

function trailPlan(
  key: KeyLocation,
  context: AwsContext,
  trails: readonly Resolved<"cloudtrail-trail">[],
): IntegrationPlan {
  const arns: string[] = [];
  const contextAccounts: (string[] | undefined)[] = [];
  for (const declaration of trails) {
    const own = declaration.trails.map((entry) => trailEntryArn(entry, context));
    arns.push(...own);
    // An absent list means "the trails' own accounts" (TrailParams): keep that meaning per declaration.
    contextAccounts.push(declaration.encryptionContextAccounts ?? unique(own.map(accountOfArn)));
  }
  if (arns.length === 0) {
    throw new Error("the CloudTrail trail list is empty: name at least one trail (name or ARN), or omit `cloudTrail`.");
  }
  const decrypt = trails.map((t) => t.serviceDecrypt).filter((d): d is boolean => d !== undefined);
  return cloudTrailTrailPlan({
    key,
    trailArns: unique(arns),
    encryptionContextAccounts: trails.some((t) => t.encryptionContextAccounts !== undefined)
      ? unique(contextAccounts.flatMap((a) => a ?? []))
      : undefined,
    logReaders: unique(trails.flatMap((t) => t.logReaders ?? [])),
    crossAccountReaderAccounts: unique(trails.flatMap((t) => t.crossAccountReaderAccounts ?? [])),
    crossAccountReadRoles: unique(trails.flatMap((t) => t.crossAccountReadRoles ?? [])),
    // A trail whose bucket uses an S3 Bucket Key needs the service Decrypt (seed 003): any "true" wins.
    serviceDecrypt: decrypt.length === 0 ? undefined : decrypt.includes(true),
  });
}

/** The catalog plans for `integrations`, in a fixed order: account root, personas, services. */
export function planKeyPolicy(context: AwsContext, integrations: readonly ResolvedKeyIntegration[]): IntegrationPlan[] {
  const conflict = integrationConflict(integrations.map((i) => i.kind));
  const problems = integrations.flatMap(integrationProblems);
  if (conflict !== undefined) problems.unshift(conflict);
  if (problems.length > 0) throw new Error(problems.join(" "));
  // The key's own ARN is not known before the key exists (its policy is an input of the key), so
  // statements name `*`, which in a key policy means "this key".
  const key: KeyLocation = { partition: context.partition, account: context.account, region: context.region };
  const own = [context.account];
  // Seed 004: the key policy must enable IAM policies for the owning account; always first.
  const plans: IntegrationPlan[] = [accountRootPlan({ key })];

  const administrators = unique(ofKind(integrations, "key-administrators").flatMap((i) => i.principals));
  if (administrators.length > 0) plans.push(keyAdministratorsPlan({ key, principals: administrators }));
  const users = unique(ofKind(integrations, "key-users").flatMap((i) => i.principals));
  if (users.length > 0) plans.push(keyUsersPlan({ key, principals: users }));

  const trails = ofKind(integrations, "cloudtrail-trail");
  if (trails.length > 0) plans.push(trailPlan(key, context, trails));

  const stores = ofKind(integrations, "cloudtrail-event-data-store");
  if (stores.length > 0) {
    plans.push(eventDataStorePlan({ key, queryPrincipals: unique(stores.flatMap((s) => s.queryPrincipals ?? [])) }));
  }

  const iamRoles = ofKind(integrations, "config-iam-role");
  if (iamRoles.length > 0) {
    plans.push(
      configIamRolePlan({
        key,
        accounts: unionWithDefault(
          iamRoles.map((c) => c.accounts),
          own,
        ),
      }),
    );
  }
  const linked = ofKind(integrations, "config-service-linked-role");
  if (linked.length > 0) {
    plans.push(
      configServiceLinkedRolePlan({
        key,
        sourceAccounts: unionWithDefault(
          linked.map((c) => c.sourceAccounts),
          own,
        ),
        // Pinning AWS:SourceArn to some Regions would break a channel declared without Regions.
        sourceRegions: unionIfAll(linked.map((c) => c.sourceRegions)),
      }),
    );
  }

  const towers = ofKind(integrations, "control-tower");
  if (towers.length > 0) {
    // One key declared by several landing zone uses carries every part any of them needs.
    const parts = towers.some((t) => t.parts === undefined)
      ? undefined
      : CONTROL_TOWER_PARTS.filter((part) => towers.some((t) => t.parts?.includes(part)));
    plans.push(
      controlTowerPlan({
        key,
        configSourceAccounts: unionIfAll(towers.map((t) => t.configSourceAccounts)),
        ...(parts !== undefined ? { parts } : {}),
      }),
    );
  }

  const logGroups = unique(ofKind(integrations, "cloudwatch-logs").flatMap((l) => l.logGroups));
  if (logGroups.length > 0) plans.push(cloudWatchLogsPlan({ key, logGroupArns: logGroups }));

  for (const { kind: _kind, ...grant } of ofKind(integrations, "service-grant")) {
    plans.push(serviceGrantPlan({ key, ...grant }));
  }
  return plans;
}

/**
 * The key policy for `integrations`: the user's statements first and verbatim (seed 003: "do not
 * change any existing sections"), then the catalog's statements.
 */
export function renderKeyPolicy(
  context: AwsContext,
  integrations: readonly ResolvedKeyIntegration[],
  userStatements: readonly unknown[] = [],
): RenderedKeyPolicy {
  const plans = planKeyPolicy(context, integrations);
  const document = composeKeyPolicy(plans, { userStatements });
  return { plans, document, json: JSON.stringify(document) };
}

/** What the engine says of a rendered policy against its own plans' probes. */
export interface KeyPolicyVerification {
  /** Jobs of AWS services the policy does not allow: the integration would fail at deploy time. */
  readonly errors: string[];
  /**
   * Confused-deputy requests the policy allows, and persona requests it denies (a user's Deny on
   * `kms:ScheduleKeyDeletion` for the administrators is a choice, not a broken deployment).
   */
  readonly warnings: string[];
}

/** Integrations whose failing allow probe means an AWS service cannot deliver: an error. */
const SERVICE_INTEGRATIONS: ReadonlySet<string> = new Set([
  "cloudtrail-trail",
  "cloudtrail-event-data-store",
  "config-iam-role",
  "config-service-linked-role",
  "control-tower",
  "cloudwatch-logs",
  "service-grant",
]);

/**
 * Evaluates the rendered policy against every plan's probes. The catalog's statements satisfy their
 * own probes; what can break them is the user's verbatim statements (a Deny, or a broad Allow).
 */
export function verifyKeyPolicy(rendered: RenderedKeyPolicy): KeyPolicyVerification {
  const parsed = parsePolicy(rendered.json);
  if (parsed.policy === undefined || !parsed.valid) {
    return { errors: parsed.errors.map((e) => `${e.path}: ${e.message}`), warnings: [] };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const plan of rendered.plans) {
    for (const outcome of checkProbes(parsed.policy, plan.probes)) {
      if (outcome.satisfied !== false) continue;
      const failure = explainProbeFailure(outcome, plan.grants);
      const message = failure === undefined ? outcome.probe.description : formatProbeFailure(failure);
      const breaksService = outcome.probe.expect === "allow" && SERVICE_INTEGRATIONS.has(plan.integration);
      (breaksService ? errors : warnings).push(message);
    }
  }
  return { errors, warnings };
}
