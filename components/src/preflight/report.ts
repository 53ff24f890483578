/**
 * Renders a preflight result the way `pulumi preview` prints its policy section: one block per
 * violation, `[level]  pack version  policy (name: type)`, then the pack's message (which carries the
 * description, the reason and the statement to add), indented. Remediations follow as diffs of the
 * properties the pack rewrote; exemptions that name no resource of the program close the report.
 */
import type { AppliedRemediation, Finding, PreflightResult, UnmatchedExemption } from "./preflight";
import type { EnforcementLevel } from "./types";

const LEVEL_ORDER: Record<EnforcementLevel, number> = { mandatory: 0, remediate: 1, advisory: 2, disabled: 3 };
const INDENT = "    ";

function indentBlock(text: string, prefix: string): string {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => (line ? prefix + line : line))
    .join("\n");
}

function subject(f: Pick<Finding, "name" | "type" | "urn">): string {
  if (f.name) return `(${f.name}: ${f.type})`;
  return f.urn ? `(${f.urn})` : "(stack)";
}

/** Mandatory first; within a level, in the order the resources were registered, stack-wide ones last. */
export function sortFindings(result: PreflightResult): Finding[] {
  return result.findings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        LEVEL_ORDER[a.finding.enforcementLevel] - LEVEL_ORDER[b.finding.enforcementLevel] ||
        Number(a.finding.source === "analyzeStack") - Number(b.finding.source === "analyzeStack") ||
        a.index - b.index,
    )
    .map(({ finding }) => finding);
}

export function renderSummary(result: PreflightResult): string {
  const { mandatory, advisory } = result.counts;
  const verdict =
    mandatory > 0
      ? "preflight failed: a mandatory policy is violated"
      : advisory > 0
        ? "preflight passed with advisories"
        : "preflight passed";
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  const remediated = result.remediations.filter((r) => r.changes.length > 0).length;
  return [
    count(mandatory, "mandatory violation", "mandatory violations"),
    `${count(advisory, "advisory", "advisories")}${remediated > 0 ? `, ${count(remediated, "remediation", "remediations")}` : ""} in ${count(result.resources, "resource", "resources")}: ${verdict}`,
  ].join(", ");
}

export function renderReport(result: PreflightResult): string {
  const { program, pack } = result;
  const verb = result.mode === "preview" ? "Previewed" : "Updated";
  const lines: string[] = [
    `${verb} ${program.project} (stack ${program.stack}) offline against policy pack ${pack.name} v${pack.version}`,
    "",
  ];
  const findings = sortFindings(result);
  if (findings.length > 0) {
    lines.push("Policy Violations:");
    for (const f of findings) {
      lines.push(`${INDENT}[${f.enforcementLevel}]  ${pack.name} v${pack.version}  ${f.policyName} ${subject(f)}`);
      lines.push(indentBlock(f.message || f.description, INDENT));
      if (f.location) lines.push(`${INDENT}at ${f.location.file}:${f.location.line}:${f.location.column}`);
      lines.push("");
    }
  }
  const remediated = result.remediations.filter((r) => r.changes.length > 0 || r.diagnostic);
  if (remediated.length > 0) {
    lines.push("Policy Remediations:");
    for (const r of remediated) lines.push(...remediationLines(r, `${pack.name} v${pack.version}`), "");
  }
  if (result.unmatchedExemptions.length > 0) {
    lines.push("Unmatched Exemptions (they name no resource of this program):");
    for (const u of result.unmatchedExemptions) lines.push(`${INDENT}${unmatchedLine(u)}`);
    lines.push("");
  }
  lines.push(renderSummary(result));
  return lines.join("\n") + "\n";
}

function remediationLines(r: AppliedRemediation, pack: string): string[] {
  const lines = [`${INDENT}[remediate]  ${pack}  ${r.policyName} ${subject(r)}`];
  if (r.diagnostic) lines.push(indentBlock(r.diagnostic, INDENT));
  lines.push(`${INDENT}${r.description}`);
  for (const c of r.changes) {
    if (c.secret) lines.push(`${INDENT}${c.property} changed (secret: not shown)`);
    else lines.push(indentBlock(c.diff, INDENT));
  }
  if (r.location) lines.push(`${INDENT}at ${r.location.file}:${r.location.line}:${r.location.column}`);
  return lines;
}

function unmatchedLine({ rule, exemption: e }: UnmatchedExemption): string {
  const ticket = e.ticket !== undefined ? `, ticket ${e.ticket}` : "";
  return `${rule}: "${e.resource}" (${e.reason}${ticket}; expires ${e.expires})`;
}

export function renderJson(result: PreflightResult): string {
  return JSON.stringify({ ...result, findings: sortFindings(result) }, null, 2) + "\n";
}
