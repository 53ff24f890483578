/**
 * The engine in this process, no packs: evaluator throughput against the documented policies, the
 * parser on a documented policy and on a 20,000-statement document, and the pack's linker on 20,000
 * trails and keys. These figures were timed assertions in unit tests once (STYLE: speed is measured
 * in benchmarks, never in timed tests); their old bounds are kept as targets here.
 */
import { accountRootGrant } from "pulumi-kms-guardrails/catalog";
import { evaluate, parsePolicy, type KeyPolicy, type Request } from "pulumi-kms-guardrails/engine";
import { StackModel } from "../../policypack/model/stack";
import { SEED_EXAMPLES, seedExamplePlan } from "../../test/fixtures/seed-examples";
import { median } from "../stats";

export interface EvaluatorResult {
  /** Requests evaluated per second: every documented example statement against its plan's probes. */
  readonly requestsPerSecond: number;
  readonly pairs: number;
  /** One parse of a documented policy (the first 8 example statements in one document), µs. */
  readonly parseDocumentedUs: number;
  readonly documentedBytes: number;
  /** One parse of a 20,000-statement document (every statement with an unknown member), ms. */
  readonly parseLargeMs: number;
  readonly largeBytes: number;
  /** Building a stack model of 10,000 keys and 10,000 trails and linking every trail, ms. */
  readonly linkMs: number;
}

/** Each example beside the account-root statement (seed 004), with its plan's probe requests. */
function documentedPairs(): { policy: KeyPolicy; request: Request }[] {
  return SEED_EXAMPLES.flatMap((example) => {
    const key = example.expect.plan.params.key;
    const parsed = parsePolicy({
      Version: "2012-10-17",
      Statement: [accountRootGrant(key).statement, example.statement],
    });
    if (parsed.policy === undefined) throw new Error(`seed example ${example.id} does not parse`);
    const policy = parsed.policy;
    return seedExamplePlan(example.expect.plan).probes.map((probe) => ({ policy, request: probe.request }));
  });
}

/** Runs `work` until `minMs` have passed, `runs` times; the median of the per-run rates (per ms). */
function ratePerMs(work: () => number, runs: number, minMs: number): number {
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) {
    let done = 0;
    const start = performance.now();
    while (performance.now() - start < minMs) done += work();
    rates.push(done / (performance.now() - start));
  }
  return median(rates);
}

function throughput(runs: number): { requestsPerSecond: number; pairs: number } {
  const pairs = documentedPairs();
  const all = (): number => {
    for (const { policy, request } of pairs) evaluate(policy, request);
    return pairs.length;
  };
  for (let i = 0; i < 20; i++) all();
  return { requestsPerSecond: ratePerMs(all, runs, 400) * 1000, pairs: pairs.length };
}

function parseDocumented(runs: number): { us: number; bytes: number } {
  const text = JSON.stringify({ Version: "2012-10-17", Statement: SEED_EXAMPLES.slice(0, 8).map((e) => e.statement) });
  for (let i = 0; i < 2_000; i++) parsePolicy(text);
  const perMs = ratePerMs(
    () => {
      for (let i = 0; i < 100; i++) parsePolicy(text);
      return 100;
    },
    runs,
    300,
  );
  return { us: 1000 / perMs, bytes: text.length };
}

function parseLarge(runs: number): { ms: number; bytes: number } {
  const statement = SEED_EXAMPLES[0].statement;
  const text = JSON.stringify({
    Version: "2012-10-17",
    Statement: Array.from({ length: 20_000 }, (_, i) => ({ ...statement, Sid: `s${i}`, Bad: 1 })),
  });
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    parsePolicy(text);
    return performance.now() - start;
  });
  return { ms: median(times), bytes: text.length };
}

/** The linker test's stack: 10,000 keys, each named by one trail's kmsKeyId (its ARN). */
function linking(runs: number): number {
  const resources = Array.from({ length: 10_000 }, (_, i) => {
    const arn = `arn:aws:kms:us-east-1:111122223333:key/k${i}`;
    return [
      { type: "aws:kms/key:Key", urn: `urn:k${i}`, name: `k${i}`, props: { arn, keyId: `k${i}` } },
      { type: "aws:cloudtrail/trail:Trail", urn: `urn:t${i}`, name: `t${i}`, props: { name: `t${i}`, kmsKeyId: arn } },
    ];
  }).flat();
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    const model = StackModel.fromResources(resources);
    let linked = 0;
    for (const t of model.resources.trails) if (model.linker.resolveKey(t.key).status === "linked") linked++;
    if (linked !== 10_000) throw new Error(`linked ${linked} of 10,000 trails`);
    return performance.now() - start;
  });
  return median(times);
}

export function benchEvaluator(runs: number): EvaluatorResult {
  const { requestsPerSecond, pairs } = throughput(runs);
  const documented = parseDocumented(runs);
  const large = parseLarge(Math.min(runs, 3));
  return {
    requestsPerSecond,
    pairs,
    parseDocumentedUs: documented.us,
    documentedBytes: documented.bytes,
    parseLargeMs: large.ms,
    largeBytes: large.bytes,
    linkMs: linking(runs),
  };
}
