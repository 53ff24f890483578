/**
 * Test helper: a policy document as the linter sees it, through the project's parser. AWS's
 * examples carry placeholders (`account-id1`, `myKMSKeyARN`) the parser reports as errors; the
 * policy model is still produced, and the linter must still judge it.
 */
import { parsePolicy, type KeyPolicy } from "pulumi-kms-guardrails/engine";

export function keyPolicyFromJson(doc: unknown): KeyPolicy {
  const { policy, errors } = parsePolicy(doc);
  if (policy === undefined) {
    throw new Error(`unparseable fixture: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`);
  }
  return policy;
}
