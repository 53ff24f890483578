/**
 * The targets (issue 6, restated by issue 11), each a ratio on identical requests to the empty pack,
 * or for Analyze to the floor pack (as many resource policies as ours, the first only decoding the
 * key policy: any pack with our resource rules pays that much), or for the figures that used to be
 * timed unit tests the bound those tests asserted. All packs run packed and installed (bench/packs.ts).
 */
import type { BenchResults } from "./results";
import { growthExponent } from "./stats";

export interface Target {
  readonly name: string;
  readonly value: number;
  /** `max`: value ≤ limit passes; `min`: value ≥ limit passes. */
  readonly kind: "max" | "min";
  readonly limit: number;
  readonly unit: "x" | "" | "req/s" | "µs" | "ms";
  readonly pass: boolean;
}

function target(name: string, value: number, kind: Target["kind"], limit: number, unit: Target["unit"]): Target {
  return { name, value, kind, limit, unit, pass: kind === "max" ? value <= limit : value >= limit };
}

export function judge(r: BenchResults): Target[] {
  const out: Target[] = [];
  if (r.startup !== undefined) {
    // Main-thread CPU, the median of per-round ratios (as the Analyze targets): machine load no longer decides it.
    out.push(target("pack start-up vs empty pack", r.startup.ratio, "max", 1.1, "x"));
  }
  // The Analyze targets: critical-path CPU (side-by-side.ts `Trip`), the median of per-pass or
  // per-run ratios of interleaved calls.
  if (r.analyze !== undefined) {
    out.push(target("Analyze p99 vs empty pack", r.analyze.p99Ratio, "max", 2, "x"));
  }
  if (r.analyzeOverFloor !== undefined) {
    out.push(target("Analyze median vs floor pack", r.analyzeOverFloor.medianRatio, "max", 1.1, "x"));
  }
  if (r.analyzeCold !== undefined) {
    const c = r.analyzeCold;
    const name = `first ${c.calls} Analyze calls of a fresh pack, total vs empty pack`;
    out.push(target(name, c.ratio.critical, "max", 1.2, "x"));
  }
  const typical = r.analyzeStack.filter((s) => s.mix === "typical");
  const at10k = typical.find((s) => s.size === 10_000);
  if (at10k !== undefined) {
    out.push(target("AnalyzeStack at 10,000 vs empty pack", at10k.ms.ours / at10k.ms.empty, "max", 1.25, "x"));
    out.push(target("peak memory at 10,000 vs empty pack", at10k.peakMiB.ours / at10k.peakMiB.empty, "max", 1.3, "x"));
  }
  const small = typical.find((s) => s.size === 1_000);
  const large = typical.find((s) => s.size === 50_000);
  if (small !== undefined && large !== undefined) {
    const k = growthExponent(small.size, small.ms.ours, large.size, large.ms.ours);
    out.push(target("AnalyzeStack growth exponent 1k to 50k", k, "max", 1.1, ""));
  }
  if (r.evaluator !== undefined) {
    const e = r.evaluator;
    out.push(target("evaluator throughput, documented policies", e.requestsPerSecond, "min", 2_000, "req/s"));
    out.push(target("parse of a documented policy", e.parseDocumentedUs, "max", 500, "µs"));
    out.push(target("parse of 20,000 statements", e.parseLargeMs, "max", 2_000, "ms"));
    out.push(target("model + linking of 20,000 trails and keys", e.linkMs, "max", 1_000, "ms"));
  }
  return out;
}
