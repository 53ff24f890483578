/**
 * Analyze on a fresh pack: the first calls after start-up, before V8 has optimized the rules' code.
 * A preview sends one Analyze per resource to a pack started for it, so a stack with a hundred keys
 * is analyzed entirely in this state; the warm figure (analyze.ts) is what a pack reaches only
 * after thousands of keys. Each run starts both packs afresh.
 */
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import type { Pair } from "../side-by-side";
import { median } from "../stats";
import { requests, runPass } from "./analyze";

export interface AnalyzeColdResult {
  readonly calls: number;
  readonly runs: number;
  /** Medians over the runs of each run's median call, ms. */
  readonly medianMs: Pair<number>;
  /** Medians over the runs of each run's total over its calls, ms. */
  readonly totalMs: Pair<number>;
}

export async function benchAnalyzeCold(
  withFreshPair: (section: (pair: Pair<AnalyzerClient>) => Promise<void>) => Promise<void>,
  calls: number,
  runs: number,
  log: (line: string) => void,
): Promise<AnalyzeColdResult> {
  const medians: Pair<number[]> = { ours: [], empty: [] };
  const totals: Pair<number[]> = { ours: [], empty: [] };
  for (let run = 0; run < runs; run++) {
    await withFreshPair(async (pair) => {
      const samples = await runPass(pair, requests(pair.ours, calls, 100 + run), run);
      for (const label of ["ours", "empty"] as const) {
        medians[label].push(median(samples[label]));
        totals[label].push(samples[label].reduce((a, b) => a + b, 0));
      }
    });
    log(
      `  run ${run + 1}: first ${calls} calls, median ours ${medians.ours[run].toFixed(2)} / empty ` +
        `${medians.empty[run].toFixed(2)} ms, total ${totals.ours[run].toFixed(0)} / ${totals.empty[run].toFixed(0)} ms`,
    );
  }
  return {
    calls,
    runs,
    medianMs: { ours: median(medians.ours), empty: median(medians.empty) },
    totalMs: { ours: median(totals.ours), empty: median(totals.empty) },
  };
}
