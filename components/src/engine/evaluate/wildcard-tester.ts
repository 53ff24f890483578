/**
 * IAM wildcard patterns (`*` any run, `?` one character) compiled once, when the policy is
 * compiled, into a test function: evaluating a probe then costs no cache lookup and no string
 * building. Same semantics as `wildcardMatch` in `wildcard.ts`, case-sensitive: no operator matches
 * wildcards ignoring case (there is no StringLikeIgnoreCase), and actions are lower-cased first.
 */
import { hasWildcard } from "../wildcard";

export type Tester = (value: string) => boolean;

export function wildcardTester(pattern: string): Tester {
  if (!hasWildcard(pattern)) return (value) => value === pattern;
  if (pattern === "*") return () => true;
  const re = new RegExp(`^${wildcardSource(pattern)}$`);
  return (value) => re.test(value);
}

/**
 * A RegExp source matching what the wildcard pattern matches: `[\s\S]` matches line breaks too, and no
 * `.` is left unescaped, so the RegExp needs no `s` flag.
 */
export function wildcardSource(pattern: string): string {
  return pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : "\\" + c));
}
