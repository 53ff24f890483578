/** ARN parsing, the way IAM's Arn condition operators and principal matching see ARNs. */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  /** Everything after the fifth colon, colons included (`key/1234`, `trail/finance`). */
  readonly resource: string;
}

/** Splits an ARN into its six parts; `undefined` when it is not an ARN. */
export function parseArn(s: string): Arn | undefined {
  if (!s.startsWith("arn:")) return undefined;
  // Found by index rather than split: the linter and the evaluator parse every principal and
  // resource of every policy, and the resource part would otherwise be split only to be rejoined.
  // Without a second colon, c2 is -1 and the search for c3 finds the first colon again (at 3): then
  // c4 is -1, so that case needs no test of its own.
  const c2 = s.indexOf(":", 4);
  const c3 = s.indexOf(":", c2 + 1);
  if (c3 === -1) return undefined;
  const c4 = s.indexOf(":", c3 + 1);
  if (c4 === -1) return undefined;
  const c5 = s.indexOf(":", c4 + 1);
  if (c5 === -1) return undefined;
  return {
    partition: s.slice(4, c2),
    service: s.slice(c2 + 1, c3),
    region: s.slice(c3 + 1, c4),
    account: s.slice(c4 + 1, c5),
    resource: s.slice(c5 + 1),
  };
}

const ACCOUNT_ID = /^\d{12}$/;

/** A 12-digit AWS account id. */
export function isAccountId(s: string): boolean {
  // Callers in plain JavaScript may pass numbers; the regex sees them as the string they print as.
  if (typeof s !== "string") return ACCOUNT_ID.test(s);
  if (s.length !== 12) return false;
  for (let i = 0; i < 12; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Where the resource part of an ARN begins: just after its fifth colon, counting every colon as
 * written (a `${aws:...}` variable's colon too); -1 when there are fewer than five.
 */
export function arnResourceStart(s: string): number {
  let at = -1;
  for (let n = 0; n < 5; n++) {
    at = s.indexOf(":", at + 1);
    if (at < 0) return -1;
  }
  return at + 1;
}
