/**
 * Why a preflight could not run, as CI reads it: a stable code beside the message (`--format json|sarif`
 * print `{"error": {"code", "message"}}`), and the one message a person reads on stderr.
 */
import { ProgramError } from "./capture";
import { PackError } from "./pack-process";
import { PolicyPackConfigError } from "./policy-config";
import { NotAPulumiProgramError } from "./program";
import { CompileError } from "./typescript-loader";

/** Bad arguments, an unreadable file named by one: the user's to fix, reported without a stack. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The more precise code, when the usage error is about one kind of input. */
    readonly code: "usage" | "stack-config" | "pack-config" = "usage",
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export type FailureCode =
  /** Bad arguments (the usage is printed on stderr). */
  | "usage"
  /** The folder has no Pulumi.yaml, or not a Node.js one. */
  | "not-a-program"
  /** A TypeScript file of the program does not compile (the message has file:line:column). */
  | "compile-error"
  /** The program threw, rejected or did not finish. */
  | "program-failed"
  /** Pulumi.<stack>.yaml or a --config-value cannot be used (e.g. a secret). */
  | "stack-config"
  /** The --policy-pack-config file is not valid for the pack. */
  | "pack-config"
  /** The policy pack did not start, died or stopped answering. */
  | "pack-failed"
  /** Anything else: a bug of ours. */
  | "internal";

export interface Failure {
  code: FailureCode;
  message: string;
}

function codeOf(error: unknown): FailureCode {
  if (error instanceof UsageError) return error.code;
  if (error instanceof NotAPulumiProgramError) return "not-a-program";
  if (error instanceof ProgramError) return error.cause instanceof CompileError ? "compile-error" : "program-failed";
  if (error instanceof PackError) return "pack-failed";
  if (error instanceof PolicyPackConfigError) return "pack-config";
  return "internal";
}

/** The failure; `verbose` adds the pack's stderr or the stack trace to the message. */
export function failureOf(error: unknown, verbose: boolean): Failure {
  const code = codeOf(error);
  let message: string;
  if (error instanceof PackError) message = verbose ? error.message : error.headline;
  else if (error instanceof ProgramError) {
    const cause = error.cause instanceof Error && verbose ? `\n${error.cause.stack}` : "";
    message = error.message + cause;
  } else if (code !== "internal" && error instanceof Error) message = error.message;
  else if (error instanceof Error) message = verbose ? (error.stack ?? error.message) : error.message.split("\n")[0];
  else message = String(error);
  return { code, message };
}
