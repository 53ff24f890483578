/**
 * `single-valued-operator-on-multivalued-key` (warning). A multivalued key such as
 * kms:EncryptionContextKeys (seed 001, "Using encryption context condition keys") or aws:CalledVia
 * holds a set of values; a plain operator does not say whether any or all of them must match, so the
 * statement may admit or refuse requests the author did not intend. `ForAnyValue:` / `ForAllValues:`
 * state it. Key types and multivalued status come from the service reference (`data/condition-keys.ts`).
 */
import { isMultiValuedKey } from "../data/condition-keys";
import type { Finding, KeyPolicy } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { conditionsOf, statementsOf } from "./statements";

function collect(policy: KeyPolicy, _options: LintOptions, findings: Finding[]): void {
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const conditions = conditionsOf(s);
    for (let j = 0; j < conditions.length; j++) {
      const c = conditions[j];
      if (c.operator.qualifier !== undefined || c.operator.family === "Null" || !isMultiValuedKey(c.key)) continue;
      findings.push(
        finding(
          singleValuedOperatorOnMultivaluedKey,
          s,
          c.path,
          `${statementLabel(s)} compares the multivalued key ${c.key} with ${c.operator.raw}, without ` +
            "ForAnyValue or ForAllValues: say whether any or every value in the request must match.",
          {
            description:
              `Use ForAnyValue:${c.operator.raw} (at least one value matches) or ForAllValues:${c.operator.raw} ` +
              "(every value matches; also true when the key is absent, so pair it with a Null check in an Allow).",
            json: { [`ForAnyValue:${c.operator.raw}`]: { [c.key]: [...c.values] } },
          },
        ),
      );
    }
  }
}

export const singleValuedOperatorOnMultivaluedKey: CollectingCheck = collectingCheck(
  {
    id: "single-valued-operator-on-multivalued-key",
    severity: "warning",
    description:
      "Multivalued condition keys such as kms:EncryptionContextKeys need a ForAnyValue or ForAllValues operator.",
    source: {
      seed: "001",
      section: "Using encryption context condition keys",
      anchor: "least-privilege-encryption-context",
    },
    fix: {
      description: "Qualify the operator with ForAnyValue: or ForAllValues:.",
      json: { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn"] } },
    },
  },
  collect,
);
