/**
 * Shared by the stack rules that check integrations against the catalog's probes: what to say
 * about integrations whose key is elsewhere or not known yet, about keys whose policy is not known
 * yet, and about each failed probe (issue 4, "Violation messages").
 */
import type { Grant, IntegrationPlan, ProbeOutcome } from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import type { GroupResult, IntegrationChecks, KeyGroup, UnlinkedIntegration } from "../analysis/integrations";
import { keyLabel, type KeyFacts } from "../analysis/keys";
import { denialCause, grantFor, requestText } from "../analysis/probes";
import { addStatement, invalidInput, notCheckable, resourceLabel, waitingFor } from "../messages";
import type { ResourceRef } from "../model/types";
import type { Violation } from "./types";

/** "Not checkable here" for keys outside the stack; "waiting for" for references not known yet. */
export function unlinkedViolations(unlinked: readonly UnlinkedIntegration[]): Violation[] {
  const out: Violation[] = [];
  for (const u of unlinked) {
    if (u.link.status === "external") {
      out.push({ message: notCheckable(u.ref, u.keyField, u.link.reference), urn: u.ref.urn, kind: "undecided" });
    } else if (u.link.status === "unknown") {
      out.push({
        message: waitingFor(`the KMS key of ${resourceLabel(u.ref)}`, `${u.link.field} of ${resourceLabel(u.ref)}`),
        urn: u.ref.urn,
        kind: "undecided",
      });
    }
  }
  return out;
}

export function membersText(members: readonly { readonly ref: ResourceRef }[]): string {
  return members.map((m) => resourceLabel(m.ref)).join(", ");
}

/** Advisories for a group that could not be checked; `undefined` when it was. */
export function uncheckedGroup<T extends { readonly ref: ResourceRef }>(group: KeyGroup<T>): Violation[] | undefined {
  const r: GroupResult = group.result;
  const subject = `${keyLabel(group.facts)} for ${membersText(group.members)}`;
  const urn = group.facts.policySource.urn;
  if (r.status === "waiting") return [{ message: waitingFor(subject, r.waitsFor), urn, kind: "undecided" }];
  if (r.status === "input-error") return [{ message: invalidInput(subject, r.message), urn, kind: "undecided" }];
  if (r.status === "invalid-policy") return [];
  return undefined;
}

/** `trail 'finance' (arn:...)` for a probe's subject when it is one of the members, else the subject. */
function subjectText(
  probeSubject: string | undefined,
  members: readonly { readonly ref: ResourceRef; readonly arn?: unknown }[],
): string {
  if (probeSubject === undefined) return membersText(members);
  if (probeSubject === PULUMI_UNKNOWN_SENTINEL) return `${membersText(members)} (ARN not known yet)`;
  const member = members.find((m) => m.arn === probeSubject);
  return member !== undefined ? `${resourceLabel(member.ref)} (${probeSubject})` : probeSubject;
}

/** The `allow` probes among `outcomes` the key policy fails, or cannot be shown to pass yet. */
export function failedAllowOutcomes(outcomes: readonly ProbeOutcome[]): ProbeOutcome[] {
  return outcomes.filter((o) => o.probe.expect === "allow" && o.satisfied !== true);
}

/**
 * Violations for the `allow` probes the key policy fails: mandatory when the evaluator says no,
 * advisory when it cannot decide yet (preview values). One violation per statement to add: probes
 * the same catalog statement answers (Config's Decrypt and GenerateDataKey) are reported together,
 * each request with its cause, and the statement's JSON once; so are the ones still waiting for values.
 */
export function allowProbeViolations<T extends { readonly ref: ResourceRef; readonly arn?: unknown }>(
  facts: KeyFacts,
  members: readonly T[],
  plan: IntegrationPlan,
  outcomes: readonly ProbeOutcome[],
  unknowns: readonly string[],
): Violation[] {
  const out: Violation[] = [];
  const denied = new Map<string | ProbeOutcome, ProbeOutcome[]>();
  const waiting = new Set<string | ProbeOutcome>();
  for (const outcome of outcomes) {
    const probe = outcome.probe;
    const key = probe.grantSid ?? outcome;
    if (outcome.satisfied === "unknown") {
      // The probes of one statement wait for the same values: say so once.
      if (waiting.has(key)) continue;
      waiting.add(key);
      const what = unknowns.length > 0 ? unknowns.join(", ") : "values not known yet";
      out.push({
        message: waitingFor(`whether ${probe.description}`, `${what} (${outcome.decision.reason})`),
        urn: facts.policySource.urn,
        kind: "undecided",
      });
      continue;
    }
    const same = denied.get(key);
    if (same === undefined) denied.set(key, [outcome]);
    else same.push(outcome);
  }
  for (const group of denied.values()) {
    const lines = group.map(
      (o) => `${requestText(o.probe, false)} for ${subjectText(o.probe.subject, members)}: ${denialCause(o.decision)}.`,
    );
    const grant = grantFor(plan, group[0].probe);
    const fix = grant !== undefined ? `\n${addStatement(facts.policySource, grant.statement)}` : "";
    out.push({ message: `${keyLabel(facts)}: ${lines.join("\n")}${fix}`, urn: facts.policySource.urn });
  }
  return out;
}

/** Every failed `allow` probe whose id is one of `ids`, across the checked groups. */
export function failedAllowProbeViolations<T extends { readonly ref: ResourceRef; readonly arn?: unknown }>(
  checks: IntegrationChecks<T>,
  ids: ReadonlySet<string>,
): Violation[] {
  const out: Violation[] = [];
  for (const group of checks.groups) {
    const unchecked = uncheckedGroup(group);
    if (unchecked !== undefined) {
      out.push(...unchecked);
      continue;
    }
    if (group.result.status !== "checked") continue;
    for (const checked of group.result.plans) {
      const failed = failedAllowOutcomes(checked.outcomes).filter((o) => ids.has(o.probe.id));
      out.push(...allowProbeViolations(group.facts, group.members, checked.plan, failed, group.result.unknowns));
    }
  }
  return out;
}

/** The grant `sid` of a plan built on demand for a fix; `undefined` when the catalog refuses the inputs. */
export function catalogGrant(build: () => IntegrationPlan, sid: string): Grant | undefined {
  try {
    return build().grants.find((g) => g.statement.Sid === sid);
  } catch {
    return undefined;
  }
}

/** The message's closing statement, when there is one. */
export function fixSuffix(source: ResourceRef, grant: Grant | undefined): string {
  return grant !== undefined ? `\n${addStatement(source, grant.statement)}` : "";
}
