/**
 * Pack start-up: spawn through run-policy-pack until the port is printed, then GetAnalyzerInfo,
 * our pack and the empty pack alternated run by run. Plus what our pack's own code costs to load
 * (timed `require` in a fresh node), and whether it pulls in a provider SDK.
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { configuredPack, EMPTY_PACK, OUR_PACK, startPack } from "../packs";
import { alternate, type Pair } from "../side-by-side";
import { median } from "../stats";

export interface StartupResult {
  readonly runs: number;
  /** Medians of wall clock, spawn to GetAnalyzerInfo answered. */
  readonly ms: Pair<number>;
  /** Medians of the pack main thread's CPU time by then (packs.ts `startCpuMs`). */
  readonly cpuMs: Pair<number>;
  /** The target's figure: the median of each round's main-thread ratio, ours / empty. */
  readonly ratio: number;
  readonly samples: Pair<number[]>;
  /** `require` of the pack's bundle (bin/index.js, policies and server construction) in a fresh node, @pulumi/policy already loaded. */
  readonly codeLoad: { readonly ms: number; readonly modules: number; readonly pulumiAws: boolean };
  /**
   * The pack main thread's CPU time after ConfigureStack, while the CLI would start the program (our
   * warm-up, warm-up-schedule.ts): not in the start-up figure, which no longer waits for it.
   */
  readonly afterConfigureStackCpuMs: Pair<number>;
}

interface Start {
  readonly ms: number;
  readonly cpuMs: number;
}

async function startOnce(pack: typeof OUR_PACK): Promise<Start> {
  const started = await startPack(pack);
  await started.client.close();
  return { ms: started.startMs, cpuMs: started.startCpuMs };
}

async function settledCpuMs(pack: typeof OUR_PACK): Promise<number> {
  const { client, settleCpuMs } = await configuredPack(pack);
  await client.close();
  return settleCpuMs;
}

/** Times the require in a child process: this process has loaded everything already. */
function codeLoad(): StartupResult["codeLoad"] {
  const entry = path.join(OUR_PACK.dir, "bin", "index.js");
  // The bundle constructs the PolicyPack, which prints its port once bound: exit before that.
  const script = `
    require("@pulumi/policy");
    const before = Object.keys(require.cache).length;
    const t = process.hrtime.bigint();
    require(${JSON.stringify(entry)});
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    const files = Object.keys(require.cache);
    process.stderr.write(JSON.stringify({ ms, modules: files.length - before, pulumiAws: files.some((f) => /node_modules[\\\\/]@pulumi[\\\\/]aws(-native)?[\\\\/]/.test(f)) }));
    process.exit(0);`;
  const samples = Array.from({ length: 5 }, () => {
    const out = spawnSync(process.execPath, ["-e", script], { cwd: OUR_PACK.dir, encoding: "utf8" });
    if (out.status !== 0) throw new Error(`loading ${entry} failed: ${out.stderr}`);
    return JSON.parse(out.stderr.trim().split("\n").pop() ?? "") as StartupResult["codeLoad"];
  });
  return { ...samples[0], ms: median(samples.map((s) => s.ms)) };
}

export async function benchStartup(runs: number, log: (line: string) => void): Promise<StartupResult> {
  // Warm-up: the page cache and this process's copy of the protocol modules.
  await alternate({ ours: OUR_PACK, empty: EMPTY_PACK }, 0, startOnce);
  const samples: Pair<number[]> = { ours: [], empty: [] };
  const cpu: Pair<number[]> = { ours: [], empty: [] };
  for (let round = 0; round < runs; round++) {
    const start = await alternate({ ours: OUR_PACK, empty: EMPTY_PACK }, round, startOnce);
    samples.ours.push(start.ours.ms);
    samples.empty.push(start.empty.ms);
    cpu.ours.push(start.ours.cpuMs);
    cpu.empty.push(start.empty.cpuMs);
    log(
      `  round ${round + 1}: ours ${start.ours.ms.toFixed(0)} ms (main thread ${start.ours.cpuMs.toFixed(0)} ms), ` +
        `empty ${start.empty.ms.toFixed(0)} ms (${start.empty.cpuMs.toFixed(0)} ms)`,
    );
  }
  const settled: Pair<number[]> = { ours: [], empty: [] };
  for (let round = 0; round < 3; round++) {
    const cpu = await alternate({ ours: OUR_PACK, empty: EMPTY_PACK }, round, settledCpuMs);
    settled.ours.push(cpu.ours);
    settled.empty.push(cpu.empty);
  }
  return {
    runs,
    ms: { ours: median(samples.ours), empty: median(samples.empty) },
    cpuMs: { ours: median(cpu.ours), empty: median(cpu.empty) },
    ratio: median(cpu.ours.map((ours, i) => ours / cpu.empty[i])),
    samples,
    codeLoad: codeLoad(),
    afterConfigureStackCpuMs: { ours: median(settled.ours), empty: median(settled.empty) },
  };
}
