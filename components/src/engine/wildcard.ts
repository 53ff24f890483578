/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 *
 * A scan of the two strings that backtracks only to the last `*` (at worst pattern × value steps,
 * linear for the patterns policies hold), rather than a RegExp per pattern: compiling a RegExp,
 * a case-insensitive one above all, costs more than the few matches a new pattern is used for, and
 * a pack meets most of its patterns for the first time in the first preview of a stack.
 */

const STAR = 42;
const QUESTION = 63;

/**
 * One UTF-16 unit as a case-insensitive comparison sees it: ASCII letters lower-cased, any other
 * unit lower-cased when that gives one unit and does not turn it into ASCII (the rule a RegExp's
 * `i` flag applies, with lower case instead of upper).
 */
function fold(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  // Only U+0130 lower-cases to two units, an ASCII i and a combining dot: it stays itself too.
  const folded = String.fromCharCode(c).toLowerCase().charCodeAt(0);
  return folded < 128 ? c : folded;
}

function sameUnit(p: number, v: number, ignoreCase: boolean): boolean {
  return p === v || (ignoreCase && fold(p) === fold(v));
}

function globMatch(pattern: string, value: string, ignoreCase: boolean): boolean {
  let p = 0;
  let v = 0;
  // Where the last `*` was, and the value position it has matched up to: on a mismatch, it takes one more unit.
  let star = -1;
  let starValue = 0;
  while (v < value.length) {
    // Past the end of the pattern, charCodeAt is NaN, which equals no unit (fold keeps it NaN).
    const c = pattern.charCodeAt(p);
    if (c === STAR) {
      star = p++;
      starValue = v;
    } else if (c === QUESTION || sameUnit(c, value.charCodeAt(v), ignoreCase)) {
      p++;
      v++;
    } else if (star >= 0) {
      p = star + 1;
      v = ++starValue;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === STAR) p++;
  return p === pattern.length;
}

/** True when `value` matches the IAM wildcard `pattern`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  // A literal pattern compared case-insensitively goes through the scan too: String.toLowerCase folds
  // a few non-ASCII units onto ASCII (KELVIN SIGN to k), which fold() does not.
  if (!ignoreCase && !hasWildcard(pattern)) return pattern === value;
  return globMatch(pattern, value, ignoreCase);
}

export function hasWildcard(s: string): boolean {
  return s.includes("*") || s.includes("?");
}
