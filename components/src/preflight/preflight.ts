/**
 * The offline preflight: capture a program's resources under mocks, then run them through a policy pack
 * over the analyzer protocol in the CLI's order (GetAnalyzerInfo, Configure, ConfigureStack, then
 * Remediate + Analyze per resource, then AnalyzeStack). The pack starts while the program runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Mocks } from "@pulumi/pulumi/runtime/mocks";
import { unmatchedExemptions, type Exemption } from "../governance/exemptions";
import { AnalyzerClient } from "./analyzer-client";
import { captureProgram, type Capture, type CaptureMode } from "./capture";
import type { WireObject } from "./proto-values";
import { propertyChanges, type PropertyChange } from "./remediation-diff";
import type {
  Diagnostic,
  EngineResource,
  EnforcementLevel,
  PolicyInfo,
  PolicyPackConfig,
  Severity,
  SourcePosition,
} from "./types";

export interface PreflightOptions {
  programDir: string;
  /** The pack to start for this run (and stop after it). Ignored when `client` is given. */
  packDir?: string;
  /** A pack already started, for several programs in a row (`npm start`): used, and left running. */
  client?: AnalyzerClient;
  mode: CaptureMode;
  mocks: Mocks;
  /** Stack config for the program (e.g. "aws:region"). */
  stackConfig?: Record<string, string>;
  stack?: string;
  /** As `--policy-pack-config`. */
  packConfig?: PolicyPackConfig;
  /** What to call `packConfig` in errors (default "policy pack config"). */
  packConfigSource?: string;
  startTimeoutMs?: number;
  callTimeoutMs?: number;
  programTimeoutMs?: number;
  onProgress?: (event: PreflightProgress) => void;
}

export type PreflightProgress =
  | { phase: "captured"; resources: number; ms: number }
  | { phase: "pack-started"; pack: string; version: string; policies: number; ms: number }
  | { phase: "analyzing"; done: number; total: number }
  | { phase: "analyzed"; ms: number };

/** One policy violation, attached to the resource it concerns (`urn` empty for a stack-wide finding). */
export interface Finding {
  urn: string;
  type: string;
  name: string;
  policyName: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  description: string;
  severity?: Severity;
  /** Which call reported it: per-resource Analyze, or AnalyzeStack. */
  source: "analyze" | "analyzeStack";
  /** Where the program declares the resource; `file` relative to `program.sourceRoot`, with `/`. */
  location?: { file: string; line: number; column: number };
}

/**
 * A fix the pack made at the `remediate` level: what `pulumi up` would deploy instead of what the
 * program declares. Its rule then passes, so it is not a finding; the program still needs the change.
 */
export interface AppliedRemediation {
  urn: string;
  type: string;
  name: string;
  policyName: string;
  /** The policy's description (from the pack). */
  description: string;
  /** All the remediated input properties, as the pack returned them. */
  properties?: WireObject;
  diagnostic?: string;
  /** The properties it changed, each with a unified diff. */
  changes: PropertyChange[];
  /** Where the program declares the resource, as for findings. */
  location?: Finding["location"];
}

/** An exemption of the pack config that names no resource of the program (a typo, or a resource removed). */
export interface UnmatchedExemption {
  rule: string;
  exemption: Exemption;
}

export interface PreflightResult {
  program: {
    dir: string;
    project: string;
    stack: string;
    /** What finding locations are relative to: the repository root (the folder with .git), else `dir`. */
    sourceRoot: string;
    /** The project's Pulumi.yaml, relative to `sourceRoot`: where stack-wide findings point. */
    projectFile: string;
  };
  mode: CaptureMode;
  pack: { dir: string; name: string; version: string; policies: number; rules: PolicyInfo[] };
  resources: number;
  findings: Finding[];
  remediations: AppliedRemediation[];
  unmatchedExemptions: UnmatchedExemption[];
  counts: Record<EnforcementLevel, number>;
  durationMs: number;
}

/** The repository root above `dir` (a folder holding .git, a directory or a worktree's file), else `dir`. */
export function sourceRootOf(dir: string): string {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return path.resolve(dir);
  }
}

function relative(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function locate(position: SourcePosition | undefined, root: string): Finding["location"] {
  return position ? { file: relative(root, position.file), line: position.line, column: position.column } : undefined;
}

function finding(diagnostic: Diagnostic, resource: EngineResource | undefined, source: Finding["source"]): Finding {
  return {
    urn: resource?.urn ?? diagnostic.urn,
    type: resource?.type ?? "",
    name: resource?.name ?? "",
    policyName: diagnostic.policyName,
    enforcementLevel: diagnostic.enforcementLevel,
    message: diagnostic.message,
    description: diagnostic.description,
    ...(diagnostic.severity ? { severity: diagnostic.severity } : {}),
    source,
  };
}

/** Runs the resources through an already started pack. Exposed for tests that reuse one pack. */
export async function analyzeCapture(
  client: AnalyzerClient,
  capture: Capture,
  packConfig: PolicyPackConfig = {},
  onProgress?: PreflightOptions["onProgress"],
  packConfigSource?: string,
): Promise<Pick<PreflightResult, "findings" | "remediations">> {
  const info = await client.getAnalyzerInfo();
  await client.configure(packConfig, info, packConfigSource);
  const descriptions = new Map(info.policies.map((p) => [p.name, p.description]));
  await client.configureStack({
    project: capture.project,
    stack: capture.stack,
    dryRun: capture.mode === "preview",
    config: capture.config,
  });
  const findings: Finding[] = [];
  const remediations: AppliedRemediation[] = [];
  const analyzed: EngineResource[] = [];
  const total = capture.resources.length;
  for (const [index, original] of capture.resources.entries()) {
    let resource = original;
    // The engine applies each remediation's properties before analysis (and before deploying).
    // Each remediation sees the one before it applied, as in the engine; its diff is against that.
    for (const r of (await client.remediate(resource)).remediations) {
      remediations.push({
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        policyName: r.policyName,
        description: r.description || (descriptions.get(r.policyName) ?? ""),
        ...(r.properties ? { properties: r.properties } : {}),
        ...(r.diagnostic ? { diagnostic: r.diagnostic } : {}),
        changes: r.properties ? propertyChanges(resource.name, resource.inputs, r.properties) : [],
      });
      if (r.properties) {
        resource = { ...resource, inputs: r.properties, outputs: { ...resource.outputs, ...r.properties } };
      }
    }
    for (const d of (await client.analyze(resource)).diagnostics) findings.push(finding(d, resource, "analyze"));
    analyzed.push(resource);
    onProgress?.({ phase: "analyzing", done: index + 1, total });
  }
  const byUrn = new Map(analyzed.map((r) => [r.urn, r]));
  for (const d of (await client.analyzeStack(analyzed)).diagnostics) {
    findings.push(finding(d, byUrn.get(d.urn), "analyzeStack"));
  }
  return { findings, remediations };
}

/** Starts the pack of `options`, or hands over the one already started (which the caller keeps). */
function startPack(options: PreflightOptions, signal: AbortSignal): Promise<AnalyzerClient> {
  if (options.client) return Promise.resolve(options.client);
  if (!options.packDir) return Promise.reject(new Error("runPreflight needs a packDir or a started client"));
  return AnalyzerClient.start({
    packDir: options.packDir,
    startTimeoutMs: options.startTimeoutMs,
    callTimeoutMs: options.callTimeoutMs,
    signal,
  });
}

export async function runPreflight(options: PreflightOptions): Promise<PreflightResult> {
  const started = Date.now();
  const abortStart = new AbortController();
  const packStarting = startPack(options, abortStart.signal);
  // A failure of the capture is the one to report; the pack's start is then abandoned.
  packStarting.catch(() => {});
  let client: AnalyzerClient | undefined;
  try {
    const capture = await captureProgram({
      programDir: options.programDir,
      mode: options.mode,
      mocks: options.mocks,
      stack: options.stack,
      config: options.stackConfig,
      timeoutMs: options.programTimeoutMs,
    });
    options.onProgress?.({ phase: "captured", resources: capture.resources.length, ms: Date.now() - started });
    client = await packStarting;
    const info = await client.getAnalyzerInfo();
    options.onProgress?.({
      phase: "pack-started",
      pack: info.name,
      version: info.version,
      policies: info.policies.length,
      ms: Date.now() - started,
    });
    const { findings, remediations } = await analyzeCapture(
      client,
      capture,
      options.packConfig,
      options.onProgress,
      options.packConfigSource,
    );
    options.onProgress?.({ phase: "analyzed", ms: Date.now() - started });
    const counts: Record<EnforcementLevel, number> = { mandatory: 0, advisory: 0, remediate: 0, disabled: 0 };
    for (const f of findings) counts[f.enforcementLevel] += 1;
    const sourceRoot = sourceRootOf(capture.program.projectDir);
    const sources = new Map(capture.resources.map((r) => [r.urn, r.source]));
    for (const f of [...findings, ...remediations]) {
      const location = locate(sources.get(f.urn), sourceRoot);
      if (location) f.location = location;
    }
    const projectFile = ["Pulumi.yaml", "Pulumi.yml"].find((f) =>
      fs.existsSync(path.join(capture.program.projectDir, f)),
    );
    return {
      program: {
        dir: capture.program.projectDir,
        project: capture.project,
        stack: capture.stack,
        sourceRoot,
        projectFile: relative(sourceRoot, path.join(capture.program.projectDir, projectFile ?? "Pulumi.yaml")),
      },
      mode: options.mode,
      pack: {
        dir: client.packDir,
        name: info.name,
        version: info.version,
        policies: info.policies.length,
        rules: info.policies,
      },
      resources: capture.resources.length,
      findings,
      remediations,
      // Matched against every resource the program registered, as the pack matches the resource analyzed.
      unmatchedExemptions: unmatchedExemptions(
        options.packConfig ?? {},
        capture.resources.map((r) => r.urn),
      ),
      counts,
      durationMs: Date.now() - started,
    };
  } finally {
    if (!options.client) {
      if (!client) abortStart.abort();
      client ??= await packStarting.catch(() => undefined);
      await client?.close();
    }
  }
}
