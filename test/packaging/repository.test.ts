/**
 * The repository as a new user meets it: after `npm ci` at the root, `npx kms-guardrails` runs the
 * workspace's command (never a registry lookup), and every package carries the same Apache-2.0
 * LICENSE as the root.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { policies } from "../../policypack/policies";
import { ROOT, readJson, run } from "./npm";

describe("packaging: the repository", () => {
  it("`npx kms-guardrails --version` at the root prints the library's version without the registry", function () {
    this.timeout(60_000);
    const version = readJson<{ version: string }>(path.join(ROOT, "components", "package.json")).version;
    const out = run("npx", ["--no-install", "kms-guardrails", "--version"], ROOT, "npx kms-guardrails --version");
    assert.equal(out.stdout.trim(), version);
  });

  it("the preflight CLI itself answers --version and -v, and --help lists them", function () {
    this.timeout(60_000);
    const version = readJson<{ version: string }>(path.join(ROOT, "components", "package.json")).version;
    const cli = path.join(ROOT, "components", "dist", "preflight", "cli.js");
    for (const flag of ["--version", "-v"]) {
      assert.equal(run("node", [cli, flag], ROOT, `node cli.js ${flag}`).stdout.trim(), version);
    }
    assert.match(run("node", [cli, "--help"], ROOT, "node cli.js --help").stdout, /^\s+-v, --version\s/m);
  });

  it("LICENSE is the Apache License 2.0, the same file at the root and in both packages", () => {
    const root = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
    assert.match(root, /^\s*Apache License\s+Version 2\.0, January 2004/);
    assert.match(root, /END OF TERMS AND CONDITIONS/);
    for (const dir of ["components", "policypack"]) {
      assert.equal(
        fs.readFileSync(path.join(ROOT, dir, "LICENSE"), "utf8"),
        root,
        `${dir}/LICENSE differs from LICENSE`,
      );
      assert.equal(readJson<{ license: string }>(path.join(ROOT, dir, "package.json")).license, "Apache-2.0");
    }
  });
});

/** The shell lines of the README's ```sh blocks, comments stripped. */
function readmeShellLines(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) =>
    m[1]
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter(Boolean),
  );
}

describe("packaging: the README's commands", () => {
  it("paste as they are: no optional flags in brackets, no <placeholders>", () => {
    const lines = readmeShellLines();
    assert.ok(lines.length > 5);
    for (const line of lines) {
      assert.doesNotMatch(line, /\[--?[a-z]/, `optional flags belong outside the command: ${line}`);
      assert.doesNotMatch(line, /<[a-z][^>]*>/i, `a placeholder does not run: ${line}`);
    }
  });

  it("name only files the repository has", () => {
    const named = readmeShellLines().flatMap((line) => line.match(/[\w./-]+\.json\b/g) ?? []);
    assert.ok(named.includes("pack-config.example.json"));
    for (const file of named) assert.ok(fs.existsSync(path.join(ROOT, file)), `README names ${file}, which is missing`);
  });

  it("pack-config.example.json configures only the pack's rules, with the options their schemas declare", () => {
    const config = readJson<Record<string, unknown>>(path.join(ROOT, "pack-config.example.json"));
    const byName = new Map(policies.map((p) => [p.name, p]));
    const levels = ["advisory", "mandatory", "remediate", "disabled"];
    for (const [name, entry] of Object.entries(config)) {
      if (name === "all") {
        assert.ok(levels.includes(entry as string), `all: ${String(entry)}`);
        continue;
      }
      const policy = byName.get(name);
      assert.ok(policy, `${name} is not a rule of the pack`);
      if (typeof entry === "string") {
        assert.ok(levels.includes(entry), `${name}: ${entry}`);
        continue;
      }
      const declared = Object.keys(policy.configSchema?.properties ?? {});
      for (const option of Object.keys(entry as object).filter((k) => k !== "enforcementLevel")) {
        assert.ok(declared.includes(option), `${name} has no option ${option}`);
      }
    }
  });
});
