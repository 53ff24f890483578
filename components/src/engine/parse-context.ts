/**
 * Shared plumbing of the parser's small validators: the error sink (with a cap, so a hostile
 * document cannot produce a million errors), the unknown-value test, and readers for the
 * "string or array of strings" shape most policy elements have. The codes are documented in
 * `parse.ts`.
 */
import { childPath } from "./json-path";
import type { StringCheck } from "./parse-string-check";
import { PULUMI_UNKNOWN_SENTINEL, type ValidationError } from "./types";

/** Every code the parser reports; documented in the table at the top of `parse.ts`. */
export const ERROR_CODES = [
  "invalid-json",
  "unreadable-input",
  "not-an-object",
  "policy-too-large",
  "duplicate-json-key",
  "too-many-errors",
  "missing-version",
  "invalid-version",
  "invalid-id",
  "unknown-policy-element",
  "missing-statement",
  "empty-statement",
  "invalid-statement",
  "invalid-statement-entry",
  "unknown-statement-element",
  "missing-effect",
  "invalid-effect",
  "invalid-sid",
  "duplicate-sid",
  "missing-principal",
  "principal-and-notprincipal",
  "invalid-principal",
  "unknown-principal-type",
  "invalid-principal-value",
  "invalid-aws-principal",
  "wildcard-in-principal",
  "invalid-account-id",
  "invalid-service-principal",
  "invalid-federated-principal",
  "invalid-canonical-user",
  "missing-action",
  "action-and-notaction",
  "invalid-action-value",
  "malformed-action",
  "non-kms-action",
  "unknown-kms-action",
  "kms-action-pattern-matches-nothing",
  "missing-resource",
  "resource-and-notresource",
  "invalid-resource-value",
  "resource-never-matches-key",
  "invalid-condition",
  "nested-condition-block",
  "unknown-condition-operator",
  "condition-operator-case",
  "null-ifexists",
  "invalid-condition-operator-block",
  "invalid-condition-key",
  "invalid-condition-value",
  "empty-condition-values",
  "invalid-null-value",
  "invalid-bool-value",
  "invalid-numeric-value",
  "invalid-date-value",
  "invalid-ip-value",
  "invalid-binary-value",
  "invalid-arn-value",
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** More errors than this and the rest are summarized by one `too-many-errors`. */
export const MAX_ERRORS = 100;

export class ParseContext {
  readonly errors: ValidationError[] = [];
  /**
   * The document came from `JSON.parse`, and `Object.prototype` neither lends `for...in` keys nor has
   * an element's name (`canReadPlainly`, `parse.ts`): plain data, every own property an enumerable
   * data property, so one pass over the members sees everything a reader by name would.
   */
  plain = false;
  private dropped = 0;

  error(path: string, code: ErrorCode, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ path, code, message });
    else this.dropped++;
  }

  /** Whether more errors are being dropped: callers skip work that only builds messages. */
  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }

  /** Problems reported so far, the dropped ones included. */
  get reported(): number {
    return this.errors.length + this.dropped;
  }

  finish(): ValidationError[] {
    if (this.dropped > 0) {
      this.errors.push({
        path: "$",
        code: "too-many-errors",
        message: `${this.dropped} more problem(s) were found and not listed; fix the ones above first.`,
      });
      this.dropped = 0;
    }
    return this.errors;
  }
}

/** A value not known yet (Pulumi preview): kept as written, never an error. */
export function isUnknown(value: unknown): boolean {
  return value === PULUMI_UNKNOWN_SENTINEL;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An own property, never one inherited (`__proto__`, `constructor`); `undefined` counts as absent. */
export function own(object: Record<string, unknown>, key: string): unknown {
  const value = object[key];
  return value === undefined || Object.hasOwn(object, key) ? value : undefined;
}

/**
 * Calls `visit` with each own enumerable member whose value is present (`undefined` members are
 * absent, as in `JSON.stringify`), in key order. Objects from `JSON.parse` are walked with `for...in`,
 * which allocates no array of keys; anything else (proxies, odd prototypes) with `Object.keys`.
 */
export function forEachMember<State>(
  ctx: ParseContext,
  object: Record<string, unknown>,
  state: State,
  visit: (state: State, key: string, value: unknown) => void,
): void {
  if (ctx.plain) {
    for (const key in object) {
      const value = object[key];
      if (value !== undefined) visit(state, key, value);
    }
    return;
  }
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value !== undefined) visit(state, key, value);
  }
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `the string ${JSON.stringify(truncate(value))}`;
  return `${typeof value === "number" ? "the number" : "the " + typeof value} ${String(value)}`;
}

/** Shortens a value quoted in a message. */
export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : text.slice(0, max) + "…";
}

export function quote(text: string): string {
  return JSON.stringify(truncate(text));
}

/**
 * Reads an element that must be a string or a non-empty array of strings (Action, Resource, the
 * values of a principal type). Wrong types are reported under `code`; then `check`, if given, runs on
 * each string. Returns the strings, in order.
 */
export function readStrings(
  ctx: ParseContext,
  value: unknown,
  path: string,
  code: ErrorCode,
  what: string,
  check?: StringCheck,
): string[] {
  if (typeof value === "string") {
    if (value.length === 0) ctx.error(path, code, `${what} is an empty string.`);
    check?.run(ctx, value, path, -1);
    return [value];
  }
  if (!Array.isArray(value)) {
    ctx.error(path, code, `${what} must be a string or an array of strings, not ${describeType(value)}.`);
    return [];
  }
  if (value.length === 0) {
    ctx.error(path, code, `${what} is an empty array; list at least one value.`);
    return [];
  }
  const strings: string[] = [];
  // Where each string was read, once an entry that is not a string has shifted them.
  let indexes: number[] | undefined;
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== "string") {
      ctx.error(childPath(path, i), code, `${what} entries must be strings, not ${describeType(item)}.`);
      indexes ??= strings.map((_, j) => j);
    } else {
      if (item.length === 0) ctx.error(childPath(path, i), code, `${what} entry is an empty string.`);
      strings.push(item);
      indexes?.push(i);
    }
  }
  if (check !== undefined) {
    for (let j = 0; j < strings.length; j++) check.run(ctx, strings[j], path, indexes === undefined ? j : indexes[j]);
  }
  return strings;
}
