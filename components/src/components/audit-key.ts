/**
 * `AuditKey`: a customer managed KMS key for audit logs whose key policy is assembled from the
 * catalog. Persona inputs (administrators, users, log readers) and integrations (trails, an event
 * data store, AWS Config, Control Tower, service grants) become catalog plans; the user's own
 * statements go first and verbatim.
 *
 * Components that use the key declare what they need with `addIntegration`. The policy is rendered
 * once, after the synchronous turn that constructed the key (`setImmediate`); a declaration after
 * that is an error saying what to do. Why this and not "list every need in the key's arguments":
 * the one-line case (`new EncryptedTrail("audit", { key })`) then needs no repetition of the trail's
 * name, and the rendered policy is still one plain value, fully known at preview, that the policy
 * pack can check. Programs that must `await` between the key and its users list the integration in
 * the key's arguments instead (`cloudTrail`, `config`, ...).
 *
 * The rendered policy is then evaluated by the engine against every plan's probes: a statement of
 * the user's that stops an AWS service's documented job is an error at preview (the service would
 * fail at deploy time); one that lets a confused deputy through, or denies a persona, is a warning.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { IntegrationPlan } from "../catalog";
import { awsContext, type AwsContext } from "./aws-context";
import { componentLabel, configurationError, messageOf } from "./errors";
import { integrationProblems } from "./key-integration-problems";
import { renderKeyPolicy, verifyKeyPolicy } from "./key-policy-render";
import {
  integrationConflict,
  type ConfigIamRoleIntegration,
  type ConfigServiceLinkedRoleIntegration,
  type ControlTowerIntegration,
  type EventDataStoreIntegration,
  type KeyIntegration,
  type RenderedKeyPolicy,
  type ServiceGrantIntegration,
  type TrailIntegration,
} from "./key-integrations";
import { aliasName, aliasProblem } from "./names";

/** Pulumi type token of `AuditKey`. */
export const AUDIT_KEY_TYPE = "pulumi-kms-guardrails:index:AuditKey";

const AUDIT_KEY_BRAND = Symbol.for("pulumi-kms-guardrails.AuditKey");

/**
 * A check on where the key is being created, run before its policy is rendered; returns what is
 * wrong, or undefined. A message fails the deployment at preview, before the key exists; it is
 * reported as written, so it should name the component that asked for the check.
 */
export type KeyPrecondition = (context: AwsContext) => pulumi.Input<string | undefined>;

/** How AWS Config delivers with the key (seed 000). */
export type ConfigKeyGrant =
  | ({ readonly mode: "iam-role" } & Omit<ConfigIamRoleIntegration, "kind">)
  | ({ readonly mode: "service-linked-role" } & Omit<ConfigServiceLinkedRoleIntegration, "kind">);

/** Arguments of `AuditKey`. Everything is optional: the bare key enables IAM policies and nothing else. */
export interface AuditKeyArgs {
  /** Default: `Audit log key <name> (pulumi-kms-guardrails)`. */
  readonly description?: pulumi.Input<string>;
  /** An alias, `NAME` or `alias/NAME`. Default: none (aliases are unique per account and Region). */
  readonly alias?: pulumi.Input<string>;
  /** IAM roles or users that manage the key (not use it). */
  readonly administrators?: pulumi.Input<pulumi.Input<string>[]>;
  /** IAM roles or users that use the key directly for cryptographic operations. */
  readonly users?: pulumi.Input<pulumi.Input<string>[]>;
  /** CloudTrail trails (by name or ARN, several accounts allowed), log readers, cross-account readers. */
  readonly cloudTrail?: Omit<TrailIntegration, "kind">;
  /** A CloudTrail Lake event data store; cannot share a key with trails (seed 003). */
  readonly eventDataStore?: Omit<EventDataStoreIntegration, "kind">;
  /** AWS Config delivery through an IAM role or the service-linked role. */
  readonly config?: ConfigKeyGrant;
  /** The Control Tower landing zone statements (seed 002); prefer `LandingZoneKey`. */
  readonly controlTower?: Omit<ControlTowerIntegration, "kind">;
  /** Principals that use the key through one service (`kms:ViaService`, seed 001). */
  readonly serviceGrants?: readonly Omit<ServiceGrantIntegration, "kind">[];
  /**
   * Statements written into the policy first, exactly as given: never altered or reordered (seed 003:
   * "When you add the new sections to your KMS key policy, do not change any existing sections").
   */
  readonly extraStatements?: pulumi.Input<pulumi.Input<Record<string, unknown>>[]>;
  /** A multi-Region primary key. Default false: single-Region. */
  readonly multiRegion?: boolean;
  /** Days before a deleted key is destroyed, 7 to 30. Default 30. */
  readonly deletionWindowInDays?: pulumi.Input<number>;
  /** Rotation period in days, 90 to 2560. Rotation is always on; default period 365. */
  readonly rotationPeriodInDays?: pulumi.Input<number>;
  /** Checks on the account, Region and partition, run before the policy is rendered. */
  readonly preconditions?: readonly KeyPrecondition[];
  /** Tags of the key. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

interface Declaration {
  readonly integration: KeyIntegration;
  readonly requester: string;
}

/** The integrations `args` asks for, in argument order. */
function integrationsOf(args: AuditKeyArgs): KeyIntegration[] {
  const list: KeyIntegration[] = [];
  if (args.administrators !== undefined) list.push({ kind: "key-administrators", principals: args.administrators });
  if (args.users !== undefined) list.push({ kind: "key-users", principals: args.users });
  if (args.cloudTrail !== undefined) list.push({ kind: "cloudtrail-trail", ...args.cloudTrail });
  if (args.eventDataStore !== undefined) list.push({ kind: "cloudtrail-event-data-store", ...args.eventDataStore });
  if (args.config !== undefined) {
    const { mode, ...rest } = args.config;
    list.push(
      mode === "iam-role" ? { kind: "config-iam-role", ...rest } : { kind: "config-service-linked-role", ...rest },
    );
  }
  if (args.controlTower !== undefined) list.push({ kind: "control-tower", ...args.controlTower });
  for (const grant of args.serviceGrants ?? []) list.push({ kind: "service-grant", ...grant });
  return list;
}

/**
 * A symmetric, single-Region (unless asked), rotating KMS key for audit logs, with a key policy
 * rendered from the catalog. Exposes the key, its ARN and alias, the rendered policy document and
 * the plans it was rendered from (whose probes say what the policy must allow and deny).
 */
export class AuditKey extends pulumi.ComponentResource {
  /** The KMS key. */
  readonly key: aws.kms.Key;
  /** The key's ARN. */
  readonly arn: pulumi.Output<string>;
  /** The key's id. */
  readonly keyId: pulumi.Output<string>;
  /** The alias, when `alias` was given. */
  readonly alias?: aws.kms.Alias;
  /** `alias/NAME`, or undefined without an alias. */
  readonly aliasName: pulumi.Output<string | undefined>;
  /** The rendered key policy document (JSON), known at preview. */
  readonly policy: pulumi.Output<string>;
  /** The catalog plans the policy was rendered from, in policy order after the user's statements. */
  readonly plans: pulumi.Output<IntegrationPlan[]>;
  /** Account, Region and partition of the key. */
  readonly context: pulumi.Output<AwsContext>;

  private readonly label: string;
  private readonly declarations: Declaration[] = [];
  private sealed = false;
  private readonly [AUDIT_KEY_BRAND] = true;

  /** Whether `value` is an `AuditKey`, also across copies of this package. */
  static override isInstance(value: unknown): value is AuditKey {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[AUDIT_KEY_BRAND] === true;
  }

  /** Creates the key; its policy is rendered after this synchronous turn. Throws a `pulumi.ResourceError` on a misconfiguration. */
  constructor(name: string, args: AuditKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(AUDIT_KEY_TYPE, name, {}, opts);
    this.label = componentLabel("AuditKey", name);
    if (typeof args.alias === "string") {
      const problem = aliasProblem(args.alias);
      if (problem !== undefined) throw configurationError(this.label, `alias: ${problem}`, this);
    }
    for (const integration of integrationsOf(args)) this.addIntegration(integration, `${this.label} (arguments)`);

    this.context = awsContext(this);
    const sealed = new Promise<KeyIntegration[]>((resolve) =>
      setImmediate(() => {
        this.sealed = true;
        resolve(this.declarations.map((d) => d.integration));
      }),
    );
    const preconditions = args.preconditions ?? [];
    const rendered = pulumi
      .all([this.context, pulumi.output(sealed), pulumi.output(args.extraStatements ?? [])])
      .apply(([context, integrations, extra]) =>
        pulumi.all(preconditions.map((check) => check(context))).apply((results) => {
          const problems = results.filter((r): r is string => r !== undefined);
          // Reported as written: a precondition's message names its component (e.g. LandingZoneKey).
          if (problems.length > 0) throw new pulumi.ResourceError(problems.join(" "), this);
          let result: RenderedKeyPolicy;
          try {
            result = renderKeyPolicy(context, integrations, extra);
          } catch (error) {
            throw configurationError(this.label, messageOf(error), this);
          }
          const verification = verifyKeyPolicy(result);
          if (verification.errors.length > 0) {
            throw configurationError(
              this.label,
              `the key policy would not let an integration do its documented job (check extraStatements):\n` +
                verification.errors.join("\n"),
              this,
            );
          }
          for (const warning of verification.warnings) {
            pulumi.log.warn(
              `${this.label}: the key policy does not do what its plans expect (check extraStatements):\n${warning}`,
              this,
            );
          }
          return result;
        }),
      );
    this.policy = rendered.apply((r) => r.json);
    this.plans = rendered.apply((r) => r.plans);

    this.key = new aws.kms.Key(
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
    this.arn = this.key.arn;
    this.keyId = this.key.keyId;
    if (args.alias !== undefined) {
      this.alias = new aws.kms.Alias(
        `${name}-alias`,
        { name: pulumi.output(args.alias).apply(aliasName), targetKeyId: this.key.keyId },
        { parent: this },
      );
      this.aliasName = this.alias.name.apply((n): string | undefined => n);
    } else {
      this.aliasName = pulumi.output(undefined);
    }
    this.registerOutputs({ arn: this.arn, keyId: this.keyId, aliasName: this.aliasName, policy: this.policy });
  }

  /** The kinds of integration declared so far. */
  get integrationKinds(): readonly KeyIntegration["kind"][] {
    return this.declarations.map((d) => d.integration.kind);
  }

  /**
   * Declares that `requester` (e.g. `EncryptedTrail 'audit'`) needs `integration` in the key policy.
   * Must run in the synchronous turn that constructed the key; throws a `pulumi.ResourceError`
   * saying what to change when it does not, when the values known now are invalid, or when the
   * integration cannot share this key (a trail and an event data store, seed 003).
   */
  addIntegration(integration: KeyIntegration, requester: string): void {
    if (this.sealed) {
      throw configurationError(
        this.label,
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
      throw configurationError(this.label, `${requester}: ${problems.join(" ")}`, this);
    }
    this.declarations.push({ integration, requester });
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
    case "service-grant":
      return "`serviceGrants: [...]`";
  }
}
