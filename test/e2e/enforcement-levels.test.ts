// Enforcement levels over the analyzer protocol, on the compiled pack as the Pulumi CLI starts it:
// every rule's finding takes the level the organization configures, by the rule's own entry or by
// `all`; practice and undecided findings are advisory unless the rule's `practiceLevel` /
// `undecidedLevel` option says "rule". Each rule is shown a stack from its failing fixtures
// (test/policypack/fixtures/rule-cases.ts). Needs `npm run build` first (`npm test` does).
import { strict as assert } from "node:assert";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import type { PolicyPackConfig } from "../../components/src/preflight/types";
import { RESOURCE_RULES, RULES } from "../../policypack/rules";
import { urnOf } from "../policypack/harness";
import { engineResource } from "./engine-resources";
import { RESOURCE_CASES, STACK_CASES, VIOLATION_CASE, type RuleCase } from "../policypack/fixtures/rule-cases";
import { startPack } from "./start-pack";

const RESOURCE_RULE_IDS = new Set(RESOURCE_RULES.map((r) => r.id));
const CASES = [...RESOURCE_CASES, ...STACK_CASES];

/** Failing cases whose findings are practice findings. */
const PRACTICE_CASES: readonly (readonly [rule: string, name: string])[] = [
  ["kms-key-policy-valid", "an ARN pattern compared with StringLike: the wildcard spans ARN elements (advisory)"],
  [
    "kms-service-principal-source-condition",
    "aws:SourceAccount only: another trail of the account gets through (advisory)",
  ],
  ["kms-service-principal-source-condition", "a service statement no integration of the stack proves (advisory)"],
  ["cloudwatch-logs-key-allows-logs", "the page's unconditioned statement: delivers, but for any account's log group"],
  [
    "event-data-store-key-allows-cloudtrail",
    "the key policy CloudTrail creates for event data stores: no DescribeKey (advisory)",
  ],
  [
    "kms-encryption-context-on-unsupported-action",
    "the CloudWatch Logs page's statement: kms:Describe* never matches (advisory)",
  ],
];

/** Cases whose findings are undecided: a value not known yet, a key outside the stack. */
const UNDECIDED_CASES: readonly (readonly [rule: string, name: string])[] = [
  ["kms-key-policy-valid", "policy not known yet"],
  ["cloudtrail-key-allows-encrypt", "key outside the stack: not checkable here"],
  ["cloudtrail-key-allows-encrypt", "kmsKeyId not known yet, no dependency"],
  ["event-data-store-key-allows-cloudtrail", "key outside the stack"],
  ["controltower-landing-zone-key", "key outside the stack"],
  ["cloudwatch-logs-key-allows-logs", "key outside the stack"],
  ["kms-integration-key-usable", "enabled not known yet"],
];

function ruleCase(rule: string, name: string): RuleCase {
  const found = CASES.find((c) => c.rule === rule && c.name === name);
  assert.ok(found, `no case "${name}" for ${rule}`);
  return found;
}

describe("enforcement levels over the analyzer protocol (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient | undefined;

  before(async () => {
    pack = await startPack();
  });
  after(async () => {
    await pack?.close();
  });

  /** The levels of `rule`'s diagnostics for the case under `config`. */
  async function levels(c: RuleCase, config: PolicyPackConfig): Promise<string[]> {
    assert.ok(pack);
    const own = c.config as Record<string, unknown> | undefined;
    const entry = config[c.rule];
    // The case's own options (trustedAccounts, managementAccountId) stay under any level entry.
    const merged: PolicyPackConfig =
      own === undefined
        ? config
        : {
            ...config,
            [c.rule]: { ...own, ...(typeof entry === "string" ? { enforcementLevel: entry } : entry) },
          };
    await pack.configure(merged);
    const urns = new Map(c.resources.map((r) => [r.name, urnOf(r)]));
    const resources = c.resources.map((r) => engineResource(r, urns));
    const diagnostics = [];
    if (RESOURCE_RULE_IDS.has(c.rule)) {
      for (const r of resources) diagnostics.push(...(await pack.analyze(r)).diagnostics);
    } else {
      diagnostics.push(...(await pack.analyzeStack(resources)).diagnostics);
    }
    return diagnostics.filter((d) => d.policyName === c.rule).map((d) => d.enforcementLevel);
  }

  const same = (n: number, level: string): string[] => Array.from({ length: n }, () => level);

  it("every rule has a violation case", () => {
    assert.deepEqual(Object.keys(VIOLATION_CASE).sort(), RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    it(`${rule.id}: its default (${rule.enforcementLevel}), then advisory / mandatory / disabled, by its entry and by all`, async () => {
      const c = ruleCase(rule.id, VIOLATION_CASE[rule.id]);
      const byDefault = await levels(c, {});
      assert.ok(byDefault.length > 0, "the case reports something");
      assert.deepEqual(byDefault, same(byDefault.length, rule.enforcementLevel));
      for (const level of ["advisory", "mandatory"] as const) {
        assert.deepEqual(await levels(c, { [rule.id]: level }), same(byDefault.length, level), `${rule.id}: ${level}`);
        assert.deepEqual(await levels(c, { all: level }), same(byDefault.length, level), `all: ${level}`);
        assert.deepEqual(
          await levels(c, { [rule.id]: { enforcementLevel: level } }),
          same(byDefault.length, level),
          `{ enforcementLevel: ${level} }`,
        );
      }
      assert.deepEqual(await levels(c, { [rule.id]: "disabled" }), []);
      assert.deepEqual(await levels(c, { all: "disabled" }), []);
      // The rule's own entry wins over `all`.
      assert.deepEqual(
        await levels(c, { all: "disabled", [rule.id]: "mandatory" }),
        same(byDefault.length, "mandatory"),
      );
    });
  }

  for (const [rule, name] of PRACTICE_CASES) {
    it(`${rule}, practice finding (${name}): advisory at any level unless practiceLevel is "rule"`, async () => {
      const c = ruleCase(rule, name);
      const byDefault = await levels(c, { all: "mandatory" });
      assert.ok(byDefault.length > 0);
      assert.deepEqual(byDefault, same(byDefault.length, "advisory"));
      assert.deepEqual(
        await levels(c, { all: "mandatory", [rule]: { practiceLevel: "rule" } }),
        same(byDefault.length, "mandatory"),
      );
      assert.deepEqual(
        await levels(c, { [rule]: { enforcementLevel: "advisory", practiceLevel: "rule" } }),
        same(byDefault.length, "advisory"),
      );
      assert.deepEqual(await levels(c, { [rule]: { enforcementLevel: "disabled", practiceLevel: "rule" } }), []);
    });
  }

  for (const [rule, name] of UNDECIDED_CASES) {
    it(`${rule}, undecided (${name}): advisory unless undecidedLevel is "rule"`, async () => {
      const c = ruleCase(rule, name);
      const byDefault = await levels(c, { all: "mandatory" });
      assert.ok(byDefault.length > 0);
      assert.deepEqual(byDefault, same(byDefault.length, "advisory"));
      assert.deepEqual(
        await levels(c, { [rule]: { enforcementLevel: "mandatory", undecidedLevel: "rule" } }),
        same(byDefault.length, "mandatory"),
      );
    });
  }

  it("a rule's level options are in its config schema, with their defaults", async () => {
    assert.ok(pack);
    const info = await pack.getAnalyzerInfo();
    for (const policy of info.policies) {
      const properties = policy.configSchema?.properties ?? {};
      assert.equal((properties["undecidedLevel"] as { default?: unknown }).default, "advisory", policy.name);
      const rule = RULES.find((r) => r.id === policy.name);
      assert.equal("practiceLevel" in properties, rule?.practices !== undefined, policy.name);
    }
  });
});
