/**
 * Parse and lint each key policy document once. Keys, rules and stack policies all ask for the same
 * documents; the cache is keyed by the document's text, so a policy shared by many keys, or read by
 * every rule in one Analyze call, is parsed once (issue 6: "parse each policy once per stack").
 */
import {
  lintPolicy,
  parsePolicy,
  type Finding,
  type KeyPolicy,
  type LintOptions,
  type ParseResult,
} from "pulumi-kms-guardrails/engine";

/** Bounded so a long-lived pack process serving many stacks does not grow without limit. */
const MAX_ENTRIES = 5_000;
const parsed = new Map<string, ParseResult>();
/**
 * A policy's lint results by options and checks, for the stack rules (each lints the keys it reads
 * with its own checks; the resource rules keep their findings per call, rules/key-policy-subject.ts):
 * the first inline, any other in a map made when needed.
 */
interface Linted {
  readonly key: string;
  readonly findings: Finding[];
  others: Map<string, Finding[]> | undefined;
}
const linted = new WeakMap<KeyPolicy, Linted>();

/**
 * The cache key of a document: its JSON text; `undefined` for an object JSON.stringify refuses (a
 * cycle, a BigInt), which has none and is parsed every time.
 */
export function documentKey(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  try {
    return "json:" + JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Documents given as objects (AWS Native), by identity: every rule of one Analyze call reads the same
 * (memoized) object, and serializing it for the text cache would cost as much as a lookup saves.
 */
const parsedObjects = new WeakMap<object, ParseResult>();

/** `parsePolicy`, cached. Never throws: an engine failure becomes a validation error. */
export function parseDocument(value: unknown): ParseResult {
  if (typeof value !== "object" || value === null) return parseByText(value);
  let result = parsedObjects.get(value);
  if (result === undefined) {
    result = parseByText(value);
    parsedObjects.set(value, result);
  }
  return result;
}

function parseByText(value: unknown): ParseResult {
  const cacheKey = documentKey(value);
  if (cacheKey === undefined) return parseSafely(value);
  let result = parsed.get(cacheKey);
  if (result === undefined) {
    result = parseSafely(value);
    if (parsed.size >= MAX_ENTRIES) parsed.clear();
    parsed.set(cacheKey, result);
  }
  return result;
}

function parseSafely(value: unknown): ParseResult {
  try {
    return parsePolicy(value);
  } catch (err) {
    const message = `the policy could not be parsed: ${err instanceof Error ? err.message : String(err)}`;
    return { errors: [{ path: "$", message, code: "parse-failed" }], valid: false, unknownPaths: [] };
  }
}

/** A stable cache key for a set of check ids; sets are the rules' constants, so this is computed once each. */
const checkSetKeys = new WeakMap<ReadonlySet<string>, string>();

function checksKey(checks: ReadonlySet<string> | undefined): string {
  if (checks === undefined) return "*";
  let key = checkSetKeys.get(checks);
  if (key === undefined) {
    key = [...checks].sort().join(",");
    checkSetKeys.set(checks, key);
  }
  return key;
}

/** Every lint option: one added to `LintOptions` but not here fails to compile, so the cache key stays whole. */
const OPTION_NAMES = Object.keys({
  keyAccount: true,
  keyAccountFrom: true,
  keyArn: true,
  eventDataStoreKey: true,
  reportLiteralArnComparisons: true,
} satisfies Record<keyof LintOptions, true>) as (keyof LintOptions)[];

function optionsKey(options: LintOptions): string {
  let key = "";
  for (let i = 0; i < OPTION_NAMES.length; i++) key += `\u0000${String(options[OPTION_NAMES[i]] ?? "")}`;
  return key;
}

/**
 * `lintPolicy`, cached per parsed policy, options and checks. `checks` runs only those checks: their
 * findings are exactly the ones a full lint reports from them, for a fraction of the cost.
 */
export function lintDocument(policy: KeyPolicy, options: LintOptions, checks?: ReadonlySet<string>): Finding[] {
  const cacheKey = checksKey(checks) + optionsKey(options);
  const entry = linted.get(policy);
  if (entry === undefined) {
    const findings = lintPolicy(policy, options, checks);
    linted.set(policy, { key: cacheKey, findings, others: undefined });
    return findings;
  }
  if (entry.key === cacheKey) return entry.findings;
  entry.others ??= new Map();
  let findings = entry.others.get(cacheKey);
  if (findings === undefined) {
    findings = lintPolicy(policy, options, checks);
    entry.others.set(cacheKey, findings);
  }
  return findings;
}
