/**
 * kms-key-policy-valid: a key policy AWS accepts and evaluates as written. Seed 004, "Condition
 * keys": "Condition key values must adhere to the character and encoding rules for AWS KMS key
 * policies"; a document that is not valid JSON, has the wrong types, or an unknown operator is
 * rejected by PutKeyPolicy, ten minutes into `pulumi up`. Forms AWS accepts but that do not mean
 * what they seem are reported by the engine's severity: NotPrincipal with Allow at the rule's level;
 * a multivalued key without a set qualifier as a practice finding (advisory unless `practiceLevel`).
 * An ARN key compared with a String operator is reported only when a value has a wildcard (the lint
 * option `reportLiteralArnComparisons: false`, key-policy-subject.ts): seed 001 prefers ArnEquals
 * "to ensure that every element in the ARN is evaluated independently", which changes nothing for
 * a literal ARN, and seeds 002 and 003 (and the catalog, after them) write StringEquals on literal
 * trail ARNs.
 */
import { lintMessage, resourceLabel } from "../messages";
import type { KeyPolicySubject } from "../model/types";
import {
  findingViolation,
  LINT_CHECK_FAILED,
  resourceFindings,
  subjectPolicy,
  waitingForUnknownParts,
  waitingViolation,
} from "./key-policy-subject";
import type { ResourceRule, Violation } from "./types";

const FINDINGS = new Set([
  "string-operator-on-arn-key",
  "single-valued-operator-on-multivalued-key",
  "not-principal-in-allow",
  "lint-check-failed",
]);

/** Enough to fix the first problems; a document with hundreds of errors is not worth listing whole. */
const MAX_ERRORS = 20;

function check(subject: KeyPolicySubject): Violation[] {
  const p = subjectPolicy(subject);
  if (p.state === "absent") return [];
  if (p.state === "unknown") return [waitingViolation(subject, p.field)];
  const field = subject.document.kind === "present" ? subject.document.field : "policy";
  const errors = p.result.errors;
  const violations: Violation[] = [];
  for (let i = 0; i < errors.length && i < MAX_ERRORS; i++) {
    const e = errors[i];
    violations.push({
      message: `Key policy of ${resourceLabel(subject.ref)} (${field}) is not valid at ${e.path}: ${e.message} [${e.code}]`,
    });
  }
  if (errors.length > MAX_ERRORS) {
    violations.push({
      message: `Key policy of ${resourceLabel(subject.ref)} (${field}): ${errors.length - MAX_ERRORS} more errors.`,
    });
  }
  if (p.state === "parsed") {
    const findings = resourceFindings(subject, p.policy);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      if (FINDINGS.has(f.id))
        violations.push(
          f.severity === "error" || f.id === LINT_CHECK_FAILED
            ? findingViolation(subject, f)
            : { message: lintMessage(subject, f), kind: "practice" },
        );
    }
    const waiting = errors.length === 0 ? waitingForUnknownParts(subject, p.result) : undefined;
    if (waiting !== undefined) violations.push(waiting);
  }
  return violations;
}

export const kmsKeyPolicyValid: ResourceRule = {
  scope: "resource",
  id: "kms-key-policy-valid",
  description: "A key policy must be a valid policy document: JSON, the right types, known elements and operators.",
  severity: "high",
  enforcementLevel: "mandatory",
  practices:
    "A single-valued operator on a multivalued condition key without ForAnyValue/ForAllValues, and a String operator with a wildcard on an ARN condition key: forms AWS accepts that may not mean what they seem.",
  sources: [
    { seed: "004", section: "Condition keys" },
    {
      seed: "001",
      section: "Using aws:SourceArn or aws:SourceAccount condition keys",
      anchor: "least-privilege-source-arn",
    },
  ],
  passing: {
    description: "A document with Version and a Statement array whose elements have the documented types.",
    json: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:root" },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    },
  },
  failing: {
    description: "Effect misspelled and a condition operator that does not exist.",
    json: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Alow",
          Principal: { AWS: "arn:aws:iam::111122223333:root" },
          Action: "kms:*",
          Resource: "*",
          Condition: { StringEqualz: { "kms:CallerAccount": "111122223333" } },
        },
      ],
    },
  },
  check,
};
