/**
 * `Resource` / `NotResource` of a key policy statement: `"*"` (this key) or a pattern that can match
 * the key's ARN. See `key-arn.ts` for why anything else is an error.
 */
import { canMatchKeyArn, explainNotKeyArn } from "./key-arn";
import { isUnknown, quote, type ParseContext } from "./context";
import { readStrings, StringCheck } from "./strings";

function checkResource(ctx: ParseContext, resource: string, path: string): void {
  if (resource.length === 0 || isUnknown(resource) || canMatchKeyArn(resource)) return;
  const why = explainNotKeyArn(resource);
  ctx.error(path, "resource-never-matches-key", `Resource ${quote(resource)} can never match this KMS key: ${why}.`);
}

// "*" (this key) is nearly every key policy's resource.
const RESOURCE_CHECK = new StringCheck(checkResource, (resource) => resource === "*");

/**
 * Parses a `Resource` or `NotResource` value; returns the strings as written. Only `Resource` values
 * are matched against key ARNs: a `NotResource` that names no key excludes nothing, which is
 * pointless but leaves the statement meaning what it says.
 */
export function parseResources(ctx: ParseContext, value: unknown, path: string, element: string): string[] {
  const check = element === "Resource" ? RESOURCE_CHECK : undefined;
  return readStrings(ctx, value, path, "invalid-resource-value", element, check);
}
