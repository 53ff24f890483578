/**
 * Whether one compiled statement applies to a request: principal, action, resource and every
 * condition, combined in three-valued logic, with the trace and a one-sentence explanation.
 * Conditions are only evaluated when principal, action and resource do not already rule the
 * statement out: that is the common case across thousands of probes, and a condition of a statement
 * that cannot apply explains nothing.
 */
import type { CallerIdentity } from "./caller-identity";
import type { CompiledStatement } from "./compiled-policy";
import { matchActions } from "./action-match";
import { showPartial } from "./partial-values";
import { listedInNotPrincipal, matchPrincipal } from "./principal-match";
import type { EffectiveContext } from "./request-context";
import { matchResources } from "./resource-match";
import { triAnd } from "./tri";
import type { ConditionTrace, PrincipalMatch, Request, StatementTrace, Tri } from "../types";

export interface StatementOutcome {
  readonly compiled: CompiledStatement;
  readonly trace: StatementTrace;
}

export interface MatchInput {
  readonly request: Request;
  readonly actionLower: string;
  readonly caller: CallerIdentity;
  readonly ctx: EffectiveContext;
}

function principalMatch(s: CompiledStatement, caller: CallerIdentity): PrincipalMatch {
  if (s.principal !== undefined && s.notPrincipal === undefined) return matchPrincipal(s.principal, caller);
  if (s.notPrincipal !== undefined && s.principal === undefined) {
    const listed = listedInNotPrincipal(s.notPrincipal, caller);
    // Everyone not listed: like "*" for the caller.
    return listed === "unknown" ? "unknown" : listed ? "none" : "direct";
  }
  return "unknown";
}

const principalTri = (m: PrincipalMatch): Tri => (m === "none" ? false : m === "unknown" ? "unknown" : true);

function describePrincipal(s: CompiledStatement, m: PrincipalMatch, caller: CallerIdentity): string {
  const reasons = [...(s.principal?.unknownReasons ?? []), ...(s.notPrincipal?.unknownReasons ?? [])];
  switch (m) {
    case "direct":
      return s.notPrincipal !== undefined
        ? `${caller.display} is not excluded by NotPrincipal`
        : `the principal names ${caller.display}`;
    case "account":
      return `the principal is account ${caller.account ?? "?"}, which delegates to its IAM policies`;
    case "none":
      return s.notPrincipal !== undefined
        ? `NotPrincipal excludes ${caller.display}`
        : `the principal does not name ${caller.display}`;
    default:
      return reasons.length > 0 ? reasons[0] : `whether the principal names ${caller.display} is unknown`;
  }
}

export function matchStatement(s: CompiledStatement, input: MatchInput): StatementOutcome {
  const { request, caller, ctx } = input;
  const principal = principalMatch(s, caller);
  const action: Tri = s.actions === undefined ? "unknown" : matchActions(s.actions, input.actionLower);
  const resource: Tri =
    s.resources === undefined ? "unknown" : matchResources(s.resources, request.resource, ctx.lookup);
  let applies = triAnd(triAnd(principalTri(principal), action), resource);
  const conditions: ConditionTrace[] = [];
  if (applies !== false) {
    for (const condition of s.conditions) {
      const trace = condition.evaluate(ctx);
      conditions.push(trace);
      applies = triAnd(applies, trace.result);
    }
  }
  // A construct AWS would reject leaves the statement's meaning open, unless it plainly cannot apply.
  if (s.problems.length > 0 && applies === true) applies = "unknown";

  const trace: StatementTrace = {
    index: s.index,
    ...(s.sid === undefined ? {} : { sid: s.sid }),
    effect: s.effect ?? s.statement.effect,
    principal,
    action,
    resource,
    conditions,
    applies,
    explanation: explainStatement(s, input, principal, action, resource, conditions, applies),
  };
  return { compiled: s, trace };
}

function explainStatement(
  s: CompiledStatement,
  input: MatchInput,
  principal: PrincipalMatch,
  action: Tri,
  resource: Tri,
  conditions: readonly ConditionTrace[],
  applies: Tri,
): string {
  const { request, caller } = input;
  const who = describePrincipal(s, principal, caller);
  // A key ARN known only in part is shown as the caller is: the parts not known yet named, not the sentinel.
  const onKey = request.resource === undefined ? "the key" : showPartial(String(request.resource));
  if (applies === true) {
    const held =
      conditions.length === 0
        ? ""
        : conditions.length === 1
          ? ", and its condition holds"
          : `, and all ${conditions.length} conditions hold`;
    return `${s.label} applies: ${who}, it covers ${request.action} on ${onKey}${held}.`;
  }
  const failing = (value: Tri): string | undefined => {
    if (principalTri(principal) === value) return who;
    if (action === value)
      return `${request.action} is ${value === false ? "not " : "perhaps "}covered by its ${s.actions?.negated ? "NotAction" : "Action"}`;
    if (resource === value)
      return `${onKey} is ${value === false ? "not " : "perhaps "}covered by its ${s.resources?.negated ? "NotResource" : "Resource"}`;
    return conditions.find((c) => c.result === value)?.explanation;
  };
  if (applies === false) return `${s.label} does not apply: ${failing(false) ?? "it does not match"}.`;
  const why = s.problems.length > 0 ? `${s.problems[0]}` : (failing("unknown") ?? "part of it is unknown");
  return `${s.label} may apply: ${why}.`;
}
