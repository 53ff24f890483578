/**
 * Fix for kms-key-policy-valid, for its one finding whose fix follows from the policy alone: an ARN
 * condition key compared with StringLike and a wildcard (`string-operator-on-arn-key`). Seed 001,
 * "Using aws:SourceArn or aws:SourceAccount condition keys": the Arn operators evaluate "every
 * element in the ARN ... independently"; with StringLike a `*` can span colons, so
 * `arn:aws:cloudtrail:*:111122223333:trail/*` also matches an ARN whose Region part holds another
 * account's ARN elements.
 *
 * In an Allow statement, StringLike (with any set qualifier, IfExists or not) becomes ArnLike with
 * the same values. ArnLike matches a subset of what StringLike matches for the same pattern (each
 * `*` stays within its element), so the statement only narrows: nothing is weakened. Declined, as
 * each would change what the statement allows in a way only its owner can choose:
 * - a Deny statement (narrowing a Deny widens what the key allows);
 * - StringNotLike (ArnNotLike matches more) and StringEquals (its `*` is literal, ArnEquals's is not);
 * - a value with fewer than the six elements of an ARN (ArnLike would stop matching what StringLike did);
 * - a statement that already compares the same key with the target operator (one JSON object cannot
 *   hold the key twice).
 * The key moves into the Arn operator's block in place: the block is renamed when every key moves,
 * else the Arn block follows the String block (or is the statement's existing one).
 */
import { lintPolicy, type ConditionClause, type KeyPolicy, type Statement } from "pulumi-kms-guardrails/engine";
import type { FixOutcome, KeyPolicyFix } from "./types";

const CHECK = "string-operator-on-arn-key";
const CHECKS: ReadonlySet<string> = new Set([CHECK]);

type Json = Record<string, unknown>;

/** As kms-key-policy-valid: only a value with a wildcard makes the String operator matter. */
const hasWildcard = (c: ConditionClause): boolean => c.values.some((v) => v.includes("*") || v.includes("?"));

/** `ForAnyValue:StringLikeIfExists` -> `ForAnyValue:ArnLikeIfExists`. */
function arnLikeFor(c: ConditionClause): string {
  const qualifier = c.operator.qualifier !== undefined ? `${c.operator.qualifier}:` : "";
  return `${qualifier}ArnLike${c.operator.ifExists ? "IfExists" : ""}`;
}

/** Why the clause cannot be switched, or `undefined` when it can. */
function obstacle(s: Statement, c: ConditionClause): string | undefined {
  if (s.effect !== "Allow") return `${c.path}: narrowing a Deny would widen what the key allows`;
  if (c.operator.base !== "StringLike") return `${c.path}: ${c.operator.raw} has no Arn operator that only narrows`;
  if (c.values.some((v) => v.split(":").length < 6)) return `${c.path}: a value is not a whole ARN pattern`;
  const target = arnLikeFor(c).toLowerCase();
  const clash = s.conditions.some(
    (o) => o !== c && o.keyLower === c.keyLower && o.operator.raw.toLowerCase() === target,
  );
  return clash ? `${c.path}: the statement already compares ${c.key} with ${arnLikeFor(c)}` : undefined;
}

/** The statement's Condition with each clause's key moved from its String block to its ArnLike block. */
function switchedCondition(condition: Json, clauses: readonly ConditionClause[]): Json {
  const moving = new Map<string, { keys: Set<string>; target: string }>();
  for (const c of clauses) {
    const entry = moving.get(c.operator.raw) ?? { keys: new Set<string>(), target: arnLikeFor(c) };
    entry.keys.add(c.key);
    moving.set(c.operator.raw, entry);
  }
  const out: Json = {};
  const existing = (name: string): string | undefined =>
    Object.keys(condition).find((k) => k.toLowerCase() === name.toLowerCase());
  for (const [operator, block] of Object.entries(condition)) {
    const move = moving.get(operator);
    if (move === undefined) {
      // An existing ArnLike block that receives keys keeps its place; they are added below.
      if (!(operator in out)) out[operator] = block;
      continue;
    }
    const kept: Json = {};
    const moved: Json = {};
    for (const [key, value] of Object.entries(block as Json)) (move.keys.has(key) ? moved : kept)[key] = value;
    if (Object.keys(kept).length > 0) out[operator] = kept;
    const target = existing(move.target) ?? move.target;
    const already = (out[target] ?? condition[target] ?? {}) as Json;
    out[target] = { ...already, ...moved };
  }
  return out;
}

export const fixKeyPolicyValid: KeyPolicyFix = (policy: KeyPolicy): FixOutcome => {
  const findings = lintPolicy(policy, {}, CHECKS);
  const byStatement = new Map<number, ConditionClause[]>();
  for (const f of findings) {
    const s = policy.statements.find((x) => x.index === f.statement?.index);
    const c = s?.conditions.find((x) => x.path === f.path);
    if (s === undefined || c === undefined || !hasWildcard(c)) continue;
    const why = obstacle(s, c);
    if (why !== undefined) return { kind: "declined", reason: why };
    byStatement.set(s.index, [...(byStatement.get(s.index) ?? []), c]);
  }
  if (byStatement.size === 0) return { kind: "unchanged" };
  const changes: string[] = [];
  const statements = policy.statements.map((s) => {
    const clauses = byStatement.get(s.index);
    if (clauses === undefined) return s.raw;
    const raw = s.raw as Json;
    for (const c of clauses) {
      changes.push(
        `${s.sid !== undefined ? `Statement "${s.sid}"` : s.path}: ${c.key} compared with ${arnLikeFor(c)} instead of ${c.operator.raw}, so a wildcard stays within one ARN element.`,
      );
    }
    return { ...raw, Condition: switchedCondition(raw.Condition as Json, clauses) };
  });
  return { kind: "fixed", statements, changes };
};
