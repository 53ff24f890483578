/**
 * The two packs the bench compares, started the way the Pulumi CLI starts them, and what the bench
 * reads off their processes (/proc: peak resident memory).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient } from "../components/src/preflight/analyzer-client";
import { encodeGetAnalyzerInfo } from "../components/src/preflight/analyzer-messages";
import { RESOURCE_RULES } from "../policypack/rules";
import { extract, pack, run, tempDir } from "../test/packaging/npm";
import { elapsedMs } from "./stats";

const ROOT = path.join(__dirname, "..");

export interface PackUnderTest {
  readonly label: "ours" | "empty";
  readonly dir: string;
  /** Environment for the pack process, on top of the bench's. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Where installStandalone() put the packed pack; every pack under test runs from there. */
let installed: string | undefined;

function installedDir(...segments: string[]): string {
  if (installed === undefined) throw new Error("the bench packs are not installed: call installStandalone() first");
  return path.join(installed, ...segments);
}

/**
 * What a user runs: `npm pack` of policypack/ (its `prepack` bundles the current sources), extracted
 * outside the repository and installed with `npm install --omit=dev`. The empty and floor packs are
 * copied into subfolders of it, so all three load the same installed @pulumi/policy and launcher.
 * Returns the folder; `removeStandalone()` deletes it.
 */
export function installStandalone(log: (line: string) => void): string {
  const work = tempDir("bench");
  const started = Date.now();
  const tarball = pack(path.join(ROOT, "policypack"), work);
  const dir = extract(tarball, work);
  const packed = Date.now();
  run("npm", ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], dir, "npm install");
  log(
    `standalone pack: ${path.basename(tarball.file)} ${(fs.statSync(tarball.file).size / 1024).toFixed(0)} KiB, ` +
      `pack ${((packed - started) / 1000).toFixed(1)} s, npm install ${((Date.now() - packed) / 1000).toFixed(1)} s, in ${dir}`,
  );
  fs.cpSync(path.join(ROOT, "test", "fixtures", "packs", "empty"), path.join(dir, "bench-empty"), { recursive: true });
  fs.cpSync(path.join(ROOT, "bench", "packs", "floor"), path.join(dir, "bench-floor"), { recursive: true });
  installed = dir;
  return dir;
}

export function removeStandalone(): void {
  if (installed !== undefined) fs.rmSync(path.dirname(installed), { recursive: true, force: true });
  installed = undefined;
}

export const OUR_PACK: PackUnderTest = {
  label: "ours",
  get dir() {
    return installedDir();
  },
};
/** Zero policies, same @pulumi/policy and launcher: the floor every ratio is taken against. */
export const EMPTY_PACK: PackUnderTest = {
  label: "empty",
  get dir() {
    return installedDir("bench-empty");
  },
};
/**
 * As many resource policies as ours, the first only JSON.parsing each key policy: what any pack with
 * our resource rules pays in Analyze before analyzing anything (@pulumi/policy's cost per policy,
 * and reading the policy).
 */
export const FLOOR_PACK: PackUnderTest = {
  label: "empty",
  get dir() {
    return installedDir("bench-floor");
  },
  env: { KMS_GUARDRAILS_BENCH_RESOURCE_POLICIES: String(RESOURCE_RULES.length) },
};

export interface StartedPack {
  readonly client: AnalyzerClient;
  /** Spawn through run-policy-pack until the port is printed, then GetAnalyzerInfo answered. */
  readonly startMs: number;
  /**
   * The pack main thread's CPU time by then: the start-up's critical path (loading modules,
   * constructing the pack, answering), without the time it waited for a CPU another process held.
   */
  readonly startCpuMs: number;
}

export async function startPack(pack: PackUnderTest): Promise<StartedPack> {
  const start = process.hrtime.bigint();
  const client = await AnalyzerClient.start({
    packDir: pack.dir,
    callTimeoutMs: 600_000,
    startTimeoutMs: 60_000,
    ...(pack.env !== undefined ? { env: { ...pack.env } } : {}),
  });
  // The answer is received, not decoded: the CLI decodes it in Go in well under a millisecond,
  // while this process's protobuf decoder would add its own time in proportion to the answer
  // (ours describes 19 rules and their config schemas: 46 KB, several ms), which no user waits for.
  await client.sendRaw("getAnalyzerInfo", encodeGetAnalyzerInfo(client.protocol).bytes);
  const startMs = elapsedMs(start);
  return { client, startMs, startCpuMs: mainThreadCpuMs(client) };
}

/**
 * How long the bench lets a pack sit after ConfigureStack before the first Analyze: the CLI runs the
 * program then, and its first resource reaches the pack after the language host, the program and a
 * provider plugin have started (far longer than this). The pack's warm-up (warm-up-schedule.ts)
 * runs in that time.
 */
const PROGRAM_START_MS = 250;

export interface ConfiguredPack {
  readonly client: AnalyzerClient;
  /** The pack main thread's CPU time from ConfigureStack to the end of the wait: our warm-up. */
  readonly settleCpuMs: number;
}

/**
 * A pack started and told what the CLI tells it before any analysis (Configure, ConfigureStack),
 * then left alone while a program would start.
 */
export async function configuredPack(pack: PackUnderTest): Promise<ConfiguredPack> {
  const { client } = await startPack(pack);
  try {
    await client.configure({});
    const before = mainThreadCpuMs(client);
    await client.configureStack({ project: "bench", stack: "prod", dryRun: false });
    await settle(client);
    return { client, settleCpuMs: mainThreadCpuMs(client) - before };
  } catch (error) {
    await client.close();
    throw error;
  }
}

export async function startConfigured(pack: PackUnderTest): Promise<AnalyzerClient> {
  return (await configuredPack(pack)).client;
}

/** Waits PROGRAM_START_MS, and longer while the pack's main thread is still busy (a loaded machine). */
async function settle(client: AnalyzerClient): Promise<void> {
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
  await sleep(PROGRAM_START_MS);
  for (let last = mainThreadCpuMs(client), i = 0; i < 100; i++) {
    await sleep(20);
    const now = mainThreadCpuMs(client);
    if (now - last < 1) return;
    last = now;
  }
}

function procStatus(pid: number, field: string): number {
  const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text);
  if (match === null) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ): 100 on every Linux build that matters. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time the pack process has used so far (user + system), in ms, at a 10 ms resolution. Unlike
 * wall-clock time, it does not grow while the pack waits for a CPU another process holds, so it
 * shows the pack's own work on a shared machine.
 */
export function cpuMs(client: AnalyzerClient): number {
  if (client.pid === undefined) throw new Error("the pack has no pid");
  const stat = fs.readFileSync(`/proc/${client.pid}/stat`, "utf8");
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * CPU time the pack's main thread has used so far, in ms, at nanosecond resolution (the first field
 * of /proc/<pid>/task/<pid>/schedstat: time on a CPU, user and kernel). The main thread is the one
 * every Analyze call waits for: gRPC, decoding, the policies and encoding all run on it; V8's
 * compiler and GC helper threads run beside it. Time spent waiting for a CPU that another process
 * holds is not in it, so on a shared machine it shows the pack's own work.
 */
export function mainThreadCpuMs(client: AnalyzerClient): number {
  if (client.pid === undefined) throw new Error("the pack has no pid");
  const text = fs.readFileSync(`/proc/${client.pid}/task/${client.pid}/schedstat`, "utf8");
  return Number(text.slice(0, text.indexOf(" "))) / 1e6;
}

/** The process's peak resident set (VmHWM), in MiB. */
export function peakMemoryMiB(client: AnalyzerClient): number {
  if (client.pid === undefined) throw new Error("the pack has no pid");
  return procStatus(client.pid, "VmHWM");
}

/**
 * Resets the peak to the current resident set (Linux `clear_refs` 5), so the next reading is the
 * peak of what follows, not of everything the process did before. False when not permitted.
 */
export function resetPeakMemory(client: AnalyzerClient): boolean {
  if (client.pid === undefined) return false;
  try {
    fs.writeFileSync(`/proc/${client.pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}
