/**
 * The rules' public contract: exactly these ids, one file per rule with its metadata, examples that
 * do what they say, CrossGuard policies the server accepts, and a RULES.md that is up to date.
 */
import { strict as assert } from "node:assert";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { policies } from "../../policypack/policies";
import { RESOURCE_RULES, RULES } from "../../policypack/rules";
import { README_PATH, RULES_MD_PATH, renderReadme, renderRulesMarkdown } from "../../scripts/generate-rules-md";
import { analyze } from "./harness";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";

/** CommonJS loading of a rule file by path (a dynamic `import()` would take the ESM loader). */
const load = createRequire(__filename);

const CONTRACT = [
  "kms-key-policy-valid",
  "kms-no-unconditioned-public-principal",
  "kms-encryption-context-on-unsupported-action",
  "kms-key-policy-enables-iam-policies",
  "kms-network-conditions",
  "kms-service-principal-source-condition",
  "cloudtrail-trail-encrypted",
  "cloudwatch-logs-key-allows-logs",
  "cloudtrail-key-allows-encrypt",
  "cloudtrail-key-allows-describe",
  "cloudtrail-log-decrypt-null-guard",
  "cloudtrail-bucket-default-key",
  "event-data-store-key-allows-cloudtrail",
  "event-data-store-key-no-source-condition",
  "config-delivery-channel-encrypted",
  "config-key-allows-delivery",
  "controltower-landing-zone-key",
  "kms-integration-key-usable",
  "kms-cross-account-principals-trusted",
];

/** A statement example becomes a key policy with the default statement; a document stays as is. */
function asPolicy(json: unknown): unknown {
  if (Array.isArray(json)) return seeds.withDefault(...(json as unknown[]));
  return typeof json === "object" && json !== null && "Statement" in json ? json : seeds.withDefault(json);
}

describe("policy pack: rule metadata", () => {
  it("has exactly the contract's rule ids", () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), [...CONTRACT].sort());
    assert.deepEqual(
      policies.map((p) => p.name),
      RULES.map((r) => r.id),
    );
  });

  it("keeps one file per rule, named by its id, that exports it", () => {
    for (const rule of RULES) {
      const file = join(__dirname, "..", "..", "policypack", "rules", `${rule.id}.ts`);
      assert.ok(existsSync(file), file);
      const exported = Object.values(load(file) as Record<string, unknown>);
      assert.ok(exported.includes(rule), `${file} exports ${rule.id}`);
    }
  });

  it("gives every rule sources, examples, a severity and a level", () => {
    for (const rule of RULES) {
      assert.ok(rule.sources.length > 0 && rule.sources.every((s) => s.section.length > 0), rule.id);
      assert.ok(rule.passing.description.length > 0 && rule.failing.description.length > 0, rule.id);
      assert.ok(["advisory", "mandatory"].includes(rule.enforcementLevel), rule.id);
    }
    const advisoryByDefault = RULES.filter((r) => r.enforcementLevel === "advisory").map((r) => r.id);
    assert.deepEqual(advisoryByDefault.sort(), ["cloudtrail-log-decrypt-null-guard", "kms-network-conditions"]);
  });

  it("declares config schemas the server accepts", () => {
    for (const p of policies) {
      assert.ok(p.name !== "all");
      assert.ok(p.configSchema === undefined || !("enforcementLevel" in p.configSchema.properties), p.name);
    }
  });

  for (const rule of RESOURCE_RULES) {
    it(`${rule.id}: its passing example passes and its failing example fails`, async () => {
      assert.ok(rule.passing.json !== undefined && rule.failing.json !== undefined);
      for (const provider of aws.PROVIDERS) {
        const [pass] = provider.convert([aws.key("example", asPolicy(rule.passing.json))]);
        const [fail] = provider.convert([aws.key("example", asPolicy(rule.failing.json))]);
        assert.deepEqual(await analyze(pass, {}, rule.id), [], `${provider.name} passing`);
        assert.ok((await analyze(fail, {}, rule.id)).length > 0, `${provider.name} failing`);
      }
    });
  }

  it("RULES.md is generated from the metadata and up to date (npm run generate:rules)", () => {
    assert.equal(
      readFileSync(RULES_MD_PATH, "utf8"),
      renderRulesMarkdown(),
      "policypack/RULES.md is stale: run `npm run generate:rules`",
    );
  });

  it("the README's rule table is generated from the metadata and up to date", () => {
    const readme = readFileSync(README_PATH, "utf8");
    assert.equal(readme, renderReadme(readme), "README.md's rule table is stale: run `npm run generate:rules`");
  });
});
