// The CI examples in docs/ are real: the workflow and the hook parse, the commands they run exist, and
// every preflight command in them is accepted by the CLI's own argument parser.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { parsePreflightArgs } from "../../components/src/preflight/cli";
import { ROOT } from "./preflight-helpers";

const DOCS = path.join(ROOT, "docs");
const BIN = "kms-guardrails";

/** The argv after `npx kms-guardrails` in a shell line (no quoting in our examples), without a redirect. */
function preflightArgv(command: string): string[] {
  const words = command.split(/\s+/).filter(Boolean);
  const at = words.indexOf(BIN);
  assert.ok(at > 0 && words[at - 1] === "npx", `not an npx ${BIN} command: ${command}`);
  const redirect = words.indexOf(">");
  return words.slice(at + 1, redirect < 0 ? undefined : redirect);
}

describe("docs: CI and pre-commit examples", () => {
  const bins = (
    JSON.parse(fs.readFileSync(path.join(ROOT, "components", "package.json"), "utf8")) as {
      bin: Record<string, string>;
    }
  ).bin;

  it("the package provides the command the examples run", () => {
    assert.ok(bins[BIN], `components/package.json has no bin ${BIN}`);
    assert.ok(fs.existsSync(path.join(ROOT, "components", bins[BIN])), bins[BIN]);
  });

  it("the GitHub Actions workflow parses, runs the preflight with real flags and uploads the SARIF it writes", () => {
    const workflow = parseYaml(fs.readFileSync(path.join(DOCS, "github-actions-preflight.yml"), "utf8")) as {
      permissions: Record<string, string>;
      jobs: Record<string, { steps: { run?: string; uses?: string; with?: Record<string, string>; if?: string }[] }>;
    };
    assert.equal(workflow.permissions["security-events"], "write");
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const runs = steps.flatMap((s) => (s.run ? [s.run] : []));
    assert.ok(runs.includes("npm ci"));
    const preflight = runs.filter((r) => r.includes(BIN));
    assert.equal(preflight.length, 1);
    const args = parsePreflightArgs(preflightArgv(preflight[0]));
    assert.ok(args !== "help");
    assert.equal(args.format, "sarif");
    const written = /> (\S+)\s*$/.exec(preflight[0])?.[1];
    const upload = steps.find((s) => s.uses?.startsWith("github/codeql-action/upload-sarif@"));
    assert.ok(upload, "no upload-sarif step");
    assert.equal(upload.with?.["sarif_file"], written);
    assert.equal(upload.if, "always()", "upload also when the preflight fails (exit 1 or 2)");
  });

  it("the pre-commit hook parses and runs the preflight with real flags", () => {
    const config = parseYaml(fs.readFileSync(path.join(DOCS, "pre-commit-config.yaml"), "utf8")) as {
      repos: { repo: string; hooks: { id: string; entry: string; language: string; pass_filenames: boolean }[] }[];
    };
    const hook = config.repos.flatMap((r) => r.hooks).find((h) => h.id === "kms-guardrails-preflight");
    assert.ok(hook);
    assert.equal(hook.language, "system");
    assert.equal(hook.pass_filenames, false);
    assert.notEqual(parsePreflightArgs(preflightArgv(hook.entry)), "help");
  });

  it("a flag the CLI does not have fails the same check", () => {
    assert.throws(() =>
      parsePreflightArgs(preflightArgv("npx kms-guardrails preflight infra --account 111122223333 --sarif")),
    );
  });
});
