/**
 * Test helper for the lint suites of the mutation work (issue 18): a policy document, or one
 * statement wrapped into one, linted through the project's parser, and the findings of one kind.
 */
import { lintPolicy, type Finding, type LintOptions } from "pulumi-kms-guardrails/engine";
import { keyPolicyFromJson } from "./policy-from-json";

/** A statement alone becomes a one-statement policy, as it would be pasted into a key policy. */
export function asPolicyDocument(json: unknown): unknown {
  return typeof json === "object" && json !== null && "Statement" in json ? json : { Statement: [json] };
}

export function lintJson(json: unknown, options?: LintOptions): Finding[] {
  return lintPolicy(keyPolicyFromJson(asPolicyDocument(json)), options);
}

/** The findings of kind `id`, as plain objects (the shape JSON output has). */
export function findingsOf(id: string, json: unknown, options?: LintOptions): Finding[] {
  return lintJson(json, options).filter((f) => f.id === id);
}

export const allow = (principal: unknown, action: unknown, condition?: unknown): Record<string, unknown> => ({
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: "*",
  ...(condition !== undefined ? { Condition: condition } : {}),
});

export const deny = (principal: unknown, action: unknown, condition?: unknown): Record<string, unknown> => ({
  ...allow(principal, action, condition),
  Effect: "Deny",
});
