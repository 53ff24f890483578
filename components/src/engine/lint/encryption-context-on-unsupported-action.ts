/**
 * `encryption-context-on-unsupported-action` (error). Seed 001, "Using encryption context condition
 * keys": "Use encryption context conditions keys only when the action in the policy statement is
 * CreateGrant or an AWS KMS symmetric cryptographic operation that takes an EncryptionContext
 * parameter ... If you use these condition keys to allow other operations, such as DescribeKey,
 * permission will be denied."
 *
 * Which actions take the keys is read from the generated service-reference table. An `Action` entry
 * is reported when none of the actions it covers supports a key the statement requires (a positive
 * match or `Null: false`): for those actions the Allow can never apply. `kms:*` with a context
 * condition is fine: it covers the cryptographic operations the condition is meant for.
 */
import { actionSupportsConditionKey, expandKmsActions, isEncryptionContextKey } from "../kms-actions";
import type { ConditionClause, Finding, KeyPolicy, Statement } from "../types";
import { finding, statementLabel, type LintCheck } from "./check";
import { asRecord, elementPath, requiresKeyPresent } from "./statements";

/** The statement as written, with `Action` replaced and the context conditions removed. */
function statementWithout(statement: Statement, action: string, clauses: readonly ConditionClause[]): unknown {
  const { Condition: written, Sid: _sid, ...rest } = asRecord(statement.raw) ?? {};
  const drop = new Set(clauses.map((c) => c.keyLower));
  const condition: Record<string, Record<string, unknown>> = {};
  for (const [operator, block] of Object.entries(asRecord(written) ?? {})) {
    const kept = Object.entries(asRecord(block) ?? {}).filter(([k]) => !drop.has(k.toLowerCase()));
    if (kept.length > 0) condition[operator] = Object.fromEntries(kept);
  }
  const sid = statement.sid !== undefined ? { Sid: `${statement.sid} for ${action.replace(/^kms:/i, "")}` } : {};
  return { ...sid, ...rest, Action: action, ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) };
}

function checkStatement(statement: Statement): Finding[] {
  const clauses = statement.conditions.filter((c) => isEncryptionContextKey(c.key) && requiresKeyPresent(c));
  if (statement.effect !== "Allow" || statement.action === undefined || clauses.length === 0) return [];
  return statement.action.flatMap((pattern, j) => {
    const actions = expandKmsActions(pattern);
    if (actions.length === 0) return [];
    const unsupported = clauses.filter((c) =>
      actions.every((a) => !actionSupportsConditionKey(`kms:${a.name}`, c.key)),
    );
    if (unsupported.length === 0) return [];
    const keys = [...new Set(unsupported.map((c) => c.key))].join(", ");
    return [
      finding(
        encryptionContextOnUnsupportedAction,
        statement,
        elementPath(statement, "Action", j),
        `${statementLabel(statement)} allows ${pattern} only when ${keys} matches, but requests for ` +
          `${actions.map((a) => a.name).join(", ")} never carry it: the Allow silently denies that action.`,
        {
          description: `Move ${pattern} to its own statement without the encryption context condition.`,
          json: statementWithout(statement, pattern, unsupported),
        },
      ),
    ];
  });
}

export const encryptionContextOnUnsupportedAction: LintCheck = {
  id: "encryption-context-on-unsupported-action",
  severity: "error",
  description:
    "kms:EncryptionContext:* and kms:EncryptionContextKeys conditions only work with CreateGrant and the " +
    "symmetric cryptographic operations that take an encryption context; elsewhere they deny.",
  source: {
    seed: "001",
    section: "Using encryption context condition keys",
    anchor: "least-privilege-encryption-context",
  },
  fix: { description: "Move the action (e.g. kms:DescribeKey) to its own statement without that condition." },
  run: (policy: KeyPolicy): Finding[] => policy.statements.flatMap(checkStatement),
};
