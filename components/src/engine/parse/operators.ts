/**
 * The IAM condition operators (IAM User Guide, "IAM JSON policy elements: Condition operators"),
 * split into the traits that decide how the evaluator compares values. Pure data and pure
 * functions: the parser validates operator names with it and the evaluator reads the semantics.
 *
 * A name is `[ForAnyValue:|ForAllValues:]Base[IfExists]`. `Null` takes no `IfExists`: it already is
 * the test for a key's presence. Names are matched exactly as AWS documents them; the parser turns a
 * case-only difference into an error with the correct spelling (see `parseOperatorIgnoringCase`).
 */
import { memoMap, remember } from "../caches";
import { closestMatch } from "./suggest";
import type { OperatorFamily, ParsedOperator, SetQualifier } from "../types";

export interface OperatorTraits {
  readonly family: OperatorFamily;
  /** True when the operator is the negation of another and holds for an absent key. */
  readonly negated: boolean;
  /** Values may carry `*` and `?`. */
  readonly wildcard: boolean;
  readonly ignoreCase: boolean;
}

const traits = (family: OperatorFamily, negated = false, wildcard = false, ignoreCase = false): OperatorTraits => ({
  family,
  negated,
  wildcard,
  ignoreCase,
});

/**
 * Every base operator. `ArnEquals` and `ArnNotEquals` behave exactly like `ArnLike` and `ArnNotLike`
 * (the IAM User Guide's ARN operators accept wildcards in every ARN segment), so `wildcard` is set for
 * the whole Arn family. ARN comparison is case-sensitive.
 */
export const CONDITION_OPERATORS: ReadonlyMap<string, OperatorTraits> = new Map<string, OperatorTraits>([
  ["StringEquals", traits("String")],
  ["StringNotEquals", traits("String", true)],
  ["StringEqualsIgnoreCase", traits("String", false, false, true)],
  ["StringNotEqualsIgnoreCase", traits("String", true, false, true)],
  ["StringLike", traits("String", false, true)],
  ["StringNotLike", traits("String", true, true)],
  ["NumericEquals", traits("Numeric")],
  ["NumericNotEquals", traits("Numeric", true)],
  ["NumericLessThan", traits("Numeric")],
  ["NumericLessThanEquals", traits("Numeric")],
  ["NumericGreaterThan", traits("Numeric")],
  ["NumericGreaterThanEquals", traits("Numeric")],
  ["DateEquals", traits("Date")],
  ["DateNotEquals", traits("Date", true)],
  ["DateLessThan", traits("Date")],
  ["DateLessThanEquals", traits("Date")],
  ["DateGreaterThan", traits("Date")],
  ["DateGreaterThanEquals", traits("Date")],
  ["Bool", traits("Bool")],
  ["BinaryEquals", traits("Binary")],
  ["IpAddress", traits("IpAddress")],
  ["NotIpAddress", traits("IpAddress", true)],
  ["ArnEquals", traits("Arn", false, true)],
  ["ArnLike", traits("Arn", false, true)],
  ["ArnNotEquals", traits("Arn", true, true)],
  ["ArnNotLike", traits("Arn", true, true)],
  ["Null", traits("Null")],
]);

export const SET_QUALIFIERS: readonly SetQualifier[] = ["ForAnyValue", "ForAllValues"];

const IF_EXISTS = "IfExists";

/** The three parts of an operator name, not yet validated. */
export interface OperatorNameParts {
  readonly qualifier?: string;
  readonly base: string;
  readonly ifExists: boolean;
}

/**
 * Splits `ForAnyValue:StringLikeIfExists` into qualifier, base and `IfExists`. With `ignoreCase`, the
 * `IfExists` suffix is recognised in any case. Any text before the first colon is the qualifier.
 */
export function splitOperatorName(raw: string, ignoreCase = false): OperatorNameParts {
  const colon = raw.indexOf(":");
  const qualifier = colon >= 0 ? raw.slice(0, colon) : undefined;
  // Without a colon (-1), the whole name.
  let base = raw.slice(colon + 1);
  const tail = base.slice(-IF_EXISTS.length);
  const ifExists =
    base.length > IF_EXISTS.length && (ignoreCase ? tail.toLowerCase() === "ifexists" : tail === IF_EXISTS);
  if (ifExists) base = base.slice(0, -IF_EXISTS.length);
  return qualifier === undefined ? { base, ifExists } : { qualifier, base, ifExists };
}

const exactCache = memoMap<string, ParsedOperator | null>();
const MAX_CACHE = 1_000;

function build(raw: string, parts: OperatorNameParts, canonicalBase: string, qualifier?: SetQualifier): ParsedOperator {
  const t = CONDITION_OPERATORS.get(canonicalBase) as OperatorTraits;
  return Object.freeze({
    raw,
    base: canonicalBase,
    family: t.family,
    ...(qualifier === undefined ? {} : { qualifier }),
    ifExists: parts.ifExists,
    negated: t.negated,
    wildcard: t.wildcard,
    ignoreCase: t.ignoreCase,
  });
}

function resolve(raw: string, ignoreCase: boolean): ParsedOperator | undefined {
  const parts = splitOperatorName(raw, ignoreCase);
  let qualifier: SetQualifier | undefined;
  if (parts.qualifier !== undefined) {
    const q = ignoreCase ? parts.qualifier.toLowerCase() : parts.qualifier;
    qualifier = SET_QUALIFIERS.find((s) => (ignoreCase ? s.toLowerCase() : s) === q);
    if (qualifier === undefined) return undefined;
  }
  let base: string | undefined = parts.base;
  if (ignoreCase) {
    const lower = parts.base.toLowerCase();
    base = [...CONDITION_OPERATORS.keys()].find((name) => name.toLowerCase() === lower);
  }
  if (base === undefined || !CONDITION_OPERATORS.has(base)) return undefined;
  // `Null` checks whether the key is present; IAM rejects `NullIfExists`.
  if (base === "Null" && parts.ifExists) return undefined;
  return build(raw, parts, base, qualifier);
}

/**
 * Parses an operator name written exactly as AWS documents it; `undefined` for anything else
 * (including a case-only difference and `NullIfExists`). Results are cached: the evaluator calls this
 * for every clause of every request.
 */
export function parseOperator(raw: string): ParsedOperator | undefined {
  return remember(exactCache, raw, MAX_CACHE, resolveExact) ?? undefined;
}

/** The cache's entry for `raw`: `null` for a name that is not an operator (remember() recomputes `undefined`). */
function resolveExact(raw: string): ParsedOperator | null {
  return resolve(raw, false) ?? null;
}

/**
 * Parses an operator whose only fault may be its letter case (`stringequals`); `raw` keeps the text
 * as written. The parser uses it to keep representing a statement while it reports the spelling.
 */
export function parseOperatorIgnoringCase(raw: string): ParsedOperator | undefined {
  return resolve(raw, true);
}

/** The spelling AWS documents for a misspelled operator (`StringEqual` -> `StringEquals`), if one is close. */
export function suggestOperator(raw: string): string | undefined {
  const parts = splitOperatorName(raw, true);
  let qualifier = "";
  if (parts.qualifier !== undefined) {
    const q = closestMatch(parts.qualifier, SET_QUALIFIERS);
    if (q === undefined) return undefined;
    qualifier = q + ":";
  }
  const base = closestMatch(parts.base, CONDITION_OPERATORS.keys());
  if (base === undefined) return undefined;
  const suffix = parts.ifExists && base !== "Null" ? IF_EXISTS : "";
  const suggestion = qualifier + base + suffix;
  return suggestion === raw ? undefined : suggestion;
}
