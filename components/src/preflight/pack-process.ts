/**
 * A policy pack process, started the way the Pulumi CLI starts a Node.js pack:
 * `node <@pulumi/pulumi/cmd/run-policy-pack> <engine address> .` in the pack's folder. The pack prints
 * the port of its gRPC server as the first line of stdout.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { loadPulumiProtocol } from "./pulumi-modules";

export interface PackProcessOptions {
  packDir: string;
  /** How long the pack may take to print its port (it loads TypeScript and its policies first). */
  startTimeoutMs?: number;
  /** Extra environment for the pack, on top of ours (the CLI passes PULUMI_CONFIG, project, stack, dry run). */
  env?: Record<string, string>;
  /** The node binary; defaults to the one running us. */
  nodePath?: string;
  /** Aborting kills a pack that is still starting (e.g. the program it was for failed). */
  signal?: AbortSignal;
}

export interface PackExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A pack that would not start, died, or stopped answering. The message names the pack and quotes its stderr. */
export class PackError extends Error {
  readonly stderrTail: string;
  constructor(
    readonly packDir: string,
    /** What went wrong, in one line. */
    readonly summary: string,
    stderrTail: string,
  ) {
    const tail = stripAnsi(stderrTail).trim();
    super(tail ? `${summary}\n${indent(tail)}` : summary);
    this.name = "PackError";
    this.stderrTail = tail;
  }

  /** The summary plus the line of stderr that most likely says why (the thrown error), for one-line reports. */
  get headline(): string {
    const reason = keyLine(this.stderrTail);
    return reason ? `${this.summary}: ${reason}` : this.summary;
  }
}

function stripAnsi(text: string): string {
  // Node colours some stack frames even on pipes.
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

/** The thrown error's own line ("TypeError: ..."), else the last line that is not a stack frame. */
function keyLine(stderr: string): string | undefined {
  const lines = stderr
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("at "));
  return lines.find((l) => /^[A-Z]\w*(Error|Exception)\b/.test(l)) ?? lines[lines.length - 1];
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

const TAIL_BYTES = 8 * 1024;
/** run-policy-pack discards its first argument (index.js: `argv._.shift()`); packs reach an engine only
 * through PULUMI_NODEJS_ENGINE, which the CLI does not set for analyzers. So no engine server is needed. */
const ENGINE_ADDRESS_PLACEHOLDER = "127.0.0.1:0";
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

export class PackProcess {
  private stderr = "";
  private stdout = "";

  private constructor(
    readonly packDir: string,
    private readonly child: ChildProcess,
    /** Resolves when the process has exited (never rejects). */
    readonly exited: Promise<PackExit>,
    readonly port: number,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** The last lines the pack wrote to stderr (and to stdout after its port), for error messages. */
  stderrTail(): string {
    return this.stderr.trim();
  }

  stdoutTail(): string {
    return this.stdout.trim();
  }

  static async start(options: PackProcessOptions): Promise<PackProcess> {
    const packDir = path.resolve(options.packDir);
    const fail = (summary: string, stderr = ""): never => {
      throw new PackError(packDir, `policy pack ${packDir} ${summary}`, stderr);
    };
    if (!fs.existsSync(path.join(packDir, "package.json"))) fail("failed to start: no package.json in the folder");
    let runPolicyPack: string;
    try {
      runPolicyPack = loadPulumiProtocol(packDir).runPolicyPack;
    } catch (e) {
      return fail(`failed to start: ${(e as Error).message}`);
    }
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    delete env["PULUMI_NODEJS_ENGINE"];
    delete env["PULUMI_NODEJS_MONITOR"];
    const child = spawn(options.nodePath ?? process.execPath, [runPolicyPack, ENGINE_ADDRESS_PLACEHOLDER, "."], {
      cwd: packDir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    live.add(child);
    const exited = new Promise<PackExit>((resolve) => {
      child.once("exit", (code, signal) => {
        live.delete(child);
        resolve({ code, signal });
      });
      child.once("error", () => {
        live.delete(child);
        resolve({ code: null, signal: null });
      });
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-TAIL_BYTES);
    });

    const timeoutMs = options.startTimeoutMs ?? 30_000;
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      let settled = false;
      const done = (error: string | undefined, value?: number): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        if (error === undefined && value !== undefined) resolve(value);
        else {
          child.kill("SIGKILL");
          // Let the last stderr chunk arrive before quoting it.
          void exited.then(() => reject(new PackError(packDir, `policy pack ${packDir} ${error}`, stderr.trim())));
        }
      };
      const onData = (chunk: string): void => {
        stdout += chunk;
        const newline = stdout.indexOf("\n");
        if (newline < 0) return;
        // Like the CLI: the first line must be the port and nothing else.
        const line = stdout.slice(0, newline).trim();
        if (!/^\d+$/.test(line)) done(`failed to start: it wrote '${line.slice(0, 200)}' to stdout instead of a port`);
        else done(undefined, Number(line));
      };
      const timer = setTimeout(
        () => done(`failed to start: no port on stdout after ${timeoutMs} ms (killed)`),
        timeoutMs,
      );
      child.stdout?.setEncoding("utf8").on("data", onData);
      void exited.then(({ code, signal }) =>
        done(`failed to start: exited (${signal ?? `code ${code}`}) before printing its port`),
      );
      child.once("error", (e) => done(`failed to start: ${e.message}`));
      if (options.signal?.aborted) done("start aborted");
      options.signal?.addEventListener("abort", () => done("start aborted"), { once: true });
    });

    const pack = new PackProcess(packDir, child, exited, port);
    child.stderr?.removeAllListeners("data");
    pack.stderr = stderr;
    child.stderr?.on("data", (chunk: string) => {
      pack.stderr = (pack.stderr + chunk).slice(-TAIL_BYTES);
    });
    child.stdout?.on("data", (chunk: string) => {
      pack.stdout = (pack.stdout + chunk).slice(-TAIL_BYTES);
    });
    return pack;
  }

  /** Stops the process and waits for it to be gone (SIGKILL if it ignores SIGTERM). */
  async kill(): Promise<PackExit> {
    if (!this.hasExited) {
      this.child.kill("SIGTERM");
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 2_000);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exited;
  }
}
