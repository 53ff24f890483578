#!/usr/bin/env node
/**
 * `kms-guardrails preflight <program-dir>`: checks a Pulumi program against the policy pack offline (no
 * Pulumi CLI, no AWS credentials, no network), for pull requests from forks and pre-commit hooks.
 *
 * Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 the check could not run.
 * The report goes to stdout; progress and errors go to stderr, errors as one line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { GuardrailsMocks } from "../testing/mocks";
import { ProgramError } from "./capture";
import { checkPackEntry, defaultPackDir } from "./locate-pack";
import { PackError } from "./pack-process";
import { runPreflight, type PreflightProgress } from "./preflight";
import { NotAPulumiProgramError, locateProgram } from "./program";
import { renderJson, renderReport } from "./report";
import type { PolicyPackConfig } from "./types";

const USAGE = `usage: kms-guardrails preflight <program-dir> --account <12 digits> --region <region>
         [--partition aws] [--preview] [--config <pack-config.json>] [--pack <dir>] [--stack <name>]
         [--json] [--quiet] [--verbose]

Runs the Pulumi program in <program-dir> under mocks (as an update, or as the first preview of a new
stack with --preview) and checks every resource against the policy pack over the same protocol
\`pulumi preview --policy-pack\` uses. --config takes a --policy-pack-config file.
Exit code: 0 passed, 1 a mandatory policy is violated, 2 the preflight could not run.`;

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

class UsageError extends Error {}

interface PreflightArgs {
  programDir: string;
  account: string;
  region: string;
  partition: string;
  preview: boolean;
  configPath?: string;
  packDir?: string;
  stack?: string;
  json: boolean;
  quiet: boolean;
  verbose: boolean;
}

function parse(argv: string[]): PreflightArgs | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      account: { type: "string" },
      region: { type: "string" },
      partition: { type: "string", default: "aws" },
      preview: { type: "boolean", default: false },
      config: { type: "string" },
      pack: { type: "string" },
      stack: { type: "string" },
      json: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      verbose: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return "help";
  const [command, programDir, ...extra] = positionals;
  if (command !== "preflight") throw new UsageError(command ? `unknown command "${command}"` : "missing command");
  if (!programDir) throw new UsageError("missing <program-dir>");
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!values.account || !/^\d{12}$/.test(values.account)) throw new UsageError("--account must be 12 digits");
  if (!values.region || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    throw new UsageError("--region must be an AWS Region such as us-east-1");
  }
  if (!/^aws(-[a-z]+)*$/.test(values.partition)) throw new UsageError("--partition must be aws, aws-cn, aws-us-gov...");
  return {
    programDir,
    account: values.account,
    region: values.region,
    partition: values.partition,
    preview: values.preview,
    configPath: values.config,
    packDir: values.pack,
    stack: values.stack,
    json: values.json,
    quiet: values.quiet,
    verbose: values.verbose,
  };
}

function readPackConfig(file: string): PolicyPackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read --config ${file}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--config ${file} is not JSON: ${(e as Error).message}`);
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new UsageError(`--config ${file} must be an object of policy names`);
  }
  return config as PolicyPackConfig;
}

function progressPrinter(io: CliIo): (event: PreflightProgress) => void {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const tty = io.stderr.isTTY === true;
  let lastDraw = 0;
  return (event) => {
    switch (event.phase) {
      case "captured":
        io.stderr.write(`preflight: program registered ${event.resources} resources (${seconds(event.ms)})\n`);
        break;
      case "pack-started":
        io.stderr.write(
          `preflight: policy pack ${event.pack} v${event.version} is up with ${event.policies} policies (${seconds(event.ms)})\n`,
        );
        break;
      case "analyzing":
        // A counter on a terminal; nothing per resource in CI logs.
        if (tty && (event.done === event.total || Date.now() - lastDraw > 100)) {
          lastDraw = Date.now();
          io.stderr.write(
            `\rpreflight: analyzing ${event.done}/${event.total}${event.done === event.total ? "\n" : ""}`,
          );
        }
        break;
      case "analyzed":
        io.stderr.write(`preflight: analysis done (${seconds(event.ms)})\n`);
        break;
    }
  };
}

/** The one line a failure is reported as; `verbose` adds the pack's stderr or the stack trace. */
function describeFailure(error: unknown, verbose: boolean): string {
  if (error instanceof PackError) return verbose ? error.message : error.headline;
  if (error instanceof ProgramError) {
    const cause = error.cause instanceof Error && verbose ? `\n${error.cause.stack}` : "";
    return error.message + cause;
  }
  if (error instanceof Error) return verbose ? (error.stack ?? error.message) : error.message.split("\n")[0];
  return String(error);
}

/**
 * The Region as `pulumi config set` would hold it for both AWS providers: their default providers read
 * it, and the pack reads a resource's Region from its provider (AWS Native resources have no `region`).
 */
export function regionConfig(region: string): Record<string, string> {
  return { "aws:region": region, "aws-native:region": region };
}

async function preflight(args: PreflightArgs, io: CliIo): Promise<number> {
  // Fail on the cheap checks before starting anything.
  locateProgram(args.programDir);
  const packDir = path.resolve(args.packDir ?? defaultPackDir());
  const { typescript } = checkPackEntry(packDir);
  if (typescript && !args.quiet) {
    io.stderr.write(`preflight: warning: policy pack ${packDir} runs from TypeScript; compile it to start faster\n`);
  }
  const packConfig = args.configPath ? readPackConfig(args.configPath) : {};
  const result = await runPreflight({
    programDir: args.programDir,
    packDir,
    mode: args.preview ? "preview" : "update",
    mocks: new GuardrailsMocks({ account: args.account, region: args.region, partition: args.partition }),
    stackConfig: regionConfig(args.region),
    stack: args.stack,
    packConfig,
    onProgress: args.quiet ? undefined : progressPrinter(io),
  });
  io.stdout.write(args.json ? renderJson(result) : renderReport(result));
  return result.counts.mandatory > 0 ? 1 : 0;
}

export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let args: PreflightArgs | "help";
  try {
    args = parse(argv);
  } catch (error) {
    io.stderr.write(`kms-guardrails: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args === "help") {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await preflight(args, io);
  } catch (error) {
    const known = error instanceof NotAPulumiProgramError || error instanceof UsageError;
    io.stderr.write(`kms-guardrails preflight: error: ${describeFailure(error, args.verbose && !known)}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    // Exit explicitly: the Pulumi runtime can leave handles open, and the report must be flushed first.
    process.stdout.write("", () => process.exit(code));
  });
}
