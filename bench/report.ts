/** The bench's table and its PASS/FAIL lines, as plain text. */
import type { BenchResults } from "./results";
import type { Pair } from "./side-by-side";
import { growthExponent } from "./stats";
import type { Target } from "./targets";

type Row = readonly [figure: string, ours: string, empty: string, ratio: string];

const ms = (v: number): string => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`);
const mib = (v: number): string => `${v.toFixed(0)} MiB`;
const x = (v: number): string => `${v.toFixed(2)}x`;
const count = (n: number): string => n.toLocaleString("en-US");

function pair(figure: string, p: Pair<number>, format: (v: number) => string): Row {
  return [figure, format(p.ours), format(p.empty), x(p.ours / p.empty)];
}

function rows(r: BenchResults): Row[] {
  const out: Row[] = [];
  if (r.startup !== undefined) {
    const s = r.startup;
    out.push([
      `pack start-up, spawn to GetAnalyzerInfo, main thread (${s.runs} runs)`,
      ms(s.cpuMs.ours),
      ms(s.cpuMs.empty),
      x(s.ratio),
    ]);
    out.push(pair(`  wall clock`, s.ms, ms));
    const aws = s.codeLoad.pulumiAws ? "imports @pulumi/aws" : "no @pulumi/aws";
    out.push([
      `  of which our code: require bin/index.js (the bundle)`,
      `${ms(s.codeLoad.ms)}`,
      `${s.codeLoad.modules} modules, ${aws}`,
      "",
    ]);
    out.push(
      pair(`  then after ConfigureStack, while the program starts: main thread`, s.afterConfigureStackCpuMs, ms),
    );
  }
  if (r.analyze !== undefined) {
    const a = r.analyze;
    out.push(
      pair(`Analyze median, critical path (${count(a.calls)} keys x ${a.passes} passes)`, a.criticalMedianMs, ms),
    );
    out.push(pair(`  wall clock`, a.medianMs, ms));
    out.push(pair(`  pack main thread`, a.packCpuMedianMs, ms));
    out.push(pair(`  pack CPU time per Analyze, all threads`, a.cpuMsPerCall, ms));
    out.push(pair(`Analyze p99, critical path`, a.criticalP99Ms, ms));
    out.push(pair(`  wall clock`, a.p99Ms, ms));
  }
  if (r.analyzeCold !== undefined) {
    const c = r.analyzeCold;
    out.push(
      pair(
        `first ${count(c.calls)} calls of a fresh pack, critical-path total (${c.runs} runs)`,
        c.criticalTotalMs,
        ms,
      ),
    );
    out.push(pair(`  wall clock`, c.totalMs, ms));
    out.push(pair(`  pack main thread`, c.packCpuTotalMs, ms));
    out.push(
      pair(
        `  floor pack (1st column) vs empty pack, critical path`,
        { ours: c.floorCriticalTotalMs, empty: c.criticalTotalMs.empty },
        ms,
      ),
    );
  }
  if (r.analyzeFloor !== undefined) {
    out.push(pair(`Analyze median, floor pack vs empty pack, critical path`, r.analyzeFloor.criticalMedianMs, ms));
  }
  if (r.analyzeOverFloor !== undefined) {
    const f = r.analyzeOverFloor;
    out.push(pair(`Analyze median, our pack vs floor pack (2nd column), critical path`, f.criticalMedianMs, ms));
    out.push(pair(`  wall clock`, f.medianMs, ms));
    out.push(pair(`  pack main thread`, f.packCpuMedianMs, ms));
  }
  for (const s of r.analyzeStack) {
    const label = `AnalyzeStack ${count(s.size)} ${s.mix} (${s.requestMiB.toFixed(1)} MiB, ${s.runs} runs)`;
    out.push(pair(label, s.ms, ms));
    out.push(pair(`  pack CPU time per call`, s.cpuMs, ms));
    out.push(pair(`  peak memory (VmHWM) during ${count(s.size)} ${s.mix}`, s.peakMiB, mib));
  }
  const typical = r.analyzeStack.filter((s) => s.mix === "typical").sort((a, b) => a.size - b.size);
  if (typical.length >= 2) {
    const [first, last] = [typical[0], typical[typical.length - 1]];
    const k = (label: "ours" | "empty"): string =>
      growthExponent(first.size, first.ms[label], last.size, last.ms[label]).toFixed(2);
    out.push([`AnalyzeStack growth exponent ${count(first.size)} to ${count(last.size)}`, k("ours"), k("empty"), ""]);
  }
  if (r.evaluator !== undefined) {
    const e = r.evaluator;
    out.push([
      `evaluator: documented policies (${e.pairs} request/policy pairs)`,
      `${count(Math.round(e.requestsPerSecond))} req/s`,
      "",
      "",
    ]);
    out.push([
      `parse: documented policy (${count(e.documentedBytes)} B)`,
      `${e.parseDocumentedUs.toFixed(1)} µs`,
      "",
      "",
    ]);
    out.push([`parse: 20,000 statements (${(e.largeBytes / 2 ** 20).toFixed(1)} MiB)`, ms(e.parseLargeMs), "", ""]);
    out.push([`model + linking: 10,000 keys, 10,000 trails`, ms(e.linkMs), "", ""]);
  }
  if (r.preflight !== undefined) {
    const p = r.preflight;
    out.push(pair(`preflight examples/baseline end to end (${p.runs} runs)`, p.ms, ms));
    out.push([`  findings on ${p.resources} resources`, `${p.mandatory} mandatory, ${p.advisory} advisory`, "", ""]);
  }
  return out;
}

function table(header: Row, body: readonly Row[]): string {
  const widths = header.map((_, c) => Math.max(...[header, ...body].map((row) => row[c].length)));
  const line = (row: Row): string =>
    row
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

function targetLine(t: Target): string {
  const value =
    t.unit === "x"
      ? x(t.value)
      : `${t.value >= 100 ? count(Math.round(t.value)) : t.value.toFixed(2)}${t.unit ? ` ${t.unit}` : ""}`;
  const limit = t.unit === "x" ? x(t.limit) : `${count(t.limit)}${t.unit ? ` ${t.unit}` : ""}`;
  return `${t.pass ? "PASS" : "FAIL"}  ${t.name}: ${value} (target ${t.kind === "max" ? "≤" : "≥"} ${limit})`;
}

/** How the Analyze figures were taken, and the same comparisons in other measures. */
function infoLines(r: BenchResults): string[] {
  const lines: string[] = [];
  const info = (what: string, p: Pair<number>): void =>
    void lines.push(`INFO  ${what}, pack CPU time: ${x(p.ours / p.empty)} (${ms(p.ours)} vs ${ms(p.empty)})`);
  if (r.analyze !== undefined || r.analyzeCold !== undefined) {
    lines.push(
      "INFO  Analyze targets are judged on critical-path CPU time (the bench client's thread + the pack's main " +
        "thread, per call: an idle machine's round trip), the median of per-pass or per-run ratios of interleaved calls",
    );
  }
  if (r.analyzeCold !== undefined) {
    const c = r.analyzeCold;
    lines.push(
      `INFO  first ${c.calls} calls, per-run ratios (critical path, ours / empty): ` +
        `${c.runRatios.map((v) => v.toFixed(2)).join(" ")}; median wall-clock ratio ${x(c.ratio.wall)}, ` +
        `pack main thread ${x(c.ratio.packCpu)}`,
    );
    lines.push(
      `INFO  first ${c.calls} calls, the floor pack (${r.floorResourcePolicies ?? "?"} resource policies, the first only ` +
        `JSON.parsing the key policy) vs the empty pack: ${x(c.floorRatio.critical)} critical path, ` +
        `${x(c.floorRatio.packCpu)} pack main thread`,
    );
  }
  if (r.analyze !== undefined) info("Analyze vs empty pack", r.analyze.cpuMsPerCall);
  if (r.analyzeFloor !== undefined) info("Analyze, floor pack vs empty pack", r.analyzeFloor.cpuMsPerCall);
  if (r.analyzeFloor !== undefined && r.analyzeOverFloor !== undefined) {
    lines.push(
      `INFO  Analyze median, critical path: the floor pack is ${x(r.analyzeFloor.medianRatio)} the empty pack; ` +
        `our pack is ${x(r.analyzeOverFloor.medianRatio)} the floor pack`,
    );
  }
  for (const s of r.analyzeStack) info(`AnalyzeStack ${count(s.size)} ${s.mix} vs empty pack`, s.cpuMs);
  return lines;
}

export function render(r: BenchResults, targets: readonly Target[]): string {
  const env = r.environment;
  const head =
    `kms-guardrails bench: node ${env.node}, ${env.cpus} x ${env.cpuModel}, load ${env.load.start.toFixed(1)}` +
    `${env.load.end !== undefined ? ` -> ${env.load.end.toFixed(1)}` : ""}${env.quick ? ", BENCH_QUICK" : ""}` +
    `${env.durationS !== undefined ? `, ${env.durationS.toFixed(0)} s` : ""}`;
  return [
    head,
    "",
    table(["figure", "ours", "empty pack", "ratio"], rows(r)),
    "",
    ...targets.map(targetLine),
    ...infoLines(r),
  ].join("\n");
}
