/**
 * Policy variables (`${aws:username}`, `${aws:PrincipalAccount}`, ...) in `Resource` and in String
 * and Arn condition values, as the IAM User Guide "IAM policy elements: Variables and tags"
 * describes them: `${*}`, `${?}` and `${$}` stand for the literal characters, `${key, 'default'}`
 * supplies a value when the key is absent, and a variable that cannot be resolved makes the policy
 * value not match. Variables are only recognized in `"Version": "2012-10-17"` policies; elsewhere
 * `${...}` is plain text. Templates are parsed once per policy string and cached.
 */
import { arnResourceStart } from "../arn";
import { memoMap, remember } from "../caches";
import { UNKNOWN } from "../types";
import { hasWildcard, wildcardMatch } from "../wildcard";
import { wildcardSource } from "./wildcard-tester";

/** A run of text after substitution. Only `wild` pieces (written in the policy) treat `*`/`?` as wildcards. */
export interface Piece {
  readonly text: string;
  readonly wild: boolean;
}

type TemplatePart =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "variable"; readonly name: string; readonly keyLower: string; readonly fallback?: string };

/** A policy string that holds a variable or an escape (any other string is used as is). */
export interface Template {
  readonly raw: string;
  readonly parts: readonly TemplatePart[];
}

export type Resolution =
  | { readonly kind: "resolved"; readonly pieces: readonly Piece[] }
  | { readonly kind: "unresolved"; readonly variable: string }
  | { readonly kind: "unknown"; readonly variable: string };

/** Looks a lower-cased context key up: its values, `UNKNOWN`, or `undefined` when absent. */
export type ContextLookup = (keyLower: string) => readonly string[] | typeof UNKNOWN | undefined;

const VARIABLE = /\$\{([^}]*)\}/g;
const VARIABLE_BODY = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/;

/** Splits a policy string into text, escapes and variables; `undefined` when it holds none. */
export function parseTemplate(raw: string): Template | undefined {
  // Only saves the scan.
  if (!raw.includes("${")) return undefined;
  const parts: TemplatePart[] = [];
  let last = 0;
  for (const m of raw.matchAll(VARIABLE)) {
    const start = m.index ?? 0;
    const inner = m[1];
    let part: TemplatePart | undefined;
    if (inner === "*" || inner === "?" || inner === "$") {
      part = { kind: "literal", text: inner };
    } else {
      const body = VARIABLE_BODY.exec(inner);
      if (body !== null) {
        const fallback = body[2];
        part = { kind: "variable", name: body[1], keyLower: body[1].toLowerCase(), fallback };
      }
    }
    // Text that only looks like a variable (`${a b}`) stays text.
    if (part === undefined) continue;
    if (start > last) parts.push({ kind: "text", text: raw.slice(last, start) });
    parts.push(part);
    last = start + m[0].length;
  }
  if (parts.length === 0) return undefined;
  if (last < raw.length) parts.push({ kind: "text", text: raw.slice(last) });
  return { raw, parts };
}

/**
 * A `Resource` value. IAM User Guide, "IAM policy elements: Variables and tags" ("Resource element"):
 * a variable is allowed "only in the resource portion of the ARN. This portion of the ARN appears
 * after the fifth colon"; before it (service, Region, account) `${...}` is not substituted, so it is
 * literal text, which no key ARN contains.
 */
export function parseResourceTemplate(raw: string): Template | undefined {
  const start = arnResourceStart(raw);
  const rest = start < 0 ? undefined : parseTemplate(raw.slice(start));
  return rest === undefined ? undefined : { raw, parts: [{ kind: "text", text: raw.slice(0, start) }, ...rest.parts] };
}

/**
 * Substitutes the variables from the request context. A variable needs exactly one value: AWS does
 * not substitute multivalued keys, and an absent key without a default is unresolvable.
 */
export function resolveTemplate(template: Template, lookup: ContextLookup): Resolution {
  const pieces: Piece[] = [];
  for (const part of template.parts) {
    if (part.kind === "text") {
      pieces.push({ text: part.text, wild: true });
    } else if (part.kind === "literal") {
      pieces.push({ text: part.text, wild: false });
    } else {
      const value = lookup(part.keyLower);
      if (value === UNKNOWN) return { kind: "unknown", variable: part.name };
      if (value !== undefined && value.length === 1) {
        pieces.push({ text: value[0], wild: false });
      } else if ((value === undefined || value.length === 0) && part.fallback !== undefined) {
        pieces.push({ text: part.fallback, wild: false });
      } else {
        return { kind: "unresolved", variable: part.name };
      }
    }
  }
  return { kind: "resolved", pieces };
}

/** The pieces as one string (for operators where `*` and `?` are plain characters). */
export function piecesText(pieces: readonly Piece[]): string {
  return pieces.map((p) => p.text).join("");
}

const regexCache = memoMap<string, RegExp>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Wildcard match where only `wild` pieces carry wildcards. Case-sensitive: wildcards are matched by
 * StringLike, the Arn operators and Resource, none of which ignores case.
 */
export function matchPieces(pieces: readonly Piece[], value: string): boolean {
  if (pieces.length === 1 && pieces[0].wild) return wildcardMatch(pieces[0].text, value);
  if (!pieces.some((p) => p.wild && hasWildcard(p.text))) return piecesText(pieces) === value;
  const source = pieces.map((p) => (p.wild ? wildcardSource(p.text) : escapeRegExp(p.text))).join("");
  return remember(regexCache, source, 10_000, () => new RegExp(`^${source}$`)).test(value);
}

/**
 * Splits pieces at the first five colons into the six ARN parts (the sixth keeps its colons), for
 * the Arn operators' part-by-part matching. `undefined` when the text is not an ARN.
 */
export function splitArnPieces(pieces: readonly Piece[]): Piece[][] | undefined {
  const parts: Piece[][] = [[]];
  for (const piece of pieces) {
    let rest = piece.text;
    let colon = rest.indexOf(":");
    while (colon >= 0 && parts.length < 6) {
      parts[parts.length - 1].push({ text: rest.slice(0, colon), wild: piece.wild });
      parts.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(":");
    }
    parts[parts.length - 1].push({ text: rest, wild: piece.wild });
  }
  if (parts.length < 6 || piecesText(parts[0]) !== "arn") return undefined;
  return parts;
}
