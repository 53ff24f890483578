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
  const parts = s.split(":");
  if (parts.length < 6) return undefined;
  return {
    partition: parts[1],
    service: parts[2],
    region: parts[3],
    account: parts[4],
    resource: parts.slice(5).join(":"),
  };
}

/** A 12-digit AWS account id. */
export function isAccountId(s: string): boolean {
  return /^\d{12}$/.test(s);
}
