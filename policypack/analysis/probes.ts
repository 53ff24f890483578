/**
 * Running a plan's probes against a key policy, and saying in one sentence why a probe failed: the
 * statement that came closest and the condition that turned the request away.
 */
import {
  checkProbes,
  type Grant,
  type IntegrationPlan,
  type Probe,
  type ProbeOutcome,
} from "pulumi-kms-guardrails/catalog";
import { asSentence } from "../messages";
import { dependsOnAccount } from "./account";
import type { Decision, KeyPolicy, Request, RequestPrincipal, StatementTrace } from "pulumi-kms-guardrails/engine";

export interface CheckedPlan {
  readonly plan: IntegrationPlan;
  readonly outcomes: readonly ProbeOutcome[];
}

/**
 * A plan's probes, run when a rule first reads the outcomes: some plans are built for a case the
 * stack turns out not to be in (the IAM-role delivery plan of a stack whose Config uses its
 * service-linked role), and evaluating probes is most of a stack's analysis.
 */
export function runPlan(policy: KeyPolicy, plan: IntegrationPlan): CheckedPlan {
  let outcomes: readonly ProbeOutcome[] | undefined;
  return {
    plan,
    get outcomes(): readonly ProbeOutcome[] {
      outcomes ??= checkProbes(policy, plan.probes);
      return outcomes;
    },
  };
}

/**
 * One plan checked in each account the key may be in (analysis/account.ts candidates), as one: a
 * probe's outcome is the first account's when every account gives the same, else undecidable, its
 * reason saying what each account gives. `checked` holds the same plan built for each account.
 */
export function inEachAccount(accounts: readonly string[], checked: readonly CheckedPlan[]): CheckedPlan {
  let outcomes: readonly ProbeOutcome[] | undefined;
  return {
    plan: checked[0].plan,
    get outcomes(): readonly ProbeOutcome[] {
      outcomes ??= checked[0].outcomes.map((first, i) => {
        const satisfied = checked.map((c) => c.outcomes[i].satisfied);
        if (satisfied.every((v) => v === first.satisfied)) return first;
        const reason = asSentence(dependsOnAccount(accounts, satisfied));
        return {
          probe: first.probe,
          satisfied: "unknown",
          decision: { ...first.decision, verdict: "undecidable", reason },
        };
      });
      return outcomes;
    },
  };
}

export function grantFor(plan: IntegrationPlan, probe: Probe): Grant | undefined {
  return probe.grantSid === undefined ? undefined : plan.grants.find((g) => g.statement.Sid === probe.grantSid);
}

export function principalText(principal: RequestPrincipal): string {
  switch (principal.kind) {
    case "service":
      return principal.service;
    case "aws":
      return principal.arn;
    case "anonymous":
      return "an anonymous caller";
  }
}

export function statementName(trace: { readonly sid?: string; readonly index: number }): string {
  return trace.sid !== undefined && trace.sid !== "" ? `statement '${trace.sid}'` : `statement #${trace.index}`;
}

function matchesRequest(t: StatementTrace): boolean {
  return t.principal !== "none" && t.action === true;
}

/**
 * What turned a request away, as one finding reports it: requests with the same cause (the same
 * Deny, the same failing condition key of the same Allow, or no statement for the principal at all)
 * have one root cause and one fix, whichever action or rule they come from.
 */
export interface DenialCause {
  /** Equal for requests with the same cause on the same key policy. */
  readonly key: string;
  /** The statement that came closest, when one did. */
  readonly statement?: number;
  /** The condition key that failed in it, lower-cased. */
  readonly conditionKey?: string;
  /** One clause for a message: `statement 'X' does not apply: ...`. */
  readonly text: string;
}

/** Why a request the key must allow is not allowed. */
export function causeOf(decision: Decision, request: Request): DenialCause {
  if (decision.verdict === "denied-explicit") {
    const deny = decision.deciding[0];
    return deny !== undefined
      ? { key: `deny:${deny.index}`, statement: deny.index, text: `${statementName(deny)} denies it` }
      : { key: "deny", text: "an explicit Deny applies" };
  }
  const near = decision.trace.filter((t) => t.effect === "Allow" && matchesRequest(t));
  for (const t of near) {
    const failed = t.conditions.find((c) => c.result === false);
    if (failed !== undefined) {
      const conditionKey = failed.key.toLowerCase();
      return {
        key: `condition:${t.index}:${conditionKey}`,
        statement: t.index,
        conditionKey,
        text: `${statementName(t)} does not apply: ${withoutPeriod(failed.explanation)}`,
      };
    }
  }
  // The engine's statement explanation names the statement itself.
  if (near.length > 0)
    return { key: `statement:${near[0].index}`, statement: near[0].index, text: withoutPeriod(near[0].explanation) };
  const who = principalText(request.principal);
  return {
    key: `missing:${who.toLowerCase()}`,
    text: `no statement of the key policy grants that to ${who}`,
  };
}

/** Why a request the key must allow is not allowed, as one clause. */
export function denialCause(decision: Decision, request: Request): string {
  return causeOf(decision, request).text;
}

function withoutPeriod(s: string): string {
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

/** Which statements let through a request the key must deny. */
export function allowingStatements(decision: Decision): readonly StatementTrace[] {
  return decision.deciding.filter((t) => t.effect === "Allow");
}

/** `cloudtrail.amazonaws.com cannot kms:GenerateDataKey` / `... can ...`. */
export function requestText(probe: Probe, can: boolean): string {
  return `${principalText(probe.request.principal)} ${can ? "can" : "cannot"} ${probe.request.action}`;
}
