/**
 * Semantic questions answered by the evaluator: "would this statement, alone, let this request
 * through?". Checks ask them where a syntactic rule would miss a case (a `StringLike` pattern that
 * matches every account, a Deny whose exception happens to cover service requests) and fall back
 * to their clause model when the evaluator cannot decide.
 */
import { evaluate } from "../evaluate";
import type { KeyPolicy, Request, Statement, Tri, Verdict } from "../types";
import { accountsMentioned } from "./statements";

/**
 * The verdict of `request` against a policy holding only `statement`; `undefined` when the
 * evaluator cannot decide (unknown values), so the caller keeps its clause-model answer.
 */
export function probeStatement(statement: Statement, request: Request): Verdict | undefined {
  return statementProbe(statement)(request);
}

/**
 * `probeStatement` for several requests against one statement. They share one policy object, so
 * the evaluator, which compiles each policy object once, compiles the statement once.
 */
export function statementProbe(statement: Statement): (request: Request) => Verdict | undefined {
  const policy = oneStatementPolicy(statement);
  // `evaluate` never throws: what it cannot decide, an internal error included, is `undecidable`.
  return (request) => {
    const verdict = evaluate(policy, request).verdict;
    return verdict === "undecidable" ? undefined : verdict;
  };
}

/**
 * Whether `statement` applies to `request`, as the evaluator traces it: `"unknown"` when it may
 * (a value not known yet, a part it cannot read). A Deny's verdict alone cannot tell: a Deny that
 * may apply leaves the request denied anyway (implicitly, there being no Allow).
 */
export function statementApplies(statement: Statement, request: Request): Tri {
  // `evaluate` traces every statement; only an internal error would leave the trace empty, and the
  // check would then fail (a lint-check-failed finding) rather than guess.
  return evaluate(oneStatementPolicy(statement), request).trace[0].applies;
}

function oneStatementPolicy(statement: Statement): KeyPolicy {
  // `raw` only shows the evaluator the entries of `Statement` the parser could not read (it weighs
  // them as statements of unknown meaning): the probed statement was read, so there are none. (Its
  // raw JSON, put at [0] for a statement after the first, once made every such probe undecidable.)
  // Stryker disable next-line StringLiteral: the evaluator does not read the version
  return { version: "2012-10-17", statements: [statement], raw: {} };
}

const PROBE_ACCOUNTS = ["999999999999", "999988887777", "888877776666", "123412341234"];

/** An account id that appears nowhere in the policy: a stranger's. */
export function unrelatedAccount(statements: readonly Statement[]): string {
  const mentioned = accountsMentioned(statements);
  return PROBE_ACCOUNTS.find((a) => !mentioned.has(a)) ?? "000000000001";
}

/** Allowed outright, or allowed pending the caller's IAM policy: either way the statement grants. */
export function grants(verdict: Verdict | undefined): boolean {
  return verdict === "allowed" || verdict === "needs-iam";
}
