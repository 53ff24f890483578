/**
 * What the document says that the parsed `KeyPolicy` does not carry. The parser reports its errors
 * in `ParseResult.errors`, which the evaluator does not see, and leaves out what it cannot represent:
 * a statement without a readable Effect, an unknown condition operator, a Condition (or one of its
 * blocks) not known yet during a preview, values that are not scalars. AWS would reject such a
 * policy, and a preview value may turn out to be anything, so the evaluator compares `raw` with the
 * model and treats each missing piece as unknown: it makes a verdict `undecidable` only when it
 * could change it.
 */
import { PULUMI_UNKNOWN_SENTINEL, type KeyPolicy, type Statement } from "../types";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isPending = (v: unknown): boolean => typeof v === "string" && v.includes(PULUMI_UNKNOWN_SENTINEL);
const presentKeys = (o: Record<string, unknown>): string[] => Object.keys(o).filter((k) => o[k] !== undefined);

export interface UnrepresentedStatement {
  readonly index: number;
  /** The entry as written: an object whose Effect is missing or invalid, or a pending value. */
  readonly raw: unknown;
  readonly why: string;
}

/** Entries of `Statement` that have no counterpart in `policy.statements`. */
export function unrepresentedStatements(policy: KeyPolicy): UnrepresentedStatement[] {
  const raw = policy.raw;
  if (!isObject(raw)) return [];
  const list = raw.Statement;
  const entries: readonly unknown[] = Array.isArray(list) ? list : isObject(list) ? [list] : [];
  // A policy built in code may hold entries that are not statements (compilePolicy skips them).
  const represented = new Set<unknown>();
  if (Array.isArray(policy.statements)) for (const s of policy.statements) if (isObject(s)) represented.add(s.index);
  const missing: UnrepresentedStatement[] = [];
  entries.forEach((entry, index) => {
    if (represented.has(index)) return;
    if (isPending(entry)) missing.push({ index, raw: entry, why: "the statement is not known yet" });
    else if (isObject(entry)) {
      const effect = entry.Effect;
      const why = isPending(effect)
        ? "its Effect is not known yet"
        : `its Effect ${effect === undefined ? "is missing" : `${JSON.stringify(effect)} is neither Allow nor Deny`}`;
      missing.push({ index, raw: entry, why });
    }
    // Anything else (a number, a list) expresses no permission at all.
  });
  return missing;
}

export interface UnrepresentedCondition {
  readonly operator: string;
  readonly key: string;
  readonly why: string;
}

export interface ConditionGaps {
  /** Clauses of the document missing from `statement.conditions`. */
  readonly clauses: readonly UnrepresentedCondition[];
  /** `operator\u0000key` of parsed clauses that lost some of their values. */
  readonly droppedValues: ReadonlySet<string>;
}

const NO_GAPS: ConditionGaps = { clauses: [], droppedValues: new Set() };

export function conditionGaps(statement: Statement): ConditionGaps {
  const raw = statement.raw;
  if (!isObject(raw) || raw.Condition === undefined) return NO_GAPS;
  const condition = raw.Condition;
  if (!isObject(condition)) {
    const why = isPending(condition) ? "the Condition is not known yet" : "the Condition is not an object of operators";
    return { clauses: [{ operator: "Condition", key: "*", why }], droppedValues: new Set() };
  }
  const parsed = new Map<string, number>();
  for (const c of statement.conditions ?? []) parsed.set(`${c.operator?.raw}\u0000${c.key}`, c.values?.length ?? 0);
  const clauses: UnrepresentedCondition[] = [];
  const droppedValues = new Set<string>();
  for (const operator of presentKeys(condition)) {
    const block = condition[operator];
    if (isPending(operator) || isPending(block)) {
      clauses.push({ operator, key: "*", why: `the ${isPending(operator) ? "operator" : "block"} is not known yet` });
      continue;
    }
    if (!isObject(block)) {
      clauses.push({ operator, key: "*", why: `${operator} does not map condition keys to values` });
      continue;
    }
    for (const key of presentKeys(block)) {
      const id = `${operator}\u0000${key}`;
      const count = parsed.get(id);
      if (count === undefined) {
        clauses.push({ operator, key, why: `${operator} is not a condition operator AWS accepts` });
        continue;
      }
      const values = block[key];
      const written = Array.isArray(values) ? values.length : 1;
      if (written > count) droppedValues.add(id);
    }
  }
  return { clauses, droppedValues };
}
