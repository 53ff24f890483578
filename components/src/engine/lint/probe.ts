/**
 * Semantic questions answered by the evaluator: "would this statement, alone, let this request
 * through?". Checks ask them where a syntactic rule would miss a case (a `StringLike` pattern that
 * matches every account, a Deny whose exception happens to cover service requests) and fall back
 * to their clause model when the evaluator cannot decide.
 */
import { evaluate } from "../evaluate";
import type { KeyPolicy, Request, Statement, Verdict } from "../types";
import { accountsMentioned } from "./statements";

/**
 * The verdict of `request` against a policy holding only `statement`; `undefined` when the
 * evaluator cannot decide (unknown values) or fails, so the caller keeps its clause-model answer.
 */
export function probeStatement(statement: Statement, request: Request): Verdict | undefined {
  return statementProbe(statement)(request);
}

/**
 * `probeStatement` for several requests against one statement. They share one policy object, so
 * the evaluator, which compiles each policy object once, compiles the statement once.
 */
export function statementProbe(statement: Statement): (request: Request) => Verdict | undefined {
  // The document holds the statement at its own index, as the whole policy's does: the evaluator
  // takes an entry of `raw.Statement` that no parsed statement has the index of for one it could
  // not read, so a statement after the first, put at [0], made every probe undecidable.
  const entries: unknown[] = [];
  entries[statement.index] = statement.raw;
  const policy: KeyPolicy = { version: "2012-10-17", statements: [statement], raw: { Statement: entries } };
  return (request) => {
    try {
      const verdict = evaluate(policy, request).verdict;
      return verdict === "undecidable" ? undefined : verdict;
    } catch {
      return undefined;
    }
  };
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
