export * from "./types";
export { parsePolicy } from "./parse";
export { evaluate } from "./evaluate";
export { lintPolicy, type LintOptions } from "./lint";
export {
  enablesIamPolicies,
  keyAccountOf as iamPoliciesKeyAccount,
  type KeyAccount,
} from "./lint/iam-policies-not-enabled";
export { accountOfPrincipal, isLimitingMatch } from "./lint/statements";
export { wildcardMatch } from "./wildcard";
export { parseArn, isAccountId, type Arn } from "./arn";
export { MAX_KEY_POLICY_BYTES, KEY_POLICY_VERSION } from "./parse";
export { ERROR_CODES as PARSE_ERROR_CODES, type ErrorCode as ParseErrorCode } from "./parse/context";
export {
  CONDITION_OPERATORS,
  SET_QUALIFIERS,
  parseOperator,
  parseOperatorIgnoringCase,
  suggestOperator,
  splitOperatorName,
  type OperatorTraits,
} from "./parse/operators";
