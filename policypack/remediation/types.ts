/**
 * What a key-policy fix is: a pure function from a parsed, valid policy (and what is known about
 * its key) to the statements of the fixed policy, in order. A fix never deletes or weakens a
 * statement, and the user's statements keep their order; remediate.ts checks the result before
 * anything is returned.
 */
import type { KeyPolicy } from "pulumi-kms-guardrails/engine";

export interface FixContext {
  /** The key's ARN when the resource knows it (an output, or a KeyPolicy `keyId` given as an ARN). */
  readonly keyArn?: string;
  /**
   * The key's account when its ARN is not known: the one account the resource's AWS provider is
   * allowed to use (`allowedAccountIds`), where it refuses to create resources anywhere else.
   */
  readonly keyAccount?: string;
}

export type FixOutcome =
  /** The rule finds nothing to fix. */
  | { readonly kind: "unchanged" }
  /** The fix does not follow from the key alone; `reason` says what is missing. */
  | { readonly kind: "declined"; readonly reason: string }
  /** The fixed policy's statements (raw JSON), and one line per change for the user. */
  | { readonly kind: "fixed"; readonly statements: readonly unknown[]; readonly changes: readonly string[] };

export type KeyPolicyFix = (policy: KeyPolicy, context: FixContext) => FixOutcome;
