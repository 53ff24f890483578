/**
 * IAM wildcard matching: `*` matches any run of characters (including none), `?` exactly one.
 * Patterns are compiled once and cached because the same policy strings are matched against
 * many requests.
 */
import { memoMap } from "./caches";
const cache = memoMap<string, RegExp>();

function compile(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = (ignoreCase ? "i:" : "s:") + pattern;
  let re = cache.get(cacheKey);
  if (re === undefined) {
    const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
      c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : "\\" + c,
    );
    re = new RegExp("^" + body + "$", ignoreCase ? "is" : "s");
    if (cache.size > 10_000) cache.clear();
    cache.set(cacheKey, re);
  }
  return re;
}

/** True when `value` matches the IAM wildcard `pattern`. */
export function wildcardMatch(pattern: string, value: string, ignoreCase = false): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return compile(pattern, ignoreCase).test(value);
}

export function hasWildcard(s: string): boolean {
  return s.includes("*") || s.includes("?");
}
