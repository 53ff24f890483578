/**
 * Measuring two packs side by side: every round runs the same call on both, and the order flips
 * from round to round, so drift on a noisy machine (another process, thermal throttling, the page
 * cache) lands on both packs alike and the ratio holds even when the absolute figures wander.
 */
import type { AnalyzerClient } from "../components/src/preflight/analyzer-client";
import { cpuMs } from "./packs";
import { elapsedMs } from "./stats";

export interface Pair<T> {
  readonly ours: T;
  readonly empty: T;
}

/** Runs `measure` on both members, ours first on even rounds and the empty pack first on odd ones. */
export async function alternate<T, R>(
  pair: Pair<T>,
  round: number,
  measure: (member: T) => Promise<R>,
): Promise<Pair<R>> {
  if (round % 2 === 0) {
    const ours = await measure(pair.ours);
    const empty = await measure(pair.empty);
    return { ours, empty };
  }
  const empty = await measure(pair.empty);
  const ours = await measure(pair.ours);
  return { ours, empty };
}

/**
 * One pre-encoded request's round trip, in ms, the CPU time the pack spent on it, and the
 * undecoded answer (decoding is our cost, not the pack's).
 */
export async function roundTrip(
  client: AnalyzerClient,
  method: "analyze" | "analyzeStack",
  bytes: Uint8Array,
): Promise<{ ms: number; cpuMs: number; response: Uint8Array }> {
  const cpuBefore = cpuMs(client);
  const start = process.hrtime.bigint();
  const response = await client.sendRaw(method, bytes);
  return { ms: elapsedMs(start), cpuMs: cpuMs(client) - cpuBefore, response };
}

export async function roundTripMs(
  client: AnalyzerClient,
  method: "analyze" | "analyzeStack",
  bytes: Uint8Array,
): Promise<number> {
  return (await roundTrip(client, method, bytes)).ms;
}

export function ratio(pair: Pair<number>): number {
  return pair.ours / pair.empty;
}
