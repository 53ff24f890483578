/**
 * `npm run bench`: our policy pack against an empty pack, side by side (issue 6). Prints a table
 * and the targets as PASS/FAIL lines, writes bench/results.json, exits 1 when a target fails.
 *
 * BENCH_QUICK=1: fewer runs (about a minute and a half), for a smoke test of the bench itself.
 * BENCH_ONLY=startup,analyze,stack,evaluator,preflight: run only those sections (`cold`: of `analyze`,
 * only the first calls of fresh packs).
 * Measures the pack as a user installs it: packed (its prepack bundles the current sources),
 * extracted into a temporary folder and installed there from the npm registry (bench/packs.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { AnalyzerClient } from "../components/src/preflight/analyzer-client";
import {
  EMPTY_PACK,
  FLOOR_PACK,
  OUR_PACK,
  installStandalone,
  removeStandalone,
  startConfigured,
  type PackUnderTest,
} from "./packs";
import { render } from "./report";
import type { BenchResults } from "./results";
import { benchAnalyze } from "./sections/analyze";
import { benchAnalyzeCold } from "./sections/analyze-cold";
import { benchAnalyzeStack } from "./sections/analyze-stack";
import { benchEvaluator } from "./sections/evaluator";
import { benchPreflight } from "./sections/preflight";
import { benchStartup } from "./sections/startup";
import type { StackMix } from "./fixtures/stacks";
import type { Pair } from "./side-by-side";
import { judge } from "./targets";
import { RESOURCE_RULES } from "../policypack/rules";

const QUICK = process.env.BENCH_QUICK === "1";
const ONLY = new Set((process.env.BENCH_ONLY ?? "startup,analyze,stack,evaluator,preflight").split(","));

/** Rounds per figure. Full: about 6 minutes on 2 cores; most of it is the 50,000-resource stack. */
const RUNS = QUICK
  ? { startup: 3, analyzePasses: 1, evaluator: 3, preflight: 1 }
  : { startup: 11, analyzePasses: 5, evaluator: 5, preflight: 3 };
/** Analyze calls a fresh pack is measured on, and how many runs of fresh packs (the median run's ratio counts). */
const COLD = { calls: 100, runs: QUICK ? 3 : 9 };
/** Ascending sizes: the peak-memory reading of each starts from what the smaller ones left resident. */
const STACKS: readonly { size: number; mix: StackMix; runs: number }[] = [
  { size: 1_000, mix: "typical", runs: QUICK ? 3 : 9 },
  { size: 10_000, mix: "typical", runs: QUICK ? 2 : 7 },
  { size: 10_000, mix: "dense", runs: QUICK ? 1 : 5 },
  { size: 50_000, mix: "typical", runs: QUICK ? 1 : 3 },
];
const ANALYZE_CALLS = 1_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Both packs started fresh for a section, told what the CLI tells them before any analysis. */
async function withPair(
  section: (pair: Pair<AnalyzerClient>) => Promise<void>,
  oursPack: PackUnderTest = OUR_PACK,
  basePack: PackUnderTest = EMPTY_PACK,
): Promise<void> {
  const ours = await startConfigured(oursPack);
  const empty = await startConfigured(basePack).catch(async (error: unknown) => {
    await ours.close();
    throw error;
  });
  const pair = { ours, empty };
  try {
    await section(pair);
  } finally {
    await pair.ours.close();
    await pair.empty.close();
  }
}

async function packSections(results: BenchResults): Promise<void> {
  if (ONLY.has("analyze")) {
    log(`Analyze: ${ANALYZE_CALLS} keys, ${RUNS.analyzePasses} passes`);
    await withPair(async (pair) => {
      results.analyze = await benchAnalyze(pair, ANALYZE_CALLS, RUNS.analyzePasses, log);
    });
  }
  if (ONLY.has("analyze") || ONLY.has("cold")) {
    log(`Analyze on fresh packs (ours, empty, floor): the first ${COLD.calls} calls, ${COLD.runs} runs`);
    results.analyzeCold = await benchAnalyzeCold(COLD.calls, COLD.runs, log);
    results.floorResourcePolicies = RESOURCE_RULES.length;
  }
  if (ONLY.has("analyze")) {
    log(
      `Analyze floor: ${RESOURCE_RULES.length} resource policies, one only decoding each key policy, vs the empty pack`,
    );
    results.floorResourcePolicies = RESOURCE_RULES.length;
    await withPair(async (pair) => {
      results.analyzeFloor = await benchAnalyze(pair, ANALYZE_CALLS, RUNS.analyzePasses, log);
    }, FLOOR_PACK);
    log("Analyze: our pack vs the floor pack");
    await withPair(
      async (pair) => {
        results.analyzeOverFloor = await benchAnalyze(pair, ANALYZE_CALLS, RUNS.analyzePasses, log);
      },
      OUR_PACK,
      FLOOR_PACK,
    );
  }
  // Fresh processes: what Analyze left in our pack's caches would count against its memory here.
  if (ONLY.has("stack")) {
    await withPair(async (pair) => {
      for (const s of STACKS) results.analyzeStack.push(await benchAnalyzeStack(pair, s.size, s.mix, s.runs, log));
    });
  }
}

async function main(): Promise<number> {
  installStandalone(log);
  const started = Date.now();
  const results: BenchResults = {
    environment: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
      load: { start: os.loadavg()[0] },
      quick: QUICK,
    },
    analyzeStack: [],
  };
  // In this process, before any pack runs beside it.
  if (ONLY.has("evaluator")) {
    log("evaluator and parser");
    results.evaluator = benchEvaluator(RUNS.evaluator);
  }
  if (ONLY.has("startup")) {
    log(`start-up: ${RUNS.startup} rounds`);
    results.startup = await benchStartup(RUNS.startup, log);
  }
  await packSections(results);
  if (ONLY.has("preflight")) {
    log(`preflight examples/baseline: ${RUNS.preflight} rounds`);
    results.preflight = await benchPreflight(RUNS.preflight, log);
  }
  const final: BenchResults = {
    ...results,
    environment: {
      ...results.environment,
      load: { ...results.environment.load, end: os.loadavg()[0] },
      durationS: (Date.now() - started) / 1000,
    },
  };
  const targets = judge(final);
  fs.writeFileSync(path.join(__dirname, "results.json"), `${JSON.stringify({ ...final, targets }, null, 2)}\n`);
  process.stdout.write(`\n${render(final, targets)}\n`);
  return targets.every((t) => t.pass) ? 0 : 1;
}

main()
  .finally(removeStandalone)
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 2;
    },
  );
