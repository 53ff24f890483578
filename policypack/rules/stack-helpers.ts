/**
 * Shared by the stack rules that check integrations against the catalog's probes: what to say
 * about integrations whose key is elsewhere or not known yet, about keys whose policy is not known
 * yet, and about each failed probe (issue 4, "Violation messages").
 */
import type { Grant, IntegrationPlan, ProbeOutcome } from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import { orList } from "../analysis/account";
import type { GroupResult, IntegrationChecks, KeyGroup, UnlinkedIntegration } from "../analysis/integrations";
import { keyLabel, type KeyFacts } from "../analysis/keys";
import { causeOf, grantFor, principalText, type DenialCause } from "../analysis/probes";
import {
  addStatement,
  addStatements,
  asClause,
  invalidInput,
  showUnknowns,
  notCheckable,
  resourceLabel,
  waitingFor,
  type StatementFix,
} from "../messages";
import { lintDocument } from "../model/policy-cache";
import { withTrailSourceArn } from "./encryption-context-fix";
import { organizationUndecided } from "../organization";
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
  return `${membersText(members)} (${showUnknowns(probeSubject)})`;
}

const ENCRYPTION_CONTEXT_CHECK: ReadonlySet<string> = new Set(["encryption-context-on-unsupported-action"]);

const actionsOf = (value: unknown): string[] =>
  (typeof value === "string" ? [value] : Array.isArray(value) ? value : [])
    .filter((a): a is string => typeof a === "string")
    .map((a) => a.toLowerCase());

/**
 * When requests fail because their statement puts an encryption-context condition on actions that
 * never carry one, kms-encryption-context-on-unsupported-action reports the same cause on the same
 * key: suggest the statement it suggests, so both findings have one fix.
 */
function encryptionContextFix(
  policy: KeyPolicy | undefined,
  facts: KeyFacts,
  cause: DenialCause,
  outcomes: readonly ProbeOutcome[],
): StatementFix | undefined {
  if (policy === undefined || cause.statement === undefined || !cause.conditionKey?.startsWith("kms:encryptioncontext"))
    return undefined;
  const needed = outcomes.map((o) => o.probe.request.action.toLowerCase());
  const options = facts.arn !== undefined ? { keyArn: facts.arn } : {};
  for (const linted of lintDocument(policy, options, ENCRYPTION_CONTEXT_CHECK)) {
    const f = withTrailSourceArn(policy, linted);
    const fixed = f.fix?.json as { readonly Action?: unknown; readonly Condition?: unknown } | undefined;
    if (f.statement?.index !== cause.statement || fixed === undefined) continue;
    // Only a fix as tight as the catalog's: a service statement keeps its source condition.
    const limited =
      outcomes.every((o) => o.probe.request.principal.kind !== "service") ||
      /"aws:source(arn|account)"/i.test(JSON.stringify(fixed.Condition ?? {}));
    const actions = actionsOf(fixed.Action);
    if (limited && needed.every((a) => actions.includes(a))) return { statement: fixed, source: f.source };
  }
  return undefined;
}

/**
 * The one fix for every request of a plan that fails for `cause`: the statement the encryption-context
 * lint suggests when that is the cause, else the catalog statements that answer those requests, once
 * each, in the plan's order. Every rule that reports the cause suggests this, whichever of the
 * requests it checks itself.
 */
export function causeFix(
  facts: KeyFacts,
  plan: IntegrationPlan,
  cause: DenialCause,
  outcomes: readonly ProbeOutcome[],
  policy?: KeyPolicy,
): StatementFix[] {
  const lint = encryptionContextFix(policy, facts, cause, outcomes);
  if (lint !== undefined) return [lint];
  const fixes: Grant[] = [];
  for (const o of outcomes) {
    const grant = grantFor(plan, o.probe);
    if (grant !== undefined && !fixes.includes(grant)) fixes.push(grant);
  }
  return fixes.map((g) => ({ statement: g.statement, source: g.source }));
}

/** The `allow` probes among `outcomes` the key policy fails, or cannot be shown to pass yet. */
export function failedAllowOutcomes(outcomes: readonly ProbeOutcome[]): ProbeOutcome[] {
  return outcomes.filter((o) => o.probe.expect === "allow" && o.satisfied !== true);
}

/** Denied outcomes by their cause, in order of first appearance. */
export function byCause(
  outcomes: readonly ProbeOutcome[],
): Map<string, { cause: DenialCause; outcomes: ProbeOutcome[] }> {
  const groups = new Map<string, { cause: DenialCause; outcomes: ProbeOutcome[] }>();
  for (const o of outcomes) {
    if (o.satisfied !== false) continue;
    const cause = causeOf(o.decision, o.probe.request);
    const group = groups.get(cause.key);
    if (group === undefined) groups.set(cause.key, { cause, outcomes: [o] });
    else group.outcomes.push(o);
  }
  return groups;
}

/**
 * `cloudtrail.amazonaws.com cannot kms:GenerateDataKey or kms:Decrypt for event data store 'lake': <cause>.`:
 * one line per principal, resource and cause text, naming each action once.
 */
function requestLines<T extends { readonly ref: ResourceRef; readonly arn?: unknown }>(
  group: readonly ProbeOutcome[],
  members: readonly T[],
): string[] {
  const lines = new Map<string, { head: string; actions: string[]; tail: string }>();
  for (const o of group) {
    const who = principalText(o.probe.request.principal);
    const tail = `for ${subjectText(o.probe.subject, members)}: ${causeOf(o.decision, o.probe.request).text}.`;
    const id = `${who}\n${tail}`;
    const line = lines.get(id);
    if (line === undefined) lines.set(id, { head: `${who} cannot`, actions: [o.probe.request.action], tail });
    else if (!line.actions.includes(o.probe.request.action)) line.actions.push(o.probe.request.action);
  }
  return [...lines.values()].map((l) => `${l.head} ${orList(l.actions)} ${l.tail}`);
}

/** Requests whose failure alone is a practice finding (advisory unless `practiceLevel` is "rule"). */
export interface PracticeProbes {
  /** Probe ids. */
  readonly ids: ReadonlySet<string>;
  /** Why it is a practice, not a requirement: one or two sentences, with the pages that say so. */
  readonly note: string;
}

export interface AllowProbeOptions {
  /**
   * Every failed `allow` probe of the plan, including those other rules report: the fix of a cause
   * covers all of them, so every rule that sees the cause suggests the same statements.
   */
  readonly planFailures?: readonly ProbeOutcome[];
  readonly practice?: PracticeProbes;
  /** The sentence a finding adds when the key's account is an assumption (analysis/account.ts). */
  readonly assumption?: string;
}

/**
 * Violations for the `allow` probes the key policy fails: mandatory when the evaluator says no,
 * advisory when it cannot decide yet (preview values). One violation per cause (the same Deny, the
 * same failing condition of the same statement, or no statement for the principal): its requests
 * each with the resource they are for, and the cause's one fix. Probes still waiting for values are
 * said once per statement to add.
 */
export function allowProbeViolations<T extends { readonly ref: ResourceRef; readonly arn?: unknown }>(
  facts: KeyFacts,
  members: readonly T[],
  plan: IntegrationPlan,
  outcomes: readonly ProbeOutcome[],
  unknowns: readonly string[],
  policy?: KeyPolicy,
  options: AllowProbeOptions = {},
): Violation[] {
  const out: Violation[] = [];
  const waiting = new Set<string | ProbeOutcome>();
  for (const outcome of outcomes) {
    if (outcome.satisfied !== "unknown") continue;
    const probe = outcome.probe;
    // The probes of one statement wait for the same values: say so once.
    const key = probe.grantSid ?? outcome;
    if (waiting.has(key)) continue;
    waiting.add(key);
    const organization = organizationUndecided(probe, outcome.decision);
    if (organization !== undefined) {
      out.push({
        message: `${keyLabel(facts)}: cannot tell whether the key policy allows this: ${sentence(probe.description)} ${organization}`,
        urn: facts.policySource.urn,
        kind: "undecided",
      });
      continue;
    }
    const what = unknowns.length > 0 ? unknowns.join(", ") : "values not known yet";
    out.push({
      message: waitingFor(`whether ${asClause(probe.description)}`, what, outcome.decision.reason),
      urn: facts.policySource.urn,
      kind: "undecided",
    });
  }
  const planGroups = byCause(options.planFailures ?? outcomes);
  for (const { cause, outcomes: group } of byCause(outcomes).values()) {
    const lines = requestLines(group, members);
    const fixes = causeFix(facts, plan, cause, planGroups.get(cause.key)?.outcomes ?? group, policy);
    const practice = options.practice;
    const isPractice = practice !== undefined && group.every((o) => practice.ids.has(o.probe.id));
    const note =
      (isPractice ? `\n${practice.note}` : "") + (options.assumption !== undefined ? `\n${options.assumption}` : "");
    const fix = fixes.length > 0 ? `\n${addStatements(facts.policySource, fixes, unknowns)}` : "";
    out.push({
      message: `${keyLabel(facts)}: ${lines.join("\n")}${note}${fix}`,
      urn: facts.policySource.urn,
      ...(isPractice ? { kind: "practice" as const } : {}),
    });
  }
  return out;
}

const sentence = (s: string): string => (s.endsWith(".") ? s : `${s}.`);

/** Every failed `allow` probe whose id is one of `ids`, across the checked groups. */
export function failedAllowProbeViolations<T extends { readonly ref: ResourceRef; readonly arn?: unknown }>(
  checks: IntegrationChecks<T>,
  ids: ReadonlySet<string>,
  options: Pick<AllowProbeOptions, "practice"> = {},
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
      const planFailures = failedAllowOutcomes(checked.outcomes);
      out.push(
        ...allowProbeViolations(
          group.facts,
          group.members,
          checked.plan,
          planFailures.filter((o) => ids.has(o.probe.id)),
          group.result.unknowns,
          group.result.policy,
          {
            ...options,
            planFailures,
            ...(group.result.assumption !== undefined ? { assumption: group.result.assumption } : {}),
          },
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
