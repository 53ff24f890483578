/**
 * The `Condition` element: `{ operator: { key: value | [values] } }` (IAM User Guide, "IAM JSON
 * policy elements: Condition"). Condition keys are case-insensitive, the encryption-context part of
 * `kms:EncryptionContext:...` included (AWS KMS Developer Guide, "kms:EncryptionContext:context-key"),
 * so clauses carry a lower-cased key. Values become strings the way AWS compares them.
 */
import { onClearCaches } from "../caches";
import { childPath, describeType, forEachMember, isPlainObject, isUnknown, quote, type ParseContext } from "./context";
import { PassedStrings, StringCheck } from "./strings";
import { checkConditionValue } from "./condition-values";
import { parseOperator, parseOperatorIgnoringCase, splitOperatorName, suggestOperator } from "./operators";
import type { ConditionClause, OperatorFamily, ParsedOperator } from "../types";

/** `prefix:name`, e.g. `aws:SourceArn`, `kms:EncryptionContext:aws:cloudtrail:arn`; no stray spaces. */
const CONDITION_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*:\S(?:[\s\S]*\S)?$/;

function resolveOperator(ctx: ParseContext, raw: string, path: string): ParsedOperator | undefined {
  const exact = parseOperator(raw);
  if (exact !== undefined) return exact;
  const parts = splitOperatorName(raw, true);
  if (parts.base.toLowerCase() === "null" && parts.ifExists) {
    ctx.error(
      path,
      "null-ifexists",
      `${quote(raw)}: Null takes no IfExists; Null itself tests whether the key is present. Write "Null".`,
    );
    return undefined;
  }
  const loose = parseOperatorIgnoringCase(raw);
  if (loose !== undefined) {
    const canonical =
      (loose.qualifier === undefined ? "" : loose.qualifier + ":") + loose.base + (loose.ifExists ? "IfExists" : "");
    ctx.error(
      path,
      "condition-operator-case",
      `Condition operator ${quote(raw)} must be written exactly as AWS documents it: "${canonical}".`,
    );
    // Still represented, so later tools see the statement as its author meant it.
    return loose;
  }
  const suggestion = ctx.full ? undefined : suggestOperator(raw);
  ctx.error(
    path,
    "unknown-condition-operator",
    `${quote(raw)} is not a condition operator` +
      (suggestion === undefined ? "." : `; did you mean "${suggestion}"?`) +
      " AWS rejects the policy.",
  );
  return undefined;
}

function checkKey(ctx: ParseContext, key: string, path: string): void {
  if (!isUnknown(key) && !CONDITION_KEY.test(key)) {
    ctx.error(
      path,
      "invalid-condition-key",
      `${quote(key)} is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or ` +
        '"kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
    );
  }
}

const KEY_CHECK = new StringCheck(checkKey);

/** Values each operator family found nothing wrong with (a String operator takes any string). */
const PASSED_VALUES: Record<Exclude<OperatorFamily, "String">, PassedStrings> = {
  Arn: new PassedStrings(),
  Numeric: new PassedStrings(),
  Date: new PassedStrings(),
  Bool: new PassedStrings(),
  IpAddress: new PassedStrings(),
  Binary: new PassedStrings(),
  Null: new PassedStrings(),
};
onClearCaches(() => {
  for (const passed of Object.values(PASSED_VALUES)) passed.clear();
});

/** Reads one value, found at `path` (`index < 0`) or `path[index]`; `undefined` when it is not a scalar. */
function readValue(
  ctx: ParseContext,
  operator: ParsedOperator | undefined,
  item: unknown,
  path: string,
  index: number,
): string | undefined {
  let text: string;
  if (typeof item === "string") {
    text = item;
  } else if (typeof item === "boolean" || (typeof item === "number" && Number.isFinite(item))) {
    text = String(item);
  } else {
    ctx.error(
      index < 0 ? path : childPath(path, index),
      "invalid-condition-value",
      `Condition values must be strings, numbers or booleans (or a flat array of them), not ${describeType(item)}.`,
    );
    return undefined;
  }
  // Every string passes a String operator; for the others, a value's problem depends only on it and
  // the operator's family (the operator as written is only in the message).
  if (operator !== undefined && operator.family !== "String" && !isUnknown(text)) {
    const passed = PASSED_VALUES[operator.family];
    if (!passed.has(text)) {
      const problem = checkConditionValue(operator.family, operator.raw, text);
      if (problem === undefined) passed.add(text);
      else ctx.error(index < 0 ? path : childPath(path, index), problem.code, problem.message);
    }
  }
  return text;
}

/** Reads the values of one key: a scalar or a flat, non-empty array of scalars. */
function readValues(ctx: ParseContext, operator: ParsedOperator | undefined, raw: unknown, path: string): string[] {
  if (!Array.isArray(raw)) {
    const text = readValue(ctx, operator, raw, path, -1);
    return text === undefined ? [] : [text];
  }
  if (raw.length === 0) {
    ctx.error(path, "empty-condition-values", "The condition has an empty list of values; give at least one value.");
    return [];
  }
  const values: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const text = readValue(ctx, operator, raw[i], path, i);
    if (text !== undefined) values.push(text);
  }
  return values;
}

/** The clauses of one `Condition`, as its operators are read. */
class Clauses {
  readonly clauses: ConditionClause[] = [];
  /** The operator being read, with its path, for its keys. */
  operator: ParsedOperator | undefined;
  operatorPath = "";

  constructor(
    readonly ctx: ParseContext,
    readonly path: string,
  ) {}
}

/** Reads one key of an operator block and its values into a clause. */
function readKey(state: Clauses, key: string, raw: unknown): void {
  const { ctx, operator } = state;
  const keyPath = childPath(state.operatorPath, key);
  KEY_CHECK.run(ctx, key, keyPath, -1);
  const values = readValues(ctx, operator, raw, keyPath);
  if (operator !== undefined) {
    state.clauses.push({ operator, key, keyLower: key.toLowerCase(), values, path: keyPath });
  }
}

/** Reads one operator of a `Condition` and its block of keys. */
function readOperator(state: Clauses, rawOperator: string, block: unknown): void {
  const ctx = state.ctx;
  const operatorPath = childPath(state.path, rawOperator);
  // Only a 9-letter name lowercases to "condition": skip lowering every operator name.
  if (rawOperator.length === 9 && rawOperator.toLowerCase() === "condition") {
    ctx.error(
      operatorPath,
      "nested-condition-block",
      "A Condition block nested inside Condition is not a condition operator; AWS rejects the policy — " +
        "and nothing it contains limits access. Move its operators up one level.",
    );
    return;
  }
  const operator = isUnknown(rawOperator) ? undefined : resolveOperator(ctx, rawOperator, operatorPath);
  if (isUnknown(block)) return;
  if (!isPlainObject(block)) {
    ctx.error(
      operatorPath,
      "invalid-condition-operator-block",
      `${quote(rawOperator)} must map condition keys to values, e.g. {"aws:SourceArn": "arn:..."}, not ${describeType(block)}.`,
    );
    return;
  }
  state.operator = operator;
  state.operatorPath = operatorPath;
  forEachMember(ctx, block, state, readKey);
}

/** Parses a `Condition` value found at `path`; returns the clauses in document order. */
export function parseCondition(ctx: ParseContext, condition: unknown, path: string): ConditionClause[] {
  if (isUnknown(condition)) return [];
  if (!isPlainObject(condition)) {
    ctx.error(
      path,
      "invalid-condition",
      `Condition must be an object of operators, e.g. {"StringEquals": {"aws:SourceAccount": "111122223333"}}, not ${describeType(condition)}.`,
    );
    return [];
  }
  const state = new Clauses(ctx, path);
  forEachMember(ctx, condition, state, readOperator);
  return state.clauses;
}
