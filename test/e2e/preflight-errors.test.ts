// `kms-guardrails preflight` when it cannot run: machine-readable errors, TypeScript compile errors with
// file:line:column, and the one tsconfig rule of the Pulumi language host.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { captureProgram } from "../../components/src/preflight/capture";
import { locateProgram } from "../../components/src/preflight/program";
import { resolvePulumiDir } from "../../components/src/preflight/pulumi-modules";
import { pulumiDefaultCompilerOptions, typeScriptSetup } from "../../components/src/preflight/typescript-loader";
import {
  ACCOUNT,
  BUCKET_PROGRAM,
  TINY_PACK,
  TINY_PROGRAM,
  removeProgram,
  runCli,
  writeProgram,
} from "./preflight-helpers";

const PULUMI_YAML = "name: temp\nruntime: nodejs\n";
const mocks = { newResource: () => ({ id: "id", state: {} }), call: () => ({}) };
/** Rejected by TypeScript whenever it is read: module nodenext needs moduleResolution nodenext (TS5109). */
const BROKEN_TSCONFIG = JSON.stringify({ compilerOptions: { module: "nodenext", moduleResolution: "node10" } });

describe("kms-guardrails preflight: errors and the tsconfig rule (e2e)", function () {
  this.timeout(60_000);
  const made: string[] = [];
  const program = (files: Record<string, string>): string => {
    const dir = writeProgram(files);
    made.push(dir);
    return dir;
  };
  after(() => made.forEach(removeProgram));

  describe("--format json: stdout says why the run could not start, exit 2", () => {
    const failure = async (...argv: string[]): Promise<{ code: string; message: string }> => {
      const run = await runCli(...argv, "--format", "json", "--quiet");
      assert.equal(run.code, 2, run.stderr);
      const parsed = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      assert.deepEqual(Object.keys(parsed), ["error"]);
      return parsed.error;
    };

    it("bad arguments: usage", async () => {
      assert.deepEqual(await failure("preflight", TINY_PROGRAM, "--account", "12", "--region", "us-east-1"), {
        code: "usage",
        message: "--account must be 12 digits",
      });
    });

    it("--json works as --format json, even when the other arguments are wrong", async () => {
      const run = await runCli("preflight", "--json");
      assert.equal(run.code, 2);
      assert.equal((JSON.parse(run.stdout) as { error: { code: string } }).error.code, "usage");
    });

    it("a folder that is not a program: not-a-program", async () => {
      const error = await failure("preflight", TINY_PACK, ...ACCOUNT, "--pack", TINY_PACK);
      assert.equal(error.code, "not-a-program");
      assert.equal(error.message, `${TINY_PACK} is not a Pulumi program: no Pulumi.yaml`);
    });

    it("a program that throws: program-failed", async () => {
      const throws = path.join(TINY_PROGRAM, "..", "throws");
      const error = await failure("preflight", throws, ...ACCOUNT, "--pack", TINY_PACK);
      assert.equal(error.code, "program-failed");
      assert.match(error.message, /the throws fixture fails on purpose$/);
    });

    it("a pack that is not built: pack-failed", async () => {
      const unbuilt = path.join(TINY_PACK, "..", "unbuilt");
      const error = await failure("preflight", TINY_PROGRAM, ...ACCOUNT, "--pack", unbuilt);
      assert.equal(error.code, "pack-failed");
      assert.match(error.message, /is not built/);
    });

    it("an unreadable --policy-pack-config: pack-config", async () => {
      const error = await failure(
        "preflight",
        TINY_PROGRAM,
        ...ACCOUNT,
        "--pack",
        TINY_PACK,
        "--policy-pack-config",
        "/nonexistent.json",
      );
      assert.deepEqual(error, { code: "pack-config", message: "cannot read --policy-pack-config /nonexistent.json" });
    });
  });

  describe("compile errors", () => {
    it("name the file, line and column and give TypeScript's message, without --verbose", async () => {
      const dir = program({
        "Pulumi.yaml": PULUMI_YAML,
        "index.ts": 'import "./lib";\n',
        "lib.ts": "export const fine = 1;\n\nexport const broken = ;\n",
      });
      const run = await runCli("preflight", dir, ...ACCOUNT, "--pack", TINY_PACK, "--quiet");
      assert.equal(run.code, 2);
      assert.equal(
        run.stderr,
        `kms-guardrails preflight: error: program ${dir} failed: TypeScript does not compile:\n` +
          "  lib.ts:3:23 - error TS1109: Expression expected.\n",
      );
      const json = await runCli("preflight", dir, ...ACCOUNT, "--pack", TINY_PACK, "--quiet", "--json");
      const { error } = JSON.parse(json.stdout) as { error: { code: string; message: string } };
      assert.equal(error.code, "compile-error");
      assert.match(error.message, /lib\.ts:3:23 - error TS1109: Expression expected\.$/);
    });
  });

  describe("one tsconfig rule wherever the command runs", () => {
    it("without tsconfig.json: Pulumi's defaults, never a tsconfig.json further up", async () => {
      const dir = program({
        "tsconfig.json": BROKEN_TSCONFIG,
        "app/Pulumi.yaml": PULUMI_YAML,
        "app/index.ts": BUCKET_PROGRAM,
      });
      const setup = typeScriptSetup(locateProgram(path.join(dir, "app")), resolvePulumiDir(dir));
      assert.equal(setup.tsconfig, undefined);
      assert.deepEqual(setup.compilerOptions, pulumiDefaultCompilerOptions(setup.compilerVersion));
      assert.deepEqual(pulumiDefaultCompilerOptions(setup.compilerVersion), {
        target: "ES2020",
        module: "nodenext",
        moduleResolution: "nodenext",
        sourceMap: "true",
      });
      const capture = await captureProgram({ programDir: path.join(dir, "app"), mode: "update", mocks });
      assert.deepEqual(
        capture.resources.map((r) => r.name),
        ["temp-preflight", "default", "only"],
      );
    });

    it("the program's tsconfig.json (of `main` when it is a folder): its options over the defaults", async () => {
      const dir = program({
        "Pulumi.yaml": `${PULUMI_YAML}main: src/\n`,
        "src/tsconfig.json": JSON.stringify({
          compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node10" },
        }),
        "src/index.ts": BUCKET_PROGRAM,
      });
      const setup = typeScriptSetup(locateProgram(dir), resolvePulumiDir(dir));
      assert.equal(setup.tsconfig, path.join(dir, "src", "tsconfig.json"));
      assert.deepEqual(setup.compilerOptions, {
        target: "ES2022",
        module: "commonjs",
        moduleResolution: "node10",
        sourceMap: "true",
      });
      const capture = await captureProgram({ programDir: dir, mode: "update", mocks });
      assert.equal(capture.resources.length, 3);
    });

    it("a tsconfig.json TypeScript rejects is a compile error naming it", async () => {
      const dir = program({ "Pulumi.yaml": PULUMI_YAML, "tsconfig.json": BROKEN_TSCONFIG, "index.ts": BUCKET_PROGRAM });
      const run = await runCli("preflight", dir, ...ACCOUNT, "--pack", TINY_PACK, "--quiet", "--json");
      const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
      assert.equal(error.code, "compile-error");
      assert.match(error.message, /^ {2}error TS5109: Option 'moduleResolution' must be set to 'NodeNext'/m);
    });
  });
});
