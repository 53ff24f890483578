/**
 * The library as a user gets it: `npm pack` of components/, installed from the tarball into a fresh
 * Pulumi TypeScript project (Pulumi's `aws-typescript` template: @pulumi/pulumi, @pulumi/aws, and its
 * tsconfig), outside the repository. The documented imports (the package, `/engine`, `/catalog`)
 * must type-check under every moduleResolution a project may use, and the `kms-guardrails` command
 * must run. One install serves all the tests.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { WORKSPACE_CONDITION } from "../../scripts/packed-manifest";
import { ROOT, pack, readJson, run, tempDir, type Tarball } from "./npm";

const LIBRARY_DIR = path.join(ROOT, "components");
const CONSUMER = path.join(__dirname, "fixtures", "consumer");
/** Files the documented entry points need; the tarball holds more (all of dist/). */
const REQUIRED_FILES = [
  "LICENSE",
  "README.md",
  "package.json",
  "bin/kms-guardrails.js",
  "dist/index.js",
  "dist/index.d.ts",
  "dist/engine/index.js",
  "dist/engine/index.d.ts",
  "dist/catalog/index.js",
  "dist/catalog/index.d.ts",
  "dist/preflight/cli.js",
];

type Exports = string | null | readonly Exports[] | { readonly [key: string]: Exports };

/** Every file an `exports` map can resolve to, with where it sits (`["./engine"]["types"]`). */
function exportTargets(value: Exports, at = ""): { at: string; file: string }[] {
  if (typeof value === "string") return [{ at, file: value }];
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v: Exports, i: number) => exportTargets(v, `${at}[${i}]`));
  return Object.entries(value).flatMap(([key, inner]) => exportTargets(inner, `${at}[${JSON.stringify(key)}]`));
}

/** The versions this repository is tested with, as ranges a new project would write. */
function testedRange(name: string, operator: "^" | "~"): string {
  return `${operator}${readJson<{ version: string }>(path.join(ROOT, "node_modules", name, "package.json")).version}`;
}

/** moduleResolution settings a consumer may use, each with the module setting it requires. */
const RESOLUTIONS = [
  { moduleResolution: "node16", module: "node16" },
  { moduleResolution: "nodenext", module: "nodenext" },
  { moduleResolution: "bundler", module: "esnext" },
] as const;

describe("packaging: the library from its tarball, in a fresh Pulumi TypeScript project", function () {
  this.timeout(10 * 60_000);
  let work: string;
  let tarball: Tarball;
  let project: string;
  let version: string;

  before(() => {
    work = tempDir("library");
    tarball = pack(LIBRARY_DIR, work);
    version = readJson<{ version: string }>(path.join(LIBRARY_DIR, "package.json")).version;
    project = path.join(work, "project");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: guardrails-consumer\nruntime: nodejs\n");
    const manifest = {
      name: "guardrails-consumer",
      main: "index.ts",
      private: true,
      devDependencies: { "@types/node": testedRange("@types/node", "^"), typescript: testedRange("typescript", "~") },
      dependencies: {
        "@pulumi/aws": testedRange("@pulumi/aws", "^"),
        "@pulumi/pulumi": testedRange("@pulumi/pulumi", "^"),
        "pulumi-kms-guardrails": `file:${tarball.file}`,
      },
    };
    fs.writeFileSync(path.join(project, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const file of ["index.ts", "tsconfig.json"])
      fs.copyFileSync(path.join(CONSUMER, file), path.join(project, file));
    run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], project, "npm install in the new project");
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  const tsc = (config: string): void => {
    run(
      process.execPath,
      [path.join("node_modules", "typescript", "bin", "tsc"), "-p", config, "--noEmit"],
      project,
      `tsc -p ${config}`,
    );
  };

  it("the tarball holds the compiled entry points, the command, README and LICENSE", () => {
    const missing = REQUIRED_FILES.filter((f) => !tarball.files.includes(f));
    assert.deepEqual(missing, [], `missing from ${path.basename(tarball.file)}: ${missing.join(", ")}`);
    assert.ok(!tarball.files.some((f) => f.startsWith("test/")), "no tests in the tarball");
  });

  it("ships no TypeScript sources, and every export target of its manifest is in it", () => {
    // The component plugin (PulumiPlugin.yaml, which reads src/) is used from a checkout or a git
    // URL, not from this tarball.
    const sources = tarball.files.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"));
    assert.deepEqual(sources, [], "TypeScript sources in the tarball");
    assert.ok(!tarball.files.includes("PulumiPlugin.yaml"), "a plugin manifest without the sources it reads");
    const manifest = readJson<{ exports: Exports }>(
      path.join(project, "node_modules", "pulumi-kms-guardrails", "package.json"),
    );
    const targets = exportTargets(manifest.exports);
    assert.ok(targets.length >= 8, `expected the entry points' types and default targets, got ${targets.length}`);
    const missing = targets.filter((t) => !tarball.files.includes(path.posix.normalize(t.file)));
    assert.deepEqual(
      missing.map((t) => `exports${t.at}: ${t.file}`),
      [],
      "export targets that are not in the tarball (a project setting that condition could not resolve them)",
    );
    assert.ok(!targets.some((t) => t.at.includes(`"${WORKSPACE_CONDITION}"`)), "the workspace condition is packed");
  });

  it("packing leaves the workspace manifest as it was (prepack strips a copy, postpack restores it)", () => {
    const workspace = readJson<{ exports: Exports }>(path.join(LIBRARY_DIR, "package.json"));
    const atSource = exportTargets(workspace.exports).filter((t) => t.at.endsWith(`["${WORKSPACE_CONDITION}"]`));
    assert.ok(atSource.length >= 4, "the workspace's exports map each entry point's source condition to src/");
    assert.ok(!fs.existsSync(path.join(LIBRARY_DIR, ".package.json.workspace")), "the saved manifest was not removed");
  });

  it("the documented entry points load and run from dist/ in the new project", () => {
    const script = [
      'const { AuditKey } = require("pulumi-kms-guardrails");',
      'const { parsePolicy } = require("pulumi-kms-guardrails/engine");',
      'const { cloudTrailTrailPlan } = require("pulumi-kms-guardrails/catalog");',
      'const statement = { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" };',
      'const parsed = parsePolicy(JSON.stringify({ Version: "2012-10-17", Statement: [statement] }));',
      'if (typeof AuditKey !== "function" || typeof cloudTrailTrailPlan !== "function") throw new Error("missing export");',
      "process.stdout.write(`${parsed.valid}:${parsed.policy.statements.length}`);",
    ].join("\n");
    assert.equal(run(process.execPath, ["-e", script], project, "require the entry points").stdout, "true:1");
  });

  it("type-checks the documented imports with Pulumi's template tsconfig (moduleResolution node)", () => {
    tsc("tsconfig.json");
  });

  for (const { moduleResolution, module } of RESOLUTIONS) {
    it(`type-checks the documented imports under moduleResolution ${moduleResolution}`, () => {
      const config = `tsconfig.${moduleResolution}.json`;
      const compilerOptions = { module, moduleResolution, skipLibCheck: true };
      fs.writeFileSync(path.join(project, config), JSON.stringify({ extends: "./tsconfig.json", compilerOptions }));
      tsc(config);
    });
  }

  it("`kms-guardrails --version` prints the library's version, `--help` the usage", () => {
    const bin = path.join(project, "node_modules", ".bin", "kms-guardrails");
    assert.equal(run(bin, ["--version"], project, "kms-guardrails --version").stdout.trim(), version);
    assert.match(run(bin, ["--help"], project, "kms-guardrails --help").stdout, /usage: kms-guardrails preflight/);
  });
});
