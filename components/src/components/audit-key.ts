/**
 * `AuditKey`: a customer managed KMS key for audit logs whose key policy is assembled from the
 * catalog. Persona inputs (administrators, users, log readers) and integrations (trails, an event
 * data store, AWS Config, Control Tower, service grants) become catalog plans; the user's own
 * statements go first and verbatim.
 *
 * Components that use the key declare what they need with `addIntegration`. The policy is rendered
 * once, after the synchronous turn that constructed the key (`setImmediate`). Why this and not "list
 * every need in the key's arguments": the one-line case (`new EncryptedTrail("audit", { keyArn:
 * key.arn })`) then needs no repetition of the trail's name, and the rendered policy is still one
 * plain value, fully known at preview, that the policy pack can check. Programs that must `await`
 * between the key and its users, and programs in other languages (each component is a separate
 * Construct call there), list the integration in the key's arguments instead (`cloudTrail`,
 * `config`, ...); the components then check that the rendered policy covers them.
 *
 * The rendered policy is then evaluated by the engine against every plan's probes: a statement of
 * the user's that stops an AWS service's documented job is an error at preview (the service would
 * fail at deploy time); one that lets a confused deputy through, or denies a persona, is a warning.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ControlTowerPart, IntegrationPlan } from "../catalog";
import { ConfigRoleMode, LandingZoneKeyIntegration, type AuditKeyArgs } from "./audit-key-args";
import { awsContext, type AwsContext } from "./aws-context";
import { componentLabel, configurationError, messageOf } from "./errors";
import { integrationProblems } from "./key-integration-problems";
import { renderKeyPolicy, verifyKeyPolicy } from "./key-policy-render";
import { integrationConflict, type KeyIntegration, type RenderedKeyPolicy } from "./key-integrations";
import { aliasName, aliasProblem } from "./names";

/** The requester of the integrations listed in the AuditKey's own arguments: its label says it already. */
const ARGUMENTS = "arguments";

/** Pulumi type token of `AuditKey`. */
export const AUDIT_KEY_TYPE = "pulumi-kms-guardrails:index:AuditKey";

const AUDIT_KEY_BRAND = Symbol.for("pulumi-kms-guardrails.AuditKey");

/**
 * A check on where the key is being created, run before its policy is rendered; returns what is
 * wrong, or undefined. A message fails the deployment at preview, before the key exists; it is
 * reported as written, so it should name the component that asked for the check.
 */
export type KeyPrecondition = (context: AwsContext) => pulumi.Input<string | undefined>;

interface Declaration {
  readonly integration: KeyIntegration;
  readonly requester: string;
}

/**
 * What an `AuditKey` keeps to itself. Held here, not in class fields: the schema that Pulumi infers
 * for other languages lists a component's fields as its outputs.
 */
interface AuditKeyState {
  readonly label: string;
  readonly declarations: Declaration[];
  readonly preconditions: KeyPrecondition[];
  sealed: boolean;
  readonly context: pulumi.Output<AwsContext>;
  plans?: pulumi.Output<IntegrationPlan[]>;
  key?: aws.kms.Key;
  alias?: aws.kms.Alias;
}

const states = new WeakMap<AuditKey, AuditKeyState>();
/** Keys by the `arn` output object they expose: `keyArn: auditKey.arn` finds its key. */
const byArnOutput = new WeakMap<object, AuditKey>();
/** Keys of this process by resolved ARN: a key built by an earlier Construct call is found by value. */
const byArnValue = new Map<string, AuditKey>();

function stateOf(key: AuditKey): AuditKeyState {
  const state = states.get(key);
  if (state === undefined) throw new Error("AuditKey used before its constructor ran");
  return state;
}

/**
 * The `AuditKey` whose ARN `arn` is, when this process knows it: the key's own `arn` output, or
 * (once resolved) the ARN of a key constructed earlier in this process, such as by a previous
 * Construct call of a program in another language. Undefined for a key managed elsewhere.
 */
export function auditKeyOfArn(arn: pulumi.Input<string>): AuditKey | undefined {
  return typeof arn === "object" && arn !== null ? byArnOutput.get(arn) : undefined;
}

/** The `AuditKey` of this process with the resolved ARN `arn`, or undefined. */
export function auditKeyOfArnValue(arn: string): AuditKey | undefined {
  return byArnValue.get(arn);
}

/** The integrations `args` asks for, in argument order; throws a message naming the bad argument. */
function integrationsOf(args: AuditKeyArgs): KeyIntegration[] {
  const list: KeyIntegration[] = [];
  if (args.administrators !== undefined) list.push({ kind: "key-administrators", principals: args.administrators });
  if (args.users !== undefined) list.push({ kind: "key-users", principals: args.users });
  if (args.cloudTrail !== undefined) list.push({ kind: "cloudtrail-trail", ...args.cloudTrail });
  if (args.eventDataStore !== undefined) list.push({ kind: "cloudtrail-event-data-store", ...args.eventDataStore });
  if (args.config !== undefined) {
    const { mode, accounts, sourceRegions } = args.config;
    if (mode === ConfigRoleMode.IamRole) {
      if (sourceRegions !== undefined) {
        throw new Error(
          'config.sourceRegions applies to mode "service-linked-role" only: with an IAM role the key grants the ' +
            "account principal. Remove it or change config.mode.",
        );
      }
      list.push({ kind: "config-iam-role", accounts });
    } else if (mode === ConfigRoleMode.ServiceLinkedRole) {
      list.push({ kind: "config-service-linked-role", sourceAccounts: accounts, sourceRegions });
    } else {
      throw new Error(`config.mode ${JSON.stringify(mode)}: use "service-linked-role" or "iam-role".`);
    }
  }
  if (args.controlTower !== undefined) {
    const { configSourceAccounts, integrations } = args.controlTower;
    const parts =
      integrations !== undefined ? controlTowerParts(integrations, configSourceAccounts !== undefined) : undefined;
    list.push({ kind: "control-tower", configSourceAccounts, ...(parts !== undefined ? { parts } : {}) });
  }
  for (const grant of args.serviceGrants ?? []) list.push({ kind: "service-grant", ...grant });
  return list;
}

/**
 * The catalog's Control Tower statements for the manifest sections a key serves (landing zone 4.0).
 * Throws, naming `field`, on an empty list, an unknown section, or Config source accounts for a key
 * that has no Config statement.
 */
export function controlTowerParts(
  integrations: readonly unknown[],
  configSourceAccountsGiven: boolean,
  field = "controlTower.integrations",
): ControlTowerPart[] {
  if (!Array.isArray(integrations) || integrations.length === 0) {
    throw new Error(`${field} is empty: list "centralizedLogging", "config" or both, or omit it for both.`);
  }
  const parts = integrations.map((integration): ControlTowerPart => {
    if (integration === LandingZoneKeyIntegration.CentralizedLogging) return "cloudtrail";
    if (integration === LandingZoneKeyIntegration.Config) return "config";
    throw new Error(
      `${field}: ${JSON.stringify(integration)} is not a landing zone integration with a key statement: ` +
        'use "centralizedLogging" (AWS CloudTrail) or "config" (AWS Config).',
    );
  });
  if (configSourceAccountsGiven && !parts.includes("config")) {
    throw new Error(
      `configSourceAccounts pins the AWS Config statement, but the key serves centralizedLogging (AWS CloudTrail) ` +
        `only. Remove configSourceAccounts, or add "config" to ${field}.`,
    );
  }
  return parts;
}

/**
 * A symmetric, single-Region (unless asked), rotating KMS key for audit logs, with a key policy
 * rendered from the catalog. Outputs the key's ARN, id and alias and the rendered policy document;
 * in TypeScript also the `aws.kms.Key`, the AWS context and the plans the policy was rendered from
 * (whose probes say what the policy must allow and deny).
 */
export class AuditKey extends pulumi.ComponentResource {
  /** The key's ARN. Pass it as `keyArn` to the components that encrypt with the key. */
  readonly arn: pulumi.Output<string>;
  /** The key's id. */
  readonly keyId: pulumi.Output<string>;
  /** `alias/NAME`, or undefined without an alias. */
  readonly aliasName: pulumi.Output<string | undefined>;
  /** The rendered key policy document (JSON), known at preview. */
  readonly policy: pulumi.Output<string>;

  /** Whether `value` is an `AuditKey`, also across copies of this package. */
  static override isInstance(value: unknown): value is AuditKey {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[AUDIT_KEY_BRAND] === true;
  }

  /** Creates the key; its policy is rendered after this synchronous turn. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: AuditKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AUDIT_KEY_TYPE, name, {}, opts);
    Object.defineProperty(this, AUDIT_KEY_BRAND, { value: true });
    const label = componentLabel("AuditKey", name);
    const state: AuditKeyState = {
      label,
      declarations: [],
      preconditions: [],
      sealed: false,
      context: awsContext(this),
    };
    states.set(this, state);
    if (typeof args.alias === "string") {
      const problem = aliasProblem(args.alias);
      if (problem !== undefined) throw configurationError(label, `alias: ${problem}`, this);
    }
    let integrations: KeyIntegration[];
    try {
      integrations = integrationsOf(args);
    } catch (error) {
      throw configurationError(label, messageOf(error), this);
    }
    for (const integration of integrations) this.addIntegration(integration, ARGUMENTS);

    const sealed = new Promise<KeyIntegration[]>((resolve) =>
      setImmediate(() => {
        state.sealed = true;
        resolve(state.declarations.map((d) => d.integration));
      }),
    );
    const rendered = pulumi
      .all([state.context, pulumi.output(sealed), pulumi.output(args.extraStatements ?? [])])
      .apply(([context, declared, extra]) =>
        pulumi.all(state.preconditions.map((check) => check(context))).apply((results) => {
          const problems = results.filter((r): r is string => r !== undefined);
          // Reported as written: a precondition's message names its component (e.g. LandingZoneKey).
          if (problems.length > 0) throw new pulumi.ResourceError(problems.join(" "), this);
          let result: RenderedKeyPolicy;
          try {
            result = renderKeyPolicy(context, declared, extra);
          } catch (error) {
            throw configurationError(label, messageOf(error), this);
          }
          const verification = verifyKeyPolicy(result);
          if (verification.errors.length > 0) {
            throw configurationError(
              label,
              `the key policy would not let an integration do its documented job (check extraStatements):\n` +
                verification.errors.join("\n"),
              this,
            );
          }
          for (const warning of verification.warnings) {
            pulumi.log.warn(
              `${label}: the key policy does not do what its plans expect (check extraStatements):\n${warning}`,
              this,
            );
          }
          return result;
        }),
      );
    this.policy = rendered.apply((r) => r.json);
    state.plans = rendered.apply((r) => r.plans);

    const key = new aws.kms.Key(
      name,
      {
        description: args.description ?? `Audit log key ${name} (pulumi-kms-guardrails)`,
        policy: this.policy,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        isEnabled: true,
        enableKeyRotation: true,
        rotationPeriodInDays: args.rotationPeriodInDays,
        multiRegion: args.multiRegion ?? false,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        // The policy always enables IAM policies for the owning account (seed 004): never bypass.
        bypassPolicyLockoutSafetyCheck: false,
        tags: args.tags,
      },
      { parent: this },
    );
    state.key = key;
    this.arn = key.arn;
    this.keyId = key.keyId;
    byArnOutput.set(this.arn, this);
    this.arn.apply((arn) => byArnValue.set(arn, this));
    if (args.alias !== undefined) {
      state.alias = new aws.kms.Alias(
        `${name}-alias`,
        { name: pulumi.output(args.alias).apply(aliasName), targetKeyId: key.keyId },
        { parent: this },
      );
      this.aliasName = state.alias.name.apply((n): string | undefined => n);
    } else {
      this.aliasName = pulumi.output(undefined);
    }
    this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName, policy: this.policy });
  }

  /** The KMS key. */
  get key(): aws.kms.Key {
    return stateOf(this).key as aws.kms.Key;
  }

  /** The alias, when `alias` was given. */
  get alias(): aws.kms.Alias | undefined {
    return stateOf(this).alias;
  }

  /** The catalog plans the policy was rendered from, in policy order after the user's statements. */
  get plans(): pulumi.Output<IntegrationPlan[]> {
    return stateOf(this).plans as pulumi.Output<IntegrationPlan[]>;
  }

  /** Account, Region and partition of the key. */
  get context(): pulumi.Output<AwsContext> {
    return stateOf(this).context;
  }

  /** The kinds of integration declared so far. */
  get integrationKinds(): readonly KeyIntegration["kind"][] {
    return stateOf(this).declarations.map((d) => d.integration.kind);
  }

  /** Whether the key policy is rendered: integrations and preconditions can no longer be added. */
  get sealed(): boolean {
    return stateOf(this).sealed;
  }

  /**
   * Declares that `requester` (e.g. `EncryptedTrail 'audit'`) needs `integration` in the key policy.
   * Must run in the synchronous turn that constructed the key; throws a `pulumi.ResourceError`
   * saying what to change when it does not, when the values known now are invalid, or when the
   * integration cannot share this key (a trail and an event data store).
   */
  addIntegration(integration: KeyIntegration, requester: string): void {
    const state = stateOf(this);
    if (state.sealed) {
      throw configurationError(
        state.label,
        `${requester} declared what it needs from the key after the key policy was rendered (at the end of ` +
          "the synchronous turn that constructed the key). Construct it right after the AuditKey, before any " +
          `await; or list the integration in the AuditKey's arguments (${hintFor(integration)}) and pass the ` +
          "key to it by ARN.",
        this,
      );
    }
    const conflict = integrationConflict([...this.integrationKinds, integration.kind]);
    const problems = integrationProblems(integration);
    if (conflict !== undefined) problems.unshift(conflict);
    if (problems.length > 0) {
      const from = requester === ARGUMENTS ? "" : `${requester}: `;
      throw configurationError(state.label, `${from}${problems.join(" ")}`, this);
    }
    state.declarations.push({ integration, requester });
  }

  /**
   * Adds a check on the account, Region and partition, run before the policy is rendered (e.g. the
   * landing zone's management account). Same timing rule as `addIntegration`.
   */
  addPrecondition(check: KeyPrecondition, requester: string): void {
    const state = stateOf(this);
    if (state.sealed) {
      throw configurationError(
        state.label,
        `${requester} added a precondition after the key policy was rendered.`,
        this,
      );
    }
    state.preconditions.push(check);
  }
}

/** The AuditKey argument that carries `integration`, for messages. */
function hintFor(integration: KeyIntegration): string {
  switch (integration.kind) {
    case "key-administrators":
      return "`administrators`";
    case "key-users":
      return "`users`";
    case "cloudtrail-trail":
      return "`cloudTrail: { trails: [...] }`";
    case "cloudtrail-event-data-store":
      return "`eventDataStore: {}`";
    case "config-iam-role":
      return '`config: { mode: "iam-role" }`';
    case "config-service-linked-role":
      return '`config: { mode: "service-linked-role" }`';
    case "control-tower":
      return "`controlTower: {}`";
    case "cloudwatch-logs":
      return "none: construct the EncryptedTrail with `cloudWatchLogs` in the same turn as the key";
    case "service-grant":
      return "`serviceGrants: [...]`";
  }
}
