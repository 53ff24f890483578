// `npm start`: the offline preflight of every example through the compiled policy pack, the way
// `pulumi preview --policy-pack policypack` would check them, with no Pulumi CLI, no AWS and no network
// (account 111122223333, us-east-1, answered by the mocks). Prints each example's report, then one line
// per example saying whether the pack reported what examples/expected.ts says it should.
//
// Exit code: 0 every example as expected, 1 one was not, 2 the preflight could not run.
// `npm start -- --preview` checks the first preview of a new stack instead of an update.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient } from "../components/src/preflight/analyzer-client";
import { regionConfig } from "../components/src/preflight/cli";
import { runPreflight, type PreflightResult } from "../components/src/preflight/preflight";
import { renderReport } from "../components/src/preflight/report";
import { GuardrailsMocks } from "../components/src/testing/mocks";
import { EXAMPLES, expectedRows, findingRows, type ExampleName } from "../examples/expected";

const ROOT = path.join(__dirname, "..");
const PACK_DIR = path.join(ROOT, "policypack");
const ACCOUNT = "111122223333";
const REGION = "us-east-1";

/** Newest modification time of the TypeScript under `dir` (not in node_modules, dist or bin). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!["node_modules", "dist", "bin"].includes(entry.name)) newest = Math.max(newest, newestSource(file));
    } else if (entry.name.endsWith(".ts")) {
      newest = Math.max(newest, fs.statSync(file).mtimeMs);
    }
  }
  return newest;
}

/**
 * The pack runs from policypack/bin and loads the library from components/dist: build them unless both
 * are newer than every source file (after `npm ci` the `prepare` script has just built them).
 */
function ensureBuilt(): void {
  const outputs = [path.join(ROOT, "components", "dist", "index.js"), path.join(PACK_DIR, "bin", "index.js")];
  const sources = Math.max(newestSource(path.join(ROOT, "components", "src")), newestSource(PACK_DIR));
  if (outputs.every((f) => fs.existsSync(f) && fs.statSync(f).mtimeMs >= sources)) return;
  process.stderr.write("npm start: building the library and the policy pack first (npm run build)\n");
  const build = spawnSync("npm", ["run", "build"], {
    cwd: ROOT,
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (build.status !== 0) throw new Error("`npm run build` failed");
}

interface Outcome {
  name: ExampleName;
  result: PreflightResult;
  missing: string[];
  unexpected: string[];
}

function compare(name: ExampleName, result: PreflightResult): Outcome {
  const want = expectedRows(EXAMPLES[name][result.mode]);
  const got = findingRows(result.findings);
  return {
    name,
    result,
    missing: want.filter((r) => !got.includes(r)),
    unexpected: got.filter((r) => !want.includes(r)),
  };
}

function verdictLine({ name, result, missing, unexpected }: Outcome): string {
  const { mandatory, advisory } = result.counts;
  const counts = `${mandatory} mandatory, ${advisory} advisory`;
  const kind = EXAMPLES[name].compliant ? "compliant" : "noncompliant";
  if (missing.length === 0 && unexpected.length === 0) return `  ok    ${name} (${kind}): ${counts}, as expected`;
  const diff = [
    ...missing.map((r) => `\n          missing:    ${r}`),
    ...unexpected.map((r) => `\n          unexpected: ${r}`),
  ];
  return `  FAIL  ${name} (${kind}): ${counts}, not what examples/expected.ts says:${diff.join("")}`;
}

async function main(preview: boolean): Promise<number> {
  ensureBuilt();
  const pack = await AnalyzerClient.start({ packDir: PACK_DIR });
  const outcomes: Outcome[] = [];
  try {
    for (const name of Object.keys(EXAMPLES) as ExampleName[]) {
      const result = await runPreflight({
        programDir: path.join(ROOT, "examples", name),
        client: pack,
        mode: preview ? "preview" : "update",
        mocks: new GuardrailsMocks({ account: ACCOUNT, region: REGION }),
        stackConfig: regionConfig(REGION),
      });
      const kind = EXAMPLES[name].compliant ? "compliant" : "noncompliant: breaks the documented rules on purpose";
      process.stdout.write(`\n=== examples/${name} (${kind}) ===\n\n${renderReport(result)}`);
      outcomes.push(compare(name, result));
    }
  } finally {
    await pack.close();
  }
  const failed = outcomes.filter((o) => o.missing.length > 0 || o.unexpected.length > 0);
  process.stdout.write(`\n=== Summary (${preview ? "preview" : "update"}, account ${ACCOUNT}, ${REGION}) ===\n\n`);
  process.stdout.write(outcomes.map(verdictLine).join("\n") + "\n\n");
  process.stdout.write(
    failed.length === 0
      ? `npm start: all ${outcomes.length} examples reported as expected\n`
      : `npm start: ${failed.length} of ${outcomes.length} examples did not report what examples/expected.ts says\n`,
  );
  return failed.length === 0 ? 0 : 1;
}

main(process.argv.slice(2).includes("--preview"))
  .catch((error: unknown) => {
    process.stderr.write(
      `npm start: error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`,
    );
    return 2;
  })
  // Exit explicitly: the Pulumi runtime can leave handles open; flush the report first.
  .then((code) => process.stdout.write("", () => process.exit(code)));
