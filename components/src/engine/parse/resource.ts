/**
 * `Resource` / `NotResource` of a key policy statement: `"*"` (this key) or a pattern that can match
 * the key's ARN. See `key-arn.ts` for why anything else is an error.
 */
import { arnResourceStart } from "../arn";
import { canMatchKeyArn, explainNotKeyArn } from "./key-arn";
import { isUnknown, quote, type ParseContext } from "./context";
import { readStrings, StringCheck } from "./strings";

const VARIABLE = /\$\{[^}]*\}/g;

/**
 * The pattern a `Resource` can match once its policy variables are substituted. IAM User Guide, "IAM
 * policy elements: Variables and tags" ("Resource element"): variables only "in the resource portion
 * of the ARN ... after the fifth colon", where each may stand for any text; before it they are
 * literal text. (A policy without `"Version": "2012-10-17"` substitutes none; that is its own error.)
 */
function substitutable(resource: string): string {
  const start = arnResourceStart(resource);
  return start < 0 ? resource : resource.substring(0, start) + resource.substring(start).replace(VARIABLE, "*");
}

function checkResource(ctx: ParseContext, resource: string, path: string): void {
  if (resource.length === 0 || isUnknown(resource) || canMatchKeyArn(substitutable(resource))) return;
  const start = arnResourceStart(resource);
  const early = /\$\{[^}]*\}/.exec(resource);
  const why =
    early !== null && (start < 0 || early.index < start)
      ? `${early[0]} stands before the fifth colon, ` +
        "where AWS substitutes no policy variables (only the resource part after it takes them), so it is literal " +
        "text no key ARN contains"
      : explainNotKeyArn(resource);
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
