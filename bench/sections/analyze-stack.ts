/**
 * AnalyzeStack on generated stacks (bench/fixtures/stacks.ts): the time per call and the pack's peak
 * memory at each size, both packs receiving the same bytes.
 */
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { decoders, encodeAnalyzeStack } from "../../components/src/preflight/analyzer-messages";
import { generateStack, type StackMix } from "../fixtures/stacks";
import { peakMemoryMiB, resetPeakMemory } from "../packs";
import { alternate, roundTrip, type Pair } from "../side-by-side";
import { median } from "../stats";

export interface StackSizeResult {
  readonly size: number;
  readonly mix: StackMix;
  readonly requestMiB: number;
  readonly runs: number;
  /** Median time per call, ms. */
  readonly ms: Pair<number>;
  /** Median CPU time the pack spent per call, ms (10 ms resolution): its own work, whatever else runs. */
  readonly cpuMs: Pair<number>;
  readonly samples: Pair<number[]>;
  /** Peak resident memory while the calls of this size ran, MiB. */
  readonly peakMiB: Pair<number>;
  /** What our pack reported for the stack: proves the rules ran. */
  readonly diagnostics: number;
}

export async function benchAnalyzeStack(
  pair: Pair<AnalyzerClient>,
  size: number,
  mix: StackMix,
  runs: number,
  log: (line: string) => void,
): Promise<StackSizeResult> {
  const request = encodeAnalyzeStack(pair.ours.protocol, generateStack(size, mix));
  const requestMiB = request.bytes.byteLength / 2 ** 20;
  log(`AnalyzeStack ${size} (${mix}): ${requestMiB.toFixed(1)} MiB request, ${runs} rounds`);
  // Warm-up (JIT, heap growth) on the smaller stacks; the largest runs after them, already warm.
  if (size < 50_000) for (const client of [pair.ours, pair.empty]) await client.sendRaw("analyzeStack", request.bytes);

  resetPeakMemory(pair.ours);
  resetPeakMemory(pair.empty);
  const samples: Pair<number[]> = { ours: [], empty: [] };
  const cpu: Pair<number[]> = { ours: [], empty: [] };
  let answer: Uint8Array | undefined;
  for (let round = 0; round < runs; round++) {
    const trip = await alternate(pair, round, (client) => roundTrip(client, "analyzeStack", request.bytes));
    samples.ours.push(trip.ours.ms);
    samples.empty.push(trip.empty.ms);
    cpu.ours.push(trip.ours.cpuMs);
    cpu.empty.push(trip.empty.cpuMs);
    answer ??= trip.ours.response;
    log(`  round ${round + 1}: ours ${trip.ours.ms.toFixed(0)} ms, empty ${trip.empty.ms.toFixed(0)} ms`);
  }
  const peakMiB = { ours: peakMemoryMiB(pair.ours), empty: peakMemoryMiB(pair.empty) };
  const diagnostics = answer === undefined ? [] : decoders.analyzeStack(pair.ours.protocol, answer).diagnostics;
  const broken = diagnostics.filter((d) => d.message.includes("could not run"));
  if (broken.length > 0) throw new Error(`a rule failed on the generated stack: ${broken[0].message}`);
  return {
    size,
    mix,
    requestMiB,
    runs,
    ms: { ours: median(samples.ours), empty: median(samples.empty) },
    cpuMs: { ours: median(cpu.ours), empty: median(cpu.empty) },
    samples,
    peakMiB,
    diagnostics: diagnostics.length,
  };
}
