/**
 * Shared by the stack rules that check integrations against the catalog's probes: what to say
 * about integrations whose key is elsewhere or not known yet, about keys whose policy is not known
 * yet, and about each failed probe (issue 4, "Violation messages").
 */
import type { Grant, IntegrationPlan, ProbeOutcome } from "pulumi-kms-guardrails/catalog";
import type { SourceRef } from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import type { GroupResult, IntegrationChecks, KeyGroup, UnlinkedIntegration } from "../analysis/integrations";
import { keyLabel, type KeyFacts } from "../analysis/keys";
import { denialCause, grantFor, requestText } from "../analysis/probes";
import { addStatement, invalidInput, notCheckable, resourceLabel, waitingFor } from "../messages";
import { lintDocument } from "../model/policy-cache";
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
  if (member !== undefined) return `${resourceLabel(member.ref)} (${probeSubject})`;
  // A subject that is not a member's ARN (Config's account and Region): name the members too.
  return `${membersText(members)} (${probeSubject})`;
}

const ENCRYPTION_CONTEXT_CHECK: ReadonlySet<string> = new Set(["encryption-context-on-unsupported-action"]);

/**
 * When a request fails because its statement puts an encryption-context condition on an action that
 * never carries one, kms-encryption-context-on-unsupported-action reports the same cause on the same
 * key: suggest the statement it suggests, so both findings have one fix.
 */
function sameCauseFix(
  policy: KeyPolicy | undefined,
  facts: KeyFacts,
  outcome: ProbeOutcome,
): { readonly statement: unknown; readonly source: SourceRef } | undefined {
  if (policy === undefined) return undefined;
  const action = outcome.probe.request.action.toLowerCase();
  const near = new Set(
    outcome.decision.trace.filter((t) => t.effect === "Allow" && t.action === true).map((t) => t.index),
  );
  if (near.size === 0) return undefined;
  const options = facts.arn !== undefined ? { keyArn: facts.arn } : {};
  for (const f of lintDocument(policy, options, ENCRYPTION_CONTEXT_CHECK)) {
    const fixed = f.fix?.json as { readonly Action?: unknown; readonly Condition?: unknown } | undefined;
    if (f.statement === undefined || !near.has(f.statement.index) || fixed === undefined) continue;
    // Only a fix as tight as the catalog's: a service statement keeps its source condition.
    const limited =
      outcome.probe.request.principal.kind !== "service" ||
      /"aws:source(arn|account)"/i.test(JSON.stringify(fixed.Condition ?? {}));
    if (limited && typeof fixed.Action === "string" && fixed.Action.toLowerCase() === action)
      return { statement: fixed, source: f.source };
  }
  return undefined;
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
  policy?: KeyPolicy,
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
    const grant = sameCauseFix(policy, facts, group[0]) ?? grantFor(plan, group[0].probe);
    const fix = grant !== undefined ? `\n${addStatement(facts.policySource, grant.statement, grant.source)}` : "";
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
      out.push(
        ...allowProbeViolations(
          group.facts,
          group.members,
          checked.plan,
          failed,
          group.result.unknowns,
          group.result.policy,
        ),
      );
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
  return grant !== undefined ? `\n${addStatement(source, grant.statement, grant.source)}` : "";
}
