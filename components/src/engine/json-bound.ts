/**
 * For a policy given as a decoded value: a proof, without serializing it, that its JSON text is
 * within the key-policy size limit and holds no Pulumi unknown sentinel, which is what nearly every
 * policy is. `JSON.stringify` plus a search of its text costs several times more; it still runs
 * whenever the proof cannot be made (`parse.ts`, `measureDecoded`).
 */

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
export function prototypeIsClean(): boolean {
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
export function fitsWithout(value: unknown, sentinel: string, limit: number): boolean {
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
