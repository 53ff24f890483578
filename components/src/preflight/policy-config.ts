/**
 * Turns a `--policy-pack-config` file into the per-policy config the CLI sends in `Configure`:
 * every policy gets an entry; its level is the first of (its own entry, `all`, the pack's initial config,
 * the policy's default); its properties are the schema defaults overlaid by the initial config and by
 * the file. A name that is not a policy of the pack is an error rather than a silently ignored typo.
 */
import { isWireObject, toWireObject, type WireObject } from "./proto-values";
import {
  isEnforcementLevel,
  type AnalyzerInfo,
  type EnforcementLevel,
  type PolicyConfigEntry,
  type PolicyInfo,
  type PolicyPackConfig,
  type ResolvedPolicyConfig,
} from "./types";

function splitEntry(key: string, entry: PolicyConfigEntry): { level?: EnforcementLevel; properties: WireObject } {
  if (typeof entry === "string") {
    if (!isEnforcementLevel(entry)) throw new Error(`policy config "${key}": unknown enforcement level "${entry}"`);
    return { level: entry, properties: {} };
  }
  if (!isWireObject(entry)) throw new Error(`policy config "${key}": expected a level or an object`);
  const { enforcementLevel, ...rest } = entry;
  if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
    throw new Error(`policy config "${key}": unknown enforcement level "${String(enforcementLevel)}"`);
  }
  return { level: enforcementLevel, properties: toWireObject(rest, key) };
}

function schemaDefaults(policy: PolicyInfo): WireObject {
  const defaults: WireObject = {};
  for (const [name, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (isWireObject(schema) && schema["default"] !== undefined) defaults[name] = schema["default"];
  }
  return defaults;
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number",
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === "boolean",
  array: (v) => Array.isArray(v),
  object: (v) => isWireObject(v),
};

/** The checks the CLI's JSON-schema validation would fail first on: missing required and wrong top-level types. */
function validate(policy: PolicyInfo, properties: WireObject): void {
  const schema = policy.configSchema;
  if (!schema) return;
  for (const name of schema.required) {
    if (!(name in properties)) throw new Error(`policy config "${policy.name}": "${name}" is required`);
  }
  for (const [name, value] of Object.entries(properties)) {
    const propSchema = schema.properties[name];
    const type = isWireObject(propSchema) ? propSchema["type"] : undefined;
    if (typeof type === "string" && JSON_TYPES[type] && !JSON_TYPES[type](value)) {
      throw new Error(`policy config "${policy.name}": "${name}" must be of type ${type}`);
    }
  }
}

export function resolvePolicyConfig(
  info: AnalyzerInfo,
  config: PolicyPackConfig = {},
): Record<string, ResolvedPolicyConfig> {
  const names = new Set(info.policies.map((p) => p.name));
  for (const key of Object.keys(config)) {
    if (key !== "all" && !names.has(key)) {
      throw new Error(`policy config names "${key}", which is not a policy of pack ${info.name}`);
    }
  }
  const all = config["all"] === undefined ? undefined : splitEntry("all", config["all"]).level;
  const initialAll = info.initialConfig["all"]?.enforcementLevel;
  const resolved: Record<string, ResolvedPolicyConfig> = {};
  for (const policy of info.policies) {
    const initial = info.initialConfig[policy.name];
    const own = config[policy.name] === undefined ? undefined : splitEntry(policy.name, config[policy.name]);
    const properties = { ...schemaDefaults(policy), ...initial?.properties, ...own?.properties };
    validate(policy, properties);
    resolved[policy.name] = {
      enforcementLevel: own?.level ?? all ?? initial?.enforcementLevel ?? initialAll ?? policy.enforcementLevel,
      properties,
    };
  }
  return resolved;
}
