/** Runs a JSON key policy through the project's parser, as the components and the pack do. */
import { parsePolicy, type KeyPolicy } from "pulumi-kms-guardrails/engine";

const cache = new Map<unknown, KeyPolicy>();

/** Forgets the parsed policies (the mutation run starts each mutant from fresh policy objects). */
export function clearPolicyCache(): void {
  cache.clear();
}

/** The parsed policy (errors and all: the evaluator must cope with what the parser could not represent). */
export function toKeyPolicy(document: unknown): KeyPolicy {
  let policy = cache.get(document);
  if (policy === undefined) {
    const result = parsePolicy(document);
    if (result.policy === undefined) {
      throw new Error(`parsePolicy produced no policy: ${result.errors.map((e) => e.message).join("; ")}`);
    }
    policy = result.policy;
    cache.set(document, policy);
  }
  return policy;
}
