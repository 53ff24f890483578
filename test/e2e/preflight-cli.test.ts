// `kms-guardrails preflight`: the report, the exit code, and one-line errors when it cannot run.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { PreflightResult } from "../../components/src/preflight/preflight";
import { ACCOUNT, FIXTURES, TINY_PACK, TINY_PROGRAM, runCli as run } from "./preflight-helpers";

function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.includes("error"));
}

describe("kms-guardrails preflight (e2e)", function () {
  this.timeout(60_000);

  it("prints the policy violations like pulumi preview and exits 1 on a mandatory one", async () => {
    const { code, stdout, stderr } = await run("preflight", TINY_PROGRAM, ...ACCOUNT, "--pack", TINY_PACK, "--preview");
    assert.equal(code, 1);
    assert.match(
      stdout,
      /^Previewed fixture-tiny \(stack preflight\) offline against policy pack fixture-tiny v0\.0\.1$/m,
    );
    assert.match(
      stdout,
      /^ {4}\[mandatory\] {2}fixture-tiny v0\.0\.1 {2}tiny-no-public-bucket \(site-content: test:index:Bucket\)\n {4}Buckets must not use the forbidden ACL\.\n {4}acl is public-read$/m,
    );
    assert.match(stdout, /^ {4}\[advisory\] {2}fixture-tiny v0\.0\.1 {2}tiny-bucket-has-policy \(site-content: /m);
    assert.match(stdout, /^1 mandatory violation, 1 advisory in 6 resources: preflight failed/m);
    assert.match(stdout, /^ {4}acl is public-read\n {4}at test\/fixtures\/programs\/tiny\/index\.ts:28:\d+$/m);
    assert.match(stderr, /^preflight: program registered 6 resources/m);
  });

  it("--json gives the findings with their resource; a config that downgrades the rule exits 0", async () => {
    const config = path.join(FIXTURES, "tiny-pack-config.json");
    const { code, stdout } = await run(
      "preflight",
      TINY_PROGRAM,
      ...ACCOUNT,
      "--pack",
      TINY_PACK,
      "--json",
      "--quiet",
      "--policy-pack-config",
      config,
    );
    assert.equal(code, 0);
    const result = JSON.parse(stdout) as PreflightResult;
    assert.equal(result.mode, "update");
    assert.deepEqual(
      result.findings.map((f) => [f.policyName, f.enforcementLevel, f.urn, f.source]),
      [
        [
          "tiny-no-public-bucket",
          "advisory",
          "urn:pulumi:preflight::fixture-tiny::test:index:Site$test:index:Bucket::site-content",
          "analyze",
        ],
        [
          "tiny-bucket-has-policy",
          "advisory",
          "urn:pulumi:preflight::fixture-tiny::test:index:Site$test:index:Bucket::site-content",
          "analyzeStack",
        ],
      ],
    );
    assert.deepEqual(result.counts, { mandatory: 0, advisory: 2, remediate: 0, disabled: 0 });
  });

  it("--config still takes the pack's configuration, with a warning that it is deprecated", async () => {
    const config = path.join(FIXTURES, "tiny-pack-config.json");
    const { code, stderr } = await run("preflight", TINY_PROGRAM, ...ACCOUNT, "--pack", TINY_PACK, "--config", config);
    assert.equal(code, 0);
    assert.match(stderr, /^preflight: warning: --config is deprecated .*: use --policy-pack-config$/m);
  });

  describe("one-line errors, exit code 2", () => {
    it("a folder that is not a Pulumi program", async () => {
      const { code, stdout, stderr } = await run("preflight", TINY_PACK, ...ACCOUNT, "--pack", TINY_PACK);
      assert.equal(code, 2);
      assert.equal(stdout, "");
      assert.deepEqual(errorLines(stderr), [
        `kms-guardrails preflight: error: ${TINY_PACK} is not a Pulumi program: no Pulumi.yaml`,
      ]);
    });

    it("a program that throws", async () => {
      const program = path.join(FIXTURES, "programs", "throws");
      const { code, stderr } = await run("preflight", program, ...ACCOUNT, "--pack", TINY_PACK);
      assert.equal(code, 2);
      assert.deepEqual(errorLines(stderr), [
        `kms-guardrails preflight: error: program ${program} failed: the throws fixture fails on purpose`,
      ]);
    });

    it("a pack that fails to start", async () => {
      const pack = path.join(FIXTURES, "packs", "crash-at-start");
      const { code, stderr } = await run("preflight", TINY_PROGRAM, ...ACCOUNT, "--pack", pack);
      assert.equal(code, 2);
      const lines = errorLines(stderr);
      assert.equal(lines.length, 1);
      assert.match(
        lines[0],
        /^kms-guardrails preflight: error: policy pack .*crash-at-start failed to start: .*: Error: the crash-at-start fixture fails on purpose$/,
      );
    });

    it("a pack that is not built", async () => {
      const pack = path.join(FIXTURES, "packs", "unbuilt");
      const { code, stderr } = await run("preflight", TINY_PROGRAM, ...ACCOUNT, "--pack", pack);
      assert.equal(code, 2);
      assert.deepEqual(errorLines(stderr), [
        `kms-guardrails preflight: error: policy pack ${pack} is not built: its main bin/index.js does not exist (run \`npm run build\` in it)`,
      ]);
    });

    it("bad arguments print the usage", async () => {
      const { code, stderr } = await run("preflight", TINY_PROGRAM, "--account", "1234", "--region", "us-east-1");
      assert.equal(code, 2);
      assert.match(stderr, /^kms-guardrails: --account must be 12 digits\nusage: kms-guardrails preflight/);
    });

    it("the command itself sets the exit code (run as a process)", () => {
      const cli = path.join(__dirname, "..", "..", "components", "src", "preflight", "cli.ts");
      const child = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", cli, "preflight", TINY_PACK, ...ACCOUNT, "--pack", TINY_PACK],
        { encoding: "utf8", cwd: path.join(__dirname, "..", "..") },
      );
      assert.equal(child.status, 2, child.stderr);
      assert.match(child.stderr, /is not a Pulumi program: no Pulumi\.yaml\n$/);
    });
  });
});
