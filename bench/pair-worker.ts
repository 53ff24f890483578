/**
 * The worker of bench/pair.ts: several builds of the pack's resource policies in one process, each
 * key given to every build in turn (the order rotating key by key), each call after the process has
 * sat idle, as a pack sits between Analyze calls. Prints one JSON line per build.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { keyArgs } from "./fixtures/key-args";
import { realisticKeyPolicies } from "./fixtures/key-policies";
import { Random } from "./fixtures/random";
import { median } from "./stats";

export interface PairResult {
  readonly name: string;
  /** Mean µs per key over the first 100 keys after the warm-up. */
  readonly firstUs: number;
  /** Median µs per key, one per pass of 1,000 keys. */
  readonly passUs: readonly number[];
}

interface Build {
  readonly name: string;
  readonly validate: (args: ResourceValidationArgs) => void;
}

const PASSES = Number(process.env.PAIR_PASSES ?? 6);
const IDLE_MS = Number(process.env.PAIR_IDLE_MS ?? 1);
const idleCell = new Int32Array(new SharedArrayBuffer(4));
const sink: ReportViolation = () => undefined;

function load(spec: string): Build {
  const at = spec.indexOf("=");
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle built by pair.ts
  const mod = require(spec.slice(at + 1)) as { policies: unknown[]; warmUp: (policies: unknown[]) => void };
  const resourcePolicies = mod.policies.filter(
    (p): p is ResourceValidationPolicy => typeof (p as ResourceValidationPolicy).validateResource === "function",
  );
  mod.warmUp(mod.policies);
  return {
    name: spec.slice(0, at),
    validate: (args) => {
      for (const policy of resourcePolicies) {
        (policy.validateResource as (a: ResourceValidationArgs, r: ReportViolation) => unknown)(args, sink);
      }
    },
  };
}

/** µs per key for each build; every build gets its own copy of each key (no memo is shared). */
function pass(builds: readonly Build[], documents: readonly unknown[], pass: number): number[][] {
  const keys = builds.map(() => documents.map((d, i) => keyArgs(d, i, pass)));
  const times = builds.map((): number[] => []);
  for (let i = 0; i < documents.length; i++) {
    for (let k = 0; k < builds.length; k++) {
      const j = (i + k) % builds.length;
      // The wait lets caches and predictors go cold as they do between a pack's calls.
      Atomics.wait(idleCell, 0, 0, IDLE_MS);
      const start = performance.now();
      builds[j].validate(keys[j][i]);
      times[j].push((performance.now() - start) * 1_000);
    }
  }
  return times;
}

function main(): void {
  const builds = process.argv.slice(2).map(load);
  const first = pass(builds, realisticKeyPolicies(new Random(100), 100, "first-"), -1);
  const passUs = builds.map((): number[] => []);
  for (let p = 0; p < PASSES; p++) {
    const times = pass(builds, realisticKeyPolicies(new Random(1_000 + p), 1_000, `p${p}-`), p);
    times.forEach((t, j) => passUs[j].push(median(t)));
  }
  for (const [j, b] of builds.entries()) {
    const firstUs = first[j].reduce((a, x) => a + x, 0) / first[j].length;
    const result: PairResult = { name: b.name, firstUs, passUs: passUs[j] };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

main();
