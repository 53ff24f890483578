// --format sarif: SARIF 2.1.0 that validates against the vendored schema, every rule of the pack in the
// driver, results at the file and line that declare the resource, fingerprints stable across runs.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { RULES } from "../../policypack/rules";
import { ACCOUNT, FIXTURES, ROOT, TINY_PACK, TINY_PROGRAM, runCli } from "./preflight-helpers";

const SCHEMA = JSON.parse(fs.readFileSync(path.join(FIXTURES, "sarif", "sarif-2.1.0-rtm.5.json"), "utf8")) as object;
// The schema has one pattern that is invalid as a unicode RegExp (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`).
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(SCHEMA);

interface SarifResult {
  ruleId: string;
  level: string;
  message: { text: string };
  locations: {
    physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number } };
  }[];
  partialFingerprints: Record<string, string>;
}
interface SarifRule {
  id: string;
  helpUri?: string;
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { "security-severity"?: string };
}
interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { descriptor: { id: string } }[] }[];
    results: SarifResult[];
    originalUriBaseIds?: Record<string, { uri: string }>;
  }[];
}

function valid(text: string): SarifLog {
  const log = JSON.parse(text) as SarifLog;
  assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  assert.equal(log.version, "2.1.0");
  return log;
}

describe("preflight --format sarif (e2e)", function () {
  this.timeout(120_000);
  const tiny = ["preflight", TINY_PROGRAM, ...ACCOUNT, "--pack", TINY_PACK, "--quiet"];

  it("one result per finding at the line that declares the resource; JSON carries the same file and line", async () => {
    const sarif = await runCli(...tiny, "--format", "sarif");
    assert.equal(sarif.code, 1, sarif.stderr);
    const [run] = valid(sarif.stdout).runs;
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.equal(run.originalUriBaseIds?.["%SRCROOT%"].uri, `file://${ROOT}/`);
    const file = "test/fixtures/programs/tiny/index.ts";
    const line =
      fs
        .readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("this.bucket = new Bucket")) + 1;
    assert.deepEqual(
      run.results.map((r) => [
        r.ruleId,
        r.level,
        r.locations[0].physicalLocation.artifactLocation.uri,
        r.locations[0].physicalLocation.region.startLine,
      ]),
      [
        ["tiny-no-public-bucket", "error", file, line],
        ["tiny-bucket-has-policy", "warning", file, line],
      ],
    );
    const json = await runCli(...tiny, "--json");
    const { findings } = JSON.parse(json.stdout) as {
      findings: { policyName: string; location: { file: string; line: number } }[];
    };
    assert.deepEqual(
      findings.map((f) => [f.policyName, f.location.file, f.location.line]),
      run.results.map((r) => [r.ruleId, file, line]),
    );
    const again = valid((await runCli(...tiny, "--format", "sarif")).stdout).runs[0];
    assert.deepEqual(
      again.results.map((r) => r.partialFingerprints),
      run.results.map((r) => r.partialFingerprints),
    );
    assert.notEqual(
      run.results[0].partialFingerprints["kmsGuardrailsFinding/v1"],
      run.results[1].partialFingerprints["kmsGuardrailsFinding/v1"],
    );
  });

  it("our pack: every rule in the driver, level and security-severity from its metadata", async () => {
    const sarif = await runCli(
      "preflight",
      path.join(ROOT, "examples", "noncompliant"),
      ...ACCOUNT,
      "--quiet",
      "--format",
      "sarif",
    );
    assert.equal(sarif.code, 1, sarif.stderr);
    const [run] = valid(sarif.stdout).runs;
    const severity = { critical: "9.5", high: "7.5", medium: "5.5", low: "2.5" };
    assert.deepEqual(
      run.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level, r.properties["security-severity"]]),
      RULES.map((r) => [r.id, r.enforcementLevel === "mandatory" ? "error" : "warning", severity[r.severity]]),
    );
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.helpUri ?? "", /^https:\/\/docs\.aws\.amazon\.com\//, rule.id);
      assert.ok(rule.help.text.endsWith(`AWS documentation: ${rule.helpUri}`), rule.id);
    }
    assert.ok(run.results.length > 0);
    for (const r of run.results) {
      const { uri } = r.locations[0].physicalLocation.artifactLocation;
      assert.match(uri, /^examples\/noncompliant\/[a-z-]+\.ts$/, `${r.ruleId}: ${uri}`);
      const text = fs.readFileSync(path.join(ROOT, uri), "utf8").split("\n")[
        r.locations[0].physicalLocation.region.startLine - 1
      ];
      assert.match(text, /new [A-Za-z.]+\(/, `${r.ruleId} points at "${text}"`);
    }
  });

  it("a run that cannot start: an invocation that failed, with the error's code", async () => {
    const run = await runCli("preflight", TINY_PACK, ...ACCOUNT, "--format", "sarif");
    assert.equal(run.code, 2);
    const [failed] = valid(run.stdout).runs;
    assert.equal(failed.invocations[0].executionSuccessful, false);
    assert.equal(failed.invocations[0].toolExecutionNotifications?.[0].descriptor.id, "not-a-program");
    assert.deepEqual(failed.results, []);
  });
});
