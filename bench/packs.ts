/**
 * The two packs the bench compares, started the way the Pulumi CLI starts them, and what the bench
 * reads off their processes (/proc: peak resident memory).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient } from "../components/src/preflight/analyzer-client";
import { RESOURCE_RULES } from "../policypack/rules";
import { elapsedMs } from "./stats";

const ROOT = path.join(__dirname, "..");

export interface PackUnderTest {
  readonly label: "ours" | "empty";
  readonly dir: string;
  /** Environment for the pack process, on top of the bench's. */
  readonly env?: Readonly<Record<string, string>>;
}

export const OUR_PACK: PackUnderTest = { label: "ours", dir: path.join(ROOT, "policypack") };
/** Zero policies, same @pulumi/policy and launcher: the floor every ratio is taken against. */
export const EMPTY_PACK: PackUnderTest = { label: "empty", dir: path.join(ROOT, "test", "fixtures", "packs", "empty") };
/**
 * As many resource policies as ours, the first only JSON.parsing each key policy: what any pack with
 * our resource rules pays in Analyze before analyzing anything (@pulumi/policy's cost per policy,
 * and reading the policy).
 */
export const FLOOR_PACK: PackUnderTest = {
  label: "empty",
  dir: path.join(ROOT, "bench", "packs", "floor"),
  env: { KMS_GUARDRAILS_BENCH_RESOURCE_POLICIES: String(RESOURCE_RULES.length) },
};

/** The compiled pack must be current: the bench measures bin/, not the TypeScript beside it. */
export function checkCompiledPack(): void {
  const entry = path.join(OUR_PACK.dir, "bin", "index.js");
  if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first`);
  const built = fs.statSync(entry).mtimeMs;
  const stale = fs
    .readdirSync(OUR_PACK.dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.startsWith("node_modules") && !f.startsWith("bin"))
    .filter((f) => fs.statSync(path.join(OUR_PACK.dir, f)).mtimeMs > built);
  if (stale.length > 0) throw new Error(`policypack/bin is older than ${stale[0]}: run \`npm run build\` first`);
}

export interface StartedPack {
  readonly client: AnalyzerClient;
  /** Spawn through run-policy-pack until the port is printed, then GetAnalyzerInfo answered. */
  readonly startMs: number;
}

export async function startPack(pack: PackUnderTest): Promise<StartedPack> {
  const start = process.hrtime.bigint();
  const client = await AnalyzerClient.start({
    packDir: pack.dir,
    callTimeoutMs: 600_000,
    startTimeoutMs: 60_000,
    ...(pack.env !== undefined ? { env: { ...pack.env } } : {}),
  });
  await client.getAnalyzerInfo();
  return { client, startMs: elapsedMs(start) };
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
