/**
 * Analyze latency: one call per key, 1,000 realistic key policies (bench/fixtures/key-policies.ts),
 * the same bytes to both packs call by call. Each pass uses new documents, so the pack's parse
 * cache never answers for a policy it saw in an earlier pass: every call pays the parse, as the
 * first preview of a stack does.
 *
 * The targets are judged on critical-path CPU time (side-by-side.ts `Trip`), one ratio per pass
 * from the same interleaved calls, and the median of those ratios over the passes; the wall-clock
 * figures stay in the table.
 */
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { encodeAnalyze, type EncodedRequest } from "../../components/src/preflight/analyzer-messages";
import { toWireObject, type WireObject } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import type { PolicyDocumentJson } from "pulumi-kms-guardrails/catalog";
import { realisticKeyPolicies } from "../fixtures/key-policies";
import { Random } from "../fixtures/random";
import { cpuMs } from "../packs";
import { alternate, measuredTrip, type Pair, type Trip } from "../side-by-side";
import { median, percentile } from "../stats";

export interface AnalyzeResult {
  readonly calls: number;
  readonly passes: number;
  /** Wall clock: medians over the passes of each pass's median and p99, ms. */
  readonly medianMs: Pair<number>;
  readonly p99Ms: Pair<number>;
  /** Critical-path CPU time per call: medians over the passes of each pass's median and p99, ms. */
  readonly criticalMedianMs: Pair<number>;
  readonly criticalP99Ms: Pair<number>;
  /** Medians over the passes of each pass's ratio (ours / empty) of critical-path median and p99. */
  readonly medianRatio: number;
  readonly p99Ratio: number;
  /** The pack's main thread alone: median over the passes of each pass's median per call, ms. */
  readonly packCpuMedianMs: Pair<number>;
  /** CPU time the pack spent per call, ms: each pass's total over its calls, median over the passes. */
  readonly cpuMsPerCall: Pair<number>;
  /** Our pack's diagnostics for the first 100 keys of the last pass: proves the rules ran. */
  readonly diagnostics: number;
}

const PROVIDER = {
  urn: "urn:pulumi:prod::bench::pulumi:providers:aws::default_7_48_0",
  type: "pulumi:providers:aws",
  name: "default_7_48_0",
  properties: { region: "us-east-1", version: "7.48.0" },
};

/** A key as the engine sends it to Analyze: its inputs. One in five is AWS Native (the policy as an object). */
function keyResource(document: PolicyDocumentJson, index: number, pass: number): EngineResource {
  const native = index % 5 === 4;
  const name = `key-${pass}-${index}`;
  const type = native ? "aws-native:kms:Key" : "aws:kms/key:Key";
  const inputs: WireObject = native
    ? { description: name, enableKeyRotation: true, keyPolicy: toWireObject(document) }
    : { description: name, enableKeyRotation: true, deletionWindowInDays: 30, policy: JSON.stringify(document) };
  return {
    urn: `urn:pulumi:prod::bench::${type}::${name}`,
    type,
    name,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs,
    outputs: inputs,
    provider: PROVIDER,
  };
}

export function requests(client: AnalyzerClient, count: number, pass: number): EncodedRequest<"analyze">[] {
  const documents = realisticKeyPolicies(new Random(1_000 + pass), count, `p${pass}-`);
  return documents.map((d, i) => encodeAnalyze(client.protocol, keyResource(d, i, pass)));
}

/** Each request to both packs in turn, the order flipping call by call. */
export async function runPass(
  pair: Pair<AnalyzerClient>,
  batch: readonly EncodedRequest<"analyze">[],
  pass: number,
): Promise<Pair<Trip[]>> {
  const samples: Pair<Trip[]> = { ours: [], empty: [] };
  for (const [i, request] of batch.entries()) {
    const trip = await alternate(pair, i + pass, (client) => measuredTrip(client, "analyze", request.bytes));
    samples.ours.push(trip.ours);
    samples.empty.push(trip.empty);
  }
  return samples;
}

function of(trips: readonly Trip[], field: keyof Trip): number[] {
  return trips.map((t) => t[field]);
}

export async function benchAnalyze(
  pair: Pair<AnalyzerClient>,
  count: number,
  passes: number,
  log: (line: string) => void,
): Promise<AnalyzeResult> {
  // Warm-up: JIT and gRPC connections, on documents no measured pass uses.
  await runPass(pair, requests(pair.ours, 200, -1), 0);
  const medians: Pair<number[]> = { ours: [], empty: [] };
  const p99s: Pair<number[]> = { ours: [], empty: [] };
  const critical: Pair<number[]> = { ours: [], empty: [] };
  const criticalP99: Pair<number[]> = { ours: [], empty: [] };
  const packCpu: Pair<number[]> = { ours: [], empty: [] };
  const cpuPerCall: Pair<number[]> = { ours: [], empty: [] };
  const ratios: number[] = [];
  const p99Ratios: number[] = [];
  let diagnostics = 0;
  for (let pass = 0; pass < passes; pass++) {
    const batch = requests(pair.ours, count, pass);
    // Each pack works only during its own calls, so its CPU time over the pass is theirs.
    const cpuBefore = { ours: cpuMs(pair.ours), empty: cpuMs(pair.empty) };
    const samples = await runPass(pair, batch, pass);
    cpuPerCall.ours.push((cpuMs(pair.ours) - cpuBefore.ours) / count);
    cpuPerCall.empty.push((cpuMs(pair.empty) - cpuBefore.empty) / count);
    for (const label of ["ours", "empty"] as const) {
      medians[label].push(median(of(samples[label], "ms")));
      p99s[label].push(percentile(of(samples[label], "ms"), 99));
      critical[label].push(median(of(samples[label], "criticalMs")));
      criticalP99[label].push(percentile(of(samples[label], "criticalMs"), 99));
      packCpu[label].push(median(of(samples[label], "packCpuMs")));
    }
    ratios.push(critical.ours[pass] / critical.empty[pass]);
    p99Ratios.push(criticalP99.ours[pass] / criticalP99.empty[pass]);
    log(
      `  pass ${pass + 1}: critical-path median ours ${critical.ours[pass].toFixed(3)} / ` +
        `${critical.empty[pass].toFixed(3)} ms (${ratios[pass].toFixed(2)}x), p99 ${p99Ratios[pass].toFixed(2)}x; ` +
        `wall median ${medians.ours[pass].toFixed(2)} / ${medians.empty[pass].toFixed(2)} ms`,
    );
    if (pass === passes - 1) {
      for (const request of batch.slice(0, 100)) diagnostics += (await pair.ours.send(request)).diagnostics.length;
    }
  }
  const medianPair = (p: Pair<number[]>): Pair<number> => ({ ours: median(p.ours), empty: median(p.empty) });
  return {
    calls: count,
    passes,
    medianMs: medianPair(medians),
    p99Ms: medianPair(p99s),
    criticalMedianMs: medianPair(critical),
    criticalP99Ms: medianPair(criticalP99),
    medianRatio: median(ratios),
    p99Ratio: median(p99Ratios),
    packCpuMedianMs: medianPair(packCpu),
    cpuMsPerCall: medianPair(cpuPerCall),
    diagnostics,
  };
}
