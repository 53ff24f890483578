/**
 * Physical-name rules checked at construction, so a bad name fails in the program with a message
 * instead of in the AWS API during `pulumi up`.
 */

/**
 * Why `name` is not a valid CloudTrail trail name, or undefined. CloudTrail's naming rules: 3 to 128
 * characters; ASCII letters, digits, `.`, `_`, `-`; starting and ending with a letter or digit; no
 * two of `._-` in a row; not an IP address.
 */
export function trailNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 128) return "a trail name has 3 to 128 characters.";
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return "a trail name uses only ASCII letters, digits, '.', '_' and '-'.";
  if (!/^[A-Za-z0-9]/.test(name) || !/[A-Za-z0-9]$/.test(name)) {
    return "a trail name starts and ends with a letter or digit.";
  }
  if (/[._-]{2}/.test(name)) return "a trail name has no two of '.', '_', '-' in a row.";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "a trail name cannot be an IP address.";
  return undefined;
}

/** Why `alias` is not a usable KMS alias name, or undefined. Accepts it with or without `alias/`. */
export function aliasProblem(alias: string): string | undefined {
  const name = alias.startsWith("alias/") ? alias.slice("alias/".length) : alias;
  if (name.startsWith("aws/")) return "the alias prefix alias/aws/ is reserved for AWS managed keys.";
  if (!/^[A-Za-z0-9/_-]{1,250}$/.test(name)) {
    return "an alias name has 1 to 250 characters: letters, digits, '/', '_' and '-'.";
  }
  return undefined;
}

/** `alias/NAME` for `NAME` or `alias/NAME`. */
export function aliasName(alias: string): string {
  return alias.startsWith("alias/") ? alias : `alias/${alias}`;
}

/** Whether `value` is a 12-digit AWS account id. */
export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

/**
 * Why `principal` cannot stand in a key policy's `Principal.AWS`, or undefined. KMS rejects the whole
 * policy (MalformedPolicyDocumentException) for an invalid principal, so catch it here. Assumed-role
 * session ARNs (`arn:aws:sts::...:assumed-role/...`), such as a caller identity, are a common mistake.
 */
export function principalProblem(principal: string): string | undefined {
  if (isAccountId(principal)) return undefined;
  if (/^arn:[a-z-]+:sts::\d{12}:assumed-role\//.test(principal)) {
    return `${principal} is an assumed-role session; name the role instead (arn:PARTITION:iam::ACCOUNT:role/NAME).`;
  }
  if (/^arn:[a-z-]+:iam::\d{12}:(root|user\/.+|role\/.+)$/.test(principal)) return undefined;
  return `${principal} is not an account id or an IAM user, role or root ARN.`;
}
