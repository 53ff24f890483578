/**
 * Every example statement of the seed documents (test/fixtures/seed-examples.ts), beside the
 * account-root statement seed 004 requires, parsed and evaluated against the catalog's probes for
 * its integration: it passes the probes the document says it serves, and where the document omits
 * a source condition the confused-deputy probes get through, which is why the catalog adds it.
 */
import { strict as assert } from "node:assert";
import {
  accountRootGrant,
  accountRootPlan,
  checkProbes,
  composeKeyPolicy,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { parsePolicy, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import {
  SEED_EXAMPLES,
  SEED_EXAMPLE_POLICIES,
  SEED_NON_KEY_POLICY_EXAMPLES,
  type SeedExample,
  seedExamplePlan,
} from "../fixtures/seed-examples";

function parseClean(doc: unknown): KeyPolicy {
  const result = parsePolicy(doc);
  assert.deepEqual(result.errors, []);
  assert.ok(result.policy !== undefined);
  return result.policy;
}

/** The example as the only statement besides the account root: index 1. */
const FIXTURE_INDEX = 1;
const withAccountRoot = (key: KeyLocation, statement: unknown) => ({
  Version: "2012-10-17",
  Statement: [accountRootGrant(key).statement, statement],
});

function checkExample(example: SeedExample): void {
  const plan = seedExamplePlan(example.expect.plan);
  const ids = new Set(plan.probes.map((p) => p.id));
  for (const id of [...example.expect.satisfies, ...example.expect.violates]) {
    assert.ok(ids.has(id), `${id} is not a probe of ${plan.integration}`);
  }
  const policy = parseClean(withAccountRoot(example.expect.plan.params.key, example.statement));
  for (const o of checkProbes(policy, plan.probes)) {
    const where = `${o.probe.id} (${o.probe.subject ?? "-"}): ${o.decision.verdict}, ${o.decision.reason}`;
    assert.notEqual(o.satisfied, "unknown", where);
    const byExample = o.decision.deciding.some((t) => t.index === FIXTURE_INDEX);
    if (o.probe.expect === "allow") {
      assert.equal(o.satisfied === true && byExample, example.expect.satisfies.includes(o.probe.id), where);
    } else if (example.expect.violates.includes(o.probe.id)) {
      assert.ok(o.satisfied === false && byExample, `the example should let through ${where}`);
    } else {
      assert.equal(o.satisfied, true, where);
    }
  }
}

describe("seed examples: every documented statement against the catalog's probes", () => {
  it("covers every example statement of seeds 000-003, ids unique", () => {
    const count = (seed: string) => SEED_EXAMPLES.filter((e) => e.seed === seed).length;
    assert.deepEqual([count("000"), count("001"), count("002"), count("003")], [3, 2, 2, 11]);
    assert.equal(new Set(SEED_EXAMPLES.map((e) => e.id)).size, SEED_EXAMPLES.length);
    assert.deepEqual(
      SEED_NON_KEY_POLICY_EXAMPLES.map((e) => e.kind),
      ["iam-identity-policy", "iam-trust-policy"],
    );
  });

  for (const example of SEED_EXAMPLES) {
    describe(`${example.id}: seed ${example.seed}, "${example.section}"`, () => {
      it("parses with no errors beside the account-root statement", () => {
        parseClean(withAccountRoot(example.expect.plan.params.key, example.statement));
      });

      const { satisfies, violates } = example.expect;
      it(`passes ${satisfies.join(", ") || "no allow probe"}${violates.length > 0 ? `; lets through ${violates.join(", ")}` : ""}`, () => {
        checkExample(example);
      });

      if (violates.length > 0) {
        it("the catalog's statements deny what the example lets through", () => {
          const key = example.expect.plan.params.key;
          const plan = seedExamplePlan(example.expect.plan);
          const policy = parseClean(composeKeyPolicy([accountRootPlan({ key }), plan]));
          const outcomes = checkProbes(
            policy,
            plan.probes.filter((p) => violates.includes(p.id)),
          );
          assert.ok(outcomes.length > 0 && outcomes.every((o) => o.satisfied === true));
        });
      }
    });
  }

  describe("the documents' whole example policies", () => {
    for (const example of SEED_EXAMPLE_POLICIES) {
      it(`${example.id}: parses as printed${example.parseErrors.length > 0 ? ` (${example.parseErrors.join(", ")})` : ""}, holding the statement fixtures`, () => {
        const result = parsePolicy(example.policy);
        assert.deepEqual(
          result.errors.map((e) => e.code),
          example.parseErrors,
        );
        const statements = example.policy.Statement as unknown[];
        example.statements.forEach((id, i) => {
          if (id !== undefined) assert.deepEqual(statements[i], SEED_EXAMPLES.find((e) => e.id === id)?.statement);
        });
      });
    }
  });
});
