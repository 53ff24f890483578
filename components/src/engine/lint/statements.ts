/**
 * Questions the checks ask of a statement: who it names, which KMS actions it covers, which of its
 * conditions constrain a request, and where its elements are in the JSON document.
 */
import { memoMap, remember } from "../caches";
import { isAccountId, parseArn } from "../arn";
import { expandKmsActions, kmsActions, type KmsActionInfo } from "../data/kms-reference";
import type { ConditionClause, KeyPolicy, PrincipalBlock, Statement } from "../types";
import { wildcardMatch } from "../wildcard";

/**
 * The policy's statements, for a check to loop over. A hand-built policy without a statement list
 * fails the check (a `lint-check-failed` finding), as it did when the checks used array methods.
 * The checks loop by index: until V8 optimizes a loop, `for...of` allocates an iterator result per
 * element, and a policy pack lints every key policy of every preview, the first ones unoptimized.
 */
export function statementsOf(policy: KeyPolicy): readonly Statement[] {
  const statements = policy.statements;
  if (!Array.isArray(statements)) throw new TypeError("policy.statements is not an array");
  return statements;
}

/** The statement's condition clauses, for a check to loop over; like `statementsOf`, strict. */
export function conditionsOf(statement: Statement): readonly ConditionClause[] {
  const conditions = statement.conditions;
  if (!Array.isArray(conditions)) throw new TypeError("statement.conditions is not an array");
  return conditions;
}

/** `"*"`, `{"AWS": "*"}` or a `*` among the AWS principals: every identity in every account. */
export function isPublic(block: PrincipalBlock | undefined): boolean {
  return block !== undefined && (block.any || block.aws.includes("*"));
}

/**
 * The KMS actions the statement's `Action` (or everything outside its `NotAction`) covers. The
 * array is remembered and shared: callers read it and never change it.
 */
export function coveredKmsActions(statement: Statement): readonly KmsActionInfo[] {
  // Asked by several checks for most statements, and nearly always known. Most statements name a
  // single pattern (`kms:*`, `kms:Decrypt`): it is its own key, looked up before a closure is built.
  const action = statement.action;
  // Stryker disable next-line ConditionalExpression,BlockStatement: a shortcut; the general memo gives the same list
  if (action !== undefined && action.length === 1) {
    const known = coveredByPattern.get(action[0]);
    // Stryker disable next-line ConditionalExpression: a shortcut; remember() looks the pattern up itself
    if (known !== undefined) return known;
    return remember(coveredByPattern, action[0], MAX_LISTS, () => coverActions(action));
  }
  return remember(covered, coverKey(statement), MAX_LISTS, () =>
    statement.action !== undefined ? coverActions(statement.action) : coverAllBut(statement.notAction ?? []),
  );
}

/** Bounded: action lists come from arbitrary documents. */
const covered = memoMap<string, readonly KmsActionInfo[]>();
/** The lists for an Action of one pattern, by the pattern. */
const coveredByPattern = memoMap<string, readonly KmsActionInfo[]>();
const MAX_LISTS = 2_000;

// Stryker disable all: the memo key only decides which statements share an answer; any key that tells
// Action from NotAction and one list of patterns from another gives the same answers.
/** The memo key of a statement's Action (or NotAction) list. */
function coverKey(statement: Statement): string {
  const kind = statement.action !== undefined ? "A" : "N";
  return `${kind}${JSON.stringify(statement.action ?? statement.notAction ?? [])}`;
}
// Stryker restore all

function coverActions(action: readonly string[]): KmsActionInfo[] {
  const names = new Set(action.flatMap((p) => expandKmsActions(p).map((a) => a.name)));
  return [...kmsActions().values()].filter((a) => names.has(a.name));
}

function coverAllBut(notAction: readonly string[]): KmsActionInfo[] {
  return [...kmsActions().values()].filter((a) => !notAction.some((p) => wildcardMatch(p, `kms:${a.name}`, true)));
}

/** The account id in `111122223333` or `arn:aws:iam::111122223333:root`; `undefined` otherwise. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (isAccountId(principal)) return principal;
  // `parseArn` read in place, the cheapest test first: most principals are role and user ARNs,
  // unique to their policy, so neither a memo nor a parsed copy of each would pay for itself.
  if (!principal.endsWith(":root") || !principal.startsWith("arn:")) return undefined;
  // arn:<partition>:iam:<region>:<account>:root. The service is `iam`, and the account the whole of
  // what lies between the fourth colon and `:root` (twelve digits, so no colon in it).
  const c2 = principal.indexOf(":", 4);
  if (!principal.startsWith(":iam:", c2)) return undefined;
  const account = principal.slice(principal.indexOf(":", c2 + 5) + 1, principal.length - 5);
  return isAccountId(account) ? account : undefined;
}

/** The account of a key ARN given as an option, when it is an account id. */
function accountOfKeyArn(keyArn: string): string | undefined {
  const arn = parseArn(keyArn);
  return arn && isAccountId(arn.account) ? arn.account : undefined;
}

/** Three checks ask, with the same option: the answers are kept. */
const keyArnAccounts = memoMap<string, { readonly account: string | undefined }>();

/** The key's account id from the lint options (`keyAccount`, else the account of `keyArn`). */
export function keyAccountId(options: { readonly keyAccount?: string; readonly keyArn?: string }): string | undefined {
  const fromOption = options.keyAccount !== undefined ? accountOfPrincipal(options.keyAccount) : undefined;
  const fromArn =
    options.keyArn !== undefined
      ? remember(keyArnAccounts, options.keyArn, 16, (arn) => ({ account: accountOfKeyArn(arn) })).account
      : undefined;
  return fromOption ?? fromArn;
}

const WILDCARD_ONLY = /^[*?]*$/;

function isWildcardOnly(value: string): boolean {
  if (typeof value !== "string") return WILDCARD_ONLY.test(value);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 42 && c !== 63) return false;
  }
  return true;
}

/** True when any value is a pattern of only `*` and `?` (or empty): it matches every request value. */
export function hasWildcardOnlyValue(clause: ConditionClause): boolean {
  return clause.values.length === 0 || clause.values.some(isWildcardOnly);
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

const isFalse = (value: string): boolean => value.toLowerCase() === "false";

/**
 * Whether the clause is false for a request that lacks its key: then an Allow carrying it grants
 * nothing for actions whose requests never carry the key.
 */
export function requiresKeyPresent(clause: ConditionClause): boolean {
  const op = clause.operator;
  if (op.family === "Null") return clause.values.length > 0 && clause.values.every(isFalse);
  return !op.negated && !op.ifExists && op.qualifier !== "ForAllValues";
}

function rawField(statement: Statement, field: string): unknown {
  // The field only when it is the statement object's own (enumerable) property, as a copy of the
  // object's entries would have it; read in place rather than by copying the statement. (A string or
  // a list has no own `Action`.)
  const raw = statement.raw;
  if (raw === null || raw === undefined) return undefined;
  return Object.prototype.propertyIsEnumerable.call(raw, field) ? (raw as Record<string, unknown>)[field] : undefined;
}

/** JSON path of the `j`-th entry of a statement field written as a string or an array. */
export function elementPath(statement: Statement, field: string, j: number): string {
  return Array.isArray(rawField(statement, field)) ? `${statement.path}.${field}[${j}]` : `${statement.path}.${field}`;
}

/** Principal accounts and 12-digit numbers anywhere in the policy, to pick an unrelated probe account. */
export function accountsMentioned(statements: readonly Statement[]): Set<string> {
  const text = JSON.stringify(statements.map((s) => s.raw ?? null));
  return new Set(text.match(/\d{12}/g));
}
