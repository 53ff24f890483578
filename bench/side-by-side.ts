/**
 * Measuring two packs side by side: every round runs the same call on both, and the order flips
 * from round to round, so drift on a noisy machine (another process, thermal throttling, the page
 * cache) lands on both packs alike and the ratio holds even when the absolute figures wander.
 */
import type { AnalyzerClient } from "../components/src/preflight/analyzer-client";
import { cpuMs, mainThreadCpuMs } from "./packs";
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

/** CPU time of this thread (the bench's gRPC client), ms, µs resolution. */
function clientThreadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * One Analyze call as the bench measures it for the Analyze targets.
 *
 * `criticalMs` is the CPU time on the call's critical path: the client's thread (sending the
 * request, receiving the answer) plus the pack's main thread (everything the pack does for the
 * call). A call is strictly sequential between the two, so on a machine with a free core for each
 * that sum is the call's wall-clock time less the kernel's wake-ups, which are the same for every
 * pack: a ratio of critical-path times is a ratio of idle-machine round trips, slightly stricter
 * than the wall-clock one. On a shared machine the wall clock adds every wait for a CPU another
 * process holds (per-run ratios of the first-100 total moved between 0.96x and 1.89x at load 8-12);
 * CPU time does not wait, so the critical-path ratio holds. `ms` (wall) is kept for the table.
 */
export interface Trip {
  readonly ms: number;
  readonly packCpuMs: number;
  readonly clientCpuMs: number;
  readonly criticalMs: number;
}

export async function measuredTrip(
  client: AnalyzerClient,
  method: "analyze" | "analyzeStack",
  bytes: Uint8Array,
): Promise<Trip> {
  // Reading /proc happens outside the client's own window, so it is not counted as client time.
  const packBefore = mainThreadCpuMs(client);
  const clientBefore = clientThreadCpuMs();
  const start = process.hrtime.bigint();
  await client.sendRaw(method, bytes);
  const ms = elapsedMs(start);
  const clientCpuMs = clientThreadCpuMs() - clientBefore;
  const packCpuMs = mainThreadCpuMs(client) - packBefore;
  return { ms, packCpuMs, clientCpuMs, criticalMs: packCpuMs + clientCpuMs };
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
