/**
 * The data that flows between a program capture and the analyzer client: resources as the engine sees
 * them, policy-pack configuration as `--policy-pack-config` takes it, and the pack's answers.
 * Everything here is plain JSON so captures can be saved, generated (benchmarks) and diffed.
 */
import type { WireObject } from "./proto-values";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** The values on the wire (pulumirpc.EnforcementLevel). */
export const ENFORCEMENT_LEVEL_WIRE: Readonly<Record<EnforcementLevel, number>> = {
  advisory: 0,
  mandatory: 1,
  disabled: 2,
  remediate: 3,
};

export function enforcementLevelFromWire(value: number): EnforcementLevel {
  const found = (Object.keys(ENFORCEMENT_LEVEL_WIRE) as EnforcementLevel[]).find(
    (level) => ENFORCEMENT_LEVEL_WIRE[level] === value,
  );
  if (!found) throw new Error(`unknown enforcement level ${value} on the wire`);
  return found;
}

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
  return typeof value === "string" && value in ENFORCEMENT_LEVEL_WIRE;
}

/** Resource options as `AnalyzerResourceOptions` carries them. */
export interface AnalyzerResourceOptions {
  protect?: boolean;
  ignoreChanges?: string[];
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
  aliases?: string[];
  customTimeouts?: { createSeconds: number; updateSeconds: number; deleteSeconds: number };
  parent?: string;
}

/** The provider a resource is managed by (`AnalyzerProviderResource`). */
export interface AnalyzerProvider {
  urn: string;
  type: string;
  name: string;
  properties: WireObject;
}

/**
 * One resource as the engine hands it to analyzers. `inputs` go to Analyze and Remediate; `outputs` go
 * to AnalyzeStack (the engine checks the final state of the stack there, not the goal).
 */
export interface EngineResource {
  urn: string;
  type: string;
  name: string;
  /** False for component resources (and the stack itself). */
  custom: boolean;
  parent?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  inputs: WireObject;
  outputs: WireObject;
  options?: AnalyzerResourceOptions;
  provider?: AnalyzerProvider;
  /**
   * Where the program declares the resource (not sent to the pack): the first frame of the registration's
   * stack trace in the program's folder, else its parent's.
   */
  source?: SourcePosition;
}

/** A position in a source file: absolute path, 1-based line and column. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A policy's entry in a `--policy-pack-config` file: a level, or a level plus the policy's properties. */
export type PolicyConfigEntry = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);
/** A `--policy-pack-config` file: `all` sets every policy's level; a policy's own entry wins. */
export type PolicyPackConfig = Record<string, PolicyConfigEntry>;

/** What `Configure` receives for one policy after reconciliation. */
export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: WireObject;
}

export interface PolicyInfo {
  name: string;
  displayName: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  /** "resource" or "stack" (or "unknown" for packs built with an older @pulumi/policy). */
  policyType: "resource" | "stack" | "unknown";
  /** The JSON schema `properties` of the policy's config, when it has one. */
  configSchema?: { properties: WireObject; required: string[] };
  severity?: Severity;
  /** Where the policy is documented (the pack's `url`). */
  url?: string;
}

export interface AnalyzerInfo {
  name: string;
  displayName: string;
  version: string;
  supportsConfig: boolean;
  policies: PolicyInfo[];
  /** The pack's own initial config (PolicyPack `initialConfig`). */
  initialConfig: Record<string, { enforcementLevel?: EnforcementLevel; properties: WireObject }>;
}

export interface Diagnostic {
  policyName: string;
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  message: string;
  enforcementLevel: EnforcementLevel;
  /** Empty from Analyze (the engine fills in the resource analyzed); set by stack policies that name one. */
  urn: string;
  severity?: Severity;
}

export type Severity = "low" | "medium" | "high" | "critical";

export interface NotApplicable {
  policyName: string;
  reason: string;
}

export interface AnalyzeResult {
  diagnostics: Diagnostic[];
  notApplicable: NotApplicable[];
}

export interface Remediation {
  policyName: string;
  description: string;
  /** The remediated properties, when the policy changed the resource. */
  properties?: WireObject;
  diagnostic?: string;
}

export interface RemediateResult {
  remediations: Remediation[];
  notApplicable: NotApplicable[];
}
