import type { Finding, KeyPolicy } from "../types";

export interface LintOptions {
  /** The account that owns the key; enables the `iam-policies-not-enabled` check. */
  readonly keyAccount?: string;
  readonly keyArn?: string;
}

/** Lints a parsed key policy into findings. Never throws. */
export function lintPolicy(policy: KeyPolicy, options: LintOptions = {}): Finding[] {
  void policy;
  void options;
  throw new Error("lintPolicy: not implemented yet");
}
