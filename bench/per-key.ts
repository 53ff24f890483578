/**
 * Per-key cost of the pack's analysis, for finding and checking speed work on the Analyze targets
 * (not a target itself: `npm run bench` judges those, over gRPC, against the floor pack).
 *
 *   node --conditions=source --require ts-node/register/transpile-only bench/per-key.ts [DIR ...]
 *
 * Bundles bench/per-key-worker.ts with the pack's esbuild settings (scripts/bundle-pack.ts) and runs
 * it in fresh processes: the resource policies on the bench's Analyze keys, in process, after the
 * pack's warm-up. Prints main-thread CPU per key (first 100 keys, warm) and bytes allocated per key.
 * CPU on a shared machine moves by tens of percent from run to run; the bytes do not. These are
 * back-to-back calls: the running pack's calls start on cold caches, and bench/pair.ts compares
 * checkouts on those.
 *
 * DIR: other checkouts to compare, each with its own node_modules (a `git worktree` of main, say):
 * the worker is this checkout's, bundled against each DIR's sources; runs alternate between them,
 * and the ratios are of paired runs. PER_KEY_RUNS (5), PER_KEY_PASSES (5 passes of 1,000 keys),
 * PER_KEY_TOP (10): allocation sites listed; PER_KEY_FORM=classic or native: keys of that provider
 * only (the bench sends one AWS Native key in five).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { bundleAgainst, HERE, nodeBinary } from "./in-process";
import type { PerKeyResult } from "./per-key-worker";
import { median } from "./stats";

const WORKER = fs.readFileSync(path.join(__dirname, "per-key-worker.ts"), "utf8");

async function bundle(root: string, out: string): Promise<void> {
  await bundleAgainst(root, WORKER, "per-key-worker.ts", out);
}

function runWorker(file: string, root: string): PerKeyResult {
  const result = spawnSync(nodeBinary(), [file], {
    cwd: path.join(root, "policypack"),
    env: { ...process.env, NODE_PATH: path.join(root, "node_modules"), PER_KEY_TOP: process.env.PER_KEY_TOP ?? "10" },
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`worker for ${root} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as PerKeyResult;
}

const FIGURES = ["warmUpMs", "firstUsPerKey", "warmUsPerKey", "bytesPerKey"] as const;

async function main(): Promise<void> {
  const roots = [HERE, ...process.argv.slice(2).map((d) => path.resolve(d))];
  const runs = Number(process.env.PER_KEY_RUNS ?? 5);
  const top = process.env.PER_KEY_TOP ?? "10";
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "per-key-"));
  try {
    const files = await Promise.all(
      roots.map(async (root, i) => {
        const file = path.join(work, `worker-${i}.js`);
        await bundle(root, file);
        return file;
      }),
    );
    const results: PerKeyResult[][] = roots.map(() => []);
    for (let run = 0; run < runs; run++) {
      for (let k = 0; k < roots.length; k++) {
        const i = (run + k) % roots.length;
        results[i].push(runWorker(files[i], roots[i]));
      }
    }
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ");
    process.stdout.write(`per-key cost, ${runs} runs each (load ${load}); medians\n`);
    for (const [i, root] of roots.entries()) {
      const r = results[i];
      const cells = FIGURES.map((f) => {
        const value = median(r.map((x) => x[f]));
        const ratio = i === 0 ? "" : ` (${median(r.map((x, j) => x[f] / results[0][j][f])).toFixed(2)}x)`;
        return `${f} ${value.toFixed(f === "bytesPerKey" ? 0 : 1)}${ratio}`;
      });
      process.stdout.write(
        `${path.relative(process.cwd(), root) || "."}: ${cells.join(", ")}; violations ${r[0].violations}\n`,
      );
    }
    process.stdout.write(
      `allocation sites of ${path.relative(process.cwd(), HERE) || "."} (bytes per key, last run):\n`,
    );
    for (const s of results[0][runs - 1].allocationSites.slice(0, Number(top))) {
      process.stdout.write(`  ${String(s.bytesPerKey).padStart(6)} ${s.site}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`per-key: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
