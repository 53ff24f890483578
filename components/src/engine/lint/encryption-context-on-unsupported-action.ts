/**
 * `encryption-context-on-unsupported-action` (error) and `encryption-context-on-wildcard-action`
 * (warning). Seed 001, "Using encryption context condition keys": "Use encryption context conditions
 * keys only when the action in the policy statement is CreateGrant or an AWS KMS symmetric
 * cryptographic operation that takes an EncryptionContext parameter ... If you use these condition
 * keys to allow other operations, such as DescribeKey, permission will be denied."
 *
 * Which actions take the keys is read from the generated service-reference table. A statement that
 * requires a context key (a positive match or `Null: false`) never allows an action whose requests
 * cannot carry it. What that means depends on what the `Action` entry asked for:
 *  - a named action (`kms:DescribeKey`) the entry exists for, or a wildcard in a statement that can
 *    allow nothing at all: the Allow silently denies what it was written to grant (error);
 *  - a wildcard (`kms:*`, `kms:Describe*`, a `NotAction`) in a statement that works for the
 *    cryptographic operations: the actions it also covers never match, so the grant reads broader
 *    than it is (warning). AWS's own CloudWatch Logs key policy ("Encrypt log data in CloudWatch Logs
 *    using AWS Key Management Service") grants `kms:Describe*` beside the cryptographic wildcards
 *    under `kms:EncryptionContext:aws:logs:arn`: a documented example, so never an error.
 */
import { memoMap, remember } from "../caches";
import {
  actionSupportsConditionKey,
  expandKmsActions,
  isEncryptionContextKey,
  type KmsActionInfo,
} from "../data/kms-reference";
import type { ConditionClause, Finding, KeyPolicy, Statement } from "../types";
import {
  collectingCheck,
  finding,
  statementLabel,
  type CheckMeta,
  type CollectingCheck,
  type LintOptions,
} from "./check";
import { memoized } from "./memo";
import { conditionsOf, coveredKmsActions, elementPath, requiresKeyPresent, statementsOf } from "./statements";

/** The statement as written, with `Action` replaced by `actions` and the context conditions removed. */
function statementWithout(
  statement: Statement,
  actions: readonly string[],
  clauses: readonly ConditionClause[],
): unknown {
  // Built from the statement's entries in one pass: copying the statement whole, then again without
  // Condition and Sid, then again into the result, made this rare path cost as much as a whole check.
  const entries = entriesOf(statement.raw);
  const written = entries.find(([k]) => k === "Condition")?.[1];
  const drop = new Set(clauses.map((c) => c.keyLower));
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [operator, block] of entriesOf(written)) {
    const kept = entriesOf(block).filter(([k]) => !drop.has(k.toLowerCase()));
    if (kept.length > 0) condition[operator] = Object.fromEntries(kept);
  }
  const result: Record<string, unknown> = {};
  if (statement.sid !== undefined)
    result.Sid = `${statement.sid} for ${actions.map((a) => a.replace(/^kms:/i, "")).join(" and ")}`;
  for (const [k, v] of entries) {
    if (k === "Condition" || k === "Sid") continue;
    if (k === "__proto__") {
      // Defined, as a spread would: assigning `__proto__` would set the prototype instead.
      Object.defineProperty(result, k, { value: v, writable: true, enumerable: true, configurable: true });
    } else {
      result[k] = v;
    }
  }
  result.Action = actions.length === 1 ? actions[0] : [...actions];
  if (Object.keys(condition).length > 0) result.Condition = condition;
  return result;
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The entries of a JSON object; none for anything else (an array, a string, `null`). */
function entriesOf(value: unknown): [string, unknown][] {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? Object.entries(value) : [];
}

/** `isEncryptionContextKey`, remembered: lower-casing costs more than a lookup of the few keys policies use. */
const isContextKey = memoized(isEncryptionContextKey);

/** A context clause an Allow is void without: it requires the key to be present. */
function isRequiredContext(c: ConditionClause): boolean {
  return isContextKey(c.key) && requiresKeyPresent(c);
}

/**
 * Whether no action the pattern covers supports the condition key, per pattern and key (exact
 * strings: the answer depends on nothing else, and policies repeat both).
 */
const lacksKey = memoMap<string, Map<string, boolean>>();
const MAX_PATTERNS = 2_000;
const MAX_KEYS_PER_PATTERN = 200;

function noneSupports(pattern: string, actions: readonly KmsActionInfo[], key: string): boolean {
  const byKey = remember(lacksKey, pattern, MAX_PATTERNS, () => new Map<string, boolean>());
  return remember(byKey, key, MAX_KEYS_PER_PATTERN, () =>
    actions.every((a) => !actionSupportsConditionKey(`kms:${a.name}`, key)),
  );
}

/** `expandKmsActions`, remembered here without the copy it hands each caller: read, never changed. */
const sharedExpansion = memoized((pattern: string): readonly KmsActionInfo[] => expandKmsActions(pattern));

/** The covered actions split by whether their requests can carry every required key. */
interface Coverage {
  /** Names of the actions the statement can allow. */
  readonly live: readonly string[];
  /** Names of the actions it never allows: a required key is never in their requests. */
  readonly dead: readonly string[];
}

/**
 * Per key set, then per `Action` pattern (`coverages`) or `NotAction` list (`notCoverages`): policies
 * repeat both. Two levels rather than one joined string, so the common lookup builds no key. Bounded
 * like `lacksKey`.
 */
const coverages = memoMap<string, Map<string, Coverage>>();
const notCoverages = memoMap<string, Map<string, Coverage>>();
const MAX_KEY_SETS = 200;

const newCoverages = (): Map<string, Coverage> => new Map();

function computeCoverage(actions: readonly KmsActionInfo[], keys: readonly string[]): Coverage {
  const live: string[] = [];
  const dead: string[] = [];
  for (const a of actions) {
    (keys.every((k) => actionSupportsConditionKey(`kms:${a.name}`, k)) ? live : dead).push(a.name);
  }
  return { live, dead };
}

function coverageOf(
  memo: Map<string, Map<string, Coverage>>,
  keyMemo: string,
  memoKey: string,
  actions: readonly KmsActionInfo[],
  keys: readonly string[],
): Coverage {
  const byPattern = remember(memo, keyMemo, MAX_KEY_SETS, newCoverages);
  // Asked for every Action entry of every statement under a context condition, and nearly always
  // known: a known answer is returned before a closure is built for `remember`.
  const known = byPattern.get(memoKey);
  // Stryker disable next-line ConditionalExpression: a shortcut; remember looks the key up itself
  if (known !== undefined) return known;
  return remember(byPattern, memoKey, MAX_PATTERNS, () => computeCoverage(actions, keys));
}

const hasWildcard = (pattern: string): boolean => pattern.includes("*") || pattern.includes("?");

/** The statement as written with its `Action` (or `NotAction`) replaced by `actions`. */
function statementWithActions(statement: Statement, actions: readonly string[]): unknown {
  const result: Record<string, unknown> = {};
  let placed = false;
  for (const [k, v] of entriesOf(statement.raw)) {
    if (k === "Action" || k === "NotAction") {
      if (!placed) result.Action = actions.length === 1 ? actions[0] : [...actions];
      placed = true;
    } else if (k === "__proto__") {
      Object.defineProperty(result, k, { value: v, writable: true, enumerable: true, configurable: true });
    } else {
      result[k] = v;
    }
  }
  return result;
}

/**
 * The warning for action wildcards (or a `NotAction`) that cover actions the statement never
 * allows, in a statement that does allow others: name the actions that never match, and the grant
 * that says only what it does. One per statement, whatever the number of wildcards: one cause, one fix.
 */
function wildcardFinding(
  statement: Statement,
  path: string,
  pattern: string,
  keys: string,
  coverage: Coverage,
  actions: readonly string[],
): Finding {
  const dead = coverage.dead.join(", ");
  const what = `${statementLabel(statement)} allows ${pattern} only when ${keys} matches`;
  const message =
    coverage.live.length === 0
      ? `${what}, but requests for ${dead} never carry it: ${pattern} allows nothing here (the statement's other ` +
        "actions do the work), and the grant reads broader than it is."
      : `${what}. Only requests for ${coverage.live.join(", ")} carry it; the other ${coverage.dead.length} actions ${pattern} ` +
        `covers (${dead}) never match: the grant is broader than it needs to be, and those actions are silently ` +
        "denied by it.";
  const description =
    coverage.live.length === 0
      ? `Remove ${pattern} from the statement: it allows nothing under the encryption context condition. If the ` +
        "principal needs those actions, grant them in a statement without that condition."
      : `List the actions that carry the encryption context instead of ${pattern}; grant any other action the ` +
        "principal needs in a statement without that condition.";
  return finding(encryptionContextOnWildcardAction, statement, path, message, {
    description,
    json: statementWithActions(statement, actions),
  });
}

/** One `Action` entry of a statement, with what it covers. */
interface Entry {
  readonly j: number;
  readonly pattern: string;
  readonly actions: readonly KmsActionInfo[];
  readonly coverage: Coverage;
}

/** Names in first-seen order, once each. */
const unique = (names: Iterable<string>): string[] => [...new Set(names)];

/** The path of the entries: the one entry, or the whole `Action` element for several. */
function entriesPath(statement: Statement, entries: readonly Entry[]): string {
  return entries.length === 1 ? elementPath(statement, "Action", entries[0].j) : `${statement.path}.Action`;
}

/**
 * The error for the named entries (or the wildcards of a statement that allows nothing) whose
 * requests never carry the same required keys: one finding naming them all, with the one statement
 * they move to.
 */
function unsupportedFinding(
  statement: Statement,
  entries: readonly Entry[],
  unsupported: readonly ConditionClause[],
): Finding {
  const patterns = entries.map((e) => e.pattern);
  const keys = unique(unsupported.map((c) => c.key)).join(", ");
  const names = unique(entries.flatMap((e) => e.actions.map((a) => a.name))).join(", ");
  const one = patterns.length === 1;
  return finding(
    encryptionContextOnUnsupportedAction,
    statement,
    entriesPath(statement, entries),
    `${statementLabel(statement)} allows ${listText(patterns)} only when ${keys} matches, but requests for ` +
      `${names} never carry it: the Allow silently denies ${one ? "that action" : "those actions"}.`,
    {
      description: one
        ? `Move ${patterns[0]} to its own statement without the encryption context condition.`
        : `Move ${listText(patterns)} to a statement of their own without the encryption context condition.`,
      json: statementWithout(statement, patterns, unsupported),
    },
  );
}

function checkStatement(statement: Statement, findings: Finding[]): void {
  // Most statements carry no context condition: the list is only built for those that do.
  const conditions = conditionsOf(statement);
  const first = conditions.findIndex(isRequiredContext);
  if (first < 0 || statement.effect !== "Allow") return;
  // Every statement of a CloudTrail key gets this far, nearly always to find nothing: the clauses
  // and their keys (each once, in first-seen order) are gathered in one pass, and the entries only
  // built once some entry covers an action its requests leave without a key.
  // Nearly always one clause: the lists start with it, made to size (a list grown by push from empty
  // reserves room for 17).
  const head = conditions[first];
  const clauses: ConditionClause[] = [head];
  const keys: string[] = [head.key];
  // keysLower and keyMemo only key the memos and the coverage: actionSupportsConditionKey answers the
  // same in either case, for a repeated key, and true for a key outside kms:, so no finding changes.
  const keysLower: string[] = [head.keyLower];
  for (let i = first + 1; i < conditions.length; i++) {
    const c = conditions[i];
    if (!isRequiredContext(c)) continue;
    clauses.push(c);
    if (keys.includes(c.key)) continue;
    keys.push(c.key);
    // Stryker disable next-line ConditionalExpression,BooleanLiteral,CallExpression: see above.
    if (!keysLower.includes(c.keyLower)) keysLower.push(c.keyLower);
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: see above.
  const keyMemo = keysLower.length === 1 ? keysLower[0] : keysLower.join(" ");
  if (statement.action === undefined) {
    if (statement.notAction !== undefined) checkNotAction(statement, keys, keyMemo, keysLower, findings);
    return;
  }
  const action = statement.action;
  // Stryker disable ConditionalExpression,LogicalOperator,EqualityOperator,BooleanLiteral: a shortcut; when
  // no entry covers an action without the keys, the full pass below finds nothing either (MUTATION.md).
  let someDead = false;
  for (let j = 0; j < action.length && !someDead; j++) {
    const actions = sharedExpansion(action[j]);
    someDead = actions.length > 0 && coverageOf(coverages, keyMemo, action[j], actions, keysLower).dead.length > 0;
  }
  if (!someDead) return;
  // Stryker restore all
  const entries = action.map((pattern, j): Entry => {
    const actions = sharedExpansion(pattern);
    return { j, pattern, actions, coverage: coverageOf(coverages, keyMemo, pattern, actions, keysLower) };
  });
  // A statement that can allow some action: a wildcard's other actions are only noise in it.
  const works = entries.some((e) => e.coverage.live.length > 0);
  const wildcards: Entry[] = [];
  // The entries that never carry the same required clauses: one cause, one finding, one fix.
  const unsupported = new Map<string, { clauses: ConditionClause[]; entries: Entry[] }>();
  for (const e of entries) {
    if (e.actions.length === 0 || e.coverage.dead.length === 0) continue;
    if (works && hasWildcard(e.pattern)) {
      wildcards.push(e);
      continue;
    }
    const lacking = clauses.filter((c) => noneSupports(e.pattern, e.actions, c.key));
    if (lacking.length === 0) continue;
    const cause = lacking.map((c) => clauses.indexOf(c)).join(",");
    const group = unsupported.get(cause);
    if (group === undefined) unsupported.set(cause, { clauses: lacking, entries: [e] });
    else group.entries.push(e);
  }
  for (const group of unsupported.values()) findings.push(unsupportedFinding(statement, group.entries, group.clauses));
  if (wildcards.length === 0) return;
  // The grant as it should read: each wildcard replaced by the actions it covers that carry the keys,
  // and the entries the error moves out left out (they never allowed anything here either).
  const moved = new Set([...unsupported.values()].flatMap((g) => g.entries.map((e) => e.j)));
  const kept = unique(
    entries.flatMap((e) =>
      moved.has(e.j) ? [] : wildcards.includes(e) ? e.coverage.live.map((n) => `kms:${n}`) : [e.pattern],
    ),
  );
  const coverage: Coverage = {
    live: unique(wildcards.flatMap((e) => e.coverage.live)),
    dead: unique(wildcards.flatMap((e) => e.coverage.dead)),
  };
  findings.push(
    wildcardFinding(
      statement,
      entriesPath(statement, wildcards),
      listText(wildcards.map((e) => e.pattern)),
      keys.join(", "),
      coverage,
      kept,
    ),
  );
}

/** `NotAction` under a context condition: every action it leaves in is a wildcard's. */
function checkNotAction(
  statement: Statement,
  keys: readonly string[],
  keyMemo: string,
  keysLower: readonly string[],
  findings: Finding[],
): void {
  const notAction = statement.notAction ?? [];
  const coverage = coverageOf(notCoverages, keyMemo, notAction.join("\n"), coveredKmsActions(statement), keysLower);
  if (coverage.dead.length === 0) return;
  const path = `${statement.path}.NotAction`;
  const pattern = `NotAction ${notAction.join(", ")}`;
  const keysText = keys.join(", ");
  if (coverage.live.length > 0) {
    const live = coverage.live.map((n) => `kms:${n}`);
    findings.push(wildcardFinding(statement, path, pattern, keysText, coverage, live));
    return;
  }
  findings.push(
    finding(
      encryptionContextOnUnsupportedAction,
      statement,
      path,
      `${statementLabel(statement)} allows every action but ${notAction.join(", ")} only when ${keysText} matches, ` +
        `but requests for ${coverage.dead.join(", ")} never carry it: the Allow never applies.`,
    ),
  );
}

function collect(policy: KeyPolicy, _options: LintOptions, findings: Finding[]): void {
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) checkStatement(statements[i], findings);
}

/** The warning kind, reported by the same check (`also`). */
export const encryptionContextOnWildcardAction: CheckMeta = {
  id: "encryption-context-on-wildcard-action",
  severity: "warning",
  description:
    "An action wildcard under a kms:EncryptionContext:* or kms:EncryptionContextKeys condition covers actions " +
    "whose requests never carry the key: they never match, and the grant reads broader than it is.",
  source: {
    seed: "001",
    section: "Using encryption context condition keys",
    anchor: "least-privilege-encryption-context",
  },
  fix: {
    description:
      "List only the actions that carry the encryption context (CreateGrant and the symmetric cryptographic operations).",
  },
};

export const encryptionContextOnUnsupportedAction: CollectingCheck = collectingCheck(
  {
    id: "encryption-context-on-unsupported-action",
    severity: "error",
    description:
      "kms:EncryptionContext:* and kms:EncryptionContextKeys conditions only work with CreateGrant and the " +
      "symmetric cryptographic operations that take an encryption context; elsewhere they deny.",
    source: {
      seed: "001",
      section: "Using encryption context condition keys",
      anchor: "least-privilege-encryption-context",
    },
    fix: { description: "Move the action (e.g. kms:DescribeKey) to its own statement without that condition." },
    also: [encryptionContextOnWildcardAction],
  },
  collect,
);
