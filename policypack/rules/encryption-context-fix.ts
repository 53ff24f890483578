/**
 * The statement the encryption-context lint suggests for actions that never carry an encryption
 * context (kms-encryption-context-on-unsupported-action) is the original statement for those actions
 * without its context clauses. For CloudTrail those clauses name trails: the
 * `kms:EncryptionContext:aws:cloudtrail:arn` CloudTrail sends is the trail's ARN, the same ARN it
 * sends as `aws:SourceArn` (seed 003, "Configure AWS KMS key policies for CloudTrail": the encrypt
 * statement limits both to the trail, the describe statement limits DescribeKey by aws:SourceArn).
 * When the suggested statement would keep no source condition, the trails the dropped clause named
 * become its aws:SourceArn, as the documented describe statement has it: a service statement stays
 * limited against the confused deputy, and the rules that see this one cause (the lint's rule and
 * cloudtrail-key-allows-describe) suggest one statement.
 */
import type { Finding, KeyPolicy } from "pulumi-kms-guardrails/engine";

const CHECK = "encryption-context-on-unsupported-action";
const TRAIL_CONTEXT = "kms:encryptioncontext:aws:cloudtrail:arn";
const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount"]);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether a Condition block names aws:SourceArn or aws:SourceAccount (keys are case-insensitive). */
function hasSourceCondition(condition: unknown): boolean {
  if (!isObject(condition)) return false;
  return Object.values(condition).some((block) =>
    isObject(block) ? Object.keys(block).some((k) => SOURCE_KEYS.has(k.toLowerCase())) : false,
  );
}

/** The finding, its fix limited by aws:SourceArn when the case above applies; else the finding itself. */
export function withTrailSourceArn(policy: KeyPolicy, finding: Finding): Finding {
  const fix = finding.fix;
  if (finding.id !== CHECK || fix === undefined || !isObject(fix.json) || finding.statement === undefined)
    return finding;
  const statement = policy.statements.find((s) => s.index === finding.statement?.index);
  const services = statement?.principal?.service ?? [];
  if (statement === undefined || services.length !== 1 || services[0].toLowerCase() !== "cloudtrail.amazonaws.com")
    return finding;
  if (hasSourceCondition(fix.json.Condition)) return finding;
  // One plain clause naming trails: a negated, IfExists or set-qualified one does not say which trails.
  const clauses = statement.conditions.filter((c) => c.keyLower === TRAIL_CONTEXT);
  if (clauses.length !== 1) return finding;
  const [clause] = clauses;
  const op = clause.operator;
  if (op.negated || op.ifExists || op.qualifier !== undefined || (op.family !== "String" && op.family !== "Arn"))
    return finding;
  if (clause.values.length === 0 || clause.values.some((v) => !v.startsWith("arn:"))) return finding;
  const operator = op.wildcard ? "ArnLike" : "StringEquals";
  const values = clause.values.length === 1 ? clause.values[0] : [...clause.values];
  const condition = isObject(fix.json.Condition) ? fix.json.Condition : {};
  const block = isObject(condition[operator]) ? condition[operator] : {};
  return {
    ...finding,
    fix: {
      ...fix,
      json: { ...fix.json, Condition: { ...condition, [operator]: { ...block, "aws:SourceArn": values } } },
    },
  };
}
