/**
 * The first step of parsing: from the input (JSON text, or a value already decoded) to the document
 * the readers walk, with what `JSON.parse` hides and what the 32 KB limit needs:
 *
 * - duplicate member names: `JSON.parse` silently keeps the last one, so a `Condition` with two
 *   `StringEquals` blocks loses the first block's conditions without a word;
 * - strings equal to the Pulumi unknown sentinel, with their paths, in document order;
 * - the size of the JSON text AWS receives (for a decoded value, the compact text it stands for).
 *
 * One entry point, `decodeDocument`. Everything below it serves it: cheap proofs that settle nearly
 * every policy, and the full scans they stand in for, which run only when a proof cannot be made.
 * No recursion anywhere (documents may nest 100 000 levels deep).
 */
import { childPath, quote, type ParseContext } from "./context";
import { PULUMI_UNKNOWN_SENTINEL } from "../types";

/** AWS KMS Developer Guide, "Key policy format": "up to 32 KB (32,768 bytes)". */
export const MAX_KEY_POLICY_BYTES = 32_768;
const MAX_UNKNOWN_PATHS = 1_000;

export interface Decoded {
  readonly value: unknown;
  readonly unknownPaths: readonly string[];
  /**
   * The value came from `JSON.parse` and `Object.prototype` neither lends `for...in` keys nor has an
   * element's name (`canReadPlainly`): the readers may take one pass over its members.
   */
  readonly plain: boolean;
}

/**
 * Decodes the input of `parsePolicy`, reporting size, syntax and duplicate names on `ctx`;
 * `undefined` when there is no document to read (not JSON, binary data).
 */
export function decodeDocument(ctx: ParseContext, input: unknown): Decoded | undefined {
  if (typeof input === "string") return decodeText(ctx, input);
  if (ArrayBuffer.isView(input)) {
    ctx.error("$", "not-an-object", "The key policy must be JSON text or a decoded JSON object, not binary data.");
    return undefined;
  }
  return { value: input, unknownPaths: measureDecoded(ctx, input), plain: false };
}

/**
 * Decodes text, reporting size, syntax and duplicate names; `undefined` when it is not JSON. The
 * full scan runs only when cheaper checks cannot rule out the sentinel and duplicate names: nearly
 * every policy is text without escapes whose value proves it has neither.
 */
function decodeText(ctx: ParseContext, text: string): Decoded | undefined {
  if (utf8LongerThan(text, MAX_KEY_POLICY_BYTES)) tooLarge(ctx, utf8Length(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    ctx.error("$", "invalid-json", `The key policy is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`);
    return undefined;
  }
  // A string equals the sentinel only if the text spells it out or escapes some of it; without
  // escapes, a walk of the value can also prove there are no duplicate names (`mayHoldDuplicates`).
  if (!text.includes("\\") && !text.includes(PULUMI_UNKNOWN_SENTINEL) && !mayHoldDuplicates(text, value)) {
    return { value, unknownPaths: [], plain: canReadPlainly() };
  }
  const scanned = scanJson(text, PULUMI_UNKNOWN_SENTINEL, MAX_UNKNOWN_PATHS);
  for (const duplicate of scanned.duplicates) {
    ctx.error(
      duplicate.path,
      "duplicate-json-key",
      `${quote(duplicate.key)} appears more than once in the same object; JSON parsers keep only the last one, ` +
        "so the earlier one is silently lost. Merge them into one member.",
    );
  }
  return { value, unknownPaths: scanned.sentinelPaths, plain: canReadPlainly() };
}

/**
 * Size check and unknown paths of a decoded value. The value is serialized the way it will be sent
 * (compact JSON); the text is scanned only when it holds the sentinel. Values `JSON.stringify`
 * refuses (circular, too deep for its recursion) are measured by an iterative walk instead.
 */
function measureDecoded(ctx: ParseContext, value: unknown): readonly string[] {
  // Most policies are small and hold no sentinel: proving it is cheaper than serializing them.
  if (fitsWithout(value, PULUMI_UNKNOWN_SENTINEL, MAX_KEY_POLICY_BYTES)) return [];
  let text: string | undefined;
  try {
    text = JSON.stringify(value) as string | undefined;
  } catch {
    text = undefined;
  }
  if (text === undefined) {
    const walk = walkValue(value, PULUMI_UNKNOWN_SENTINEL, MAX_UNKNOWN_PATHS);
    if (walk.jsonBytes > MAX_KEY_POLICY_BYTES) tooLarge(ctx, walk.jsonBytes);
    return walk.sentinelPaths;
  }
  if (utf8LongerThan(text, MAX_KEY_POLICY_BYTES)) tooLarge(ctx, utf8Length(text));
  return text.includes(PULUMI_UNKNOWN_SENTINEL)
    ? scanJson(text, PULUMI_UNKNOWN_SENTINEL, MAX_UNKNOWN_PATHS).sentinelPaths
    : [];
}

function tooLarge(ctx: ParseContext, bytes: number): void {
  ctx.error(
    "$",
    "policy-too-large",
    `The key policy is ${bytes} bytes; AWS KMS accepts at most ${MAX_KEY_POLICY_BYTES}. ` +
      "Merge statements that share a principal, or move permissions to IAM policies or grants.",
  );
}

/**
 * Whether a document from `JSON.parse` can be read in one pass over its members (`ParseContext.plain`):
 * `for...in` must see only own keys, and skipping the look-ups by name of the policy and statement
 * elements (`own`) must not skip an accessor `Object.prototype` has under one of those names.
 */
function canReadPlainly(): boolean {
  const proto: object = Object.prototype;
  // Spelled out rather than looped: each test of a constant name on it is then nearly free.
  return (
    prototypeIsClean() &&
    !("Version" in proto || "Id" in proto || "Statement" in proto) &&
    !("Sid" in proto || "Effect" in proto || "Principal" in proto || "NotPrincipal" in proto) &&
    !("Action" in proto || "NotAction" in proto || "Resource" in proto || "NotResource" in proto) &&
    !("Condition" in proto)
  );
}

// Text: cheap proofs of no duplicate member name, so the full scan runs only for the rare text that
// may hold one. Each check may say "maybe" when the answer is no, never "no" when it is yes.

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
function countMemberNames(text: string): number {
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
function countOwnKeys(value: unknown): number {
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
function compactLength(value: unknown): number {
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
function mayHoldDuplicates(text: string, value: unknown): boolean {
  if (!text.includes("\\") && compactLength(value) === text.length) return false;
  return countMemberNames(text) > countOwnKeys(value);
}

// Text: the full scan. One linear pass over text `JSON.parse` has already accepted, with no
// per-value allocation beyond one frame per object or array.

interface DuplicateKey {
  readonly path: string;
  readonly key: string;
}

interface ScanResult {
  readonly duplicates: readonly DuplicateKey[];
  readonly sentinelPaths: readonly string[];
}

interface Frame {
  readonly node: PathNode;
  readonly isObject: boolean;
  /** Member names seen so far (objects): an array while small, a set once large. */
  names: string[] | Set<string> | undefined;
  /** Objects: the next string is a member name. */
  expectName: boolean;
  /** Current member name or element index. */
  selector: string | number;
}

const SMALL_OBJECT = 8;

function addName(frame: Frame, name: string): boolean {
  const names = frame.names;
  if (names === undefined) {
    frame.names = [name];
    return true;
  }
  if (Array.isArray(names)) {
    if (names.includes(name)) return false;
    if (names.length < SMALL_OBJECT) names.push(name);
    else frame.names = new Set([...names, name]);
    return true;
  }
  if (names.has(name)) return false;
  names.add(name);
  return true;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return text.length;
    if (!isEscaped(text, start, quote)) return quote;
    from = quote + 1;
  }
}

function decodeString(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes("\\") ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
}

function isSentinel(text: string, start: number, end: number, sentinel: string): boolean {
  const length = end - start - 1;
  if (length === sentinel.length) return text.startsWith(sentinel, start + 1);
  // Only an escaped spelling (`\u0030...`) can be longer and still decode to the sentinel.
  if (length < sentinel.length) return false;
  const backslash = text.indexOf("\\", start + 1);
  return backslash >= 0 && backslash < end && decodeString(text, start, end) === sentinel;
}

/**
 * Scans `text` (valid JSON). Reports at most `maxReports` duplicates and sentinel paths each, so a
 * hostile document cannot make the result larger than the limits the caller chose.
 */
function scanJson(text: string, sentinel: string, maxReports: number): ScanResult {
  const duplicates: DuplicateKey[] = [];
  const sentinelPaths: string[] = [];
  const stack: Frame[] = [];
  const rootNode = PathNode.root();
  const currentPath = (): string => {
    const top = stack[stack.length - 1];
    return top === undefined ? rootNode.path() : top.node.childPath(top.selector);
  };
  const currentNode = (): PathNode => {
    const top = stack[stack.length - 1];
    return top === undefined ? rootNode : top.node.child(top.selector);
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const isObject = c === 0x7b;
      stack.push({ node: currentNode(), isObject, names: undefined, expectName: isObject, selector: 0 });
      i++;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
      i++;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.isObject) top.expectName = true;
        else top.selector = (top.selector as number) + 1;
      }
      i++;
    } else if (c === 0x3a /* : */) {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.expectName = false;
      i++;
    } else if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack[stack.length - 1];
      if (top !== undefined && top.isObject && top.expectName) {
        const name = decodeString(text, i, end);
        top.selector = name;
        if (!addName(top, name) && duplicates.length < maxReports) duplicates.push({ path: currentPath(), key: name });
        if (name === sentinel && sentinelPaths.length < maxReports) sentinelPaths.push(currentPath());
      } else if (sentinelPaths.length < maxReports && isSentinel(text, i, end, sentinel)) {
        sentinelPaths.push(currentPath());
      }
      i = end + 1;
    } else {
      // Whitespace, numbers, true, false, null: nothing to record.
      i++;
    }
  }
  return { duplicates, sentinelPaths };
}

// Decoded values: a proof, without serializing, that the JSON text is within the size limit and
// holds no sentinel, which is what nearly every policy is. `JSON.stringify` plus a search of its text
// costs several times more; it still runs whenever the proof cannot be made (`measureDecoded`).

/** Compact JSON bytes of a number at most: `-1.7976931348623157e+308` and the like. */
const MAX_NUMBER_BYTES = 25;
/** UTF-8 bytes of one UTF-16 unit of a string written as JSON, at most (`\u001f`). */
const MAX_BYTES_PER_UNIT = 6;
/** Bytes counted for an object at least: a boxed number or boolean is written as its value. */
const MIN_OBJECT_BYTES = MAX_NUMBER_BYTES;

/**
 * Whether nothing enumerable is inherited from `Object.prototype`, so `for...in` over an object with
 * that prototype (or none) sees exactly its own enumerable keys, without allocating them.
 */
function prototypeIsClean(): boolean {
  for (const _key in Object.prototype) return false;
  return true;
}

/**
 * Proves, without serializing, that `JSON.stringify(value)` succeeds with at most `limit` UTF-8 bytes
 * and without `sentinel` anywhere in its text; `false` when it cannot (the caller then serializes).
 *
 * Only plain data is judged: objects whose prototype is `Object.prototype` or `null` and that have no
 * `toJSON`, arrays, strings, numbers, booleans, `null` (and `undefined` and symbols, which
 * `JSON.stringify` drops or writes as `null`). A `Date`, a `Map`, a function, a `bigint`, a throwing
 * getter are left to `JSON.stringify`; so is any object with a member `"0"`, which a boxed string
 * given a plain prototype would have. Sizes are bounded from above, which also ends the walk of a circular or very
 * deep value as soon as the bound passes `limit`.
 */
function fitsWithout(value: unknown, sentinel: string, limit: number): boolean {
  try {
    return boundedBytes(value, sentinel, limit) <= limit;
  } catch {
    // A getter or proxy that throws: `JSON.stringify` will meet it too.
    return false;
  }
}

/**
 * Upper bound of the bytes of a value that is not an object, as `JSON.stringify` writes it (`null`
 * for what it drops); `Infinity` when it is not judged.
 */
function scalarBytes(value: unknown, sentinel: string): number {
  switch (typeof value) {
    case "string":
      return value.length >= sentinel.length && value.includes(sentinel)
        ? Infinity
        : value.length * MAX_BYTES_PER_UNIT + 2;
    case "number":
      return MAX_NUMBER_BYTES;
    case "boolean":
      return 5;
    case "bigint":
    case "function":
      // `JSON.stringify` throws on a `bigint`; a function may have a `toJSON`.
      return Infinity;
    default:
      return 4;
  }
}

/** Whether `JSON.stringify` leaves out a member with this value. */
function isDropped(value: unknown): boolean {
  return value === undefined || typeof value === "symbol";
}

/** An upper bound of the UTF-8 bytes of `JSON.stringify(root)`; `Infinity` when it is not judged. */
function boundedBytes(root: unknown, sentinel: string, limit: number): number {
  if (typeof root !== "object" || root === null) return scalarBytes(root, sentinel);
  if (!prototypeIsClean()) return Infinity;
  let bytes = 0;
  const pending: object[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as Record<string, unknown>;
    if (typeof node.toJSON === "function") return Infinity;
    bytes += MIN_OBJECT_BYTES;
    if (Array.isArray(node)) {
      // Brackets and commas; checked first, so a huge sparse array is not walked.
      bytes += node.length;
      if (bytes > limit) return Infinity;
      for (let i = 0; i < node.length; i++) {
        const item: unknown = node[i];
        if (typeof item === "object" && item !== null) pending.push(item);
        else bytes += scalarBytes(item, sentinel);
      }
    } else {
      const prototype: unknown = Object.getPrototypeOf(node);
      if (prototype !== Object.prototype && prototype !== null) return Infinity;
      for (const key in node) {
        if (key === "0") return Infinity;
        const item = node[key];
        if (isDropped(item)) continue;
        // The quoted name, its colon and a comma.
        bytes += scalarBytes(key, sentinel) + 2;
        if (typeof item === "object" && item !== null) pending.push(item);
        else bytes += scalarBytes(item, sentinel);
        if (bytes > limit) return Infinity;
      }
    }
    if (bytes > limit) return Infinity;
  }
  return bytes;
}

// Decoded values `JSON.stringify` refuses (circular, too deep for its recursion): one iterative walk
// that finds the sentinel strings and measures the compact JSON text the value stands for. A value
// reached twice (shared or circular) is walked once.

/** UTF-8 byte length of `text`. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      // Past the end, charCodeAt is NaN: a lone high surrogate, 3 bytes.
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Whether the UTF-8 encoding of `text` is longer than `limit` bytes, without measuring when obvious. */
function utf8LongerThan(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8Length(text) > limit;
}

interface WalkResult {
  readonly sentinelPaths: readonly string[];
  /** Bytes of `JSON.stringify(value)` (UTF-8). */
  readonly jsonBytes: number;
}

interface Pending {
  readonly value: unknown;
  readonly parent: PathNode | undefined;
  readonly selector: string | number;
  /** Bytes this value adds besides its own text: separators, its member name. */
  readonly overhead: number;
  /** The member name itself is the sentinel: reported before anything inside the value. */
  readonly keyIsSentinel?: boolean;
}

/**
 * Compact JSON length of a value in the walk that is neither a string nor an object: `null`, and
 * what `JSON.stringify` writes as `null` in an array (members holding it were left out of the walk).
 */
function primitiveBytes(value: unknown): number {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
    case "bigint":
      return String(value).length;
    default:
      // null; undefined, functions and symbols.
      return 4;
  }
}

function walkValue(root: unknown, sentinel: string, maxReports: number): WalkResult {
  const sentinelPaths: string[] = [];
  const seen = new Set<object>();
  const stack: Pending[] = [{ value: root, parent: undefined, selector: 0, overhead: 0 }];
  let bytes = 0;
  while (stack.length > 0) {
    const { value, parent, selector, overhead, keyIsSentinel } = stack.pop() as Pending;
    bytes += overhead;
    const pathOf = (): string => (parent === undefined ? "$" : parent.childPath(selector));
    if (keyIsSentinel === true && sentinelPaths.length < maxReports) sentinelPaths.push(pathOf());
    if (typeof value === "string") {
      bytes += utf8Length(JSON.stringify(value));
      if (value === sentinel && sentinelPaths.length < maxReports) sentinelPaths.push(pathOf());
      continue;
    }
    if (typeof value !== "object" || value === null) {
      bytes += primitiveBytes(value);
      continue;
    }
    if (seen.has(value)) continue;
    seen.add(value);
    const node = parent === undefined ? PathNode.root() : parent.child(selector);
    if (Array.isArray(value)) {
      bytes += 2 + Math.max(0, value.length - 1);
      for (let i = value.length - 1; i >= 0; i--) {
        stack.push({ value: value[i] as unknown, parent: node, selector: i, overhead: 0 });
      }
      continue;
    }
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).filter((k) => {
      const v = record[k];
      return v !== undefined && typeof v !== "function" && typeof v !== "symbol";
    });
    bytes += 2 + Math.max(0, keys.length - 1);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const overhead = utf8Length(JSON.stringify(key)) + 1;
      stack.push({ value: record[key], parent: node, selector: key, overhead, keyIsSentinel: key === sentinel });
    }
  }
  return { sentinelPaths, jsonBytes: bytes };
}

// Paths of the full scans: built lazily from parent links and spelled out only where something is
// reported, so a document nested 100 000 levels deep does not pile up quadratic path strings.

const MAX_PATH_DEPTH = 64;

/** A node of a document being walked: its parent and how the parent reaches it. */
class PathNode {
  readonly depth: number;
  /** The ancestor whose path stands for this node's when the path is cut short. */
  private readonly anchor: PathNode;
  private memo: string | undefined;

  private constructor(
    readonly parent: PathNode | undefined,
    readonly selector: string | number | undefined,
  ) {
    this.depth = parent === undefined ? 0 : parent.depth + 1;
    this.anchor = parent !== undefined && this.depth > MAX_PATH_DEPTH ? parent.anchor : this;
  }

  static root(): PathNode {
    return new PathNode(undefined, undefined);
  }

  child(selector: string | number): PathNode {
    return new PathNode(this, selector);
  }

  /** The path of this node; deeper than `MAX_PATH_DEPTH` levels it ends in `…`. */
  path(): string {
    if (this.anchor !== this) return this.anchor.path() + "…";
    if (this.memo !== undefined) return this.memo;
    // Iterative: walk up to the nearest memoized ancestor, then spell the path downwards.
    const chain: PathNode[] = [this];
    let node: PathNode | undefined = this.parent;
    while (node !== undefined && node.memo === undefined) {
      chain.push(node);
      node = node.parent;
    }
    let text = node?.memo ?? "$";
    for (let i = chain.length - 1; i >= 0; i--) {
      const current = chain[i];
      if (current.selector !== undefined) text = childPath(text, current.selector);
      current.memo = text;
    }
    return text;
  }

  /** The path of a child without allocating a node for it. */
  childPath(selector: string | number): string {
    const base = this.path();
    return this.anchor !== this || this.depth >= MAX_PATH_DEPTH
      ? base + (base.endsWith("…") ? "" : "…")
      : childPath(base, selector);
  }
}

/**
 * The full scans and the shortcuts that stand in for them, for test/engine/parse-fast-paths.test.ts
 * and parse-decode.test.ts only, which hold each shortcut to the scan's answer and the walk to
 * `JSON.stringify`'s. The parser calls `decodeDocument`.
 */
export const forTesting = {
  scanJson,
  mayHoldDuplicates,
  countMemberNames,
  countOwnKeys,
  compactLength,
  fitsWithout,
  walkValue,
};
