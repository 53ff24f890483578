/**
 * A `Condition` clause (operator + key + values) against the effective request context, with a
 * one-sentence explanation. The rules are the IAM User Guide's "Condition element" and "Multivalued
 * context keys":
 *  - AND across clauses, OR across a clause's values;
 *  - an absent key fails a positive operator, satisfies a negated one (`StringNotEquals`,
 *    `NotIpAddress`, ...) and any `...IfExists` operator; `Null: true` means "absent";
 *  - `ForAnyValue:` needs one request value satisfying the comparison (absent or empty: false);
 *    `ForAllValues:` needs every request value to (absent or empty: true). For a negated operator the
 *    per-value comparison is "matches none of the policy values";
 *  - an operator without a set qualifier compares one value: a request that carries several values
 *    for the key is ambiguous, so the clause is undecidable rather than guessed.
 */
import { compileValue, operatorSemantics, type OperatorSemantics, type ValueMatcher } from "./condition-operators";
import type { EffectiveContext } from "./request-context";
import { isPartial, showPartial } from "./partial-values";
import { dependsOnRolePath } from "./role-path";
import { triNot } from "./tri";
import { PULUMI_UNKNOWN_SENTINEL, UNKNOWN, type ConditionClause, type ConditionTrace, type Tri } from "../types";

export interface CompiledCondition {
  evaluate(ctx: EffectiveContext): ConditionTrace;
}

const list = (values: readonly string[]): string => (values.length === 1 ? values[0] : `[${values.join(", ")}]`);

function verb(sem: OperatorSemantics, positive: boolean): string {
  if (sem.family === "Numeric" || sem.family === "Date") return positive ? "satisfies" : "does not satisfy";
  if (sem.family === "IpAddress") return positive ? "is in" : "is not in";
  return positive ? "matches" : "does not match";
}

/**
 * The first policy value the request value matches (`true`), or `"unknown"` / `false`. A request
 * value known only in part is decided where its known parts decide it (partial-values.ts).
 */
function firstMatch(matchers: readonly ValueMatcher[], value: string, ctx: EffectiveContext): [Tri, string?] {
  let result: Tri = false;
  const partial = isPartial(value);
  for (const m of matchers) {
    const r = partial ? (m.testPartial?.(value) ?? "unknown") : m.test(value, ctx.lookup);
    if (r === true) return [true, m.raw];
    if (r === "unknown") result = "unknown";
  }
  return [result];
}

/**
 * A clause the parser could not represent (an unknown operator, a block not known yet): whatever it
 * was meant to test is unknown.
 */
export function opaqueCondition(operator: string, key: string, explanation: string): CompiledCondition {
  const trace: ConditionTrace = { operator, key, values: [], result: "unknown", explanation };
  return { evaluate: () => trace };
}

/**
 * `droppedValues`: the document holds values the parser could not represent (null, objects); they
 * count as unknown values, since AWS would reject them.
 */
export function compileCondition(
  clause: ConditionClause,
  variables: boolean,
  droppedValues: boolean,
): CompiledCondition {
  const operator = clause.operator;
  const opName = String(operator?.raw ?? "?");
  const key = String(clause.key);
  const keyLower = String(clause.keyLower ?? key).toLowerCase();
  const values = Array.isArray(clause.values) ? clause.values.map((v) => String(v)) : [];
  const sem = operator === undefined ? undefined : operatorSemantics(operator.base);
  const base = { operator: opName, key, values };

  const fixed = (result: Tri, explanation: string): CompiledCondition => ({
    evaluate: () => ({ ...base, result, explanation }),
  });
  // Constructs AWS would reject: the evaluator cannot know what they were meant to do.
  if (sem === undefined) return fixed("unknown", `${opName} is not a condition operator the evaluator knows`);
  if (key.includes(PULUMI_UNKNOWN_SENTINEL)) return fixed("unknown", `the condition key is not known yet`);
  if (values.length === 0 && !droppedValues)
    return fixed("unknown", `${opName} on ${key} has no values, which AWS rejects`);

  const matchers = values.map((v) => compileValue(v, sem, variables));
  if (droppedValues) {
    matchers.push({ raw: "(invalid value)", problem: "is not a string, number or boolean", test: () => "unknown" });
  }
  const problems = matchers.filter((m) => m.problem !== undefined).map((m) => `${m.raw} ${m.problem}`);
  const qualifier = operator.qualifier;
  const ifExists = operator.ifExists === true;
  const policyValues = list(values);
  const problemNote = problems.length > 0 ? ` (the policy value ${problems.join("; ")})` : "";

  /** Per-value comparison: the positive match, or for a negated operator "matches none". */
  const perValue = (value: string, ctx: EffectiveContext): [Tri, string?] => {
    const [r, matched] = firstMatch(matchers, value, ctx);
    return sem.negated ? [triNot(r), matched] : [r, matched];
  };

  const evaluateNull = (present: boolean, never: string): [Tri, string] => {
    let result: Tri = false;
    for (const m of matchers) {
      if (m.problem !== undefined) result = result === true ? true : "unknown";
      else if ((m.raw.trim().toLowerCase() === "true") === !present) result = true;
    }
    const state = present ? "present" : `absent${never}`;
    const wanted = present ? "absent" : "present";
    const explanation =
      result === true
        ? `${key} is ${state}, as Null ${policyValues} requires`
        : result === false
          ? `${key} is ${state}; Null ${policyValues} requires it ${wanted}`
          : `${key} is ${state}, but Null ${policyValues} cannot be judged${problemNote}`;
    return [result, explanation];
  };

  const evaluate = (ctx: EffectiveContext): ConditionTrace => {
    const given = ctx.values.get(keyLower);
    if (given === UNKNOWN) {
      return { ...base, requestValue: "unknown", result: "unknown", explanation: `${key} is not known yet` };
    }
    const role = keyLower === "aws:principalarn" ? ctx.roleWithoutPath : undefined;
    if (role !== undefined && dependsOnRolePath(values, sem.family, sem.comparison === "like", sem.ignoreCase, role)) {
      const explanation =
        `${key} is the ARN of role ${role.name} with its path, which the session ARN does not carry; ` +
        `${opName} ${policyValues} depends on the path`;
      return { ...base, requestValue: "unknown", result: "unknown", explanation };
    }
    const absent = given === undefined || given.length === 0;
    const done = (result: Tri, explanation: string): ConditionTrace =>
      given === undefined
        ? { operator: opName, key, values, result, explanation }
        : { operator: opName, key, values, requestValue: given, result, explanation };

    // Seed 001: encryption-context keys on DescribeKey "permission will be denied". Say why.
    const never = absent && ctx.cannotCarry(keyLower) ? ` (${ctx.action} requests never carry it)` : "";
    if (sem.family === "Null") return done(...evaluateNull(!absent, never));
    if (absent) {
      if (ifExists) return done(true, `${key} is absent, so ${opName} holds`);
      if (qualifier === "ForAllValues") return done(true, `${key} is absent, so ${opName} holds for its (no) values`);
      if (qualifier === "ForAnyValue")
        return done(false, `${key} is absent${never}; ${opName} needs at least one value`);
      if (sem.negated) return done(true, `${key} is absent${never}, so the negated ${opName} holds`);
      return done(false, `${key} is absent${never}; ${opName} requires it`);
    }

    if (qualifier === undefined) {
      if (given.length > 1) {
        return done(
          "unknown",
          `${key} has ${given.length} values but ${opName} compares a single value; use ForAnyValue: or ForAllValues:`,
        );
      }
      const [result, matched] = perValue(given[0], ctx);
      const value = showPartial(given[0]);
      if (result === "unknown")
        return done("unknown", `${key} = ${value} against ${policyValues} cannot be judged${problemNote}`);
      if (!sem.negated) {
        // "7 satisfies NumericLessThan 30" needs the operator; "matches arn:..." does not.
        const op = sem.family === "Numeric" || sem.family === "Date" ? `${opName} ` : "";
        return done(result, `${key} = ${value} ${verb(sem, result)} ${op}${result ? matched : policyValues}`);
      }
      return done(
        result,
        result
          ? `${key} = ${value} ${verb(sem, false)} ${policyValues}, so ${opName} holds`
          : `${key} = ${value} ${verb(sem, true)} ${matched}, so ${opName} fails`,
      );
    }

    // ForAnyValue: some request value satisfies; ForAllValues: every request value does.
    const any = qualifier === "ForAnyValue";
    let result: Tri = any ? false : true;
    let witness: string | undefined;
    for (const value of given) {
      const [r] = perValue(value, ctx);
      if (r === any) {
        result = any;
        witness = showPartial(value);
        break;
      }
      if (r === "unknown") result = "unknown";
    }
    const requestValues = showPartial(list(given));
    let explanation: string;
    if (result === "unknown")
      explanation = `${key} ${requestValues} against ${policyValues} cannot be judged${problemNote}`;
    else if (any && result) explanation = `${key} value ${witness} satisfies ${opName} ${policyValues}`;
    else if (any) explanation = `no value of ${key} ${requestValues} satisfies ${opName} ${policyValues}`;
    else if (result) explanation = `every value of ${key} ${requestValues} satisfies ${opName} ${policyValues}`;
    else
      explanation = `${key} value ${witness} does not satisfy ${opName} ${policyValues}; ForAllValues requires every value to`;
    return done(result, explanation);
  };
  return { evaluate };
}
