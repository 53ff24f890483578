/**
 * The compiled pack over the analyzer protocol, fed generated key policies (fuzz-documents.ts;
 * fast-check, fixed seed; FUZZ_RUNS for a longer run). One pack process serves the whole file: it
 * must never exit, answer every call, never report a rule that crashed, report every malformed
 * document under kms-key-policy-valid naming the property, and never print a secret document.
 * Needs `npm run build` (the pack's bin/).
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { parsePolicy } from "pulumi-kms-guardrails/engine";
import { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { UNKNOWN } from "../../components/src/preflight/proto-values";
import type { Diagnostic, EngineResource } from "../../components/src/preflight/types";
import { fuzzCase, fuzzResource, MARKER, policyValue, type FuzzCase } from "./fuzz-documents";

const PACK_DIR = path.join(__dirname, "..", "..", "policypack");
const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
const STACK_SIZE = 100;
const VALID_RULE = "kms-key-policy-valid";

function show(ds: readonly Diagnostic[]): string {
  return ds.map((d) => `${d.policyName} [${d.enforcementLevel}]: ${d.message.slice(0, 300)}`).join("\n");
}

/** What every answer must satisfy, whatever the document. */
function checkAnswer(ds: readonly Diagnostic[], secret: boolean): void {
  for (const d of ds) {
    assert.doesNotMatch(d.message, /could not run/, `a rule crashed:\n${show(ds)}`);
    if (secret) assert.ok(!d.message.toLowerCase().includes(MARKER), `a secret was printed:\n${d.message}`);
  }
}

/** A document the engine rejects must come back as a kms-key-policy-valid violation naming its property. */
function checkMalformed(c: FuzzCase, ds: readonly Diagnostic[]): void {
  const { field, plain } = policyValue(c);
  if (plain === null || plain === "" || plain === UNKNOWN) return;
  const errors = parsePolicy(plain).errors;
  if (errors.length === 0) return;
  const reported = ds.filter((d) => d.policyName === VALID_RULE && d.message.includes(`(${field})`));
  assert.ok(reported.length > 0, `no ${VALID_RULE} violation naming ${field} for ${errors[0].code}:\n${show(ds)}`);
  if (c.secrecy === "none") {
    assert.ok(
      reported.some((d) => d.message.includes(errors[0].path)),
      `no violation at ${errors[0].path}:\n${show(reported)}`,
    );
  }
}

describe("hardening: the compiled pack over the analyzer protocol, fuzzed", function () {
  this.timeout(600_000);
  let pack: AnalyzerClient;

  before(async function () {
    if (!fs.existsSync(path.join(PACK_DIR, "bin", "index.js"))) this.skip();
    pack = await AnalyzerClient.start({ packDir: PACK_DIR, callTimeoutMs: 60_000 });
    await pack.configure({});
    await pack.configureStack({ project: "hardening", stack: "fuzz", dryRun: true });
  });
  after(async () => {
    await pack?.close();
  });

  const analyzed: { resource: EngineResource; secret: boolean }[] = [];

  it(`Analyze: ${RUNS} generated key policies, every call answered, malformed ones named`, async () => {
    let index = 0;
    // No shrinking (each step is a call to the pack): the failing case is reported as generated.
    const result = await fc.check(
      fc.asyncProperty(fuzzCase, async (c) => {
        const resource = fuzzResource(c, index++);
        const { diagnostics } = await pack.analyze(resource);
        checkAnswer(diagnostics, c.secrecy !== "none");
        checkMalformed(c, diagnostics);
        analyzed.push({ resource, secret: c.secrecy !== "none" });
      }),
      { seed: 6, numRuns: RUNS, endOnFailure: true },
    );
    if (result.failed) {
      const example = JSON.stringify(result.counterexample?.[0]) ?? "";
      assert.fail(
        `case ${result.numRuns} of seed 6 failed: ${String(result.errorInstance)}\n` +
          `${example.length > 2_000 ? `${example.slice(0, 2_000)}... (${example.length} characters)` : example}`,
      );
    }
  });

  it(`AnalyzeStack: the same resources, ${STACK_SIZE} to a stack`, async () => {
    assert.ok(analyzed.length > 0, "the Analyze run generated the resources");
    for (let i = 0; i < analyzed.length; i += STACK_SIZE) {
      const batch = analyzed.slice(i, i + STACK_SIZE);
      const { diagnostics } = await pack.analyzeStack(batch.map((b) => b.resource));
      checkAnswer(
        diagnostics,
        batch.some((b) => b.secret),
      );
    }
  });

  it("the pack is still up and answering", async () => {
    const info = await pack.getAnalyzerInfo();
    assert.equal(info.name, "kms-guardrails");
    assert.ok(pack.pid !== undefined && fs.existsSync(`/proc/${pack.pid}`));
  });
});
