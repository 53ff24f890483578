/**
 * Fix for kms-encryption-context-on-unsupported-action. Seed 001, "Using encryption context
 * condition keys": the context keys apply only to CreateGrant and the symmetric operations that
 * take an encryption context; "If you use these condition keys to allow other operations, such as
 * DescribeKey, permission will be denied." The engine's finding names the action entries of a
 * statement that can never match (one finding per statement and set of keys they lack) and gives the
 * statement they belong in (the same statement, those actions only, without the context conditions
 * they cannot carry, every other condition kept). Here those entries move out
 * of the original statement into such statements, inserted right after it:
 *
 * - the original keeps its other actions and all its conditions (nothing it allowed changes);
 * - the moved actions keep the principal, resource and every other condition (a CloudTrail statement
 *   left with no source condition is limited by aws:SourceArn to the trails its encryption context
 *   named: rules/encryption-context-fix.ts, the statement the findings show);
 * - when every action moves, the statement keeps its place and Sid, without the context conditions
 *   (it never allowed anything before).
 */
import { lintPolicy, type Finding, type KeyPolicy, type Statement } from "pulumi-kms-guardrails/engine";
import { withTrailSourceArn } from "../rules/encryption-context-fix";
import { SidAllocator } from "./sids";
import type { FixOutcome, KeyPolicyFix } from "./types";

const CHECK = "encryption-context-on-unsupported-action";
const CHECKS: ReadonlySet<string> = new Set([CHECK]);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** `value`, one string as a string and several as an array (the documents' habit). */
const oneOrMany = (values: readonly string[]): string | string[] => (values.length === 1 ? values[0] : [...values]);

/** A copy of a statement with members replaced in place (member order kept) or removed (`undefined`). */
function withMembers(raw: Json, replace: Readonly<Record<string, unknown>>): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(raw)) {
    const value = k in replace ? replace[k] : v;
    if (value !== undefined)
      Object.defineProperty(out, k, { value, writable: true, enumerable: true, configurable: true });
  }
  for (const [k, v] of Object.entries(replace)) if (!(k in raw) && v !== undefined) out[k] = v;
  return out;
}

/** One statement to add: the moved actions that lose the same conditions. */
interface Moved {
  readonly actions: string[];
  /** The finding's suggested statement (Sid and Action are set here). */
  readonly statement: Json;
}

/** A fix's `Action`: one action or a list of them (the lint names every action of one cause). */
function fixActions(action: unknown): string[] | undefined {
  if (typeof action === "string") return [action];
  if (Array.isArray(action) && action.length > 0 && action.every((a) => typeof a === "string")) return action;
  return undefined;
}

/** The moved actions of one statement, grouped by the statement they go to (same conditions dropped). */
function movedActions(findings: readonly Finding[]): Moved[] {
  const groups = new Map<string, Moved>();
  for (const f of findings) {
    const fix = f.fix?.json;
    const actions = isObject(fix) ? fixActions(fix.Action) : undefined;
    if (!isObject(fix) || actions === undefined) continue;
    const { Sid: _sid, Action: _action, ...rest } = fix;
    const key = JSON.stringify(rest);
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { actions: [], statement: fix }));
    for (const a of actions) if (!group.actions.includes(a)) group.actions.push(a);
  }
  return [...groups.values()];
}

const shortName = (action: string): string => action.replace(/^kms:/i, "");

interface Split {
  readonly statements: readonly Json[];
  readonly actions: readonly string[];
  /** Every action moved: the statement kept its place and Sid, without the context conditions. */
  readonly inPlace: boolean;
}

function split(statement: Statement, findings: readonly Finding[], sids: SidAllocator): Split | undefined {
  const raw = statement.raw;
  if (!isObject(raw) || statement.action === undefined) return undefined;
  const groups = movedActions(findings);
  if (groups.length === 0) return undefined;
  const moved = new Set(groups.flatMap((g) => g.actions));
  const kept = statement.action.filter((a) => !moved.has(a));
  const added = groups.map((g, i): Json => {
    const inPlace = kept.length === 0 && i === 0;
    const sid =
      statement.sid === undefined
        ? undefined
        : inPlace
          ? statement.sid
          : sids.next(`${statement.sid} for ${g.actions.map(shortName).join(" and ")}`);
    return withMembers(g.statement, { Sid: sid, Action: oneOrMany(g.actions) });
  });
  return {
    statements: kept.length === 0 ? added : [withMembers(raw, { Action: oneOrMany(kept) }), ...added],
    actions: [...moved],
    inPlace: kept.length === 0,
  };
}

export const fixEncryptionContextOnUnsupportedAction: KeyPolicyFix = (policy: KeyPolicy): FixOutcome => {
  const findings = lintPolicy(policy, {}, CHECKS)
    .filter((f) => f.id === CHECK && f.statement !== undefined)
    .map((f) => withTrailSourceArn(policy, f));
  if (findings.length === 0) return { kind: "unchanged" };
  const sids = new SidAllocator(policy);
  const statements: unknown[] = [];
  const changes: string[] = [];
  for (const s of policy.statements) {
    const own = findings.filter((f) => f.statement?.index === s.index);
    const done = own.length > 0 ? split(s, own, sids) : undefined;
    if (done === undefined) {
      statements.push(s.raw);
      continue;
    }
    statements.push(...done.statements);
    const where = done.actions.length === 1 ? "a statement of its own" : "a statement of their own";
    changes.push(
      `${s.path}${s.sid !== undefined ? ` ("${s.sid}")` : ""}: ${done.actions.join(", ")} ` +
        `${done.inPlace ? "kept in place" : `moved to ${where}`}, ` +
        "without the encryption context conditions those actions never carry; every other condition kept.",
    );
  }
  return changes.length === 0 ? { kind: "unchanged" } : { kind: "fixed", statements, changes };
};
