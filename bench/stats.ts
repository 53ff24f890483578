/** Small statistics for the bench: medians of runs, percentiles of latencies, growth exponents. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100); NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/**
 * The exponent k of time ∝ size^k between two sizes: 1 is linear. Taken between the end points
 * (1k and 50k), so a constant per-call cost flattens it slightly and quadratic work shows plainly.
 */
export function growthExponent(size1: number, time1: number, size2: number, time2: number): number {
  return Math.log(time2 / time1) / Math.log(size2 / size1);
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Times an async call. */
export async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await call();
  return { ms: elapsedMs(start), value };
}
