/**
 * The `reason` of a decision: one or two sentences a user can act on, naming the statement that
 * decided and, for a denial, the nearest statement and the condition that failed (STYLE.md: every
 * verdict carries its explanation).
 */
import type { CallerIdentity } from "./caller-identity";
import type { StatementOutcome } from "./statement-match";
import type { Request, StatementTrace } from "../types";

/** What an applying Allow grants the caller; `unknown` when a value not known yet decides it. */
export type Grant = "allowed" | "needs-iam" | "unknown";

export type Outcome =
  | { readonly kind: "deny"; readonly statements: readonly StatementOutcome[] }
  | {
      readonly kind: "allow";
      readonly statements: readonly StatementOutcome[];
      readonly grant: "allowed" | "needs-iam";
    }
  | { readonly kind: "unknown"; readonly statements: readonly StatementOutcome[]; readonly alternative: string }
  | { readonly kind: "implicit"; readonly possibleDenies: readonly StatementOutcome[] }
  | { readonly kind: "policy-problem"; readonly problems: readonly string[] };

export interface ReasonInput {
  readonly request: Request;
  readonly caller: CallerIdentity;
  readonly keyAccount?: string;
  readonly trace: readonly StatementTrace[];
}

const labelOf = (t: StatementTrace): string =>
  t.sid !== undefined && t.sid !== "" ? `"${t.sid}"` : `statement #${t.index}`;
const labels = (list: readonly StatementOutcome[]): string => list.map((o) => o.compiled.label).join(", ");
/** A statement explanation without its leading label and final period, to embed in a sentence. */
const detail = (t: StatementTrace): string =>
  t.explanation.replace(/^.*? (applies|does not apply|may apply): /, "").replace(/\.$/, "");

function explainAllow(outcome: Extract<Outcome, { kind: "allow" }>, input: ReasonInput): string {
  const { request, caller, keyAccount } = input;
  const first = outcome.statements[0];
  const by = first.compiled.label;
  if (outcome.grant === "allowed") {
    if (caller.kind === "service")
      return `Allowed: ${by} grants ${request.action} to the service principal ${caller.display}, and no Deny applies.`;
    if (caller.isRoot)
      return `Allowed: ${by} grants ${request.action} to the root of the key's account ${caller.account}, and no Deny applies.`;
    if (caller.kind === "anonymous")
      return `Allowed: ${by} grants ${request.action} to everyone, including unauthenticated callers; add conditions or a narrower Principal.`;
    return `Allowed by the key policy alone: ${by} grants ${request.action} to ${caller.display} directly, so no IAM policy is needed.`;
  }
  if (keyAccount !== undefined && caller.account !== keyAccount) {
    return (
      `The key policy allows it (${by}), but ${caller.display} is in account ${caller.account ?? "unknown"} and the key in ${keyAccount}: ` +
      `an IAM policy in account ${caller.account ?? "unknown"} must also allow ${request.action} on the key.`
    );
  }
  return (
    `${by} delegates ${request.action} to the IAM policies of account ${caller.account ?? "unknown"}: ` +
    `it is allowed only if an IAM policy of ${caller.display} also allows it (or name the principal in the key policy).`
  );
}

function explainImplicit(outcome: Extract<Outcome, { kind: "implicit" }>, input: ReasonInput): string {
  const { request, caller, trace } = input;
  const allows = trace.filter((t) => t.effect === "Allow");
  // Nearest miss: right principal, action and resource, failed on a condition; then right action only.
  const nearest =
    allows.find((t) => t.principal !== "none" && t.action === true && t.resource === true) ??
    allows.find((t) => t.action === true && t.resource === true) ??
    allows.find((t) => t.action === true);
  const head = `No statement allows ${request.action} for ${caller.display}`;
  const tail =
    outcome.possibleDenies.length > 0
      ? ` A Deny that may apply (${labels(outcome.possibleDenies)}) would deny it too.`
      : "";
  if (nearest === undefined) return `${head}. Add an Allow statement for it if it should be allowed.${tail}`;
  return `${head}: the nearest, ${labelOf(nearest)}, does not apply because ${detail(nearest)}. Change that statement or the request if it should be allowed.${tail}`;
}

/** Users read the reason: the verdict ids of an undecided outcome ("allowed or needs-iam") in words. */
const VERDICT_WORDS: Readonly<Record<string, string>> = {
  allowed: "allowed by the key policy",
  "needs-iam": "left to IAM policies in the caller's account",
  denied: "denied",
};

/** `allowed or needs-iam or denied` as `allowed by the key policy, left to ... or denied`. */
function possibleVerdicts(alternative: string): string {
  const words = alternative.split(" or ").map((v) => VERDICT_WORDS[v] ?? v);
  return `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

export function explainDecision(outcome: Outcome, input: ReasonInput): string {
  switch (outcome.kind) {
    case "deny": {
      const first = outcome.statements[0].trace;
      const why = first.conditions.length > 0 ? first.conditions.map((c) => c.explanation).join("; ") : detail(first);
      return `Denied explicitly by ${labels(outcome.statements)}: ${why}. A Deny overrides every Allow; change the request or narrow that statement.`;
    }
    case "allow":
      return explainAllow(outcome, input);
    case "implicit":
      return explainImplicit(outcome, input);
    case "policy-problem":
      return `The policy cannot be evaluated: ${outcome.problems.join("; ")}.`;
    case "unknown": {
      const first = outcome.statements[0]?.trace;
      const why =
        first === undefined
          ? ""
          : `: ${labelOf(first)} ${first.applies === "unknown" ? "may apply" : "applies"} (${detail(first)})`;
      return `Either ${possibleVerdicts(outcome.alternative)}, depending on what is not known${why}.`;
    }
  }
}
