/**
 * Strings of a policy: the reader of the "string or array of strings" shape most elements have
 * (`readStrings`), and checks of single strings (an action name, a principal, a condition key) that
 * are pure functions of the string, run at most once per distinct string that passes. Policies
 * repeat the same strings ("kms:Decrypt", "aws:SourceArn") across documents, and a remembered pass
 * skips the regular expressions and table look-ups. Only passes are remembered: a string with a
 * problem is checked again each time, so the check itself writes every message and path.
 */
import { onClearCaches } from "../caches";
import { childPath, describeType, type ErrorCode, type ParseContext } from "./context";

/** Strings longer than this are checked every time rather than remembered. */
const MAX_REMEMBERED_LENGTH = 256;
const SLOTS = 1_024;
/** Emptied when half full, so probe runs stay short. */
const MAX_REMEMBERED = SLOTS / 2;
/** Slots tried from a string's home slot; past them it is a miss, so colliding strings cost no more. */
const MAX_PROBES = 8;

/**
 * A bounded set of strings, open-addressed on a few characters and the length. Every string of a
 * policy is new to the engine (a fresh `JSON.parse` result), so `Set` hashes all of its characters
 * on each look-up; sampling a few is enough to spread the handful of strings policies repeat.
 */
export class PassedStrings {
  private slots: (string | undefined)[] = new Array<string | undefined>(SLOTS).fill(undefined);
  private count = 0;

  private static home(value: string): number {
    const n = value.length;
    if (n === 0) return 0;
    const hash =
      n * 31 +
      value.charCodeAt(0) * 7 +
      value.charCodeAt(n >> 2) * 17 +
      value.charCodeAt(n >> 1) * 131 +
      value.charCodeAt(n - 1) * 257;
    return hash & (SLOTS - 1);
  }

  has(value: string): boolean {
    let slot = PassedStrings.home(value);
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const held = this.slots[slot];
      if (held === undefined) return false;
      if (held === value) return true;
      slot = (slot + 1) & (SLOTS - 1);
    }
    return false;
  }

  /** Forgets every string (`clearCaches`). */
  clear(): void {
    this.slots = new Array<string | undefined>(SLOTS).fill(undefined);
    this.count = 0;
  }

  add(value: string): void {
    if (value.length > MAX_REMEMBERED_LENGTH) return;
    if (this.count >= MAX_REMEMBERED) this.clear();
    const home = PassedStrings.home(value);
    let slot = home;
    for (let probe = 0; probe < MAX_PROBES; probe++) {
      const held = this.slots[slot];
      if (held === value) return;
      if (held === undefined) {
        this.slots[slot] = value;
        this.count++;
        return;
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    // A run of colliding strings: the newest takes the home slot (a cache may forget).
    this.slots[home] = value;
  }
}

/** A check of one string that remembers the strings it passed. */
export class StringCheck {
  private readonly passed = new PassedStrings();

  /**
   * @param check reports the problems of one string.
   * @param obviouslyPasses a cheaper test for strings `check` is known to accept; they are not remembered.
   */
  constructor(
    private readonly check: (ctx: ParseContext, value: string, path: string) => void,
    private readonly obviouslyPasses?: (value: string) => boolean,
  ) {
    // Checks are module-level: a remembered pass must not outlive `clearCaches` (the mutation run).
    onClearCaches(() => this.passed.clear());
  }

  /** Checks `value`, found at `path` (`index < 0`) or at `path[index]`. */
  run(ctx: ParseContext, value: string, path: string, index: number): void {
    if (this.obviouslyPasses?.(value) === true || this.passed.has(value)) return;
    const before = ctx.reported;
    this.check(ctx, value, index < 0 ? path : childPath(path, index));
    if (ctx.reported === before) this.passed.add(value);
  }
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
