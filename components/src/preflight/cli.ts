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
import { failureOf, UsageError, type Failure } from "./failure";
import { checkPackEntry, defaultPackDir } from "./locate-pack";
import { runPreflight, type PreflightProgress } from "./preflight";
import { locateProgram } from "./program";
import { renderSarif, renderSarifFailure, type SarifTool } from "./sarif";
import { readStackConfig } from "./stack-config";
import { renderJson, renderReport } from "./report";
import type { PolicyPackConfig } from "./types";

const USAGE = `usage: kms-guardrails preflight <program-dir> --account <12 digits> [--region <region>]
         [--stack <name>] [-c|--config-value <key>=<value>]... [--preview]
         [--policy-pack-config <file.json>] [--pack <dir>] [--partition aws]
         [--format human|json|sarif] [--json] [--quiet] [--verbose]
       kms-guardrails --version | --help

Runs the Pulumi program in <program-dir> under mocks (as an update, or as the first preview of a new
stack with --preview) and checks every resource against the policy pack over the same protocol
\`pulumi preview --policy-pack\` uses.
  --region <region>           the AWS Region; may come from aws:region in the stack config instead
  --stack <name>              read the stack's config from Pulumi.<name>.yaml (plain values)
  -c, --config-value <k>=<v>  set or override one config value (repeatable), as \`pulumi preview -c\`
  --policy-pack-config <file> the pack's configuration, as \`pulumi preview --policy-pack-config\`
  --format human|json|sarif   the report on stdout (--json is --format json); SARIF 2.1.0 for code scanning
Exit code: 0 passed, 1 a mandatory policy is violated, 2 the preflight could not run (with json or sarif,
stdout then says why: {"error": {"code", "message"}}, or a SARIF run whose invocation failed).
  -v, --version               print the version of pulumi-kms-guardrails and exit`;

/** The library's version (its package.json, two levels above dist/preflight and src/preflight). */
const VERSION = (
  JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }
).version;

const SARIF_TOOL: SarifTool = { version: VERSION };

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export type OutputFormat = "human" | "json" | "sarif";
const FORMATS: readonly OutputFormat[] = ["human", "json", "sarif"];

export interface PreflightArgs {
  programDir: string;
  account: string;
  region?: string;
  partition: string;
  preview: boolean;
  packConfigPath?: string;
  /** --config was used for the pack's configuration (deprecated: the Pulumi CLI's --config is stack config). */
  deprecatedConfigFlag: boolean;
  packDir?: string;
  stack?: string;
  configValues: string[];
  format: OutputFormat;
  quiet: boolean;
  verbose: boolean;
}

function isFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/**
 * The format asked for, read without parsing the rest: a run whose arguments are wrong still answers in
 * the format the caller reads.
 */
export function requestedFormat(argv: readonly string[]): OutputFormat {
  let format: OutputFormat = "human";
  argv.forEach((arg, i) => {
    const value = arg === "--format" ? argv[i + 1] : arg.startsWith("--format=") ? arg.slice(9) : undefined;
    if (arg === "--json") format = "json";
    else if (value !== undefined && isFormat(value)) format = value;
  });
  return format;
}

function checkRegion(region: string, source: string): void {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region))
    throw new UsageError(`${source} must be an AWS Region such as us-east-1`);
}

/** The preflight's arguments (throws a UsageError); exported so docs' examples are checked against it. */
export function parsePreflightArgs(argv: string[]): PreflightArgs | "help" {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      account: { type: "string" },
      region: { type: "string" },
      partition: { type: "string", default: "aws" },
      preview: { type: "boolean", default: false },
      "policy-pack-config": { type: "string" },
      config: { type: "string" },
      "config-value": { type: "string", short: "c", multiple: true, default: [] },
      pack: { type: "string" },
      stack: { type: "string" },
      format: { type: "string" },
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
  if (values.region !== undefined) checkRegion(values.region, "--region");
  if (!/^aws(-[a-z]+)*$/.test(values.partition)) throw new UsageError("--partition must be aws, aws-cn, aws-us-gov...");
  if (values.format !== undefined && !isFormat(values.format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(", ")} (got "${values.format}")`);
  }
  if (values.json && values.format !== undefined && values.format !== "json") {
    throw new UsageError(`--json and --format ${values.format} disagree`);
  }
  if (values.config !== undefined && values["policy-pack-config"] !== undefined) {
    throw new UsageError("--config is the old name of --policy-pack-config: give one of them");
  }
  return {
    programDir,
    account: values.account,
    region: values.region,
    partition: values.partition,
    preview: values.preview,
    packConfigPath: values["policy-pack-config"] ?? values.config,
    deprecatedConfigFlag: values.config !== undefined,
    packDir: values.pack,
    stack: values.stack,
    configValues: values["config-value"],
    format: values.json ? "json" : ((values.format as OutputFormat | undefined) ?? "human"),
    quiet: values.quiet,
    verbose: values.verbose,
  };
}

function readPackConfig(file: string): PolicyPackConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`cannot read --policy-pack-config ${file}`, "pack-config");
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--policy-pack-config ${file} is not JSON: ${(e as Error).message}`, "pack-config");
  }
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new UsageError(`--policy-pack-config ${file} must be an object of policy names`, "pack-config");
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

/**
 * The Region as `pulumi config set` would hold it for both AWS providers: their default providers read
 * it, and the pack reads a resource's Region from its provider (AWS Native resources have no `region`).
 */
export function regionConfig(region: string): Record<string, string> {
  return { "aws:region": region, "aws-native:region": region };
}

async function preflight(args: PreflightArgs, io: CliIo): Promise<number> {
  // Fail on the cheap checks before starting anything.
  const program = locateProgram(args.programDir);
  const stackConfig = readStackConfig(program, args.stack, args.configValues);
  if (!args.quiet) for (const warning of stackConfig.warnings) io.stderr.write(`preflight: warning: ${warning}\n`);
  const configRegion = stackConfig.values["aws:region"];
  if (configRegion !== undefined) checkRegion(configRegion, "aws:region in the stack config");
  if (args.region !== undefined && configRegion !== undefined && args.region !== configRegion) {
    throw new UsageError(`--region ${args.region} disagrees with aws:region ${configRegion} of the stack config`);
  }
  const region = args.region ?? configRegion;
  if (region === undefined) {
    throw new UsageError("--region must be an AWS Region such as us-east-1 (or set aws:region in the stack config)");
  }
  const packDir = path.resolve(args.packDir ?? defaultPackDir());
  const { typescript } = checkPackEntry(packDir);
  if (typescript && !args.quiet) {
    io.stderr.write(`preflight: warning: policy pack ${packDir} runs from TypeScript; compile it to start faster\n`);
  }
  if (args.deprecatedConfigFlag) {
    io.stderr.write(
      "preflight: warning: --config is deprecated for the policy pack's configuration (the Pulumi CLI's --config " +
        "sets stack config): use --policy-pack-config\n",
    );
  }
  const packConfig = args.packConfigPath ? readPackConfig(args.packConfigPath) : {};
  const result = await runPreflight({
    programDir: args.programDir,
    packDir,
    mode: args.preview ? "preview" : "update",
    mocks: new GuardrailsMocks({ account: args.account, region, partition: args.partition }),
    stackConfig: { ...regionConfig(region), ...stackConfig.values },
    stack: args.stack,
    packConfig,
    packConfigSource: args.packConfigPath ? `--policy-pack-config ${args.packConfigPath}` : undefined,
    onProgress: args.quiet ? undefined : progressPrinter(io),
  });
  const report =
    args.format === "json"
      ? renderJson(result)
      : args.format === "sarif"
        ? renderSarif(result, SARIF_TOOL)
        : renderReport(result);
  io.stdout.write(report);
  return result.counts.mandatory > 0 ? 1 : 0;
}

/** With json or sarif, stdout says why there is no report (a human reads stderr). */
function writeFailure(io: CliIo, format: OutputFormat, failure: Failure): void {
  if (format === "json") io.stdout.write(JSON.stringify({ error: failure }, null, 2) + "\n");
  else if (format === "sarif") io.stdout.write(renderSarifFailure(failure, SARIF_TOOL));
}

export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  // Anywhere on the line, as most CLIs take it; before parsing, so `kms-guardrails --version` needs no command.
  if (argv.includes("--version") || argv.includes("-v")) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  let args: PreflightArgs | "help";
  try {
    args = parsePreflightArgs(argv);
  } catch (error) {
    io.stderr.write(`kms-guardrails: ${(error as Error).message}\n${USAGE}\n`);
    writeFailure(io, requestedFormat(argv), { code: "usage", message: (error as Error).message });
    return 2;
  }
  if (args === "help") {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await preflight(args, io);
  } catch (error) {
    const failure = failureOf(error, args.verbose);
    io.stderr.write(`kms-guardrails preflight: error: ${failure.message}\n`);
    writeFailure(io, args.format, failure);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    // Exit explicitly: the Pulumi runtime can leave handles open, and the report must be flushed first.
    process.stdout.write("", () => process.exit(code));
  });
}
