/**
 * Composes a key policy from the user's statements and the plans' grants.
 *
 * Seed 003: "When you add the new sections to your KMS key policy, do not change any existing
 * sections in the policy." So the user's statements come first, verbatim and in order, and are
 * never renamed; the generated statements follow in plan and grant order, and:
 * - a generated statement with the same permission as one already in the policy (the user's or an
 *   earlier generated one; the Sid aside) is left out;
 * - two generated statements with the same Sid are merged when that is sound: the same effect,
 *   resource and conditions, and either the same principal (the actions are united) or the same
 *   actions (the principals are united). Each request then is allowed exactly when one of the two
 *   statements allowed it;
 * - otherwise, or when the Sid is the user's, the generated statement is renamed `<Sid> 2`,
 *   `<Sid> 3`, ... .
 * The output depends only on the input order, so components render a stable policy and the pack
 * suggests the same one.
 */
import { oneOrMany } from "./statement";
import type { IntegrationId, IntegrationPlan, PolicyDocumentJson, PolicyStatementJson } from "./types";

export interface ComposeOptions {
  /** The user's own statements, kept verbatim and first (the STYLE.md escape hatch). */
  readonly userStatements?: readonly unknown[];
  readonly id?: string;
}

/** What composing did to the generated statements, for components and the pack to report. */
export interface ComposeReport {
  readonly renamed: readonly { readonly integration: IntegrationId; readonly from: string; readonly to: string }[];
  readonly merged: readonly { readonly integration: IntegrationId; readonly sid: string }[];
  readonly skipped: readonly { readonly integration: IntegrationId; readonly sid: string; readonly sameAs?: string }[];
}

export interface ComposedPolicy {
  readonly policy: PolicyDocumentJson;
  readonly report: ComposeReport;
}

const sortedUnique = (v: string | readonly string[], fold: boolean): string[] =>
  [...new Set((typeof v === "string" ? [v] : v).map((s) => (fold ? s.toLowerCase() : s)))].sort();

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * JSON with object keys sorted, so equal values serialize equally. As in the JSON AWS receives
 * (JSON.stringify of the policy), a member whose value is undefined is not there and an undefined
 * list item is null.
 */
function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(",")}]`;
  if (isRecord(v)) {
    return `{${Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** A value's string members as a sorted set; anything else as written. */
function normalizeStrings(v: unknown, fold = false): unknown {
  if (typeof v === "string") return sortedUnique(v, fold);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return sortedUnique(v as string[], fold);
  return v;
}

function normalizePrincipal(p: unknown): unknown {
  if (!isRecord(p)) return p;
  return Object.fromEntries(Object.entries(p).map(([k, v]) => [k, normalizeStrings(v)]));
}

function normalizeCondition(c: unknown): unknown {
  if (!isRecord(c)) return c;
  return Object.fromEntries(
    Object.entries(c).map(([op, block]) => [
      op,
      isRecord(block)
        ? Object.fromEntries(Object.entries(block).map(([k, v]) => [k.toLowerCase(), normalizeStrings(v)]))
        : block,
    ]),
  );
}

/** Canonical parts of a statement (Sid aside): equal parts mean the same permission. */
function parts(statement: object): Record<string, string> {
  const s = statement as Record<string, unknown>;
  const part = (v: unknown) => stableJson(v ?? null);
  return {
    effect: part(s.Effect),
    principal: part(normalizePrincipal(s.Principal)),
    notPrincipal: part(normalizePrincipal(s.NotPrincipal)),
    action: part(normalizeStrings(s.Action, true)),
    notAction: part(normalizeStrings(s.NotAction, true)),
    resource: part(normalizeStrings(s.Resource)),
    notResource: part(normalizeStrings(s.NotResource)),
    condition: part(normalizeCondition(s.Condition)),
  };
}

const contentKey = (s: object): string => stableJson(parts(s));

/** Equal in everything but `except`. */
function equalExcept(a: PolicyStatementJson, b: PolicyStatementJson, except: "action" | "principal"): boolean {
  const pa = parts(a);
  const pb = parts(b);
  return Object.keys(pa).every((k) => k === except || pa[k] === pb[k]);
}

function unionStrings(a: string | string[], b: string | string[], fold: boolean): string | string[] {
  const out = typeof a === "string" ? [a] : [...a];
  const seen = new Set(out.map((s) => (fold ? s.toLowerCase() : s)));
  for (const s of typeof b === "string" ? [b] : b) {
    if (!seen.has(fold ? s.toLowerCase() : s)) out.push(s);
    seen.add(fold ? s.toLowerCase() : s);
  }
  return oneOrMany(out);
}

/** `a` with `b`'s actions or principals added; `undefined` when the two cannot be merged soundly. */
function merge(a: PolicyStatementJson, b: PolicyStatementJson): PolicyStatementJson | undefined {
  if (equalExcept(a, b, "action")) return { ...a, Action: unionStrings(a.Action, b.Action, true) };
  if (equalExcept(a, b, "principal") && a.Principal !== "*" && b.Principal !== "*") {
    const principal: { AWS?: string | string[]; Service?: string | string[] } = {};
    for (const type of ["AWS", "Service"] as const) {
      const x = a.Principal[type];
      const y = b.Principal[type];
      if (x !== undefined || y !== undefined) principal[type] = unionStrings(x ?? [], y ?? [], false);
    }
    return { ...a, Principal: principal };
  }
  return undefined;
}

function sidOf(s: unknown): string | undefined {
  return isRecord(s) && typeof s.Sid === "string" ? s.Sid : undefined;
}

export function composeKeyPolicyDetailed(
  plans: readonly IntegrationPlan[],
  options: ComposeOptions = {},
): ComposedPolicy {
  const user = [...(options.userStatements ?? [])];
  const userSids = new Set(user.map(sidOf).filter((s): s is string => s !== undefined));
  const contents = new Map<string, string | undefined>(); // content key -> Sid of the statement holding it
  for (const s of user) {
    if (!isRecord(s)) continue; // kept, but no statement: it matches nothing
    const key = contentKey(s);
    if (!contents.has(key)) contents.set(key, sidOf(s));
  }
  const generated: PolicyStatementJson[] = [];
  const renamed: ComposeReport["renamed"][number][] = [];
  const merged: ComposeReport["merged"][number][] = [];
  const skipped: ComposeReport["skipped"][number][] = [];
  const taken = (sid: string) => userSids.has(sid) || generated.some((g) => g.Sid === sid);

  for (const plan of plans) {
    for (const grant of plan.grants) {
      const statement = grant.statement;
      const key = contentKey(statement);
      if (contents.has(key)) {
        skipped.push({ integration: plan.integration, sid: statement.Sid, sameAs: contents.get(key) });
        continue;
      }
      const sameSid = userSids.has(statement.Sid) ? -1 : generated.findIndex((g) => g.Sid === statement.Sid);
      const combined = sameSid >= 0 ? merge(generated[sameSid], statement) : undefined;
      if (combined !== undefined) {
        generated[sameSid] = combined;
        merged.push({ integration: plan.integration, sid: statement.Sid });
        contents.set(contentKey(combined), combined.Sid);
        continue;
      }
      let sid = statement.Sid;
      if (taken(sid)) {
        let n = 2;
        while (taken(`${statement.Sid} ${n}`)) n++;
        sid = `${statement.Sid} ${n}`;
        renamed.push({ integration: plan.integration, from: statement.Sid, to: sid });
      }
      generated.push({ ...statement, Sid: sid });
      contents.set(key, sid);
    }
  }
  const policy: PolicyDocumentJson = {
    Version: "2012-10-17",
    ...(options.id === undefined ? {} : { Id: options.id }),
    Statement: [...user, ...generated],
  };
  return { policy, report: { renamed, merged, skipped } };
}

/** User statements first and verbatim, then the plans' grants; Sids kept unique. */
export function composeKeyPolicy(plans: readonly IntegrationPlan[], options?: ComposeOptions): PolicyDocumentJson {
  return composeKeyPolicyDetailed(plans, options).policy;
}
