/**
 * For a policy given as a decoded value rather than text: one iterative walk that finds the strings
 * equal to the Pulumi unknown sentinel (with their paths, in document order) and measures the
 * compact JSON text the value stands for, since the 32 KB key-policy limit applies to the text AWS
 * receives. No recursion (values may nest 100 000 levels deep); a value reached twice (shared or
 * circular) is walked once.
 */
import { PathNode } from "./json-path";

/** UTF-8 byte length of `text`. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
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
export function utf8LongerThan(text: string, limit: number): boolean {
  if (text.length > limit) return true;
  if (text.length * 3 <= limit) return false;
  return utf8Length(text) > limit;
}

export interface WalkResult {
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

/** Compact JSON length of a primitive (what `JSON.stringify` writes for it). */
function primitiveBytes(value: unknown, inArray: boolean): number {
  switch (typeof value) {
    case "string":
      return utf8Length(JSON.stringify(value));
    case "number":
      return Number.isFinite(value) ? String(value).length : 4;
    case "boolean":
      return value ? 4 : 5;
    case "bigint":
      return String(value).length;
    default:
      // null; undefined, functions and symbols are `null` in arrays and dropped from objects.
      return value === null || inArray ? 4 : 0;
  }
}

export function walkValue(root: unknown, sentinel: string, maxReports: number): WalkResult {
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
      bytes += primitiveBytes(value, true);
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
