/** Key-policy remediation: one fix per rule (files named for the rule), proved by remediate.ts. */
export { FIX_SUMMARIES, KEY_POLICY_FIXES, remediateKeyPolicy, type Remediation } from "./remediate";
export { remediationFor } from "./resource";
export type { FixContext, FixOutcome, KeyPolicyFix } from "./types";
