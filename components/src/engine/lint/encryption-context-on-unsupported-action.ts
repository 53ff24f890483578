/**
 * `encryption-context-on-unsupported-action` (error). Seed 001, "Using encryption context condition
 * keys": "Use encryption context conditions keys only when the action in the policy statement is
 * CreateGrant or an AWS KMS symmetric cryptographic operation that takes an EncryptionContext
 * parameter ... If you use these condition keys to allow other operations, such as DescribeKey,
 * permission will be denied."
 *
 * Which actions take the keys is read from the generated service-reference table. An `Action` entry
 * is reported when none of the actions it covers supports a key the statement requires (a positive
 * match or `Null: false`): for those actions the Allow can never apply. `kms:*` with a context
 * condition is fine: it covers the cryptographic operations the condition is meant for.
 */
import { memoMap } from "../caches";
import {
  actionSupportsConditionKey,
  expandKmsActions,
  isEncryptionContextKey,
  type KmsActionInfo,
} from "../data/kms-reference";
import type { ConditionClause, Finding, KeyPolicy, Statement } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { memoized } from "./memo";
import { conditionsOf, elementPath, requiresKeyPresent, statementsOf } from "./statements";

/** The statement as written, with `Action` replaced and the context conditions removed. */
function statementWithout(statement: Statement, action: string, clauses: readonly ConditionClause[]): unknown {
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
  if (statement.sid !== undefined) result.Sid = `${statement.sid} for ${action.replace(/^kms:/i, "")}`;
  for (const [k, v] of entries) {
    if (k === "Condition" || k === "Sid") continue;
    if (k === "__proto__") {
      // Defined, as a spread would: assigning `__proto__` would set the prototype instead.
      Object.defineProperty(result, k, { value: v, writable: true, enumerable: true, configurable: true });
    } else {
      result[k] = v;
    }
  }
  result.Action = action;
  if (Object.keys(condition).length > 0) result.Condition = condition;
  return result;
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
  let byKey = lacksKey.get(pattern);
  if (byKey === undefined) {
    byKey = new Map();
    if (lacksKey.size >= MAX_PATTERNS) lacksKey.clear();
    lacksKey.set(pattern, byKey);
  }
  let lacks = byKey.get(key);
  if (lacks === undefined) {
    lacks = actions.every((a) => !actionSupportsConditionKey(`kms:${a.name}`, key));
    if (byKey.size >= MAX_KEYS_PER_PATTERN) byKey.clear();
    byKey.set(key, lacks);
  }
  return lacks;
}

/** `expandKmsActions`, remembered here without the copy it hands each caller: read, never changed. */
const sharedExpansion = memoized((pattern: string): readonly KmsActionInfo[] => expandKmsActions(pattern));

function checkStatement(statement: Statement, findings: Finding[]): void {
  // Most statements carry no context condition: the list is only built for those that do.
  const conditions = conditionsOf(statement);
  const first = conditions.findIndex(isRequiredContext);
  if (first < 0 || statement.effect !== "Allow" || statement.action === undefined) return;
  const clauses = conditions.slice(first).filter(isRequiredContext);
  statement.action.forEach((pattern, j) => {
    const actions = sharedExpansion(pattern);
    if (actions.length === 0) return;
    const unsupported = clauses.filter((c) => noneSupports(pattern, actions, c.key));
    if (unsupported.length === 0) return;
    const keys = [...new Set(unsupported.map((c) => c.key))].join(", ");
    findings.push(
      finding(
        encryptionContextOnUnsupportedAction,
        statement,
        elementPath(statement, "Action", j),
        `${statementLabel(statement)} allows ${pattern} only when ${keys} matches, but requests for ` +
          `${actions.map((a) => a.name).join(", ")} never carry it: the Allow silently denies that action.`,
        {
          description: `Move ${pattern} to its own statement without the encryption context condition.`,
          json: statementWithout(statement, pattern, unsupported),
        },
      ),
    );
  });
}

function collect(policy: KeyPolicy, _options: LintOptions, findings: Finding[]): void {
  for (const s of statementsOf(policy)) checkStatement(s, findings);
}

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
  },
  collect,
);
