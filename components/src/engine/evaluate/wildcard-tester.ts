/**
 * IAM wildcard patterns (`*` any run, `?` one character) compiled once, when the policy is
 * compiled, into a test function: evaluating a probe then costs no cache lookup and no string
 * building. Same semantics as `wildcardMatch` in `wildcard.ts`.
 */
import { hasWildcard } from "../wildcard";

export type Tester = (value: string) => boolean;

export function wildcardTester(pattern: string, ignoreCase = false): Tester {
  if (!hasWildcard(pattern)) {
    if (!ignoreCase) return (value) => value === pattern;
    const lower = pattern.toLowerCase();
    return (value) => value.length === lower.length && value.toLowerCase() === lower;
  }
  if (pattern === "*") return () => true;
  const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
    c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : "\\" + c,
  );
  const re = new RegExp(`^${body}$`, ignoreCase ? "is" : "s");
  return (value) => re.test(value);
}
