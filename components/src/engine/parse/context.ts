/**
 * Shared plumbing of the parser's steps: the error sink (with a cap, so a hostile document cannot
 * produce a million errors), JSON paths, the unknown-value test and small readers of members. The
 * codes are documented in `index.ts`.
 */
import { memoMap, remember } from "../caches";
import { PULUMI_UNKNOWN_SENTINEL, type ValidationError } from "../types";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const suffixes = memoMap<string, string>();

/**
 * Appends one member name or array index to a JSON path, in the form the parser reports them:
 * `$.Statement[2].Condition.StringEquals` for identifier-like member names and
 * `$.Statement[0].Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"]` for the rest, so
 * every path can be pasted into a JSONPath tool.
 */
export function childPath(parent: string, selector: string | number): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: a shortcut; suffixOf spells a number the same way.
  if (typeof selector === "number") return `${parent}[${selector}]`;
  // Policies repeat the same few names; formatting them once keeps path building cheap. Long names
  // are not remembered: the memo's size stays bounded in bytes too.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: only whether a name is remembered.
  return parent + (selector.length > 128 ? suffixOf(selector) : remember(suffixes, selector, 2_000, suffixOf));
}

function suffixOf(selector: string): string {
  return IDENTIFIER.test(selector) ? `.${selector}` : `[${JSON.stringify(selector)}]`;
}

/** Every code the parser reports; documented in the table at the top of `index.ts`. */
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
   * an element's name (`canReadPlainly`, `decode.ts`): plain data, every own property an enumerable
   * data property, so one pass over the members sees everything a reader by name would.
   */
  // Stryker disable next-line BooleanLiteral: parseDocument sets it before any document is read.
  plain = false;
  private dropped = 0;

  error(path: string, code: ErrorCode, message: string): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ path, code, message });
    else this.dropped++;
  }

  // Stryker disable BlockStatement,ConditionalExpression,EqualityOperator,ArithmeticOperator: `full` only skips
  // building a message that would be dropped; `reported` only has to change when a problem is reported.
  /** Whether more errors are being dropped: callers skip work that only builds messages. */
  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }

  /** Problems reported so far, the dropped ones included. */
  get reported(): number {
    return this.errors.length + this.dropped;
  }
  // Stryker restore all

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
  // Stryker disable next-line ConditionalExpression,BlockStatement: a faster walk; Object.keys visits the same members.
  if (ctx.plain) {
    for (const key in object) {
      const value = object[key];
      // Stryker disable next-line ConditionalExpression: JSON.parse makes no undefined values.
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
  return `the ${typeof value} ${String(value)}`;
}

/** Shortens a value quoted in a message. */
export function truncate(text: string, max = 80): string {
  return text.length <= max ? text : text.slice(0, max) + "…";
}

export function quote(text: string): string {
  return JSON.stringify(truncate(text));
}
