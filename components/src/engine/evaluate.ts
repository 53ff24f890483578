import type { Decision, KeyPolicy, Request } from "./types";

/**
 * Decides a request against a key policy the way AWS KMS does: explicit Deny wins, then an
 * applying Allow grants (or delegates to IAM for account principals), otherwise implicit deny.
 * Never throws; what cannot be decided is `undecidable` with the reason.
 */
export function evaluate(policy: KeyPolicy, request: Request): Decision {
  void policy;
  void request;
  throw new Error("evaluate: not implemented yet");
}
