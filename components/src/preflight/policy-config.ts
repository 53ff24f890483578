/**
 * A `--policy-pack-config` file, validated and reconciled into the per-policy config the CLI sends in
 * `Configure`. One entry point: {@link resolvePolicyConfig}; a bad file is one {@link PolicyPackConfigError}
 * listing every problem.
 *
 * Validation is the Pulumi CLI's (ReconcilePolicyPackConfig): each policy's resulting properties against
 * `{type: "object", properties: <the policy's configSchema.properties>, required: <its required>}`, with a
 * JSON-schema validator (Ajv), so patterns, types, items and required all count. Two things are stricter
 * than the CLI, because each silently leaves a rule unconfigured there: a policy name the pack does not
 * have, and a property the policy's schema does not list (`additionalProperties: false`).
 *
 * Exemptions (the `exemptions` option of this project's pack) are checked by the pack's own validation
 * (governance/exemptions.ts) rather than by Ajv: it names the field and tells a date that does not exist
 * (2027-02-30) from one that does, which a schema pattern cannot.
 *
 * Reconciliation: every policy gets an entry; its level is the first of (its own entry, `all`, the pack's
 * initial config, the policy's default); its properties are the schema defaults overlaid by the initial
 * config and by the file.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { ALL_CANNOT_EXEMPT, exemptionErrors } from "../governance/exemptions";
import { isWireObject, toWireObject, type WireObject } from "./proto-values";
import {
  ENFORCEMENT_LEVEL_WIRE,
  isEnforcementLevel,
  type AnalyzerInfo,
  type EnforcementLevel,
  type PolicyConfigEntry,
  type PolicyInfo,
  type PolicyPackConfig,
  type ResolvedPolicyConfig,
} from "./types";

const LEVELS = Object.keys(ENFORCEMENT_LEVEL_WIRE).join(", ");

/** The file is not valid for the pack: `problems` has one line per mistake, each naming the policy. */
export class PolicyPackConfigError extends Error {
  constructor(
    readonly problems: readonly string[],
    source = "policy pack config",
  ) {
    super(`${source} is invalid:\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.name = "PolicyPackConfigError";
  }
}

/** The schema the CLI validates a policy's properties against, closed to properties it does not list. */
export function policyConfigSchema(policy: PolicyInfo): Record<string, unknown> {
  return {
    type: "object",
    properties: policy.configSchema?.properties ?? {},
    ...(policy.configSchema?.required.length ? { required: policy.configSchema.required } : {}),
    additionalProperties: false,
  };
}

const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<PolicyInfo, ValidateFunction>();

function validatorOf(policy: PolicyInfo): ValidateFunction {
  let validate = compiled.get(policy);
  if (!validate) {
    validate = ajv.compile(policyConfigSchema(policy));
    compiled.set(policy, validate);
  }
  return validate;
}

/** `trustedAccounts[0]` from Ajv's `/trustedAccounts/0`. */
function propertyPath(instancePath: string): string {
  return instancePath
    .split("/")
    .slice(1)
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "");
}

/** One Ajv error as a sentence naming the property, the value and what is valid. */
function describeError(policy: PolicyInfo, error: ErrorObject, value: unknown): string {
  const at = propertyPath(error.instancePath);
  const subject = at ? `"${at}"` : "its configuration";
  const shown = JSON.stringify(value);
  const params = error.params as Record<string, unknown>;
  const valid = Object.keys(policy.configSchema?.properties ?? {});
  switch (error.keyword) {
    case "additionalProperties":
      return (
        `"${policy.name}": unknown property "${[at, params["additionalProperty"]].filter(Boolean).join(".")}"; ` +
        (valid.length > 0 ? `valid properties: ${valid.join(", ")}` : "this policy takes no properties") +
        " (and enforcementLevel)"
      );
    case "required":
      return `"${policy.name}": "${String(params["missingProperty"])}" is required`;
    case "pattern":
      return `"${policy.name}": ${subject} is ${shown}, which does not match ${String(params["pattern"])}`;
    case "enum":
      return `"${policy.name}": ${subject} is ${shown}; valid values: ${(params["allowedValues"] as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `"${policy.name}": ${subject} is ${shown}, not of type ${String(params["type"])}`;
    default:
      return `"${policy.name}": ${subject} ${error.message ?? "is invalid"} (${shown})`;
  }
}

function valueAt(root: unknown, instancePath: string): unknown {
  let value = root;
  for (const part of instancePath.split("/").slice(1)) {
    value = (value as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return value;
}

function splitEntry(
  key: string,
  entry: PolicyConfigEntry,
  problems: string[],
): { level?: EnforcementLevel; properties: WireObject } {
  if (typeof entry === "string") {
    if (isEnforcementLevel(entry)) return { level: entry, properties: {} };
    problems.push(`"${key}": unknown enforcement level "${entry}"; valid levels: ${LEVELS}`);
    return { properties: {} };
  }
  if (!isWireObject(entry)) {
    problems.push(`"${key}": ${JSON.stringify(entry)} is neither an enforcement level (${LEVELS}) nor an object`);
    return { properties: {} };
  }
  const { enforcementLevel, ...rest } = entry;
  if (enforcementLevel !== undefined && !isEnforcementLevel(enforcementLevel)) {
    problems.push(`"${key}": unknown enforcementLevel ${JSON.stringify(enforcementLevel)}; valid levels: ${LEVELS}`);
    return { properties: toWireObject(rest, key) };
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

/**
 * Validates `config` against the pack's policies (from GetAnalyzerInfo: the pack's own metadata) and
 * returns what `Configure` sends for every policy. Throws a {@link PolicyPackConfigError}.
 */
export function resolvePolicyConfig(
  info: AnalyzerInfo,
  config: PolicyPackConfig = {},
  source?: string,
): Record<string, ResolvedPolicyConfig> {
  const problems: string[] = [];
  const names = new Set(info.policies.map((p) => p.name));
  for (const key of Object.keys(config)) {
    if (key !== "all" && !names.has(key)) {
      problems.push(
        `"${key}" is not a policy of pack ${info.name}; its policies: all, ${[...names].sort().join(", ")}`,
      );
    }
  }
  const all = config["all"] === undefined ? undefined : splitEntry("all", config["all"], problems);
  if (all && "exemptions" in all.properties) problems.push(`"all" ${ALL_CANNOT_EXEMPT}`);
  else if (all && Object.keys(all.properties).length > 0) {
    problems.push(`"all": takes only an enforcement level (${LEVELS})`);
  }
  const initialAll = info.initialConfig["all"]?.enforcementLevel;
  const resolved: Record<string, ResolvedPolicyConfig> = {};
  for (const policy of info.policies) {
    const initial = info.initialConfig[policy.name];
    const own = config[policy.name] === undefined ? undefined : splitEntry(policy.name, config[policy.name], problems);
    const properties = { ...schemaDefaults(policy), ...initial?.properties, ...own?.properties };
    const validate = validatorOf(policy);
    const exemptions = policy.configSchema?.properties["exemptions"] !== undefined;
    if (!validate(properties)) {
      for (const error of validate.errors ?? []) {
        if (exemptions && /^\/exemptions(\/|$)/.test(error.instancePath)) continue;
        problems.push(describeError(policy, error, valueAt(properties, error.instancePath)));
      }
    }
    if (exemptions) problems.push(...exemptionErrors(`"${policy.name}": exemptions`, properties["exemptions"]));
    resolved[policy.name] = {
      enforcementLevel: own?.level ?? all?.level ?? initial?.enforcementLevel ?? initialAll ?? policy.enforcementLevel,
      properties,
    };
  }
  if (problems.length > 0) throw new PolicyPackConfigError(problems, source);
  return resolved;
}
