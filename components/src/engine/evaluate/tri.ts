/**
 * Three-valued (Kleene) logic for the evaluator. `"unknown"` stands for a value that is not known
 * yet during a Pulumi preview (or a construct the evaluator cannot judge); it propagates only where
 * it could change the result: `false AND unknown` is `false`, and `true` for some item of a list
 * makes the list `true` whatever the others are.
 */
import type { Tri } from "../types";

export function triAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === "unknown" || b === "unknown") return "unknown";
  return true;
}

export function triNot(a: Tri): Tri {
  return a === "unknown" ? "unknown" : !a;
}

/** `true` when any item is true, `"unknown"` when none is true but one is unknown. */
export function triSome<T>(items: readonly T[], test: (item: T) => Tri): Tri {
  let result: Tri = false;
  for (const item of items) {
    const r = test(item);
    if (r === true) return true;
    if (r === "unknown") result = "unknown";
  }
  return result;
}
