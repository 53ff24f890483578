/**
 * Checks of single strings (an action name, a principal, a condition key) that are pure functions
 * of the string, run at most once per distinct string that passes. Policies repeat the same strings
 * ("kms:Decrypt", "aws:SourceArn") across documents, and a remembered pass skips the regular
 * expressions and table look-ups. Only passes are remembered: a string with a problem is checked
 * again each time, so the check itself writes every message and path.
 */
import { childPath } from "./json-path";
import type { ParseContext } from "./parse-context";

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

  add(value: string): void {
    if (value.length > MAX_REMEMBERED_LENGTH) return;
    if (this.count >= MAX_REMEMBERED) {
      this.slots = new Array<string | undefined>(SLOTS).fill(undefined);
      this.count = 0;
    }
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
  ) {}

  /** Checks `value`, found at `path` (`index < 0`) or at `path[index]`. */
  run(ctx: ParseContext, value: string, path: string, index: number): void {
    if (this.obviouslyPasses?.(value) === true || this.passed.has(value)) return;
    const before = ctx.reported;
    this.check(ctx, value, index < 0 ? path : childPath(path, index));
    if (ctx.reported === before) this.passed.add(value);
  }
}
