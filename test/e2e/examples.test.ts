// Every example through the compiled policy pack over the analyzer protocol, as `pulumi preview
// --policy-pack policypack` would run it: one pack process for the file, each program captured once per
// mode under the mocks, and the exact set of (rule, enforcement level, resource) the pack reports.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { captureProgram, type Capture, type CaptureMode } from "../../components/src/preflight/capture";
import { regionConfig } from "../../components/src/preflight/cli";
import { checkPackEntry } from "../../components/src/preflight/locate-pack";
import { analyzeCapture, type Finding } from "../../components/src/preflight/preflight";
import type { PolicyPackConfig } from "../../components/src/preflight/types";
import { GuardrailsMocks } from "../../components/src/testing/mocks";
import { EXAMPLES, expectedRows, findingRow, findingRows, type ExampleName } from "../../examples/expected";

const ROOT = path.join(__dirname, "..", "..");
const PACK_DIR = path.join(ROOT, "policypack");
const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const MODES: readonly CaptureMode[] = ["update", "preview"];

/** The pack must be compiled: a TypeScript or missing entry is a build that did not run, not a skip. */
function assertPackBuilt(): void {
  const hint = "run `npm run build` at the repository root first (`npm test` does)";
  let typescript: boolean;
  try {
    ({ typescript } = checkPackEntry(PACK_DIR));
  } catch (error) {
    throw new Error(`${(error as Error).message.replace(/ \(run .*\)$/, "")}: ${hint}`, { cause: error });
  }
  if (typescript) throw new Error(`policy pack ${PACK_DIR} runs from TypeScript, not policypack/bin: ${hint}`);
}

describe("examples through the compiled policy pack (e2e)", function () {
  this.timeout(120_000);
  let pack: AnalyzerClient | undefined;
  const captures = new Map<string, Capture>();
  const capture = (name: ExampleName, mode: CaptureMode): Capture => {
    const found = captures.get(`${name}/${mode}`);
    assert.ok(found, `${name} was not captured in ${mode} mode`);
    return found;
  };
  const client = (): AnalyzerClient => {
    assert.ok(pack, "the policy pack did not start");
    return pack;
  };
  // Each capture analyzed once with the pack's defaults; the Configure tests run their own.
  const analyses = new Map<string, Promise<Finding[]>>();
  const analyzed = (name: ExampleName, mode: CaptureMode): Promise<Finding[]> => {
    const id = `${name}/${mode}`;
    let found = analyses.get(id);
    if (found === undefined) {
      found = analyzeCapture(client(), capture(name, mode)).then((r) => r.findings);
      analyses.set(id, found);
    }
    return found;
  };

  before(async () => {
    assertPackBuilt();
    // The pack starts while the programs run (captures are serial: the Pulumi runtime is process-wide).
    const starting = AnalyzerClient.start({ packDir: PACK_DIR });
    starting.catch(() => {}); // handled below, after the captures
    try {
      for (const name of Object.keys(EXAMPLES) as ExampleName[]) {
        for (const mode of MODES) {
          const result = await captureProgram({
            programDir: path.join(ROOT, "examples", name),
            mode,
            mocks: new GuardrailsMocks({ account: ACCOUNT, region: REGION, preview: mode === "preview" }),
            config: regionConfig(REGION),
          });
          captures.set(`${name}/${mode}`, result);
        }
      }
    } catch (error) {
      // Report the program that failed, and still stop the pack.
      await starting.then((started) => started.close()).catch(() => {});
      throw error;
    }
    pack = await starting;
  });
  after(async () => {
    await pack?.close();
  });

  for (const [name, expected] of Object.entries(EXAMPLES) as [ExampleName, (typeof EXAMPLES)[ExampleName]][]) {
    describe(name, () => {
      for (const mode of MODES) {
        it(`${mode}: exactly the expected findings`, async () => {
          assert.deepEqual(findingRows(await analyzed(name, mode)), expectedRows(expected[mode]));
        });
      }

      if (expected.compliant) {
        it("preview: every advisory waits for a value, or is one the update reports too", async () => {
          const findings = await analyzed(name, "preview");
          const inUpdate = new Set(expectedRows(expected.update));
          const unexplained = findings.filter((f) => !/waiting for/.test(f.message) && !inUpdate.has(findingRow(f)));
          assert.deepEqual(unexplained.map(findingRow), []);
        });
      }
    });
  }

  describe("Configure, as --policy-pack-config", () => {
    const PUBLIC = "kms-no-unconditioned-public-principal";
    const DESCRIBE = "cloudtrail-key-allows-describe";
    const analyze = async (config: PolicyPackConfig): Promise<string[]> =>
      findingRows((await analyzeCapture(client(), capture("noncompliant", "update"), config)).findings);
    const withoutRule = (all: string[], rule: string): string[] => all.filter((r) => !r.startsWith(`${rule} `));
    const baseline = expectedRows(EXAMPLES.noncompliant.update);

    it(`downgrades ${PUBLIC} to advisory: the same finding, now advisory; nothing else changes`, async () => {
      const got = await analyze({ [PUBLIC]: "advisory" });
      assert.deepEqual(
        got,
        [...withoutRule(baseline, PUBLIC), `${PUBLIC} advisory aws:kms/key:Key::organization-share`].sort(),
      );
    });

    it(`disables ${DESCRIBE} (a stack rule): its findings are gone; nothing else changes`, async () => {
      const got = await analyze({ [DESCRIBE]: "disabled" });
      assert.deepEqual(got, withoutRule(baseline, DESCRIBE));
      assert.ok(baseline.length > got.length, `${DESCRIBE} reported something before`);
    });

    it("`all: advisory` leaves no mandatory finding", async () => {
      const got = await analyze({ all: "advisory" });
      assert.deepEqual(
        got.filter((r) => r.includes(" mandatory ")),
        [],
      );
      assert.equal(got.length, new Set(baseline.map((r) => r.replace(" mandatory ", " advisory "))).size);
    });
  });
});
