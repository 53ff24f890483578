/**
 * The shared vocabulary of the key-policy engine: the normalized policy model the parser
 * produces, the request the evaluator answers, and the findings the linter reports.
 * Everything here is plain data so the components, the policy pack and the tests can pass it
 * around, serialize it and compare it.
 */

/** Where AWS documents a rule: a seed document of this project and the section in it. */
export interface SeedRef {
  /** File-name prefix of the seed document, e.g. `"003"`. */
  readonly seed: "000" | "001" | "002" | "003" | "004";
  /** Section title as the document prints it. */
  readonly section: string;
  /** The document's anchor for the section, when it has one. */
  readonly anchor?: string;
}

/** A validation problem, located by a JSON path into the document (`$.Statement[2].Condition`). */
export interface ValidationError {
  readonly path: string;
  readonly message: string;
  /** Stable machine-readable code, e.g. `unknown-condition-operator`. */
  readonly code: string;
}

export type Effect = "Allow" | "Deny";

/**
 * A `Principal` or `NotPrincipal` block, normalized. `"*"` and `{"AWS": "*"}` both become
 * `{ any: true }`. Account ids are kept as written; matching canonicalizes them.
 */
export interface PrincipalBlock {
  readonly any: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
  readonly canonicalUser: readonly string[];
}

export type SetQualifier = "ForAnyValue" | "ForAllValues";

export type OperatorFamily = "String" | "Arn" | "Numeric" | "Date" | "Bool" | "IpAddress" | "Binary" | "Null";

/** A condition operator split into the parts that decide its semantics. */
export interface ParsedOperator {
  /** As written in the policy, e.g. `ForAnyValue:StringLikeIfExists`. */
  readonly raw: string;
  /** Canonical base name without qualifier or `IfExists`, e.g. `StringLike`. */
  readonly base: string;
  readonly family: OperatorFamily;
  readonly qualifier?: SetQualifier;
  readonly ifExists: boolean;
  /** `StringNotEquals`, `ArnNotLike`, `NotIpAddress`, ...: true when the key is absent. */
  readonly negated: boolean;
  /** `StringLike`, `ArnLike`, ...: values may carry `*` and `?`. */
  readonly wildcard: boolean;
  readonly ignoreCase: boolean;
}

/** One operator + key + values triple from a `Condition` block. */
export interface ConditionClause {
  readonly operator: ParsedOperator;
  /** Key as written, e.g. `AWS:SourceAccount`. */
  readonly key: string;
  /** Lower-cased key: condition keys are case-insensitive, including the encryption-context part. */
  readonly keyLower: string;
  /** Values as strings (booleans and numbers are stringified, as AWS compares them). */
  readonly values: readonly string[];
  readonly path: string;
}

export interface Statement {
  /** Position in the `Statement` array (0 for a single statement object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal?: PrincipalBlock;
  readonly notPrincipal?: PrincipalBlock;
  readonly action?: readonly string[];
  readonly notAction?: readonly string[];
  readonly resource?: readonly string[];
  readonly notResource?: readonly string[];
  readonly conditions: readonly ConditionClause[];
  /** JSON path of the statement, e.g. `$.Statement[3]`. */
  readonly path: string;
  /** The statement as written. */
  readonly raw: unknown;
}

export interface KeyPolicy {
  readonly version?: string;
  readonly id?: string;
  readonly statements: readonly Statement[];
  readonly raw: unknown;
}

export interface ParseResult {
  /** Present whenever the input was a JSON object with a usable `Statement`, even with errors. */
  readonly policy?: KeyPolicy;
  readonly errors: readonly ValidationError[];
  readonly valid: boolean;
  /** JSON paths of values that are not known yet (the Pulumi unknown sentinel), in document order. */
  readonly unknownPaths: readonly string[];
}

/**
 * The string Pulumi puts where a value is not known yet (preview). The parser keeps it as written
 * and records its path; the evaluator treats any policy string equal to it as unknown.
 */
export const PULUMI_UNKNOWN_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A value in a request context. `UNKNOWN` marks a value not yet known (Pulumi preview). */
export type ContextValue = string | readonly string[] | typeof UNKNOWN;

/** Marker for a value that is not known yet. Anything it reaches becomes `undecidable`. */
export const UNKNOWN: unique symbol = Symbol.for("pulumi-kms-guardrails.unknown");

/** Who makes the request. */
export type RequestPrincipal =
  /** An IAM identity: account root, user, role or assumed-role session ARN. */
  | { readonly kind: "aws"; readonly arn: string }
  /** An AWS service principal such as `cloudtrail.amazonaws.com`. */
  | { readonly kind: "service"; readonly service: string }
  /** No credentials at all. */
  | { readonly kind: "anonymous" };

export interface Request {
  readonly principal: RequestPrincipal;
  /** e.g. `kms:GenerateDataKey`. Case-insensitive. */
  readonly action: string;
  /** The key ARN; when omitted, any KMS key ARN in a `Resource` matches. */
  readonly resource?: string;
  /** The account that owns the key; derived from `resource` when omitted. */
  readonly keyAccount?: string;
  /** The key's Region (`aws:RequestedRegion`); derived from `resource` when omitted. */
  readonly keyRegion?: string;
  /**
   * Condition keys of the request (any case). The evaluator adds the keys AWS derives from the
   * principal (`aws:PrincipalArn`, `aws:PrincipalAccount`, `kms:CallerAccount`, ...) and from the key
   * (`aws:ResourceAccount`, `aws:RequestedRegion`) unless given,
   * and drops the `kms:` keys the action does not support (a `DescribeKey` request carries no
   * `kms:EncryptionContext:*`).
   */
  readonly context?: Readonly<Record<string, ContextValue>>;
}

export type Verdict = "allowed" | "denied-explicit" | "denied-implicit" | "needs-iam" | "undecidable";

export type Tri = true | false | "unknown";

export interface ConditionTrace {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
  /** The request's value for the key after filtering; `undefined` when absent. */
  readonly requestValue?: readonly string[] | "unknown";
  readonly result: Tri;
  /** One sentence, e.g. `aws:SourceArn is absent; StringEquals requires it`. */
  readonly explanation: string;
}

/** How a statement's `Principal` matched: directly (an ARN, service or `*`) or through an account. */
export type PrincipalMatch = "direct" | "account" | "none" | "unknown";

export interface StatementTrace {
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  readonly principal: PrincipalMatch;
  readonly action: Tri;
  readonly resource: Tri;
  readonly conditions: readonly ConditionTrace[];
  /** Whether the statement applies to the request. */
  readonly applies: Tri;
  readonly explanation: string;
}

export interface Decision {
  readonly verdict: Verdict;
  /** The statements that decided the verdict (the applying Denies, or the applying Allows). */
  readonly deciding: readonly StatementTrace[];
  /** Every statement, in policy order. */
  readonly trace: readonly StatementTrace[];
  /** One or two sentences a user can act on. */
  readonly reason: string;
}

export type Severity = "error" | "warning" | "info";

/** A lint finding on a key policy. */
export interface Finding {
  /** Stable id, e.g. `public-principal-unconditioned`. */
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
  /** JSON path of the offending element. */
  readonly path: string;
  readonly statement?: { readonly index: number; readonly sid?: string };
  /** What to change, with JSON to add or replace where there is one. */
  readonly fix?: { readonly description: string; readonly json?: unknown };
  readonly source: SeedRef;
}
