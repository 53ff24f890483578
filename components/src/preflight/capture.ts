/**
 * Runs a Pulumi program in this process under `pulumi.runtime.setMocks` and returns its resources as
 * the engine would hand them to a policy pack. No engine, no provider, no cloud.
 *
 * The mocks are installed on the @pulumi/pulumi the *program* loads (resolved from its folder): a second
 * copy would run without mocks and silently echo inputs. The program runs inside a Stack resource, as
 * under the CLI, and its modules are loaded afresh on every capture.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as pulumiSdk from "@pulumi/pulumi";
import type { Mocks } from "@pulumi/pulumi/runtime/mocks";
import { RegistrationRecorder, type RecordableMonitor } from "./capture-recorder";
import { locateProgram, type PulumiProgram } from "./program";
import { resolvePulumiDir } from "./pulumi-modules";
import { compileErrorOf, ensureTypeScript } from "./typescript-loader";
import type { EngineResource } from "./types";

export type CaptureMode = "preview" | "update";

export interface CaptureOptions {
  programDir: string;
  mode: CaptureMode;
  /** Answers for resources and invokes (see components/src/testing/mocks.ts for the AWS ones). */
  mocks: Mocks;
  /** Defaults to "preflight". */
  stack?: string;
  /** Stack config as `pulumi config` would hold it, e.g. { "aws:region": "us-east-1" }. */
  config?: Record<string, string>;
  /** The program must finish within this time (default 120 s). */
  timeoutMs?: number;
  onResource?: (resource: EngineResource) => void;
}

export interface Capture {
  program: PulumiProgram;
  project: string;
  stack: string;
  mode: CaptureMode;
  config: Record<string, string>;
  resources: EngineResource[];
}

/** The program threw, rejected, or never finished. */
export class ProgramError extends Error {
  constructor(
    readonly programDir: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`program ${programDir} failed: ${reason}`, { cause });
    this.name = "ProgramError";
  }
}

type Sdk = typeof pulumiSdk;

function loadProgramSdk(program: PulumiProgram): { sdk: Sdk; load: NodeJS.Require } {
  const load = createRequire(path.join(program.entryDir, "noop.js"));
  return { sdk: load("@pulumi/pulumi") as Sdk, load };
}

/**
 * Forgets the program's own modules so the next capture runs it again. Only the entry folder: with a
 * root Pulumi.yaml whose `main` is a subfolder, the project folder holds everything else too
 * (libraries, tests, us). Dependencies stay cached.
 */
function forgetProgramModules(load: NodeJS.Require, program: PulumiProgram): void {
  const root = program.entryDir + path.sep;
  for (const file of Object.keys(load.cache)) {
    if (file.startsWith(root) && !file.includes(`${path.sep}node_modules${path.sep}`)) delete load.cache[file];
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message.split("\n")[0] || error.name;
  return String(error);
}

/**
 * Runs the program, with process-wide handlers for the errors a Pulumi program raises out of band
 * (a failed registration surfaces as an unhandled rejection, not as a rejection of our await).
 */
async function runGuarded<T>(programDir: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  const programError = (error: unknown): ProgramError => {
    if (error instanceof ProgramError) return error;
    const compile = compileErrorOf(error, programDir);
    return compile
      ? new ProgramError(programDir, compile.message, compile)
      : new ProgramError(programDir, describe(error), error);
  };
  let onError: (error: unknown) => void = () => {};
  const outOfBand = new Promise<never>((_, reject) => {
    onError = (error) => reject(programError(error));
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProgramError(programDir, `did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  process.on("unhandledRejection", onError);
  process.on("uncaughtException", onError);
  try {
    return await Promise.race([
      run().catch((error: unknown) => {
        throw programError(error);
      }),
      outOfBand,
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    // A failed program rejects several promises (the stack's outputs, its registration); the others
    // are reported as unhandled a turn later. Keep absorbing until they have surfaced.
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off("unhandledRejection", onError);
    process.off("uncaughtException", onError);
  }
}

/** The Pulumi runtime is process-global state: captures run one at a time. */
let queue: Promise<unknown> = Promise.resolve();

export function captureProgram(options: CaptureOptions): Promise<Capture> {
  const run = queue.then(() => captureOnce(options));
  queue = run.catch(() => {});
  return run;
}

async function captureOnce(options: CaptureOptions): Promise<Capture> {
  const program = locateProgram(options.programDir);
  const stack = options.stack ?? "preflight";
  const config = { ...options.config };
  const preview = options.mode === "preview";
  const { sdk, load } = loadProgramSdk(program);
  try {
    ensureTypeScript(program, resolvePulumiDir(program.entryDir));
  } catch (error) {
    // A tsconfig.json TypeScript rejects fails here, before any file is compiled.
    const compile = compileErrorOf(error, program.projectDir);
    if (compile) throw new ProgramError(program.projectDir, compile.message, compile);
    throw error;
  }

  await sdk.runtime.setMocks(options.mocks, program.project, stack, preview);
  // setMocks resets options, not config: clear what an earlier capture set, then set ours.
  sdk.runtime.setAllConfig(config);
  const recorder = new RegistrationRecorder({
    project: program.project,
    stack,
    preview,
    config,
    onResource: options.onResource,
    programDir: program.projectDir,
  });
  const monitor = sdk.runtime.getMonitor() as unknown as RecordableMonitor | undefined;
  if (!monitor) throw new Error("setMocks installed no monitor");
  recorder.install(monitor);

  forgetProgramModules(load, program);
  try {
    await runGuarded(program.projectDir, options.timeoutMs ?? 120_000, async () => {
      await sdk.runtime.runInPulumiStack(async () => {
        const exported: unknown = load(program.entry);
        // Like the CLI: a program may export a (possibly async) function that builds the stack.
        return typeof exported === "function" ? await (exported as () => unknown)() : exported;
      });
      // Registrations started but not yet answered still count.
      await sdk.runtime.disconnect();
    });
  } finally {
    // Also afterwards: whoever requires the program next in this process (a test) must run it, not get
    // our run's exports.
    forgetProgramModules(load, program);
  }

  return { program, project: program.project, stack, mode: options.mode, config, resources: recorder.resources() };
}
