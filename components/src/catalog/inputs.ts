/**
 * Input checks shared by the builders. A misconfiguration is an error when the plan is built
 * (STYLE.md "Validate before deploy"), never a key policy AWS rejects or a trail that silently
 * cannot deliver. Values Pulumi does not know yet (preview) pass through unchecked.
 */
import { isAccountId, parseArn } from "../engine/arn";
import { hasWildcard } from "../engine/wildcard";
import { PULUMI_UNKNOWN_SENTINEL } from "../engine/types";

/** A builder input that cannot yield a correct key policy. The message says what to change. */
export class CatalogInputError extends Error {
  override readonly name = "CatalogInputError";
}

/** True when `value` is, or is interpolated from, a value Pulumi does not know yet. */
export function isUnknownValue(value: string): boolean {
  return value.includes(PULUMI_UNKNOWN_SENTINEL);
}

export function requireAccountId(value: string, what: string): string {
  if (!isUnknownValue(value) && !isAccountId(value)) {
    throw new CatalogInputError(`${what} must be a 12-digit AWS account id, got "${value}".`);
  }
  return value;
}

/**
 * A CloudTrail trail ARN, concrete. Wildcards are refused: the trail statements pin
 * `aws:SourceArn` with `StringEquals` (see cloudtrail-trail.ts), which compares literally.
 */
export function requireTrailArn(value: string): string {
  if (isUnknownValue(value)) return value;
  const arn = parseArn(value);
  if (arn === undefined || arn.service !== "cloudtrail" || !arn.resource.startsWith("trail/")) {
    throw new CatalogInputError(
      `"${value}" is not a CloudTrail trail ARN; expected arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME.`,
    );
  }
  if (hasWildcard(value)) {
    throw new CatalogInputError(
      `Trail ARN "${value}" has a wildcard; name each trail: aws:SourceArn is the ARN of the trail that uses the key.`,
    );
  }
  requireAccountId(arn.account, `The account in trail ARN "${value}"`);
  return value;
}

/** An IAM principal: an ARN in the `iam` service (user, role, root) or an account id. */
export function requireIamPrincipal(value: string, what: string): string {
  if (isUnknownValue(value) || isAccountId(value)) return value;
  const arn = parseArn(value);
  if (arn === undefined || (arn.service !== "iam" && arn.service !== "sts") || !isAccountId(arn.account)) {
    throw new CatalogInputError(
      `${what} "${value}" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.`,
    );
  }
  if (hasWildcard(value)) {
    throw new CatalogInputError(
      `${what} "${value}" has a wildcard; a key policy Principal names identities exactly (use a condition to widen it).`,
    );
  }
  return value;
}

/** Removes repeats, keeping the first occurrence so output order follows input order. */
export function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
