/**
 * `string-operator-on-arn-key` (info). Seed 001, "Using aws:SourceArn or aws:SourceAccount condition
 * keys": "The condition statement uses the ArnEquals operator to ensure that every element in the
 * ARN is evaluated independently when matching." A String operator compares the ARN as one string,
 * so a `*` can span colons.
 *
 * Info only: AWS's own CloudTrail and Control Tower examples (seeds 002 and 003) use StringEquals on
 * aws:SourceArn, and StringEquals on a literal ARN matches the same requests as ArnEquals. A caller
 * that acts only on the comparisons whose wildcard could span ARN elements passes
 * `reportLiteralArnComparisons: false`, and no finding is built for the others.
 */
import { conditionKeyType } from "../data/condition-keys";
import type { ConditionClause, Finding, KeyPolicy } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { conditionsOf, statementsOf } from "./statements";

const ARN_OPERATORS: Readonly<Record<string, string | undefined>> = {
  StringEquals: "ArnEquals",
  StringLike: "ArnLike",
  StringNotEquals: "ArnNotEquals",
  StringNotLike: "ArnNotLike",
};

/** `StringLike` -> `ArnLike`, `ForAnyValue:StringNotEqualsIfExists` -> `ForAnyValue:ArnNotEqualsIfExists`. */
export function arnOperatorFor(clause: ConditionClause): string | undefined {
  const base = ARN_OPERATORS[clause.operator.base];
  if (base === undefined) return undefined;
  const qualifier = clause.operator.qualifier !== undefined ? `${clause.operator.qualifier}:` : "";
  return `${qualifier}${base}${clause.operator.ifExists ? "IfExists" : ""}`;
}

/** A `*` or `?` in a value: a String operator's wildcard can then span ARN elements. */
function hasWildcardValue(clause: ConditionClause): boolean {
  const values = clause.values;
  for (let i = 0; i < values.length; i++) if (values[i].includes("*") || values[i].includes("?")) return true;
  return false;
}

function collect(policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  const literalsToo = options.reportLiteralArnComparisons !== false;
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const conditions = conditionsOf(s);
    for (let j = 0; j < conditions.length; j++) {
      const c = conditions[j];
      if (c.operator.family !== "String" || conditionKeyType(c.key) !== "ARN") continue;
      if (!literalsToo && !hasWildcardValue(c)) continue;
      const arnOperator = arnOperatorFor(c);
      findings.push(
        finding(
          stringOperatorOnArnKey,
          s,
          c.path,
          `${statementLabel(s)} compares the ARN key ${c.key} with ${c.operator.raw}; ` +
            `${arnOperator ?? "an Arn operator"} matches each ARN element separately.`,
          arnOperator !== undefined
            ? { description: `Use ${arnOperator} for ${c.key}.`, json: { [arnOperator]: { [c.key]: [...c.values] } } }
            : { description: `Use ArnEquals or ArnLike for ${c.key}.` },
        ),
      );
    }
  }
}

export const stringOperatorOnArnKey: CollectingCheck = collectingCheck(
  {
    id: "string-operator-on-arn-key",
    severity: "info",
    description: "ARN-typed condition keys such as aws:SourceArn are better compared with ArnEquals / ArnLike.",
    source: {
      seed: "001",
      section: "Using aws:SourceArn or aws:SourceAccount condition keys",
      anchor: "least-privilege-source-arn",
    },
    fix: {
      description: "Use ArnEquals or ArnLike instead of StringEquals or StringLike.",
      json: { ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:REGION:ACCOUNT_ID:trail/TRAIL_NAME" } },
    },
  },
  collect,
);
