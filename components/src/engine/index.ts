export * from "./types";
export { parsePolicy } from "./parse";
export { evaluate } from "./evaluate";
export { lintPolicy, type LintOptions } from "./lint";
export { wildcardMatch } from "./wildcard";
export { parseArn, isAccountId, type Arn } from "./arn";
