/**
 * The key-policy evaluator: decides a request the way AWS KMS does and says why.
 *
 * Order of evaluation (IAM User Guide, "Policy evaluation logic"; seed 004 "IAM policies" and
 * "Cross-account access"):
 *  1. an applying Deny wins: `denied-explicit`;
 *  2. an applying Allow grants. A service principal, the key account's root, or an IAM identity of
 *     the key's account named directly (its ARN, its role, `*`) is `allowed` by the key policy
 *     alone. An identity matched only through its account (`"111122223333"`,
 *     `arn:aws:iam::111122223333:root`) is `needs-iam`: the key policy delegates to that account's
 *     IAM policies. A caller from another account is `needs-iam` too: "Users in other AWS accounts
 *     just need corresponding IAM permissions in their own accounts" (seed 004);
 *  3. otherwise `denied-implicit`.
 * Whatever is not known yet (Pulumi preview values, constructs AWS would reject, ambiguous
 * multivalued keys) makes the verdict `undecidable` only when it could change it.
 */
import { memoMap, remember } from "../caches";
import { parseArn } from "../arn";
import { describeCaller, type CallerIdentity } from "./caller-identity";
import { compilePolicy } from "./compiled-policy";
import { explainDecision, type Grant, type Outcome } from "./decision-reason";
import { isPartial } from "./partial-values";
import { mayMatchDirectly } from "./principal-match";
import { buildContext } from "./request-context";
import { matchStatement, type StatementOutcome } from "./statement-match";
import type { Decision, KeyPolicy, Request, StatementTrace, Verdict } from "../types";

const accountOfKey = memoMap<string, string>();

const accountOfArn = (resource: string): string => parseArn(resource)?.account ?? "";

/** The account that owns the key: given, else from the key ARN, else the caller's own. */
function keyAccountOf(request: Request, caller: CallerIdentity): string | undefined {
  if (typeof request.keyAccount === "string" && request.keyAccount !== "") return request.keyAccount;
  // No resource (or one that is not an ARN) names no account.
  const account = remember(accountOfKey, String(request.resource), 10_000, accountOfArn);
  return account !== "" ? account : caller.account;
}

/** What an applying Allow grants this caller. */
function grantOf(o: StatementOutcome, caller: CallerIdentity, keyAccount: string | undefined): Grant {
  if (caller.kind !== "aws") return "allowed";
  // Whether the caller is in the key's account is not known yet: allowed, or left to its IAM policies.
  if (caller.partial === true || (keyAccount !== undefined && isPartial(keyAccount))) return "unknown";
  // keyAccount is undefined only when the caller's account is (keyAccountOf falls back to it).
  if (caller.account !== keyAccount) return "needs-iam";
  const match = o.trace.principal;
  if (match === "direct") return "allowed";
  if (match === "account") {
    // Not the root: matchPrincipal says "direct" for an account's root. A principal not known yet could be the caller's own ARN.
    return o.compiled.principal !== undefined && mayMatchDirectly(o.compiled.principal) ? "unknown" : "needs-iam";
  }
  // Principal itself unknown: it could name the caller directly.
  return "unknown";
}

/** A decision about an input that is not a policy or not a request (callers in plain JavaScript). */
function unusable(what: string): Decision {
  return { verdict: "undecidable", deciding: [], trace: [], reason: `Cannot evaluate: ${what}.` };
}

function decide(policy: KeyPolicy, request: Request): Decision {
  if (typeof policy !== "object" || policy === null) return unusable("there is no parsed key policy");
  if (
    typeof request !== "object" ||
    request === null ||
    typeof request.principal !== "object" ||
    request.principal === null
  ) {
    return unusable("the request names no principal");
  }
  const kind: string = request.principal.kind;
  if (kind !== "aws" && kind !== "service" && kind !== "anonymous")
    return unusable(`the principal kind ${kind} is unknown`);
  const caller = describeCaller(request.principal);
  const compiled = compilePolicy(policy);
  const ctx = buildContext(request, caller);
  const input = { request, caller, ctx, actionLower: String(request.action).toLowerCase() };
  const outcomes = compiled.statements.map((s) => matchStatement(s, input));
  const keyAccount = keyAccountOf(request, caller);

  const denyTrue: StatementOutcome[] = [];
  const denyUnknown: StatementOutcome[] = [];
  const allowTrue: StatementOutcome[] = [];
  const allowUnknown: StatementOutcome[] = [];
  for (const o of outcomes) {
    const applies = o.trace.applies;
    if (applies === false) continue;
    const effect = o.compiled.effect;
    // A statement with an invalid Effect could be either; it has a problem, so it never applies for sure.
    if (effect !== "Allow") (applies === true ? denyTrue : denyUnknown).push(o);
    if (effect !== "Deny") (applies === true ? allowTrue : allowUnknown).push(o);
  }

  const trace = outcomes.map((o) => o.trace);
  const base = { request, caller, keyAccount, trace };
  const finish = (verdict: Verdict, deciding: StatementOutcome[], outcome: Outcome): Decision => ({
    verdict,
    deciding: deciding.map((o) => o.trace),
    trace,
    reason: explainDecision(outcome, base),
  });

  if (denyTrue.length > 0) return finish("denied-explicit", denyTrue, { kind: "deny", statements: denyTrue });
  if (compiled.problems.length > 0)
    return finish("undecidable", [], { kind: "policy-problem", problems: compiled.problems });

  const weighed = weighAllows(allowTrue, allowUnknown, caller, keyAccount);
  if (weighed === undefined) return finish("denied-implicit", [], { kind: "implicit", possibleDenies: denyUnknown });
  // A Deny that may apply only matters when something would otherwise be granted.
  if (denyUnknown.length > 0) {
    // A statement that may be either effect is among both; it is listed once.
    const allows = weighed.verdict === "undecidable" ? weighed.deciding.filter((o) => !denyUnknown.includes(o)) : [];
    const statements = [...denyUnknown, ...allows];
    // Whatever the Allows would give, or denied.
    const granted = weighed.outcome.kind === "unknown" ? weighed.outcome.alternative : weighed.verdict;
    const alternative = granted.endsWith(" or denied") ? granted : `${granted} or denied`;
    return finish("undecidable", statements, { kind: "unknown", statements, alternative });
  }
  return finish(weighed.verdict, weighed.deciding, weighed.outcome);
}

interface Weighed {
  readonly verdict: Verdict;
  readonly deciding: StatementOutcome[];
  readonly outcome: Outcome;
}

/** What the Allows grant, before the Denies that may or may not apply; `undefined`: no Allow may apply. */
function weighAllows(
  allowTrue: StatementOutcome[],
  allowUnknown: StatementOutcome[],
  caller: CallerIdentity,
  keyAccount: string | undefined,
): Weighed | undefined {
  const granted = allowTrue.map((o) => ({ o, grant: grantOf(o, caller, keyAccount) }));
  const potential = allowUnknown.map((o) => ({ o, grant: grantOf(o, caller, keyAccount) }));
  const directly = granted.filter((g) => g.grant === "allowed").map((g) => g.o);
  if (directly.length > 0) {
    const deciding = [...directly, ...allowTrue.filter((o) => !directly.includes(o))];
    return { verdict: "allowed", deciding, outcome: { kind: "allow", statements: deciding, grant: "allowed" } };
  }
  if (granted.length > 0) {
    // Only an IAM delegation applies for sure; an unknown principal or Allow could grant directly.
    const upgrades = [
      ...granted.filter((g) => g.grant === "unknown").map((g) => g.o),
      ...potential.filter((g) => g.grant !== "needs-iam").map((g) => g.o),
    ];
    if (upgrades.length > 0) {
      const outcome: Outcome = { kind: "unknown", statements: upgrades, alternative: "allowed or needs-iam" };
      return { verdict: "undecidable", deciding: upgrades, outcome };
    }
    return {
      verdict: "needs-iam",
      deciding: allowTrue,
      outcome: { kind: "allow", statements: allowTrue, grant: "needs-iam" },
    };
  }
  if (allowUnknown.length > 0) {
    // Each Allow that may apply could grant what it grants when it applies ("unknown": either).
    const possible = [
      ...(potential.some((g) => g.grant !== "needs-iam") ? ["allowed"] : []),
      ...(potential.some((g) => g.grant !== "allowed") ? ["needs-iam"] : []),
      "denied",
    ];
    const outcome: Outcome = { kind: "unknown", statements: allowUnknown, alternative: possible.join(" or ") };
    return { verdict: "undecidable", deciding: allowUnknown, outcome };
  }
  return undefined;
}

/**
 * Decides a request against a key policy the way AWS KMS does: explicit Deny wins, then an
 * applying Allow grants (or delegates to IAM for account principals), otherwise implicit deny.
 * Never throws; what cannot be decided is `undecidable` with the reason.
 */
export function evaluate(policy: KeyPolicy, request: Request): Decision {
  try {
    return decide(policy, request);
  } catch (error) {
    const trace: StatementTrace[] = [];
    const message = error instanceof Error ? error.message : String(error);
    return {
      verdict: "undecidable",
      deciding: [],
      trace,
      reason: `Internal error while evaluating the policy: ${message}.`,
    };
  }
}
