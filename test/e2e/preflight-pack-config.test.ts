// --policy-pack-config validated as the Pulumi CLI does (JSON schema per policy, Ajv), against the schemas the
// pack's own rules declare, plus unknown policy names and properties, each error naming rule, property and
// what is valid.
import { strict as assert } from "node:assert";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { PolicyPackConfigError, resolvePolicyConfig } from "../../components/src/preflight/policy-config";
import type { AnalyzerInfo, PolicyInfo, PolicyPackConfig } from "../../components/src/preflight/types";
import { policies } from "../../policypack/policies";

/** What GetAnalyzerInfo says about our pack, built from the same policy objects. */
const INFO: AnalyzerInfo = {
  name: "kms-guardrails",
  displayName: "kms-guardrails",
  version: "0.0.0",
  supportsConfig: true,
  policies: policies.map((p): PolicyInfo => {
    const schema = (p as ResourceValidationPolicy).configSchema;
    return {
      name: p.name,
      displayName: p.name,
      description: p.description,
      enforcementLevel: p.enforcementLevel ?? "mandatory",
      policyType: "validateResource" in p ? "resource" : "stack",
      ...(schema ? { configSchema: { properties: schema.properties as never, required: schema.required ?? [] } } : {}),
    };
  }),
  initialConfig: {},
};

function problems(config: PolicyPackConfig): readonly string[] {
  try {
    resolvePolicyConfig(INFO, config, "--policy-pack-config pack.json");
  } catch (error) {
    assert.ok(error instanceof PolicyPackConfigError, String(error));
    assert.match(error.message, /^--policy-pack-config pack\.json is invalid:\n/);
    return error.problems;
  }
  return [];
}

describe("preflight: --policy-pack-config validation", () => {
  it("the README's example configuration is valid", () => {
    assert.deepEqual(
      problems({
        all: "mandatory",
        "kms-network-conditions": "disabled",
        "kms-cross-account-principals-trusted": { trustedAccounts: ["111122223333", "444455556666"] },
        "controltower-landing-zone-key": { managementAccountId: "111122223333", homeRegion: "us-east-1" },
      }),
      [],
    );
  });

  it("patterns: an account id that is not 12 digits, at its index", () => {
    assert.deepEqual(
      problems({ "kms-cross-account-principals-trusted": { trustedAccounts: ["111122223333", "123"] } }),
      ['"kms-cross-account-principals-trusted": "trustedAccounts[1]" is "123", which does not match ^[0-9]{12}$'],
    );
  });

  it("types: a string where the schema wants an array", () => {
    assert.deepEqual(problems({ "kms-cross-account-principals-trusted": { trustedAccounts: "111122223333" } }), [
      '"kms-cross-account-principals-trusted": "trustedAccounts" is "111122223333", not of type array',
    ]);
  });

  it("a misspelled property is an error listing the valid ones (the CLI would ignore it and leave the rule off)", () => {
    const rule = "kms-cross-account-principals-trusted";
    const valid = Object.keys(INFO.policies.find((p) => p.name === rule)?.configSchema?.properties ?? {});
    assert.ok(valid.includes("trustedAccounts"));
    assert.deepEqual(problems({ [rule]: { trustedAcounts: ["111122223333"] } }), [
      `"${rule}": unknown property "trustedAcounts"; valid properties: ${valid.join(", ")} (and enforcementLevel)`,
    ]);
    const plain: PolicyInfo = { ...INFO.policies[0], name: "plain" };
    delete plain.configSchema;
    assert.throws(
      () => resolvePolicyConfig({ ...INFO, policies: [plain] }, { plain: { enforcementLevel: "advisory", foo: 1 } }),
      (e: PolicyPackConfigError) =>
        e.problems.join() === '"plain": unknown property "foo"; this policy takes no properties (and enforcementLevel)',
    );
  });

  it("an unknown rule name lists the pack's rules; an unknown level lists the levels", () => {
    const [unknownRule, unknownLevel, unknownNested] = problems({
      "kms-network-condition": "advisory",
      "kms-network-conditions": "strict" as never,
      "cloudtrail-trail-encrypted": { enforcementLevel: "warn" as never },
    });
    assert.match(unknownRule, /^"kms-network-condition" is not a policy of pack kms-guardrails; its policies: all, /);
    for (const p of policies) assert.ok(unknownRule.includes(p.name), p.name);
    assert.equal(
      unknownLevel,
      '"kms-network-conditions": unknown enforcement level "strict"; valid levels: advisory, mandatory, disabled, remediate',
    );
    assert.equal(
      unknownNested,
      '"cloudtrail-trail-encrypted": unknown enforcementLevel "warn"; valid levels: advisory, mandatory, disabled, remediate',
    );
  });

  it("reports every problem at once, and resolves levels as the CLI does when there is none", () => {
    assert.equal(
      problems({
        "controltower-landing-zone-key": { managementAccountId: "1", homeRegion: "US-EAST-1" },
      }).length,
      2,
    );
    const resolved = resolvePolicyConfig(INFO, { all: "advisory", "kms-key-policy-valid": "mandatory" });
    assert.equal(resolved["kms-key-policy-valid"].enforcementLevel, "mandatory");
    assert.equal(resolved["cloudtrail-trail-encrypted"].enforcementLevel, "advisory");
  });
});

describe("preflight: exemptions in --policy-pack-config", () => {
  const RULE = "kms-no-unconditioned-public-principal";
  const LEGACY = { resource: "legacy", reason: "legacy key, replaced in SEC-1234", expires: "2027-03-31" };

  it("a complete exemption, with or without a ticket, is valid and reaches Configure as given", () => {
    const exemptions = [LEGACY, { ...LEGACY, resource: "urn:pulumi:dev::shop::*", ticket: "SEC-1" }];
    assert.deepEqual(problems({ [RULE]: { exemptions } }), []);
    assert.deepEqual(resolvePolicyConfig(INFO, { [RULE]: { exemptions } })[RULE].properties.exemptions, exemptions);
  });

  it('"all" cannot exempt: the message says where exemptions go', () => {
    assert.deepEqual(problems({ all: { enforcementLevel: "mandatory", exemptions: [LEGACY] } as never }), [
      '"all" cannot have exemptions: list them under the rule they exempt from',
    ]);
  });

  it("no reason, a blank reason, no expires, a malformed date, a date that does not exist: each named at its index", () => {
    const { reason: _reason, ...noReason } = LEGACY;
    const { expires: _expires, ...noExpires } = LEGACY;
    assert.deepEqual(
      problems({
        [RULE]: {
          exemptions: [
            noReason,
            { ...LEGACY, reason: " " },
            noExpires,
            { ...LEGACY, expires: "31/03/2027" },
            { ...LEGACY, expires: "2027-02-30" },
            { ...LEGACY, until: "2027-03-31" },
          ],
        },
      }),
      [
        `"${RULE}": exemptions[0].reason is required: say why the resource is exempt`,
        `"${RULE}": exemptions[1].reason is required: say why the resource is exempt`,
        `"${RULE}": exemptions[2].expires is required (YYYY-MM-DD)`,
        `"${RULE}": exemptions[3].expires "31/03/2027" is not a date (YYYY-MM-DD)`,
        `"${RULE}": exemptions[4].expires "2027-02-30" is not a date (YYYY-MM-DD)`,
        `"${RULE}": exemptions[5] has an unknown field "until"`,
      ],
    );
  });

  it("exemptions that are not a list", () => {
    assert.deepEqual(problems({ [RULE]: { exemptions: LEGACY } }), [`"${RULE}": exemptions must be a list`]);
  });
});
