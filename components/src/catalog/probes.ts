/**
 * Runs a plan's probes against a key policy with the engine's evaluator, and explains the ones
 * that fail: who cannot (or can) do what for which resource, the statement or condition that
 * decided it, and the statement JSON to add (STYLE.md: "Every verdict carries its explanation").
 */
import { evaluate } from "../engine/evaluate";
import type { Decision, KeyPolicy, StatementTrace } from "../engine/types";
import type { Grant, IntegrationPlan, PolicyStatementJson, Probe, ProbeOutcome } from "./types";
import { citeAws, type SourceRef } from "./sources";

/**
 * Whether a decision meets the probe's expectation (catalog/types.ts `ProbeExpectation`): `allow`
 * accepts `allowed`, and `needs-iam` for an IAM identity (the key policy delegates it to IAM);
 * `deny` accepts `denied-explicit` and `denied-implicit`. `undecidable` is `unknown`.
 */
export function probeSatisfied(probe: Probe, decision: Decision): boolean | "unknown" {
  if (decision.verdict === "undecidable") return "unknown";
  if (probe.expect === "deny") return decision.verdict === "denied-explicit" || decision.verdict === "denied-implicit";
  return decision.verdict === "allowed" || (decision.verdict === "needs-iam" && probe.request.principal.kind === "aws");
}

export function checkProbes(policy: KeyPolicy, probes: readonly Probe[]): ProbeOutcome[] {
  return probes.map((probe) => {
    const decision = evaluate(policy, probe.request);
    return { probe, decision, satisfied: probeSatisfied(probe, decision) };
  });
}

/** The outcomes of every plan's probes, in plan order. */
export function checkPlans(policy: KeyPolicy, plans: readonly IntegrationPlan[]): ProbeOutcome[] {
  return plans.flatMap((plan) => checkProbes(policy, plan.probes));
}

/** A failed (or undecidable) probe, ready to report. */
export interface ProbeFailure {
  readonly probeId: string;
  readonly subject?: string;
  /** Several sentences: the request, the verdict, why, and what to change. */
  readonly message: string;
  /** The statements that blocked an allow probe or let a deny probe through. */
  readonly statements: readonly { readonly index: number; readonly sid?: string }[];
  readonly fix?: { readonly description: string; readonly json?: PolicyStatementJson };
  readonly source: SourceRef;
}

const label = (t: StatementTrace): string =>
  t.sid === undefined ? `Statement[${t.index}]` : `Statement[${t.index}] "${t.sid}"`;

/** Statements that name the caller and the action but whose conditions did not hold. */
function nearMisses(decision: Decision): StatementTrace[] {
  return decision.trace.filter(
    (t) =>
      t.effect === "Allow" && t.principal !== "none" && t.action === true && t.resource !== false && t.applies !== true,
  );
}

function failedConditions(t: StatementTrace): string {
  const failed = t.conditions.filter((c) => c.result !== true).map((c) => c.explanation);
  return failed.length > 0 ? failed.join("; ") : t.explanation;
}

function grantFor(probe: Probe, grants: readonly Grant[]): Grant | undefined {
  return probe.grantSid === undefined ? undefined : grants.find((g) => g.statement.Sid === probe.grantSid);
}

/** What a verdict means for the request, in words (no verdict ids in user-facing text). */
const VERDICT_WORDS: Readonly<Record<Decision["verdict"], string>> = {
  allowed: "the key policy allows it",
  "needs-iam": "the key policy leaves it to IAM policies in the caller's account",
  "denied-explicit": "a Deny statement refuses it",
  "denied-implicit": "no statement allows it",
  undecidable: "it cannot be decided",
};

const cite = (s: SourceRef): string => `documented in ${citeAws(s)}`;

function explainAllow(
  outcome: ProbeOutcome,
  grant: Grant | undefined,
): Omit<ProbeFailure, "probeId" | "subject" | "source"> {
  const { probe, decision } = outcome;
  let why: string;
  let statements: StatementTrace[];
  if (decision.verdict === "denied-explicit") {
    statements = [...decision.deciding];
    why = `It is denied by ${statements.map(label).join(", ")}.`;
  } else {
    statements = nearMisses(decision);
    why =
      statements.length > 0
        ? statements.map((t) => `${label(t)} names the caller and action, but ${failedConditions(t)}.`).join(" ")
        : `No statement allows ${probe.request.action} for this caller.`;
  }
  const fix =
    grant === undefined
      ? undefined
      : {
          description: `Add the statement "${grant.statement.Sid}" (${cite(grant.source)}): ${grant.purpose}`,
          json: grant.statement,
        };
  return {
    message: `The key policy must allow this, but ${VERDICT_WORDS[decision.verdict]}. ${why}${fix === undefined ? "" : ` ${fix.description}`}`,
    statements: statements.map((t) => ({ index: t.index, sid: t.sid })),
    fix,
  };
}

function explainDeny(
  outcome: ProbeOutcome,
  grant: Grant | undefined,
): Omit<ProbeFailure, "probeId" | "subject" | "source"> {
  const { decision } = outcome;
  const statements = [...decision.deciding];
  const by = statements.length > 0 ? ` It is allowed by ${statements.map(label).join(", ")}.` : "";
  const fix =
    grant === undefined
      ? undefined
      : {
          description: `Replace it with the conditioned statement "${grant.statement.Sid}" (${cite(grant.source)}), which denies this request.`,
          json: grant.statement,
        };
  return {
    message: `The key policy must refuse this (the service would act for a resource that is not yours), but ${VERDICT_WORDS[decision.verdict]}.${by}${fix === undefined ? "" : ` ${fix.description}`}`,
    statements: statements.map((t) => ({ index: t.index, sid: t.sid })),
    fix,
  };
}

/**
 * Explains an outcome that is not satisfied; `undefined` for a satisfied one. `grants` are the
 * plan's, where the probe's `grantSid` is looked up for the fix.
 */
export function explainProbeFailure(outcome: ProbeOutcome, grants: readonly Grant[]): ProbeFailure | undefined {
  if (outcome.satisfied === true) return undefined;
  const { probe, decision } = outcome;
  const grant = grantFor(probe, grants);
  const head = `${probe.description[0].toUpperCase()}${probe.description.slice(1)}${probe.description.endsWith(".") ? "" : ":"}`;
  const base = {
    probeId: probe.id,
    ...(probe.subject === undefined ? {} : { subject: probe.subject }),
    source: probe.source,
  };
  if (outcome.satisfied === "unknown") {
    return { ...base, message: `${head} Cannot be decided yet: ${decision.reason}`, statements: [] };
  }
  const body = probe.expect === "allow" ? explainAllow(outcome, grant) : explainDeny(outcome, grant);
  return { ...base, ...body, message: `${head} ${body.message}` };
}

/** A failure as text: the message, then the statement JSON to add. */
export function formatProbeFailure(failure: ProbeFailure): string {
  const json = failure.fix?.json === undefined ? "" : `\n${JSON.stringify(failure.fix.json, null, 2)}`;
  return `${failure.message}${json}`;
}
