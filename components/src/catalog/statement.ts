/**
 * Builds statement JSON the way the documents write it: keys in the order Sid, Effect, Principal,
 * Action, Resource, Condition; a single value as a string and several as an array. A fixed shape
 * keeps the rendered policy deterministic (components diff it, the pack suggests it).
 */
import type { PolicyStatementJson } from "./types";

/** `"x"` for one value, `["x", "y"]` for several (the documents' habit). */
export function oneOrMany(values: readonly string[]): string | string[] {
  return values.length === 1 ? values[0] : [...values];
}

/** One `Condition` entry: operator, key, values. Entries with no values are dropped. */
export type ConditionEntry = readonly [operator: string, key: string, values: readonly string[]];

export function conditionBlock(entries: readonly ConditionEntry[]): PolicyStatementJson["Condition"] {
  const block: Record<string, Record<string, string | string[]>> = {};
  for (const [operator, key, values] of entries) {
    if (values.length === 0) continue;
    (block[operator] ??= {})[key] = oneOrMany(values);
  }
  return Object.keys(block).length === 0 ? undefined : block;
}

export interface StatementSpec {
  readonly sid: string;
  readonly principal: { readonly aws?: readonly string[]; readonly service?: readonly string[] };
  readonly actions: readonly string[];
  readonly resource: string;
  readonly conditions?: readonly ConditionEntry[];
}

export function allowStatement(spec: StatementSpec): PolicyStatementJson {
  const principal: { AWS?: string | string[]; Service?: string | string[] } = {};
  if (spec.principal.aws !== undefined && spec.principal.aws.length > 0) principal.AWS = oneOrMany(spec.principal.aws);
  if (spec.principal.service !== undefined && spec.principal.service.length > 0) {
    principal.Service = oneOrMany(spec.principal.service);
  }
  const condition = conditionBlock(spec.conditions ?? []);
  return {
    Sid: spec.sid,
    Effect: "Allow",
    Principal: principal,
    Action: oneOrMany(spec.actions),
    Resource: spec.resource,
    ...(condition === undefined ? {} : { Condition: condition }),
  };
}
