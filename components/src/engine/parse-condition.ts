/**
 * The `Condition` element: `{ operator: { key: value | [values] } }` (IAM User Guide, "IAM JSON
 * policy elements: Condition"). Condition keys are case-insensitive, the encryption-context part of
 * `kms:EncryptionContext:...` included (AWS KMS Developer Guide, "kms:EncryptionContext:context-key"),
 * so clauses carry a lower-cased key. Values become strings the way AWS compares them.
 */
import { childPath } from "./json-path";
import { describeType, isPlainObject, isUnknown, presentKeys, quote, type ParseContext } from "./parse-context";
import { checkConditionValue } from "./parse-condition-values";
import { parseOperator, parseOperatorIgnoringCase, splitOperatorName, suggestOperator } from "./operators";
import type { ConditionClause, ParsedOperator } from "./types";

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
      (suggestion === undefined ? "" : `; did you mean "${suggestion}"?`) +
      " AWS rejects the policy.",
  );
  return undefined;
}

/** Reads the values of one key: a scalar or a flat, non-empty array of scalars. */
function readValues(ctx: ParseContext, operator: ParsedOperator | undefined, raw: unknown, path: string): string[] {
  const items: unknown[] = Array.isArray(raw) ? raw : [raw];
  if (Array.isArray(raw) && raw.length === 0) {
    ctx.error(path, "empty-condition-values", "The condition has an empty list of values; give at least one value.");
    return [];
  }
  const values: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const itemPath = Array.isArray(raw) ? childPath(path, i) : path;
    let text: string;
    if (typeof item === "string") text = item;
    else if (typeof item === "boolean" || (typeof item === "number" && Number.isFinite(item))) text = String(item);
    else {
      ctx.error(
        itemPath,
        "invalid-condition-value",
        `Condition values must be strings, numbers or booleans (or a flat array of them), not ${describeType(item)}.`,
      );
      continue;
    }
    values.push(text);
    if (operator !== undefined && !isUnknown(text)) {
      const problem = checkConditionValue(operator.family, operator.raw, text);
      if (problem !== undefined) ctx.error(itemPath, problem.code, problem.message);
    }
  }
  return values;
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
  const clauses: ConditionClause[] = [];
  for (const rawOperator of presentKeys(condition)) {
    const operatorPath = childPath(path, rawOperator);
    if (rawOperator.toLowerCase() === "condition") {
      ctx.error(
        operatorPath,
        "nested-condition-block",
        "A Condition block nested inside Condition is not a condition operator; AWS rejects the policy — " +
          "and nothing it contains limits access. Move its operators up one level.",
      );
      continue;
    }
    const operator = isUnknown(rawOperator) ? undefined : resolveOperator(ctx, rawOperator, operatorPath);
    const block = condition[rawOperator];
    if (isUnknown(block)) continue;
    if (!isPlainObject(block)) {
      ctx.error(
        operatorPath,
        "invalid-condition-operator-block",
        `${quote(rawOperator)} must map condition keys to values, e.g. {"aws:SourceArn": "arn:..."}, not ${describeType(block)}.`,
      );
      continue;
    }
    for (const key of presentKeys(block)) {
      const keyPath = childPath(operatorPath, key);
      if (!isUnknown(key) && !CONDITION_KEY.test(key)) {
        ctx.error(
          keyPath,
          "invalid-condition-key",
          `${quote(key)} is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or ` +
            '"kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
        );
      }
      const values = readValues(ctx, operator, block[key], keyPath);
      if (operator !== undefined) {
        clauses.push({ operator, key, keyLower: key.toLowerCase(), values, path: keyPath });
      }
    }
  }
  return clauses;
}
