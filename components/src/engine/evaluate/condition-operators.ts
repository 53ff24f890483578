/**
 * The comparison each condition operator makes between one request value and one policy value, as
 * the IAM User Guide "IAM JSON policy elements: Condition operators" defines them. Negation
 * (`StringNotEquals`, `ArnNotLike`, `NotIpAddress`, ...) is applied by the caller; the matchers here
 * are always the positive comparison. Policy values are parsed once, when the policy is compiled.
 */
import { parseDate } from "./dates";
import { ipInNetwork, parseCidr } from "../ip-address";
import {
  matchPieces,
  parseTemplate,
  piecesText,
  resolveTemplate,
  splitArnPieces,
  type ContextLookup,
  type Template,
} from "./policy-variables";
import { arnParts, partialArn, partialString } from "./partial-values";
import { PULUMI_UNKNOWN_SENTINEL, type OperatorFamily, type Tri } from "../types";
import { wildcardTester } from "./wildcard-tester";

/** One policy value, ready to be compared with request values. */
export interface ValueMatcher {
  readonly raw: string;
  /** Why the value cannot be judged (not known yet, or not a valid value for the operator). */
  readonly problem?: string;
  test(requestValue: string, lookup: ContextLookup): Tri;
  /**
   * The comparison with a request value known only in part (partial-values.ts); absent where the
   * operator cannot judge one (numbers, dates, addresses, policy variables): then it is unknown.
   */
  readonly testPartial?: (requestValue: string) => Tri;
}

export type Comparison = "equals" | "like" | "lt" | "lte" | "gt" | "gte";

/** The positive comparison behind an operator's base name, and whether the operator negates it. */
export interface OperatorSemantics {
  readonly family: OperatorFamily;
  readonly comparison: Comparison;
  readonly negated: boolean;
  readonly ignoreCase: boolean;
}

const SEMANTICS: Readonly<Record<string, OperatorSemantics>> = (() => {
  const table: Record<string, OperatorSemantics> = {};
  const add = (name: string, family: OperatorFamily, comparison: Comparison, negated = false, ignoreCase = false) => {
    table[name.toLowerCase()] = { family, comparison, negated, ignoreCase };
  };
  add("StringEquals", "String", "equals");
  add("StringNotEquals", "String", "equals", true);
  add("StringEqualsIgnoreCase", "String", "equals", false, true);
  add("StringNotEqualsIgnoreCase", "String", "equals", true, true);
  add("StringLike", "String", "like");
  add("StringNotLike", "String", "like", true);
  // "ArnEquals and ArnLike behave identically" (IAM User Guide, ARN condition operators).
  add("ArnEquals", "Arn", "like");
  add("ArnLike", "Arn", "like");
  add("ArnNotEquals", "Arn", "like", true);
  add("ArnNotLike", "Arn", "like", true);
  for (const family of ["Numeric", "Date"] as const) {
    add(`${family}Equals`, family, "equals");
    add(`${family}NotEquals`, family, "equals", true);
    add(`${family}LessThan`, family, "lt");
    add(`${family}LessThanEquals`, family, "lte");
    add(`${family}GreaterThan`, family, "gt");
    add(`${family}GreaterThanEquals`, family, "gte");
  }
  add("Bool", "Bool", "equals");
  add("BinaryEquals", "Binary", "equals");
  add("IpAddress", "IpAddress", "equals");
  add("NotIpAddress", "IpAddress", "equals", true);
  add("Null", "Null", "equals");
  return table;
})();

export function operatorSemantics(base: string): OperatorSemantics | undefined {
  return SEMANTICS[String(base).toLowerCase()];
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function parseNumber(s: string): number | undefined {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

function compare(comparison: Comparison, request: number, policy: number): boolean {
  switch (comparison) {
    case "lt":
      return request < policy;
    case "lte":
      return request <= policy;
    case "gt":
      return request > policy;
    case "gte":
      return request >= policy;
    default:
      return request === policy;
  }
}

function normalizeBase64(s: string): string {
  return Buffer.from(s.trim(), "base64").toString("base64");
}

const invalid = (raw: string, problem: string): ValueMatcher => ({ raw, problem, test: () => "unknown" });

function stringMatcher(raw: string, sem: OperatorSemantics, template: Template | undefined): ValueMatcher {
  if (template !== undefined) {
    return {
      raw,
      test(value, lookup) {
        const resolved = resolveTemplate(template, lookup);
        if (resolved.kind === "unknown") return "unknown";
        // "If the variable cannot be resolved, the value does not match" (IAM User Guide, Variables).
        if (resolved.kind === "unresolved") return false;
        if (sem.comparison === "like") return matchPieces(resolved.pieces, value);
        const text = piecesText(resolved.pieces);
        return sem.ignoreCase ? text.toLowerCase() === value.toLowerCase() : text === value;
      },
    };
  }
  if (sem.comparison === "like") {
    const like = wildcardTester(raw);
    return { raw, test: (value) => like(value) };
  }
  if (sem.ignoreCase) {
    const lower = raw.toLowerCase();
    return { raw, test: (value) => value.toLowerCase() === lower };
  }
  return { raw, test: (value) => value === raw };
}

function arnMatcher(raw: string, template: Template | undefined): ValueMatcher {
  if (template !== undefined) {
    return {
      raw,
      test(value, lookup) {
        const resolved = resolveTemplate(template, lookup);
        if (resolved.kind === "unknown") return "unknown";
        if (resolved.kind === "unresolved") return false;
        const policyParts = splitArnPieces(resolved.pieces);
        const requestParts = arnParts(value);
        if (policyParts === undefined || requestParts === undefined) return false;
        return policyParts.every((pieces, i) => matchPieces(pieces, requestParts[i]));
      },
    };
  }
  const policyParts = arnParts(raw);
  // A policy value that is not an ARN matches nothing; a request value that is not an ARN neither.
  if (policyParts === undefined) return { raw, test: () => false };
  const testers = policyParts.map((part) => wildcardTester(part));
  return {
    raw,
    test(value) {
      const requestParts = arnParts(value);
      if (requestParts === undefined) return false;
      for (let i = 0; i < 6; i++) if (!testers[i](requestParts[i])) return false;
      return true;
    },
  };
}

/** String and Arn comparisons of request (or policy) values known only in part. */
function partialTest(raw: string, sem: OperatorSemantics): (value: string) => Tri {
  if (sem.family === "Arn") return (value) => partialArn(raw, value);
  const like = sem.comparison === "like";
  return (value) => partialString(raw, value, like, sem.ignoreCase);
}

/** Compiles one policy value for an operator. `variables`: the policy is `2012-10-17`. */
export function compileValue(raw: string, sem: OperatorSemantics, variables: boolean): ValueMatcher {
  if (raw.includes(PULUMI_UNKNOWN_SENTINEL)) {
    if (sem.family !== "String" && sem.family !== "Arn") return invalid(raw, "is not known yet");
    // Known parts of the value can still rule a request value out (`trail/<not known yet>` vs `key/1`).
    const test = partialTest(raw, sem);
    return { raw, problem: "is not known yet", test: (value) => test(value), testPartial: test };
  }
  switch (sem.family) {
    case "String":
    case "Arn": {
      // Policy variables are recognized in String and Arn operators only.
      const withVariables = variables ? parseTemplate(raw) : undefined;
      const matcher = sem.family === "String" ? stringMatcher(raw, sem, withVariables) : arnMatcher(raw, withVariables);
      return withVariables !== undefined ? matcher : { ...matcher, testPartial: partialTest(raw, sem) };
    }
    case "Numeric": {
      const policy = parseNumber(raw);
      if (policy === undefined) return invalid(raw, "is not a number");
      return {
        raw,
        test(value) {
          const n = parseNumber(value);
          return n !== undefined && compare(sem.comparison, n, policy);
        },
      };
    }
    case "Date": {
      const policy = parseDate(raw);
      if (policy === undefined) return invalid(raw, "is not an ISO 8601 date or epoch seconds");
      return {
        raw,
        test(value) {
          const d = parseDate(value);
          return d !== undefined && compare(sem.comparison, d, policy);
        },
      };
    }
    case "Bool": {
      const lower = raw.trim().toLowerCase();
      if (lower !== "true" && lower !== "false") return invalid(raw, "is not true or false");
      return { raw, test: (value) => value.trim().toLowerCase() === lower };
    }
    case "IpAddress": {
      const network = parseCidr(raw);
      if (network === undefined) return invalid(raw, "is not an IPv4 or IPv6 address or CIDR block");
      return { raw, test: (value) => ipInNetwork(value, network) };
    }
    case "Binary": {
      const policy = normalizeBase64(raw);
      return { raw, test: (value) => normalizeBase64(value) === policy };
    }
    case "Null": {
      const lower = raw.trim().toLowerCase();
      if (lower !== "true" && lower !== "false") return invalid(raw, "is not true or false");
      // Null compares presence, not a value: evaluated by the caller.
      return { raw, test: () => false };
    }
    default:
      return invalid(raw, "belongs to an operator the evaluator does not know");
  }
}
