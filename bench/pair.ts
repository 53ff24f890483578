/**
 * Paired comparison of checkouts on the pack's resource policies, in process, on cold calls: for
 * judging a speed change before `npm run bench` (whose Analyze figures move a few percent from run
 * to run, while a change worth having may move them by one).
 *
 *   node --require ts-node/register/transpile-only bench/pair.ts [DIR ...]
 *
 * Bundles the pack's policies from this checkout and from each DIR (a `git worktree` of main with
 * its own node_modules, say), and a second bundle of this checkout as a control, loads them all in
 * one process (bench/pair-worker.ts) and gives every key of bench/fixtures/key-policies.ts to each in
 * turn, the order rotating key by key, each call after PAIR_IDLE_MS (1) of idling: in the running
 * pack every Analyze call starts on cold caches, which triples the cost of the same calls made back
 * to back. PAIR_RUNS (2) processes, every other one loading the builds in reverse order (a build
 * loaded first runs a little faster); prints per-key medians per pass (PAIR_PASSES, 6 of 1,000 keys)
 * and each build's ratio to this checkout's, the median of the per-pass ratios. The control's ratio
 * is the noise: a smaller difference decides nothing.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleAgainst, HERE, nodeBinary } from "./in-process";
import type { PairResult } from "./pair-worker";
import { median } from "./stats";

const ENTRY = `export { policies } from "../policypack/policies"; export { warmUp } from "../policypack/warm-up";`;
const WORKER = fs.readFileSync(path.join(__dirname, "pair-worker.ts"), "utf8");

function runWorker(worker: string, specs: readonly string[]): PairResult[] {
  const run = spawnSync(nodeBinary(), [worker, ...specs], {
    cwd: path.join(HERE, "policypack"),
    env: { ...process.env, NODE_PATH: path.join(HERE, "node_modules") },
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`worker failed: ${run.stderr}`);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as PairResult);
}

async function main(): Promise<void> {
  const others = process.argv.slice(2).map((d) => path.resolve(d));
  const builds = [
    { name: ".", root: HERE },
    ...others.map((root) => ({ name: path.relative(process.cwd(), root) || root, root })),
    { name: "control", root: HERE },
  ];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "pair-"));
  try {
    const files = await Promise.all(
      builds.map(async (b, i) => {
        const file = path.join(work, `build-${i}.js`);
        await bundleAgainst(b.root, ENTRY, "entry.ts", file);
        return file;
      }),
    );
    const worker = path.join(work, "worker.js");
    await bundleAgainst(HERE, WORKER, "pair-worker.ts", worker);
    const specs = builds.map((b, i) => `${b.name}=${files[i]}`);
    // Builds loaded first run a little faster (code placement): every other run loads them in reverse.
    const runs = Math.max(1, Number(process.env.PAIR_RUNS ?? 2));
    const byName = new Map<string, { firstUs: number[]; passUs: number[]; ratios: number[] }>();
    for (let r = 0; r < runs; r++) {
      const results = runWorker(worker, r % 2 === 0 ? specs : [...specs].reverse());
      const base = results.find((x) => x.name === builds[0].name) as PairResult;
      for (const x of results) {
        const entry = byName.get(x.name) ?? { firstUs: [], passUs: [], ratios: [] };
        entry.firstUs.push(x.firstUs);
        entry.passUs.push(...x.passUs);
        entry.ratios.push(...x.passUs.map((us, p) => us / base.passUs[p]));
        byName.set(x.name, entry);
      }
    }
    process.stdout.write(
      `cold calls (${process.env.PAIR_IDLE_MS ?? 1} ms idle before each), µs per key, ${runs} runs; ratio to .: median of the passes\n`,
    );
    for (const b of builds) {
      const e = byName.get(b.name) as { firstUs: number[]; passUs: number[]; ratios: number[] };
      process.stdout.write(
        `${b.name.padEnd(12)} first 100 ${median(e.firstUs).toFixed(1).padStart(6)}  median ${median(e.passUs).toFixed(1).padStart(6)}` +
          `  vs . ${median(e.ratios).toFixed(3)} [${e.ratios.map((x) => x.toFixed(2)).join(" ")}]\n`,
      );
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`pair: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
