/**
 * A key policy prepared for evaluation: principals, actions, resources and condition values parsed
 * once and cached per `KeyPolicy` object, so the thousands of probes a stack runs against the same
 * policy do no parsing or lower-casing of policy strings. The parser's errors are not visible on a
 * `KeyPolicy`, so shapes AWS would reject are recorded as problems here and make the statement's
 * applicability unknown rather than guessed.
 */
import { memoWeakMap, rememberWeak } from "../caches";
import { compileActions, type CompiledActions } from "./action-match";
import { compileCondition, opaqueCondition, type CompiledCondition } from "./conditions";
import { compilePrincipals, type CompiledPrincipals } from "./principal-match";
import { compileResources, type CompiledResources } from "./resource-match";
import type { Effect, KeyPolicy, Statement } from "../types";
import { conditionGaps, unrepresentedStatements, type UnrepresentedStatement } from "./unrepresented";

export interface CompiledStatement {
  readonly statement: Statement;
  readonly index: number;
  readonly sid?: string;
  /** `"Sid"` or `statement #3`, for explanations. */
  readonly label: string;
  /** `undefined` when the statement's Effect is neither Allow nor Deny. */
  readonly effect?: Effect;
  readonly principal?: CompiledPrincipals;
  readonly notPrincipal?: CompiledPrincipals;
  readonly actions?: CompiledActions;
  readonly resources?: CompiledResources;
  readonly conditions: readonly CompiledCondition[];
  /** Constructs AWS would reject (missing Principal, both Action and NotAction, ...). */
  readonly problems: readonly string[];
}

export interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /** Problems with the document as a whole (no statement list). */
  readonly problems: readonly string[];
}

const cache = memoWeakMap<KeyPolicy, CompiledPolicy>();

const isStringList = (v: unknown): v is readonly string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

function compileStatement(statement: Statement, position: number, variables: boolean): CompiledStatement {
  const problems: string[] = [];
  const index = typeof statement.index === "number" ? statement.index : position;
  const sid = typeof statement.sid === "string" ? statement.sid : undefined;
  const label = sid !== undefined && sid !== "" ? `"${sid}"` : `statement #${index}`;
  const effect = statement.effect === "Allow" || statement.effect === "Deny" ? statement.effect : undefined;
  if (effect === undefined) problems.push(`its Effect ${JSON.stringify(statement.effect)} is neither Allow nor Deny`);

  const principal = statement.principal ? compilePrincipals(statement.principal) : undefined;
  const notPrincipal = statement.notPrincipal ? compilePrincipals(statement.notPrincipal) : undefined;
  if (principal === undefined && notPrincipal === undefined)
    problems.push("it has no Principal, which a key policy requires");
  if (principal !== undefined && notPrincipal !== undefined) problems.push("it has both Principal and NotPrincipal");

  const actionList = statement.action ?? statement.notAction;
  const actions = isStringList(actionList) ? compileActions(actionList, statement.action === undefined) : undefined;
  if (actions === undefined) problems.push("it has no valid Action or NotAction");
  else if (statement.action !== undefined && statement.notAction !== undefined)
    problems.push("it has both Action and NotAction");

  const resourceList = statement.resource ?? statement.notResource;
  const resources = isStringList(resourceList)
    ? compileResources(resourceList, statement.resource === undefined, variables)
    : undefined;
  if (resources === undefined) problems.push("it has no valid Resource or NotResource");
  else if (statement.resource !== undefined && statement.notResource !== undefined) {
    problems.push("it has both Resource and NotResource");
  }

  const clauses = Array.isArray(statement.conditions) ? statement.conditions : [];
  if (statement.conditions !== undefined && !Array.isArray(statement.conditions))
    problems.push("its Condition is not valid");
  const gaps = conditionGaps(statement);
  const conditions = [
    ...clauses.map((clause) =>
      compileCondition(clause, variables, gaps.droppedValues.has(`${clause.operator?.raw}\u0000${clause.key}`)),
    ),
    ...gaps.clauses.map((c) => opaqueCondition(c.operator, c.key, c.why)),
  ];

  return {
    statement,
    index,
    label,
    conditions,
    problems,
    ...(sid === undefined ? {} : { sid }),
    ...(effect === undefined ? {} : { effect }),
    ...(principal === undefined ? {} : { principal }),
    ...(notPrincipal === undefined ? {} : { notPrincipal }),
    ...(actions === undefined ? {} : { actions }),
    ...(resources === undefined ? {} : { resources }),
  };
}

const stringList = (v: unknown): string[] | undefined =>
  typeof v === "string" ? [v] : isStringList(v) ? [...v] : undefined;

/**
 * A statement the parser left out (no readable Effect). Its Action and Resource are read from the
 * document when they are plain strings, so a statement about other actions is still seen not to
 * apply; everything else about it is unknown.
 */
function opaqueStatement(missing: UnrepresentedStatement, variables: boolean): CompiledStatement {
  const raw = (typeof missing.raw === "object" && missing.raw !== null ? missing.raw : {}) as Record<string, unknown>;
  const sid = typeof raw.Sid === "string" ? raw.Sid : undefined;
  const action = stringList(raw.Action);
  const notAction = action === undefined ? stringList(raw.NotAction) : undefined;
  const resource = stringList(raw.Resource);
  const notResource = resource === undefined ? stringList(raw.NotResource) : undefined;
  const statement: Statement = {
    index: missing.index,
    ...(sid === undefined ? {} : { sid }),
    // Shown in traces only; the evaluator treats the statement as possibly either effect.
    effect: "Deny",
    ...(action === undefined ? {} : { action }),
    ...(notAction === undefined ? {} : { notAction }),
    ...(resource === undefined ? {} : { resource }),
    ...(notResource === undefined ? {} : { notResource }),
    conditions: [],
    path: `$.Statement[${missing.index}]`,
    raw: missing.raw,
  };
  const compiled = compileStatement(statement, missing.index, variables);
  return {
    ...compiled,
    effect: undefined,
    conditions: [opaqueCondition("Condition", "*", `${missing.why}, so its conditions are unknown`)],
    problems: [missing.why, ...compiled.problems],
  };
}

export function compilePolicy(policy: KeyPolicy): CompiledPolicy {
  return rememberWeak(cache, policy, compile);
}

function compile(policy: KeyPolicy): CompiledPolicy {
  // Policy variables exist only in version 2012-10-17 (IAM User Guide, "IAM JSON policy elements: Version").
  const variables = policy.version === "2012-10-17";
  const list: readonly unknown[] = Array.isArray(policy.statements) ? policy.statements : [];
  const problems = Array.isArray(policy.statements) ? [] : ["the policy has no statement list"];
  const parsed = list
    .filter((s): s is Statement => s !== null && typeof s === "object")
    .map((s, i) => compileStatement(s, i, variables));
  const opaque = unrepresentedStatements(policy).map((m) => opaqueStatement(m, variables));
  const statements = [...parsed, ...opaque].sort((a, b) => a.index - b.index);
  return { statements, problems };
}
