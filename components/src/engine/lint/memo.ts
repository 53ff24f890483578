/**
 * Bounded memos for the pure questions the checks ask of single strings (what account a principal
 * names, what type a condition key has). Every policy repeats the same few strings, and a policy
 * pack lints every key policy of every preview, so each answer is worth keeping; the strings come
 * from arbitrary documents, so no memo may grow without limit.
 */
import { memoMap, remember } from "../caches";

const MAX_ENTRIES = 2_000;

/**
 * `compute`, remembered per string. Anything else (callers in plain JavaScript) is computed every
 * time, so it coerces or throws exactly as `compute` does.
 */
export function memoized<T>(compute: (s: string) => T, max = MAX_ENTRIES): (s: string) => T {
  // Boxed, so that a remembered `undefined` is told apart from a miss.
  const cache = memoMap<string, { readonly value: T }>();
  const boxed = (s: string): { readonly value: T } => ({ value: compute(s) });
  return (s: string): T => (typeof s === "string" ? remember(cache, s, max, boxed).value : compute(s));
}
