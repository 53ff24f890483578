/**
 * Questions the checks ask of a statement: who it names, which KMS actions it covers, which of its
 * conditions constrain a request, and where its elements are in the JSON document.
 */
import { isAccountId, parseArn } from "../arn";
import { expandKmsActions, kmsActions, type KmsActionInfo } from "../kms-actions";
import type { ConditionClause, PrincipalBlock, Statement } from "../types";
import { wildcardMatch } from "../wildcard";

/** `"*"`, `{"AWS": "*"}` or a `*` among the AWS principals: every identity in every account. */
export function isPublic(block: PrincipalBlock | undefined): boolean {
  return block !== undefined && (block.any || block.aws.includes("*"));
}

/** The KMS actions the statement's `Action` (or everything outside its `NotAction`) covers. */
export function coveredKmsActions(statement: Statement): KmsActionInfo[] {
  const list = statement.action ?? statement.notAction ?? [];
  // Several checks ask this of every statement, and policies repeat the same action lists.
  const memoKey = `${statement.action !== undefined ? "A" : "N"}${JSON.stringify(list)}`;
  let covered = coveredByList.get(memoKey);
  if (covered === undefined) {
    covered = cover(statement.action, statement.notAction ?? []);
    if (coveredByList.size >= MAX_LISTS) coveredByList.clear();
    coveredByList.set(memoKey, covered);
  }
  // A copy: callers own the array they get.
  return [...covered];
}

/** Bounded: action lists come from arbitrary documents. */
const coveredByList = new Map<string, readonly KmsActionInfo[]>();
const MAX_LISTS = 2_000;

function cover(action: readonly string[] | undefined, notAction: readonly string[]): KmsActionInfo[] {
  if (action !== undefined) {
    const names = new Set(action.flatMap((p) => expandKmsActions(p).map((a) => a.name)));
    return [...kmsActions().values()].filter((a) => names.has(a.name));
  }
  return [...kmsActions().values()].filter((a) => !notAction.some((p) => wildcardMatch(p, `kms:${a.name}`, true)));
}

/** The account id in `111122223333` or `arn:aws:iam::111122223333:root`; `undefined` otherwise. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (isAccountId(principal)) return principal;
  const arn = parseArn(principal);
  return arn !== undefined && arn.service === "iam" && arn.resource === "root" && isAccountId(arn.account)
    ? arn.account
    : undefined;
}

/** The key's account id from the lint options (`keyAccount`, else the account of `keyArn`). */
export function keyAccountId(options: { readonly keyAccount?: string; readonly keyArn?: string }): string | undefined {
  const fromOption = options.keyAccount !== undefined ? accountOfPrincipal(options.keyAccount) : undefined;
  const fromArn = options.keyArn !== undefined ? parseArn(options.keyArn)?.account : undefined;
  return fromOption ?? (fromArn !== undefined && isAccountId(fromArn) ? fromArn : undefined);
}

/** True when any value is a pattern of only `*` and `?` (or empty): it matches every request value. */
export function hasWildcardOnlyValue(clause: ConditionClause): boolean {
  return clause.values.length === 0 || clause.values.some((v) => /^[*?]*$/.test(v));
}

const MATCHING_BASES = new Set(["StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike"]);

/**
 * A clause that admits only requests whose key is present and equal to (or like) one of its
 * concrete values. `IfExists` admits requests without the key, a negated operator admits every
 * other value, `ForAllValues` admits an absent key, and a bare `*` admits any value: none of them
 * limits who can use the key.
 */
export function isLimitingMatch(clause: ConditionClause): boolean {
  const op = clause.operator;
  return (
    MATCHING_BASES.has(op.base) &&
    !op.negated &&
    !op.ifExists &&
    op.qualifier !== "ForAllValues" &&
    !hasWildcardOnlyValue(clause)
  );
}

/**
 * Whether the clause is false for a request that lacks its key: then an Allow carrying it grants
 * nothing for actions whose requests never carry the key.
 */
export function requiresKeyPresent(clause: ConditionClause): boolean {
  const op = clause.operator;
  if (op.family === "Null") return clause.values.length > 0 && clause.values.every((v) => v.toLowerCase() === "false");
  return !op.negated && !op.ifExists && op.qualifier !== "ForAllValues";
}

/** A JSON object as a record; `undefined` for anything else. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined;
}

function rawField(statement: Statement, field: string): unknown {
  return asRecord(statement.raw)?.[field];
}

/** JSON path of the `j`-th entry of a statement field written as a string or an array. */
export function elementPath(statement: Statement, field: string, j: number): string {
  return Array.isArray(rawField(statement, field)) ? `${statement.path}.${field}[${j}]` : `${statement.path}.${field}`;
}

/** Principal accounts and 12-digit numbers anywhere in the policy, to pick an unrelated probe account. */
export function accountsMentioned(statements: readonly Statement[]): Set<string> {
  const text = JSON.stringify(statements.map((s) => s.raw ?? null));
  return new Set(text.match(/\d{12}/g) ?? []);
}
