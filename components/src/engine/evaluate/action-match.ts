/**
 * `Action` / `NotAction` matching (IAM User Guide, "IAM JSON policy elements: Action"): action names
 * are case-insensitive and may use `*` and `?`. Patterns are lower-cased once per statement.
 */
import { triNot, triSome } from "./tri";
import { PULUMI_UNKNOWN_SENTINEL, type Tri } from "../types";
import { wildcardTester, type Tester } from "./wildcard-tester";

export interface CompiledActions {
  /** Testers of lower-cased patterns; `undefined` for a value not known yet. */
  readonly patterns: readonly (Tester | undefined)[];
  readonly negated: boolean;
}

export function compileActions(list: readonly string[], negated: boolean): CompiledActions {
  const patterns = list.map((raw) => {
    const s = String(raw);
    return s.includes(PULUMI_UNKNOWN_SENTINEL) ? undefined : wildcardTester(s.toLowerCase());
  });
  return { patterns, negated };
}

/** `actionLower` is the request's action, lower-cased. */
export function matchActions(actions: CompiledActions, actionLower: string): Tri {
  const listed = triSome(actions.patterns, (test) => (test === undefined ? "unknown" : test(actionLower)));
  return actions.negated ? triNot(listed) : listed;
}
