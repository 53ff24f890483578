/**
 * Runs the scenario table: each row's policy goes through the parser, then the evaluator, and the
 * verdict and the deciding statement must be the ones the table states.
 */
import { strict as assert } from "node:assert";
import { evaluate } from "pulumi-kms-guardrails/engine";
import { toKeyPolicy } from "./policy-helper";
import { SCENARIOS } from "./scenarios";

describe("evaluator scenarios", () => {
  it("has at least 100 rows with unique names", () => {
    assert.ok(SCENARIOS.length >= 100, `only ${SCENARIOS.length} rows`);
    assert.equal(new Set(SCENARIOS.map((s) => s.name)).size, SCENARIOS.length);
  });

  for (const scenario of SCENARIOS) {
    it(scenario.name, () => {
      const decision = evaluate(toKeyPolicy(scenario.policy), scenario.request);
      const context = `\n  reason: ${decision.reason}\n  trace:\n    ${decision.trace.map((t) => t.explanation).join("\n    ")}`;
      assert.equal(decision.verdict, scenario.expect, `verdict${context}`);
      if (scenario.decidingSid !== undefined) {
        assert.equal(decision.deciding[0]?.sid ?? null, scenario.decidingSid, `deciding statement${context}`);
      }
      if (scenario.because !== undefined) {
        const said = [
          decision.reason,
          ...decision.trace.flatMap((t) => [t.explanation, ...t.conditions.map((c) => c.explanation)]),
        ];
        for (const sentence of scenario.because) assert.ok(said.includes(sentence), `says "${sentence}"${context}`);
      }
      assert.ok(decision.reason.length > 0);
      assert.doesNotMatch(decision.reason, /Internal error/);
      assert.ok(decision.trace.length >= toKeyPolicy(scenario.policy).statements.length);
    });
  }
});
