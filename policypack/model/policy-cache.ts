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
const linted = new WeakMap<KeyPolicy, Map<string, Finding[]>>();

/** The cache key of a document: its JSON text. */
export function documentKey(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    return "json:" + JSON.stringify(value);
  } catch {
    return "unserializable";
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
  let result = parsed.get(cacheKey);
  if (result === undefined) {
    try {
      result = parsePolicy(value);
    } catch (err) {
      const message = `the policy could not be parsed: ${err instanceof Error ? err.message : String(err)}`;
      result = { errors: [{ path: "$", message, code: "parse-failed" }], valid: false, unknownPaths: [] };
    }
    if (parsed.size >= MAX_ENTRIES) parsed.clear();
    parsed.set(cacheKey, result);
  }
  return result;
}

/**
 * `lintPolicy`, cached per parsed policy, options and checks. `onlyCheck` runs one check: its
 * findings are exactly the ones a full lint reports from that check, at a tenth of the cost.
 */
export function lintDocument(policy: KeyPolicy, options: LintOptions, onlyCheck?: string): Finding[] {
  let byOptions = linted.get(policy);
  if (byOptions === undefined) {
    byOptions = new Map();
    linted.set(policy, byOptions);
  }
  const cacheKey = `${onlyCheck ?? "*"}\u0000${JSON.stringify(options)}`;
  let findings = byOptions.get(cacheKey);
  if (findings === undefined) {
    findings = lintPolicy(policy, options, onlyCheck === undefined ? undefined : new Set([onlyCheck]));
    byOptions.set(cacheKey, findings);
  }
  return findings;
}
