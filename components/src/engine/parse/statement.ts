/**
 * One statement of a key policy (IAM User Guide, "IAM JSON policy element reference"; AWS KMS
 * Developer Guide, "Key policy format": a key policy statement must have a principal). Every element
 * is validated on its own, so one bad element does not hide the problems of the others.
 */
import { parseActions } from "./action";
import { parseCondition } from "./condition";
import { parsePrincipal } from "./principal";
import { parseResources } from "./resource";
import { closestMatch } from "./suggest";
import {
  childPath,
  describeType,
  forEachMember,
  isUnknown,
  own,
  quote,
  type ErrorCode,
  type ParseContext,
} from "./context";
import type { Effect, Statement } from "../types";

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

/** `.Principal`, `.Action`, ...: the elements' path steps, spelled once. */
const STEP = Object.fromEntries(STATEMENT_ELEMENTS.map((element) => [element, childPath("", element)])) as Record<
  (typeof STATEMENT_ELEMENTS)[number],
  string
>;

interface PairRule {
  readonly element: string;
  readonly negated: string;
  readonly missing: ErrorCode;
  readonly both: ErrorCode;
  readonly why: string;
}

const PRINCIPAL_PAIR: PairRule = {
  element: "Principal",
  negated: "NotPrincipal",
  missing: "missing-principal",
  both: "principal-and-notprincipal",
  why: 'a key policy statement must name a principal, e.g. "Principal": {"Service": "cloudtrail.amazonaws.com"}.',
};
const ACTION_PAIR: PairRule = {
  element: "Action",
  negated: "NotAction",
  missing: "missing-action",
  both: "action-and-notaction",
  why: 'add e.g. "Action": "kms:Decrypt".',
};
const RESOURCE_PAIR: PairRule = {
  element: "Resource",
  negated: "NotResource",
  missing: "missing-resource",
  both: "resource-and-notresource",
  why: 'add "Resource": "*" (in a key policy, "*" means this KMS key).',
};

/** Exactly one of a pair (`Principal`/`NotPrincipal`, ...) must be present. */
function checkPair(ctx: ParseContext, path: string, has: boolean, hasNot: boolean, rule: PairRule): void {
  if (!has && !hasNot) {
    ctx.error(path, rule.missing, `The statement has no ${rule.element} (or ${rule.negated}); ${rule.why}`);
  }
  if (has && hasNot) {
    ctx.error(
      childPath(path, rule.negated),
      rule.both,
      `The statement has both ${rule.element} and ${rule.negated}; AWS allows only one of them.`,
    );
  }
}

function reportUnknownElement(ctx: ParseContext, key: string, path: string): void {
  const suggestion = ctx.full ? undefined : closestMatch(key, STATEMENT_ELEMENTS);
  ctx.error(
    childPath(path, key),
    "unknown-statement-element",
    `${quote(key)} is not a statement element` +
      (suggestion === undefined ? "." : `; did you mean "${suggestion}"?`) +
      ` A statement has ${STATEMENT_ELEMENTS.join(", ")}.`,
  );
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

/** The elements of one statement, collected from its members. */
class Elements {
  sid: unknown;
  effect: unknown;
  principal: unknown;
  notPrincipal: unknown;
  action: unknown;
  notAction: unknown;
  resource: unknown;
  notResource: unknown;
  condition: unknown;

  constructor(
    readonly ctx: ParseContext,
    readonly path: string,
  ) {}

  /**
   * Reads by name the elements no enumerable key named: a value not from JSON text may hold members
   * `Object.keys` does not list (non-enumerable ones).
   */
  readMissing(statement: Record<string, unknown>): void {
    if (this.sid === undefined) this.sid = own(statement, "Sid");
    if (this.effect === undefined) this.effect = own(statement, "Effect");
    if (this.principal === undefined) this.principal = own(statement, "Principal");
    if (this.notPrincipal === undefined) this.notPrincipal = own(statement, "NotPrincipal");
    if (this.action === undefined) this.action = own(statement, "Action");
    if (this.notAction === undefined) this.notAction = own(statement, "NotAction");
    if (this.resource === undefined) this.resource = own(statement, "Resource");
    if (this.notResource === undefined) this.notResource = own(statement, "NotResource");
    if (this.condition === undefined) this.condition = own(statement, "Condition");
  }
}

/** Records one member of a statement; one that is no statement element is reported. */
function readMember(elements: Elements, key: string, value: unknown): void {
  switch (key) {
    case "Sid":
      elements.sid = value;
      break;
    case "Effect":
      elements.effect = value;
      break;
    case "Principal":
      elements.principal = value;
      break;
    case "NotPrincipal":
      elements.notPrincipal = value;
      break;
    case "Action":
      elements.action = value;
      break;
    case "NotAction":
      elements.notAction = value;
      break;
    case "Resource":
      elements.resource = value;
      break;
    case "NotResource":
      elements.notResource = value;
      break;
    case "Condition":
      elements.condition = value;
      break;
    default:
      if (!isUnknown(key)) reportUnknownElement(elements.ctx, key, elements.path);
  }
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
  const elements = new Elements(ctx, path);
  forEachMember(ctx, statement, elements, readMember);
  if (!ctx.plain) elements.readMissing(statement);

  let sid: string | undefined;
  if (typeof elements.sid === "string") sid = elements.sid;
  else if (elements.sid !== undefined) {
    ctx.error(childPath(path, "Sid"), "invalid-sid", `Sid must be a string, not ${describeType(elements.sid)}.`);
  }

  const effect = parseEffect(ctx, elements.effect, path);

  checkPair(ctx, path, elements.principal !== undefined, elements.notPrincipal !== undefined, PRINCIPAL_PAIR);
  checkPair(ctx, path, elements.action !== undefined, elements.notAction !== undefined, ACTION_PAIR);
  checkPair(ctx, path, elements.resource !== undefined, elements.notResource !== undefined, RESOURCE_PAIR);

  const principal =
    elements.principal === undefined
      ? undefined
      : parsePrincipal(ctx, elements.principal, path + STEP.Principal, "Principal");
  const notPrincipal =
    elements.notPrincipal === undefined
      ? undefined
      : parsePrincipal(ctx, elements.notPrincipal, path + STEP.NotPrincipal, "NotPrincipal");
  const action =
    elements.action === undefined ? undefined : parseActions(ctx, elements.action, path + STEP.Action, "Action");
  const notAction =
    elements.notAction === undefined
      ? undefined
      : parseActions(ctx, elements.notAction, path + STEP.NotAction, "NotAction");
  const resource =
    elements.resource === undefined
      ? undefined
      : parseResources(ctx, elements.resource, path + STEP.Resource, "Resource");
  const notResource =
    elements.notResource === undefined
      ? undefined
      : parseResources(ctx, elements.notResource, path + STEP.NotResource, "NotResource");
  const conditions =
    elements.condition === undefined ? [] : parseCondition(ctx, elements.condition, path + STEP.Condition);

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
