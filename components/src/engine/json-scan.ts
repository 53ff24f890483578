/**
 * One linear pass over JSON text that `JSON.parse` has already accepted, for the two things
 * `JSON.parse` hides:
 *
 * - duplicate member names: `JSON.parse` silently keeps the last one, so a `Condition` with two
 *   `StringEquals` blocks loses the first block's conditions without a word;
 * - strings equal to the Pulumi unknown sentinel, with their paths, in document order.
 *
 * No recursion (documents may nest 100 000 levels deep) and no per-value allocation beyond one frame
 * per object or array.
 */
import { PathNode } from "./json-path";

export interface DuplicateKey {
  readonly path: string;
  readonly key: string;
}

export interface ScanResult {
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
    let backslashes = 0;
    for (let k = quote - 1; k > start && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

function decode(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  return raw.includes("\\") ? (JSON.parse(text.slice(start, end + 1)) as string) : raw;
}

function isSentinel(text: string, start: number, end: number, sentinel: string): boolean {
  const length = end - start - 1;
  if (length === sentinel.length) return text.startsWith(sentinel, start + 1);
  // Only an escaped spelling (`\u0030...`) can be longer and still decode to the sentinel.
  if (length < sentinel.length) return false;
  const backslash = text.indexOf("\\", start + 1);
  return backslash >= 0 && backslash < end && decode(text, start, end) === sentinel;
}

/**
 * Scans `text` (valid JSON). Reports at most `maxReports` duplicates and sentinel paths each, so a
 * hostile document cannot make the result larger than the limits the caller chose.
 */
export function scanJson(text: string, sentinel: string, maxReports: number): ScanResult {
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
        const name = decode(text, i, end);
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
