// The request context AWS builds for a KMS call (issue 13 class 4), as the compiled pack sees it over
// the analyzer protocol when `pulumi preview` drives it. IAM User Guide, "AWS global condition context
// keys": aws:ResourceAccount, the key's account, is in every KMS request. A Deny keyed on it must be
// neither missed (CloudTrail stopped by it) nor misapplied (a data perimeter that spares the key's own
// account, whose role AWS Config delivers with). Cases from test/policypack/fixtures/rule-cases.ts.
// Needs `npm run build` first (`npm test` does).
import { strict as assert } from "node:assert";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { STACK_CASES } from "../policypack/fixtures/rule-cases";
import { engineResources } from "./engine-resources";
import { startPack } from "./start-pack";

const CASES: readonly (readonly [rule: string, name: string, levels: readonly string[]])[] = [
  [
    "cloudtrail-key-allows-encrypt",
    "a Deny keyed on aws:ResourceAccount, the key's own account, stops CloudTrail",
    ["mandatory"],
  ],
  ["config-key-allows-delivery", "IAM role, seed 000 statement, under a perimeter Deny on aws:ResourceAccount", []],
];

describe("the request context AWS builds, over the analyzer protocol (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient | undefined;

  before(async () => {
    pack = await startPack();
    await pack.configure({});
  });
  after(async () => {
    await pack?.close();
  });

  for (const [rule, name, levels] of CASES) {
    it(`${rule}: ${name}`, async () => {
      assert.ok(pack);
      const c = STACK_CASES.find((x) => x.rule === rule && x.name === name);
      assert.ok(c, `no case "${name}"`);
      const { diagnostics } = await pack.analyzeStack(engineResources(c.resources));
      const own = diagnostics.filter((d) => d.policyName === rule);
      assert.deepEqual(
        own.map((d) => d.enforcementLevel),
        levels,
        own.map((d) => d.message).join("\n"),
      );
      if (levels.length > 0) assert.match(own[0].message, /statement 'NoDataKeysHere' denies it/);
    });
  }
});
