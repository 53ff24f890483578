/**
 * Runs the pack's policies the way @pulumi/policy's server does (server.js 1.21,
 * `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`), without a gRPC server: properties go through
 * a protobuf `Struct` and the real `deserializeProperties` (so secrets and unknown sentinels look as
 * they do on the wire), are wrapped in `unknownCheckingProxy`, `reportViolation` accepts a string
 * or an object, the enforcement level is the configured one, else the policy's, else the pack's,
 * an `UnknownValueError` becomes the server's advisory, and `notApplicable` is recorded.
 */
import {
  UnknownValueError,
  unknownCheckingProxy,
  type EnforcementLevel,
  type PolicyResource,
  type ReportViolation,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";
import * as deserializeModule from "@pulumi/policy/deserialize";
import * as structModule from "google-protobuf/google/protobuf/struct_pb";
import { PACK_ENFORCEMENT_LEVEL } from "../../policypack/config";
import { policies } from "../../policypack/policies";

type Deserialize = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;
const deserializeProperties = (deserializeModule as unknown as { deserializeProperties: Deserialize })
  .deserializeProperties;
const Struct = structModule.Struct;

/** The unknown sentinel of a string value, as the engine sends it in preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The sentinel of an unknown object or array value. */
export const UNKNOWN_OBJECT = "dd056dcd-154b-4c76-9bd3-c8f88648b5ff";
/** The wire form of a secret (`4dabf18193072939515e22adb298388d` is rpc.ts `specialSecretSig`). */
export function secret(value: unknown): unknown {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}

export interface TestResource {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  /** Defaults to `urn:pulumi:test::kms::TYPE::NAME`. */
  readonly urn?: string;
  /** Property -> names (or URNs) of the resources its value came from. */
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  readonly providerRegion?: string;
  /** More properties of the resource's AWS provider (`allowedAccountIds`, ...). */
  readonly providerProps?: Readonly<Record<string, unknown>>;
}

export interface Reported {
  readonly policy: string;
  readonly level: EnforcementLevel;
  readonly message: string;
  readonly urn?: string;
}

export interface RunOptions {
  /** Per-policy configuration as `--policy-pack-config` gives it: a level, or properties with `enforcementLevel`. */
  readonly config?: Readonly<Record<string, EnforcementLevel | Record<string, unknown>>>;
  /** Share deserialized properties across policies, as policypack/server-cache.ts does. Default true. */
  readonly shareDeserialized?: boolean;
}

export function urnOf(r: TestResource): string {
  return r.urn ?? `urn:pulumi:test::kms::${r.type}::${r.name}`;
}

function levelFor(policyName: string, own: EnforcementLevel | undefined, options: RunOptions): EnforcementLevel {
  const configured = options.config?.[policyName];
  const level =
    typeof configured === "string" ? configured : (configured?.enforcementLevel as EnforcementLevel | undefined);
  const resolved = level ?? own ?? PACK_ENFORCEMENT_LEVEL;
  return resolved === "remediate" ? "mandatory" : resolved;
}

function configFor(policyName: string, options: RunOptions): Record<string, unknown> {
  const configured = options.config?.[policyName];
  if (configured === undefined || typeof configured === "string") return {};
  const { enforcementLevel: _level, ...properties } = configured;
  return properties;
}

class NotApplicable extends Error {}

function collect(policyName: string, level: EnforcementLevel, out: Reported[]): ReportViolation {
  const report = (
    message: string | { message?: string; urn?: string; enforcementLevel?: EnforcementLevel },
    urn?: string,
  ): void => {
    if (typeof message === "object") {
      out.push({
        policy: policyName,
        level: message.enforcementLevel ?? level,
        message: message.message ?? "",
        ...(message.urn !== undefined ? { urn: message.urn } : {}),
      });
    } else {
      out.push({ policy: policyName, level, message, ...(urn !== undefined ? { urn } : {}) });
    }
  };
  return report as ReportViolation;
}

function deserialize(props: Record<string, unknown>): Record<string, unknown> {
  // The wire has no `undefined`: drop it the way the SDK's serializer does.
  props = JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
  return deserializeProperties(Struct.fromJavaScript(props as Record<string, structModule.JavaScriptValue>), false);
}

const isResourcePolicy = (p: unknown): p is ResourceValidationPolicy =>
  typeof p === "object" && p !== null && "validateResource" in p;
const isStackPolicy = (p: unknown): p is StackValidationPolicy =>
  typeof p === "object" && p !== null && "validateStack" in p;

function recordUnknown(e: unknown, policyName: string, out: Reported[]): void {
  if (e instanceof UnknownValueError) {
    out.push({
      policy: policyName,
      level: "advisory",
      message: `can't run policy '${policyName}' during preview: ${String((e as { message?: unknown }).message)}`,
    });
  } else if (!(e instanceof NotApplicable)) {
    throw e;
  }
}

/** Analyze: every resource policy on one resource. */
export async function analyze(resource: TestResource, options: RunOptions = {}, only?: string): Promise<Reported[]> {
  const out: Reported[] = [];
  const shared = deserialize(resource.props);
  for (const p of policies) {
    if (!isResourcePolicy(p) || (only !== undefined && p.name !== only)) continue;
    const level = levelFor(p.name, p.enforcementLevel, options);
    if (level === "disabled" || p.validateResource === undefined) continue;
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
    for (const validate of validations) {
      const props = unknownCheckingProxy(options.shareDeserialized === false ? deserialize(resource.props) : shared);
      try {
        await validate(
          {
            type: resource.type,
            props,
            urn: urnOf(resource),
            name: resource.name,
            opts: {
              protect: false,
              ignoreChanges: [],
              aliases: [],
              customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
              additionalSecretOutputs: [],
            },
            stackTags: new Map(),
            isType: () => false,
            asType: () => undefined,
            getConfig: <T extends object>() => configFor(p.name, options) as T,
            notApplicable: (reason?: string): never => {
              throw new NotApplicable(reason);
            },
          },
          collect(p.name, level, out),
        );
      } catch (e) {
        recordUnknown(e, p.name, out);
      }
    }
  }
  return out;
}

function policyResources(
  resources: readonly TestResource[],
  shared: Map<TestResource, Record<string, unknown>> | undefined,
): PolicyResource[] {
  const byName = new Map<string, PolicyResource>();
  const built = resources.map((r): PolicyResource => {
    const props = unknownCheckingProxy(shared?.get(r) ?? deserialize(r.props));
    const resource: PolicyResource = {
      type: r.type,
      props,
      urn: urnOf(r),
      name: r.name,
      opts: {
        protect: false,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
      },
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
      ...(r.providerRegion !== undefined || r.providerProps !== undefined
        ? {
            provider: {
              type: "pulumi:providers:aws",
              name: "default",
              urn: "urn:pulumi:test::kms::pulumi:providers:aws::default",
              props: unknownCheckingProxy({
                ...(r.providerRegion !== undefined ? { region: r.providerRegion } : {}),
                ...r.providerProps,
              }),
            },
          }
        : {}),
    };
    byName.set(r.name, resource);
    byName.set(resource.urn, resource);
    return resource;
  });
  resources.forEach((r, i) => {
    for (const [field, names] of Object.entries(r.propertyDependencies ?? {})) {
      built[i].propertyDependencies[field] = names
        .map((n) => byName.get(n))
        .filter((d): d is PolicyResource => d !== undefined);
    }
  });
  return built;
}

/** AnalyzeStack: every stack policy over all resources. */
export async function analyzeStack(
  resources: readonly TestResource[],
  options: RunOptions = {},
  only?: string,
): Promise<Reported[]> {
  const out: Reported[] = [];
  const shared =
    options.shareDeserialized === false ? undefined : new Map(resources.map((r) => [r, deserialize(r.props)]));
  for (const p of policies) {
    if (!isStackPolicy(p) || (only !== undefined && p.name !== only)) continue;
    const level = levelFor(p.name, p.enforcementLevel, options);
    if (level === "disabled") continue;
    try {
      await p.validateStack(
        {
          resources: policyResources(resources, shared),
          stackTags: new Map(),
          getConfig: <T extends object>() => configFor(p.name, options) as T,
          notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
          },
        },
        collect(p.name, level, out),
      );
    } catch (e) {
      recordUnknown(e, p.name, out);
    }
  }
  return out;
}

/** The whole pack as a preview runs it: Analyze on every resource, then AnalyzeStack. */
export async function runPack(resources: readonly TestResource[], options: RunOptions = {}): Promise<Reported[]> {
  const out: Reported[] = [];
  for (const r of resources) {
    for (const d of await analyze(r, options)) out.push({ ...d, urn: d.urn ?? urnOf(r) });
  }
  out.push(...(await analyzeStack(resources, options)));
  return out;
}

export const mandatory = (reported: readonly Reported[]): Reported[] => reported.filter((r) => r.level === "mandatory");
export const advisory = (reported: readonly Reported[]): Reported[] => reported.filter((r) => r.level === "advisory");

/** `rule@level` per report, sorted and unique: the shape stack expectations are written in. */
export function summary(reported: readonly Reported[]): string[] {
  return [...new Set(reported.map((r) => `${r.policy}@${r.level}`))].sort();
}

export function ids(reported: readonly Reported[]): string[] {
  return [...new Set(reported.map((r) => r.policy))].sort();
}
