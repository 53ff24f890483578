/**
 * The worker of bench/per-key.ts, bundled by it with the pack's own esbuild settings and run in a
 * process of its own: the pack's resource policies on the bench's Analyze keys, called in process
 * as @pulumi/policy's server calls them (no gRPC), after the pack's warm-up. Prints one JSON line.
 */
import * as inspector from "node:inspector";
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../policypack/policies";
import { warmUp } from "../policypack/warm-up";
import { keyArgs, type KeyForm } from "./fixtures/key-args";
import { realisticKeyPolicies } from "./fixtures/key-policies";
import { Random } from "./fixtures/random";

interface HeapNode {
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly selfSize: number;
  readonly children: readonly HeapNode[];
}

export interface PerKeyResult {
  readonly warmUpMs: number;
  /** Main-thread CPU per key, µs: the first 100 keys after the warm-up, and warm (median of passes). */
  readonly firstUsPerKey: number;
  readonly warmUsPerKey: number;
  /** Bytes allocated per key in two more warm passes (sampling heap profiler, garbage included). */
  readonly bytesPerKey: number;
  /** The functions that allocated most, bytes per key. */
  readonly allocationSites: readonly { readonly site: string; readonly bytesPerKey: number }[];
  readonly violations: number;
}

/** PER_KEY_FORM: `classic` or `native` for keys of one provider only. */
const FORM = process.env.PER_KEY_FORM as KeyForm;

function cpuUs(): number {
  const { user, system } = process.threadCpuUsage();
  return user + system;
}

function post<T>(session: inspector.Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T)));
  });
}

function sites(root: HeapNode, keys: number, top: number): { total: number; top: PerKeyResult["allocationSites"] } {
  const bySite = new Map<string, number>();
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const node = pending.pop() as HeapNode;
    const { functionName, url, lineNumber } = node.callFrame;
    const site = `${functionName || "(anonymous)"} ${url.split("/").pop() ?? ""}:${lineNumber + 1}`;
    bySite.set(site, (bySite.get(site) ?? 0) + node.selfSize);
    total += node.selfSize;
    pending.push(...node.children);
  }
  const sorted = [...bySite].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { total, top: sorted.map(([site, bytes]) => ({ site, bytesPerKey: Math.round(bytes / keys) })) };
}

const HEAP_PASSES = 2;

async function main(): Promise<void> {
  const passes = Number(process.env.PER_KEY_PASSES ?? 5);
  const keysPerPass = 1_000;
  const resourcePolicies = policies.filter(
    (p): p is ResourceValidationPolicy => typeof (p as ResourceValidationPolicy).validateResource === "function",
  );
  let violations = 0;
  const sink: ReportViolation = () => {
    violations++;
  };
  // Every document is new to the pack's parse cache, as in the bench's Analyze passes.
  const first = realisticKeyPolicies(new Random(100), 100, "first-").map((d, i) => keyArgs(d, i, -1, FORM));
  // Each pass's keys are made just before it, so the heap holds one pass at a time.
  const keysOf = (pass: number): ResourceValidationArgs[] =>
    realisticKeyPolicies(new Random(1_000 + pass), keysPerPass, `p${pass}-`).map((d, i) => keyArgs(d, i, pass, FORM));
  const run = (batch: readonly ResourceValidationArgs[]): number => {
    const start = cpuUs();
    for (const args of batch) {
      for (const policy of resourcePolicies) {
        (policy.validateResource as (a: ResourceValidationArgs, r: ReportViolation) => unknown)(args, sink);
      }
    }
    return (cpuUs() - start) / batch.length;
  };
  const warmUpStart = cpuUs();
  warmUp(policies);
  const warmUpMs = (cpuUs() - warmUpStart) / 1_000;
  const firstUsPerKey = run(first);
  const perPass: number[] = [];
  for (let pass = 0; pass < passes; pass++) perPass.push(run(keysOf(pass)));
  const session = new inspector.Session();
  session.connect();
  await post(session, "HeapProfiler.enable");
  // Two more passes under the heap profiler, which slows what it samples.
  const sampled = Array.from({ length: HEAP_PASSES }, (_, k) => keysOf(passes + k));
  await post(session, "HeapProfiler.startSampling", {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (const batch of sampled) run(batch);
  const { profile } = await post<{ profile: { head: HeapNode } }>(session, "HeapProfiler.stopSampling");
  session.disconnect();
  const keys = keysPerPass * HEAP_PASSES;
  const allocated = sites(profile.head, keys, Number(process.env.PER_KEY_TOP ?? 0));
  // The first pass settles V8's tiers: the warm figure is the median of the others.
  const sorted = perPass.slice(1).sort((a, b) => a - b);
  const result: PerKeyResult = {
    warmUpMs,
    firstUsPerKey,
    warmUsPerKey: sorted[Math.floor(sorted.length / 2)],
    bytesPerKey: Math.round(allocated.total / keys),
    allocationSites: allocated.top,
    violations,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`per-key worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
