/**
 * The shape of a lint check: its public metadata (stable id, severity, where AWS documents the
 * rule, the usual fix) beside a pure function from a parsed key policy to findings.
 */
import type { Finding, KeyPolicy, SeedRef, Severity, Statement } from "../types";

export interface LintOptions {
  /** The account that owns the key (`111122223333` or `arn:aws:iam::111122223333:root`). */
  readonly keyAccount?: string;
  /**
   * Where `keyAccount` came from, as findings name it ("No statement allows kms:* ... to account
   * 111122223333 (from ...)"); default "the keyAccount option". A caller that chose the account
   * itself says how, so its users are not pointed at an option they never set.
   */
  readonly keyAccountFrom?: string;
  /** The key's ARN; its account stands in for `keyAccount` when that is not given. */
  readonly keyArn?: string;
  /**
   * The key encrypts a CloudTrail Lake event data store. Seed 003: "The `aws:SourceArn` and
   * `aws:SourceAccount` condition keys are not supported in KMS key policies for event data stores",
   * so CloudTrail statements need no source condition and must not carry one.
   */
  readonly eventDataStoreKey?: boolean;
  /**
   * Whether `string-operator-on-arn-key` reports String operators whose values are all literal (no
   * `*` or `?`); default true. On a literal ARN, StringEquals matches the requests ArnEquals would, as
   * in AWS's own CloudTrail and Control Tower examples; with `false` only the comparisons whose
   * wildcard could span ARN elements are reported (what the policy pack reports).
   */
  readonly reportLiteralArnComparisons?: boolean;
}

export interface LintFix {
  readonly description: string;
  /** JSON to add or to put in place of the offending element. */
  readonly json?: unknown;
}

/** What a finding kind is: the part of a check a policy pack or a reader needs without running it. */
export interface CheckMeta {
  /** Stable public id, e.g. `public-principal-unconditioned`. */
  readonly id: string;
  readonly severity: Severity;
  readonly description: string;
  readonly source: SeedRef;
  readonly fix: LintFix;
}

export interface LintCheck extends CheckMeta {
  readonly run: (policy: KeyPolicy, options: LintOptions) => Finding[];
  /** Other finding kinds the check reports, e.g. when it cannot decide. */
  readonly also?: readonly CheckMeta[];
}

/** Adds a check's findings to a list the caller owns. */
export type Collect = (policy: KeyPolicy, options: LintOptions, findings: Finding[]) => void;

/**
 * A check that can add its findings to a shared list, which is how `lintPolicy` runs it: a policy
 * pack lints every key policy of every preview, and ten lists of mostly nothing, each copied into
 * the result, cost more than most checks. `run` is the same with a list of its own.
 */
export interface CollectingCheck extends LintCheck {
  readonly collect: Collect;
}

export function collectingCheck(meta: Omit<LintCheck, "run">, collect: Collect): CollectingCheck {
  return {
    ...meta,
    run: (policy, options) => {
      const findings: Finding[] = [];
      collect(policy, options, findings);
      return findings;
    },
    collect,
  };
}

/** `Statement "Allow CloudTrail access"` or `Statement[3]`, for messages. */
export function statementLabel(statement: Statement): string {
  return statement.sid !== undefined && statement.sid !== ""
    ? `Statement "${statement.sid}"`
    : `Statement[${statement.index}]`;
}

/** Builds a finding of kind `meta`; the fix defaults to the check's generic one. */
export function finding(
  meta: CheckMeta,
  statement: Statement | undefined,
  path: string,
  message: string,
  fix: LintFix = meta.fix,
): Finding {
  // Written out rather than spread: the linter builds a few findings for every policy of every
  // preview. The key order is the public shape (JSON output compares it).
  if (statement === undefined) return { id: meta.id, severity: meta.severity, message, path, fix, source: meta.source };
  const ref = statement.sid !== undefined ? { index: statement.index, sid: statement.sid } : { index: statement.index };
  return { id: meta.id, severity: meta.severity, message, path, statement: ref, fix, source: meta.source };
}
