// controltower-landing-zone-key over the analyzer protocol, on the compiled pack as the Pulumi CLI
// starts it: landing zone 4.0 manifests (the AWS Control Tower User Guide's, "Step 2: Launch your
// landing zone using the AWS Control Tower APIs") name a key per integration, and each key is held
// to its own integration's statement; 3.x keeps one key for both; malformed manifests and versions
// are named, never a crash or a silent pass. AWS Classic and AWS Native. Needs `npm run build`.
import { strict as assert } from "node:assert";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { PROVIDERS } from "../policypack/fixtures/aws";
import { STACK_CASES } from "../policypack/fixtures/rule-cases";
import { engineResources } from "./engine-resources";
import { startPack } from "./start-pack";

const RULE = "controltower-landing-zone-key";

/** The rule's cases about manifests and versions (4.0, 3.x, malformed, preview), from the rule fixtures. */
const CASES = STACK_CASES.filter(
  (c) => c.rule === RULE && /^(4\.0|3\.x|a version|no version|the version)/.test(c.name),
);

describe("controltower-landing-zone-key over the analyzer protocol: landing zone 4.0 and 3.x (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient | undefined;

  before(async () => {
    pack = await startPack();
    await pack.configure({});
  });
  after(async () => {
    await pack?.close();
  });

  it("covers the 4.0 cases: a key per integration, shared keys, AWS Backup, malformed values, preview", () => {
    assert.ok(CASES.filter((c) => c.name.startsWith("4.0")).length >= 10, CASES.map((c) => c.name).join("\n"));
  });

  for (const c of CASES) {
    for (const provider of PROVIDERS) {
      if (c.only !== undefined && c.only !== provider.name) continue;
      it(`${c.name} (${provider.name})`, async () => {
        assert.ok(pack);
        const response = await pack.analyzeStack(engineResources(provider.convert(c.resources)));
        const diagnostics = response.diagnostics.filter((d) => d.policyName === RULE);
        const shown = diagnostics.map((d) => `${d.enforcementLevel}: ${d.message}`).join("\n---\n");
        assert.deepEqual(
          diagnostics.map((d) => d.enforcementLevel),
          [...c.expect],
          shown,
        );
        (c.messages ?? []).forEach((words, i) => {
          for (const w of words) assert.ok(diagnostics[i].message.toLowerCase().includes(w.toLowerCase()), shown);
        });
      });
    }
  }
});
