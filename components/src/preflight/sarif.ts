/**
 * The preflight's report as SARIF 2.1.0, the format code scanning reads (GitHub's upload-sarif, GitLab):
 * the pack's policies as the tool's rules (from GetAnalyzerInfo: the pack's own metadata), one result per
 * finding at the file and line that declare the resource, and fingerprints stable across runs so an alert
 * follows its resource, not its line. A run that could not start is a run whose invocation failed.
 *
 * A remediation is a result with a `fixes` entry (SARIF 2.1.0 §3.55): the artifact it changes is the
 * resource's property, not a file of the program, so the artifact is in `run.artifacts` with the
 * declared document as its `contents`, and the fix replaces its changed lines with the remediated ones.
 * Exemptions that name no resource are configuration notifications of the invocation.
 */
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import type { Failure } from "./failure";
import type { AppliedRemediation, Finding, PreflightResult } from "./preflight";
import { documentText, textEdits, type PropertyChange } from "./remediation-diff";
import type { EnforcementLevel, PolicyInfo, Severity } from "./types";

type SarifLevel = "error" | "warning" | "note" | "none";

const LEVEL: Readonly<Record<EnforcementLevel, SarifLevel>> = {
  mandatory: "error",
  remediate: "warning",
  advisory: "warning",
  disabled: "none",
};

/** GitHub's scale: over 9 critical, 7 to 8.9 high, 4 to 6.9 medium, below 4 low. */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "7.5",
  medium: "5.5",
  low: "2.5",
};

const SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
const TOOL = "kms-guardrails";
const ROOT_BASE = "%SRCROOT%";
const FINGERPRINT = "kmsGuardrailsFinding/v1";

export interface SarifTool {
  /** The version of this command (the pulumi-kms-guardrails library). */
  version: string;
}

function rule(policy: PolicyInfo): Record<string, unknown> {
  const help = policy.url ? `${policy.description}\n\nAWS documentation: ${policy.url}` : policy.description;
  return {
    id: policy.name,
    name: policy.name,
    shortDescription: { text: policy.description },
    fullDescription: { text: policy.description },
    help: { text: help, markdown: policy.url ? `${policy.description}\n\n[AWS documentation](${policy.url})` : help },
    ...(policy.url ? { helpUri: policy.url } : {}),
    defaultConfiguration: { level: LEVEL[policy.enforcementLevel], enabled: policy.enforcementLevel !== "disabled" },
    properties: {
      ...(policy.severity ? { "security-severity": SECURITY_SEVERITY[policy.severity] } : {}),
      tags: ["security", "pulumi", "kms", `policy-type:${policy.policyType}`],
    },
  };
}

/** Stable across runs and edits elsewhere in the file: the rule, the resource and the message. */
export function fingerprint(finding: Pick<Finding, "policyName" | "type" | "name" | "urn" | "message">): string {
  return createHash("sha256")
    .update(
      [
        finding.policyName,
        finding.type,
        finding.name,
        finding.urn.split("::").slice(2).join("::"),
        finding.message,
      ].join("\u0000"),
    )
    .digest("hex");
}

function locations(finding: Pick<Finding, "location" | "urn" | "name">, fallbackFile: string): unknown[] {
  const where = finding.location ?? { file: fallbackFile, line: 1, column: 1 };
  return [
    {
      physicalLocation: {
        artifactLocation: { uri: where.file, uriBaseId: ROOT_BASE },
        region: { startLine: where.line, ...(where.column > 0 ? { startColumn: where.column } : {}) },
      },
      ...(finding.urn
        ? {
            logicalLocations: [
              { fullyQualifiedName: finding.urn, name: finding.name || finding.urn, kind: "resource" },
            ],
          }
        : {}),
    },
  ];
}

function result(finding: Finding, ruleIndex: number, fallbackFile: string): Record<string, unknown> {
  return {
    ruleId: finding.policyName,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[finding.enforcementLevel],
    message: { text: finding.message || finding.description },
    locations: locations(finding, fallbackFile),
    partialFingerprints: { [FINGERPRINT]: fingerprint(finding) },
    properties: { resourceType: finding.type, urn: finding.urn, enforcementLevel: finding.enforcementLevel },
  };
}

/** The documents remediations change, as run artifacts: a property of a resource has no file. */
class Artifacts {
  readonly list: Record<string, unknown>[] = [];

  add(r: AppliedRemediation, change: PropertyChange): number {
    this.list.push({
      description: { text: `The ${change.property} of ${r.urn}, as the program declares it.` },
      contents: { text: documentText(change.before) },
      mimeType: "application/json",
      properties: { urn: r.urn, property: change.property },
    });
    return this.list.length - 1;
  }
}

function remediationResult(
  r: AppliedRemediation,
  ruleIndex: number,
  fallbackFile: string,
  artifacts: Artifacts,
): Record<string, unknown> {
  const changed = r.changes.map((c) => c.property).join(", ");
  const message =
    `${r.description} The policy pack remediates ${changed} of ${r.name} (${r.type}) at the remediate level: ` +
    "the deployed value is the fixed one, not the one the program declares. Change the program to match the fix." +
    (r.diagnostic ? ` ${r.diagnostic}` : "");
  const shown = r.changes.filter((c) => !c.secret);
  return {
    ruleId: r.policyName,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL.remediate,
    message: { text: message },
    locations: locations(r, fallbackFile),
    partialFingerprints: { [FINGERPRINT]: fingerprint({ ...r, message: `remediated ${changed}` }) },
    ...(shown.length > 0
      ? {
          fixes: [
            {
              description: { text: `The ${changed} the policy pack deploys (${r.policyName}).` },
              artifactChanges: shown.map((c) => ({
                artifactLocation: { index: artifacts.add(r, c) },
                replacements: textEdits(documentText(c.before), documentText(c.after)).map((e) => ({
                  deletedRegion: { charOffset: e.offset, charLength: e.length },
                  insertedContent: { text: e.text },
                })),
              })),
            },
          ],
        }
      : {}),
    properties: { resourceType: r.type, urn: r.urn, enforcementLevel: "remediate", remediated: true },
  };
}

function log(tool: SarifTool, run: Record<string, unknown>, rules: Record<string, unknown>[]): string {
  const sarif = {
    $schema: SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL,
            semanticVersion: tool.version,
            version: tool.version,
            informationUri: "https://www.npmjs.com/package/pulumi-kms-guardrails",
            rules,
          },
        },
        ...run,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

export function renderSarif(result_: PreflightResult, tool: SarifTool): string {
  const policies = result_.pack.rules;
  const index = new Map(policies.map((p, i) => [p.name, i]));
  const root = result_.program.sourceRoot;
  const fallback = result_.program.projectFile;
  const artifacts = new Artifacts();
  const results = [
    ...result_.findings.map((f) => result(f, index.get(f.policyName) ?? -1, fallback)),
    ...result_.remediations
      .filter((r) => r.changes.length > 0)
      .map((r) => remediationResult(r, index.get(r.policyName) ?? -1, fallback, artifacts)),
  ];
  const unmatched = result_.unmatchedExemptions.map(({ rule, exemption }) => ({
    level: "warning",
    message: {
      text: `The exemption of "${exemption.resource}" from ${rule} (${exemption.reason}; expires ${exemption.expires}) names no resource of this program.`,
    },
    descriptor: { id: "unmatched-exemption" },
    ...(index.has(rule) ? { associatedRule: { id: rule, index: index.get(rule) } } : {}),
  }));
  return log(
    tool,
    {
      originalUriBaseIds: { [ROOT_BASE]: { uri: pathToFileURL(root + "/").href } },
      ...(artifacts.list.length > 0 ? { artifacts: artifacts.list } : {}),
      invocations: [
        {
          executionSuccessful: true,
          ...(unmatched.length > 0 ? { toolConfigurationNotifications: unmatched } : {}),
          properties: { policyPack: `${result_.pack.name}@${result_.pack.version}` },
        },
      ],
      results,
      properties: { project: result_.program.project, stack: result_.program.stack, mode: result_.mode },
    },
    policies.map(rule),
  );
}

/** A run that could not start: no results, and the invocation says why. */
export function renderSarifFailure(failure: Failure, tool: SarifTool): string {
  return log(
    tool,
    {
      invocations: [
        {
          executionSuccessful: false,
          exitCode: 2,
          toolExecutionNotifications: [
            { level: "error", message: { text: failure.message }, descriptor: { id: failure.code } },
          ],
        },
      ],
      results: [],
    },
    [],
  );
}
