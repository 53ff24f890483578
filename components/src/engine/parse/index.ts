/**
 * Parses and validates a KMS key policy, given as JSON text or as an already-decoded value, into the
 * normalized model of `types.ts`. Pure: no Pulumi, no AWS calls. Never throws.
 *
 * Every problem is a `ValidationError` located by a JSON path. The codes are stable:
 *
 * | code                                 | problem                                                                  |
 * |--------------------------------------|--------------------------------------------------------------------------|
 * | `invalid-json`                       | the text is not JSON (the message carries `JSON.parse`'s)                |
 * | `unreadable-input`                   | the value could not be read at all (a throwing getter or proxy)          |
 * | `not-an-object`                      | the top level is not a JSON object                                       |
 * | `policy-too-large`                   | more than 32 768 bytes, the key policy limit (KMS "Key policy format")   |
 * | `duplicate-json-key`                 | a member name repeats in one object; JSON parsers keep only the last     |
 * | `too-many-errors`                    | more than 100 problems; the rest are counted, not listed                 |
 * | `missing-version`                    | no `Version`                                                             |
 * | `invalid-version`                    | `Version` is not `"2012-10-17"`                                          |
 * | `invalid-id`                         | `Id` is not a string                                                     |
 * | `unknown-policy-element`             | a top-level member other than `Version`, `Id`, `Statement`               |
 * | `missing-statement`                  | no `Statement`                                                           |
 * | `empty-statement`                    | `Statement` is an empty array                                            |
 * | `invalid-statement`                  | `Statement` is neither an object nor an array                            |
 * | `invalid-statement-entry`            | an entry of the `Statement` array is not an object                       |
 * | `unknown-statement-element`          | a statement member other than the nine IAM elements                      |
 * | `missing-effect` / `invalid-effect`  | `Effect` absent, or not exactly `"Allow"` / `"Deny"`                     |
 * | `invalid-sid` / `duplicate-sid`      | `Sid` not a string; the same `Sid` on two statements                     |
 * | `missing-principal`                  | neither `Principal` nor `NotPrincipal` (key policies require one)        |
 * | `principal-and-notprincipal`         | both                                                                     |
 * | `invalid-principal`                  | not `"*"` or a non-empty object                                          |
 * | `unknown-principal-type`             | a principal type other than `AWS`, `Service`, `Federated`, `CanonicalUser` |
 * | `invalid-principal-value`            | a principal type's value is not a string or non-empty array of strings   |
 * | `invalid-aws-principal`              | not `*`, an account id, or a root/user/role/assumed-role/federated-user ARN |
 * | `wildcard-in-principal`              | `*` or `?` inside an AWS principal ARN                                   |
 * | `invalid-account-id`                 | an account id, alone or in a principal ARN, is not 12 digits             |
 * | `invalid-service-principal`          | not `name.amazonaws.com` (or `.amazonaws.com.cn`), or has a wildcard     |
 * | `invalid-federated-principal`        | not an identity-provider host or a saml/oidc provider ARN                |
 * | `invalid-canonical-user`             | not 64 hexadecimal digits                                                |
 * | `missing-action` / `action-and-notaction` | neither or both of `Action` and `NotAction`                         |
 * | `invalid-action-value`               | not a string or non-empty array of strings                               |
 * | `malformed-action`                   | not `*` or `service:Name`                                                |
 * | `non-kms-action`                     | another service's action: never applies to a KMS key                    |
 * | `unknown-kms-action`                 | a `kms:` name that is not a KMS action (with a suggestion)               |
 * | `kms-action-pattern-matches-nothing` | a `kms:` wildcard pattern that matches no KMS action                     |
 * | `missing-resource` / `resource-and-notresource` | neither or both of `Resource` and `NotResource`               |
 * | `invalid-resource-value`             | not a string or non-empty array of strings                               |
 * | `resource-never-matches-key`         | a `Resource` that can never match a KMS key ARN (`arn:aws:s3:::bucket/*`) |
 * | `invalid-condition`                  | `Condition` is not an object                                             |
 * | `nested-condition-block`             | a `Condition` inside `Condition`: rejected by AWS, and limits nothing    |
 * | `unknown-condition-operator`         | not an IAM condition operator (with a "did you mean")                    |
 * | `condition-operator-case`            | an operator differing only in letter case (`stringEquals`)               |
 * | `null-ifexists`                      | `NullIfExists`: `Null` takes no `IfExists`                               |
 * | `invalid-condition-operator-block`   | an operator's value is not an object of keys                             |
 * | `invalid-condition-key`              | a key not written `prefix:name`                                          |
 * | `invalid-condition-value`            | null, an object, a nested array or a non-finite number as a value        |
 * | `empty-condition-values`             | an empty array of values                                                 |
 * | `invalid-null-value` / `invalid-bool-value` | not true/false                                                    |
 * | `invalid-numeric-value`              | not a number                                                             |
 * | `invalid-date-value`                 | neither ISO 8601 nor epoch seconds                                       |
 * | `invalid-ip-value`                   | not an IPv4/IPv6 address or CIDR block                                   |
 * | `invalid-binary-value`               | not base64                                                               |
 * | `invalid-arn-value`                  | an Arn-operator value that cannot be an ARN                              |
 *
 * Strings equal to `PULUMI_UNKNOWN_SENTINEL` (values not known during a preview) are not errors:
 * their paths are listed in `unknownPaths` and the checks that would need their value are skipped.
 *
 * Robustness: no recursion over the document, linear time, and caps on what is reported (100
 * errors, 1 000 unknown paths, paths cut short past 64 levels), so a 100 KB document nested 100 000
 * levels deep costs no more than its size.
 */
import {
  childPath,
  describeType,
  isPlainObject,
  isUnknown,
  forEachMember,
  own,
  quote,
  truncate,
  ParseContext,
} from "./context";
import { decodeDocument } from "./decode";
import { parseStatement } from "./statement";
import { closestMatch } from "./suggest";
import type { KeyPolicy, ParseResult, Statement } from "../types";

export { MAX_KEY_POLICY_BYTES } from "./decode";
export const KEY_POLICY_VERSION = "2012-10-17";
const POLICY_ELEMENTS = ["Version", "Id", "Statement"] as const;

/** The members of a key policy, as they are read. */
class TopLevel {
  version: unknown;
  id: unknown;
  statement: unknown;

  constructor(readonly ctx: ParseContext) {}
}

/** Records one member of the policy; one that is no policy element is reported. */
function readMember(top: TopLevel, key: string, value: unknown): void {
  if (key === "Version") top.version = value;
  else if (key === "Id") top.id = value;
  else if (key === "Statement") top.statement = value;
  else if (!isUnknown(key)) {
    const ctx = top.ctx;
    const suggestion = ctx.full ? undefined : closestMatch(key, POLICY_ELEMENTS);
    ctx.error(
      childPath("$", key),
      "unknown-policy-element",
      `${quote(key)} is not a key policy element` +
        (suggestion === undefined ? "." : `; did you mean "${suggestion}"?`) +
        " A key policy has Version, Id and Statement.",
    );
  }
}

function checkTopLevel(ctx: ParseContext, document: Record<string, unknown>): TopLevel {
  const top = new TopLevel(ctx);
  forEachMember(ctx, document, top, readMember);
  if (!ctx.plain) {
    // A value not from JSON text may hold members `Object.keys` does not list (non-enumerable ones).
    if (top.version === undefined) top.version = own(document, "Version");
    if (top.id === undefined) top.id = own(document, "Id");
  }
  const { version, id } = top;
  if (version === undefined) {
    ctx.error("$", "missing-version", `The key policy has no Version; add "Version": "${KEY_POLICY_VERSION}".`);
  } else if (version !== KEY_POLICY_VERSION && !isUnknown(version)) {
    ctx.error(
      "$.Version",
      "invalid-version",
      `Version must be "${KEY_POLICY_VERSION}", not ${describeType(version)}` +
        (version === "2008-10-17" ? " (the old version, without policy variables)." : "."),
    );
  }
  if (id !== undefined && typeof id !== "string") {
    ctx.error("$.Id", "invalid-id", `Id must be a string, not ${describeType(id)}.`);
  }
  if (!ctx.plain && top.statement === undefined) top.statement = own(document, "Statement");
  return top;
}

/** `$.Statement[i]` for the first statements, spelled once: every policy has them. */
const STATEMENT_PATHS: string[] = Array.from({ length: 64 }, (_, i) => childPath("$.Statement", i));

/** Parses the `Statement` element; `undefined` when there is no usable statement list. */
function parseStatements(ctx: ParseContext, value: unknown): Statement[] | undefined {
  if (value === undefined) {
    ctx.error("$", "missing-statement", "The key policy has no Statement.");
    return undefined;
  }
  if (isUnknown(value)) return undefined;
  if (isPlainObject(value)) {
    const statement = parseStatement(ctx, value, 0, "$.Statement");
    return statement === undefined ? [] : [statement];
  }
  if (!Array.isArray(value)) {
    ctx.error(
      "$.Statement",
      "invalid-statement",
      `Statement must be an array of statements, not ${describeType(value)}.`,
    );
    return undefined;
  }
  if (value.length === 0) {
    ctx.error("$.Statement", "empty-statement", "Statement is empty; a key policy needs at least one statement.");
    return undefined;
  }
  const statements: Statement[] = [];
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    const path = i < STATEMENT_PATHS.length ? STATEMENT_PATHS[i] : childPath("$.Statement", i);
    if (isPlainObject(entry)) {
      const statement = parseStatement(ctx, entry, i, path);
      if (statement !== undefined) statements.push(statement);
    } else if (!isUnknown(entry)) {
      ctx.error(path, "invalid-statement-entry", `A statement must be an object, not ${describeType(entry)}.`);
    }
  }
  return statements;
}

/** Below this many statements, comparing every pair costs less than a map. */
const SMALL_POLICY = 16;

function reportDuplicateSid(ctx: ParseContext, statement: Statement, sid: string, earlier: Statement): void {
  ctx.error(
    childPath(statement.path, "Sid"),
    "duplicate-sid",
    `Sid ${quote(sid)} is already used by ${earlier.path}; give each statement its own Sid.`,
  );
}

/** IAM requires Sids to be unique within a policy; a repeat usually means a pasted statement. */
function checkDuplicateSids(ctx: ParseContext, statements: readonly Statement[]): void {
  if (statements.length < SMALL_POLICY) {
    for (let j = 1; j < statements.length; j++) {
      const sid = statements[j].sid;
      if (sid === undefined || sid.length === 0 || isUnknown(sid)) continue;
      for (let i = 0; i < j; i++) {
        if (statements[i].sid === sid) {
          reportDuplicateSid(ctx, statements[j], sid, statements[i]);
          break;
        }
      }
    }
    return;
  }
  const first = new Map<string, Statement>();
  for (const statement of statements) {
    const sid = statement.sid;
    if (sid === undefined || sid.length === 0 || isUnknown(sid)) continue;
    const earlier = first.get(sid);
    if (earlier === undefined) first.set(sid, statement);
    else reportDuplicateSid(ctx, statement, sid, earlier);
  }
}

function parseDocument(input: unknown): ParseResult {
  // The whole policy is not known yet (a preview): nothing to check.
  if (isUnknown(input)) return { errors: [], valid: true, unknownPaths: ["$"] };
  const ctx = new ParseContext();
  const decoded = decodeDocument(ctx, input);
  if (decoded !== undefined) ctx.plain = decoded.plain;
  const unknownPaths = decoded?.unknownPaths ?? [];
  const document = decoded?.value;
  let policy: KeyPolicy | undefined;
  if (decoded !== undefined && !isUnknown(document)) {
    if (!isPlainObject(document)) {
      ctx.error("$", "not-an-object", `A key policy is a JSON object, not ${describeType(document)}.`);
    } else {
      const top = checkTopLevel(ctx, document);
      const statements = parseStatements(ctx, top.statement);
      if (statements !== undefined) {
        checkDuplicateSids(ctx, statements);
        const built: { -readonly [K in keyof KeyPolicy]: KeyPolicy[K] } = { statements, raw: document };
        if (typeof top.version === "string") built.version = top.version;
        if (typeof top.id === "string") built.id = top.id;
        policy = built;
      }
    }
  }
  const errors = ctx.finish();
  return policy === undefined
    ? { errors, valid: errors.length === 0, unknownPaths }
    : { policy, errors, valid: errors.length === 0, unknownPaths };
}

/** The message of a thrown value, which may itself be hostile (a throwing `message` getter). */
function reasonOf(thrown: unknown): string {
  try {
    return thrown instanceof Error ? truncate(String(thrown.message), 200) : "unknown error";
  } catch {
    return "unknown error";
  }
}

/**
 * Parses and validates a key policy document given as a JSON string or an already-decoded value.
 * Never throws: every problem becomes a `ValidationError` with a JSON path.
 */
export function parsePolicy(input: unknown): ParseResult {
  try {
    return parseDocument(input);
  } catch (e) {
    // Only a value that fights being read gets here (a throwing getter, a revoked proxy).
    return {
      errors: [{ path: "$", code: "unreadable-input", message: `The key policy could not be read: ${reasonOf(e)}.` }],
      valid: false,
      unknownPaths: [],
    };
  }
}
