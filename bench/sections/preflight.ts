/**
 * `kms-guardrails preflight examples/baseline` end to end, as a user runs it: a new node process
 * runs the program under mocks, starts the pack, and sends every call the CLI would. The empty pack
 * runs the same program alternately, so the ratio shows what the pack adds to the whole check.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { EMPTY_PACK, OUR_PACK, type PackUnderTest } from "../packs";
import { alternate, type Pair } from "../side-by-side";
import { elapsedMs, median } from "../stats";

const ROOT = path.join(__dirname, "..", "..");
const CLI = path.join(ROOT, "components", "dist", "preflight", "cli.js");
const PROGRAM = path.join(ROOT, "examples", "baseline");

export interface PreflightResult {
  readonly runs: number;
  readonly ms: Pair<number>;
  readonly resources: number;
  /** Our pack's findings on the example (the baseline is compliant: zero mandatory). */
  readonly mandatory: number;
  readonly advisory: number;
}

interface Report {
  readonly resources: number;
  readonly counts: { readonly mandatory: number; readonly advisory: number };
}

function run(pack: PackUnderTest): Promise<{ ms: number; report: Report }> {
  const args = [CLI, "preflight", PROGRAM, "--account", "111122223333", "--region", "us-east-1"];
  args.push("--pack", pack.dir, "--json", "--quiet");
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.once("error", reject);
    child.once("exit", (code) => {
      const ms = elapsedMs(start);
      // Exit 1 is a mandatory finding, still a complete run; 2 is a preflight that could not run.
      if (code !== 0 && code !== 1) reject(new Error(`preflight with ${pack.label} pack exited ${code}: ${stderr}`));
      else resolve({ ms, report: JSON.parse(stdout) as Report });
    });
  });
}

export async function benchPreflight(runs: number, log: (line: string) => void): Promise<PreflightResult> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const samples: Pair<number[]> = { ours: [], empty: [] };
  let last: Report | undefined;
  for (let round = 0; round < runs; round++) {
    const result = await alternate({ ours: OUR_PACK, empty: EMPTY_PACK }, round, run);
    samples.ours.push(result.ours.ms);
    samples.empty.push(result.empty.ms);
    last = result.ours.report;
    log(`  round ${round + 1}: ours ${result.ours.ms.toFixed(0)} ms, empty ${result.empty.ms.toFixed(0)} ms`);
  }
  if (last === undefined) throw new Error("no preflight run");
  return {
    runs,
    ms: { ours: median(samples.ours), empty: median(samples.empty) },
    resources: last.resources,
    mandatory: last.counts.mandatory,
    advisory: last.counts.advisory,
  };
}
