/**
 * One statement of a key policy (IAM User Guide, "IAM JSON policy element reference"; AWS KMS
 * Developer Guide, "Key policy format": a key policy statement must have a principal). Every element
 * is validated on its own, so one bad element does not hide the problems of the others.
 */
import { parseActions } from "./parse-action";
import { parseCondition } from "./parse-condition";
import { childPath } from "./json-path";
import { parsePrincipal } from "./parse-principal";
import { parseResources } from "./parse-resource";
import { closestMatch } from "./parse-suggest";
import { describeType, isUnknown, own, presentKeys, quote, type ErrorCode, type ParseContext } from "./parse-context";
import type { Effect, PrincipalBlock, Statement } from "./types";

const STATEMENT_ELEMENTS = [
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
] as const;

/** Exactly one of a pair (`Principal`/`NotPrincipal`, ...) must be present. */
function checkPair(
  ctx: ParseContext,
  statement: Record<string, unknown>,
  path: string,
  [element, negated]: readonly [string, string],
  codes: { readonly missing: ErrorCode; readonly both: ErrorCode },
  why: string,
): void {
  const has = own(statement, element) !== undefined;
  const hasNot = own(statement, negated) !== undefined;
  if (!has && !hasNot) ctx.error(path, codes.missing, `The statement has no ${element} (or ${negated}); ${why}`);
  if (has && hasNot) {
    ctx.error(
      childPath(path, negated),
      codes.both,
      `The statement has both ${element} and ${negated}; AWS allows only one of them.`,
    );
  }
}

function parseEffect(ctx: ParseContext, value: unknown, path: string): Effect | undefined {
  if (value === "Allow" || value === "Deny") return value;
  // Not known yet (preview): no error, and no statement to represent.
  if (isUnknown(value)) return undefined;
  const effectPath = childPath(path, "Effect");
  if (value === undefined) {
    ctx.error(path, "missing-effect", 'The statement has no Effect; add "Effect": "Allow" or "Effect": "Deny".');
    return undefined;
  }
  if (typeof value === "string") {
    const lower = value.toLowerCase();
    const fixed = lower === "allow" ? "Allow" : lower === "deny" ? "Deny" : undefined;
    ctx.error(
      effectPath,
      "invalid-effect",
      `Effect must be exactly "Allow" or "Deny", not ${quote(value)}` +
        (fixed === undefined ? "." : `; write "${fixed}".`),
    );
    // A case slip still says what the author meant; anything else cannot be represented.
    return fixed;
  }
  ctx.error(effectPath, "invalid-effect", `Effect must be "Allow" or "Deny", not ${describeType(value)}.`);
  return undefined;
}

/**
 * Parses the statement at `path`. Returns `undefined` only when no Effect can be read; everything
 * else is represented as far as it goes.
 */
export function parseStatement(
  ctx: ParseContext,
  statement: Record<string, unknown>,
  index: number,
  path: string,
): Statement | undefined {
  for (const key of presentKeys(statement)) {
    if ((STATEMENT_ELEMENTS as readonly string[]).includes(key) || isUnknown(key)) continue;
    const suggestion = ctx.full ? undefined : closestMatch(key, STATEMENT_ELEMENTS);
    ctx.error(
      childPath(path, key),
      "unknown-statement-element",
      `${quote(key)} is not a statement element` +
        (suggestion === undefined ? "" : `; did you mean "${suggestion}"?`) +
        ` A statement has ${STATEMENT_ELEMENTS.join(", ")}.`,
    );
  }

  const sidValue = own(statement, "Sid");
  let sid: string | undefined;
  if (typeof sidValue === "string") sid = sidValue;
  else if (sidValue !== undefined) {
    ctx.error(childPath(path, "Sid"), "invalid-sid", `Sid must be a string, not ${describeType(sidValue)}.`);
  }

  const effect = parseEffect(ctx, own(statement, "Effect"), path);

  checkPair(
    ctx,
    statement,
    path,
    ["Principal", "NotPrincipal"],
    { missing: "missing-principal", both: "principal-and-notprincipal" },
    'a key policy statement must name a principal, e.g. "Principal": {"Service": "cloudtrail.amazonaws.com"}.',
  );
  checkPair(
    ctx,
    statement,
    path,
    ["Action", "NotAction"],
    { missing: "missing-action", both: "action-and-notaction" },
    'add e.g. "Action": "kms:Decrypt".',
  );
  checkPair(
    ctx,
    statement,
    path,
    ["Resource", "NotResource"],
    { missing: "missing-resource", both: "resource-and-notresource" },
    'add "Resource": "*" (in a key policy, "*" means this KMS key).',
  );

  const principalOf = (element: "Principal" | "NotPrincipal"): PrincipalBlock | undefined => {
    const value = own(statement, element);
    return value === undefined ? undefined : parsePrincipal(ctx, value, childPath(path, element), element);
  };
  const listOf = (
    element: "Action" | "NotAction" | "Resource" | "NotResource",
    parse: typeof parseActions,
  ): string[] | undefined => {
    const value = own(statement, element);
    return value === undefined ? undefined : parse(ctx, value, childPath(path, element), element);
  };

  const principal = principalOf("Principal");
  const notPrincipal = principalOf("NotPrincipal");
  const action = listOf("Action", parseActions);
  const notAction = listOf("NotAction", parseActions);
  const resource = listOf("Resource", parseResources);
  const notResource = listOf("NotResource", parseResources);
  const conditionValue = own(statement, "Condition");
  const conditions =
    conditionValue === undefined ? [] : parseCondition(ctx, conditionValue, childPath(path, "Condition"));

  if (effect === undefined) return undefined;
  // Built member by member: absent elements stay absent rather than `undefined`.
  const result: { -readonly [K in keyof Statement]: Statement[K] } = {
    index,
    effect,
    conditions,
    path,
    raw: statement,
  };
  if (sid !== undefined) result.sid = sid;
  if (principal !== undefined) result.principal = principal;
  if (notPrincipal !== undefined) result.notPrincipal = notPrincipal;
  if (action !== undefined) result.action = action;
  if (notAction !== undefined) result.notAction = notAction;
  if (resource !== undefined) result.resource = resource;
  if (notResource !== undefined) result.notResource = notResource;
  return result;
}
