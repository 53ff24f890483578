/**
 * Analyze on a fresh pack: the first calls after start-up, before V8 has optimized the rules' code.
 * A preview sends one Analyze per resource to a pack started for it, so a stack with a hundred keys
 * is analyzed entirely in this state; the warm figure (analyze.ts) is what a pack reaches only
 * after thousands of keys.
 *
 * Each run starts our pack, the empty pack and the floor pack afresh and sends them the same
 * requests, one call to each in turn (the order rotating call by call), so whatever else the
 * machine does lands on all three alike. The target is judged per run, on the ratio of the
 * critical-path CPU totals (side-by-side.ts `Trip`), and the median of the runs' ratios is the
 * figure: a run disturbed by a burst of load moves one ratio, not the median. The floor pack's own
 * ratio is printed beside it: what any pack with as many resource policies as ours, doing nothing
 * but reading the key policy, costs over the first calls.
 */
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { EMPTY_PACK, FLOOR_PACK, OUR_PACK, startConfigured } from "../packs";
import { measuredTrip, type Pair, type Trip } from "../side-by-side";
import { median } from "../stats";
import { requests } from "./analyze";

/** Totals of one run's calls, ms. */
interface Totals {
  readonly ms: number;
  readonly criticalMs: number;
  readonly packCpuMs: number;
}

export interface AnalyzeColdResult {
  readonly calls: number;
  readonly runs: number;
  /** Medians over the runs of each run's totals, ms; `empty` is the empty pack. */
  readonly totalMs: Pair<number>;
  readonly criticalTotalMs: Pair<number>;
  readonly packCpuTotalMs: Pair<number>;
  readonly floorCriticalTotalMs: number;
  /** Medians over the runs of each run's ratio to the empty pack. */
  readonly ratio: { readonly critical: number; readonly wall: number; readonly packCpu: number };
  readonly floorRatio: { readonly critical: number; readonly packCpu: number };
  /** Each run's critical-path ratio, ours / empty: the spread. */
  readonly runRatios: readonly number[];
}

const LABELS = ["ours", "empty", "floor"] as const;
type Label = (typeof LABELS)[number];
const PACKS = { ours: OUR_PACK, empty: EMPTY_PACK, floor: FLOOR_PACK };

function totals(trips: readonly Trip[]): Totals {
  const sum = (field: keyof Trip): number => trips.reduce((a, t) => a + t[field], 0);
  return { ms: sum("ms"), criticalMs: sum("criticalMs"), packCpuMs: sum("packCpuMs") };
}

async function oneRun(calls: number, run: number): Promise<Record<Label, Totals>> {
  const clients: Partial<Record<Label, AnalyzerClient>> = {};
  try {
    for (const label of LABELS) clients[label] = await startConfigured(PACKS[label]);
    const started = clients as Record<Label, AnalyzerClient>;
    const batch = requests(started.ours, calls, 100 + run);
    const trips: Record<Label, Trip[]> = { ours: [], empty: [], floor: [] };
    for (const [i, request] of batch.entries()) {
      for (let k = 0; k < LABELS.length; k++) {
        const label = LABELS[(i + run + k) % LABELS.length];
        trips[label].push(await measuredTrip(started[label], "analyze", request.bytes));
      }
    }
    return { ours: totals(trips.ours), empty: totals(trips.empty), floor: totals(trips.floor) };
  } finally {
    for (const client of Object.values(clients)) await client.close();
  }
}

export async function benchAnalyzeCold(
  calls: number,
  runs: number,
  log: (line: string) => void,
): Promise<AnalyzeColdResult> {
  const all: Record<Label, Totals>[] = [];
  for (let run = 0; run < runs; run++) {
    const t = await oneRun(calls, run);
    all.push(t);
    log(
      `  run ${run + 1}: first ${calls} calls, critical-path total ours ${t.ours.criticalMs.toFixed(0)} / empty ` +
        `${t.empty.criticalMs.toFixed(0)} / floor ${t.floor.criticalMs.toFixed(0)} ms ` +
        `(${(t.ours.criticalMs / t.empty.criticalMs).toFixed(2)}x), wall ${t.ours.ms.toFixed(0)} / ${t.empty.ms.toFixed(0)} ms`,
    );
  }
  const med = (f: (t: Record<Label, Totals>) => number): number => median(all.map(f));
  const runRatios = all.map((t) => t.ours.criticalMs / t.empty.criticalMs);
  return {
    calls,
    runs,
    totalMs: { ours: med((t) => t.ours.ms), empty: med((t) => t.empty.ms) },
    criticalTotalMs: { ours: med((t) => t.ours.criticalMs), empty: med((t) => t.empty.criticalMs) },
    packCpuTotalMs: { ours: med((t) => t.ours.packCpuMs), empty: med((t) => t.empty.packCpuMs) },
    floorCriticalTotalMs: med((t) => t.floor.criticalMs),
    ratio: {
      critical: median(runRatios),
      wall: med((t) => t.ours.ms / t.empty.ms),
      packCpu: med((t) => t.ours.packCpuMs / t.empty.packCpuMs),
    },
    floorRatio: {
      critical: med((t) => t.floor.criticalMs / t.empty.criticalMs),
      packCpu: med((t) => t.floor.packCpuMs / t.empty.packCpuMs),
    },
    runRatios,
  };
}
