/**
 * Cheap proofs that a text `JSON.parse` has accepted has no duplicate member name, so the full scan
 * (`json-scan.ts`: character by character, with a frame per object) runs only for the rare text that
 * may hold one. Each check may say "maybe" when the answer is no, never "no" when it is yes.
 */
import { prototypeIsClean } from "./json-bound";

/** Whether the quote at `close` is escaped: an odd run of backslashes before it (after `open`). */
function isEscaped(text: string, open: number, close: number): boolean {
  let backslashes = 0;
  for (let k = close - 1; k > open && text.charCodeAt(k) === 92; k--) backslashes++;
  return backslashes % 2 === 1;
}

/**
 * Member names written in `text` (valid JSON), repeats included: the strings followed by a colon.
 * Jumps from quote to quote; only the few characters between strings are looked at.
 */
export function countMemberNames(text: string): number {
  let count = 0;
  let open = text.indexOf('"');
  while (open >= 0) {
    let close = text.indexOf('"', open + 1);
    while (text.charCodeAt(close - 1) === 92 && isEscaped(text, open, close)) close = text.indexOf('"', close + 1);
    let next = close + 1;
    let c = text.charCodeAt(next);
    while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++next);
    if (c === 58 /* : */) count++;
    open = text.indexOf('"', next);
  }
  return count;
}

/**
 * Own keys of every object in a value `JSON.parse` returned (a tree: nothing shared). Iterative, for
 * values nested 100 000 levels deep.
 */
export function countOwnKeys(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  let count = 0;
  const pending: object[] = [value];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown>;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === "object" && item !== null) pending.push(item);
      }
      continue;
    }
    const keys = Object.keys(node);
    count += keys.length;
    for (let i = 0; i < keys.length; i++) {
      const item = node[keys[i]];
      if (typeof item === "object" && item !== null) pending.push(item);
    }
  }
  return count;
}

/** Compact JSON length of a scalar other than a string; -1 for a number, whose spelling varies. */
function literalLength(value: unknown): number {
  if (typeof value === "boolean") return value ? 4 : 5;
  return value === null ? 4 : -1;
}

/**
 * The length of a value `JSON.parse` returned, written back as compact JSON with every string as it
 * is (no escapes); -1 when a number (`1.0`, `1e3`: the text's spelling is not known) or an inherited
 * enumerable property leaves it unknown. Iterative, for values nested 100 000 levels deep.
 */
export function compactLength(value: unknown): number {
  if (typeof value === "string") return value.length + 2;
  if (typeof value !== "object" || value === null) return literalLength(value);
  // `for...in` walks own keys without allocating an array of them, unless the prototype is polluted.
  if (!prototypeIsClean()) return -1;
  let length = 0;
  const pending: object[] = [value];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown>;
    let members = 0;
    if (Array.isArray(node)) {
      members = node.length;
      for (let i = 0; i < members; i++) {
        const item: unknown = node[i];
        if (typeof item === "string") length += item.length + 2;
        else if (typeof item === "object" && item !== null) pending.push(item);
        else {
          const literal = literalLength(item);
          if (literal < 0) return -1;
          length += literal;
        }
      }
    } else {
      for (const key in node) {
        members++;
        // The quoted name and its colon.
        length += key.length + 3;
        const item = node[key];
        if (typeof item === "string") length += item.length + 2;
        else if (typeof item === "object" && item !== null) pending.push(item);
        else {
          const literal = literalLength(item);
          if (literal < 0) return -1;
          length += literal;
        }
      }
    }
    // Brackets and the commas between members.
    length += members === 0 ? 2 : members + 1;
  }
  return length;
}

/**
 * Whether an object of `value`, parsed from `text`, may have had a member name written twice.
 *
 * First, without reading the text: a text with no escapes spells every string of the value exactly,
 * so it is at least `compactLength(value)` long, and longer when it has whitespace or a member
 * `JSON.parse` dropped for a later one of the same name. Equal lengths prove there is no repeat.
 *
 * Otherwise (pretty-printed text, escapes, numbers): `JSON.parse` keeps one own key per distinct
 * name, so there is a repeat exactly when the text has more member names than the value has keys.
 */
export function mayHoldDuplicates(text: string, value: unknown): boolean {
  if (!text.includes("\\") && compactLength(value) === text.length) return false;
  return countMemberNames(text) > countOwnKeys(value);
}
