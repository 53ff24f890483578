/**
 * Exemptions (components/src/governance/exemptions.ts) as pure functions with an injected date, their place in
 * every rule's configSchema, and reportedFinding (levels.ts): live, expired, unmatched, invalid.
 */
import { strict as assert } from "node:assert";
import { readOptions } from "../../policypack/config";
import {
  EXEMPTIONS_SCHEMA,
  configExemptionErrors,
  exemptionErrors,
  exemptionFor,
  exemptionMatches,
  todayUtc,
  unmatchedExemptions,
  type Exemption,
} from "pulumi-kms-guardrails/governance";
import { reportedFinding } from "../../policypack/levels";
import { policies } from "../../policypack/policies";
import { cloudtrailKeyAllowsDescribe } from "../../policypack/rules/cloudtrail-key-allows-describe";

const URN = "urn:pulumi:dev::shop::aws:kms/key:Key::missing-describe";
const LEGACY: Exemption = {
  resource: "missing-describe",
  reason: "legacy key, replaced in SEC-1234",
  expires: "2027-03-31",
};

describe("exemptions: matching", () => {
  const cases: readonly (readonly [string, string, boolean])[] = [
    ["missing-describe", URN, true],
    [URN, URN, true],
    ["urn:pulumi:dev::shop::aws:kms/key:Key::*", URN, true],
    ["urn:pulumi:*::shop::*::missing-*", URN, true],
    ["*", URN, true],
    ["missing", URN, false],
    ["urn:pulumi:prod::shop::aws:kms/key:Key::missing-describe", URN, false],
    ["urn:pulumi:prod::*", URN, false],
    ["describe", URN, false],
    ["urn:pulumi:dev::shop::aws:kms/key:Key::missing-describe-2", URN, false],
  ];
  for (const [resource, urn, expected] of cases) {
    it(`${resource} ${expected ? "matches" : "does not match"} ${urn}`, () => {
      assert.equal(exemptionMatches({ ...LEGACY, resource }, urn), expected);
    });
  }

  it("a live exemption wins over an expired one for the same resource", () => {
    const expired = { ...LEGACY, expires: "2026-01-01" };
    assert.equal(exemptionFor([expired, LEGACY], URN, "2026-12-05"), LEGACY);
    assert.equal(exemptionFor([LEGACY, expired], URN, "2027-04-01"), LEGACY, "both expired: the latest");
  });

  it("lists the exemptions that matched nothing, per rule", () => {
    const config = {
      all: "mandatory",
      "cloudtrail-key-allows-describe": { exemptions: [LEGACY, { ...LEGACY, resource: "gone" }] },
    };
    assert.deepEqual(unmatchedExemptions(config, [URN]), [
      { rule: "cloudtrail-key-allows-describe", exemption: { ...LEGACY, resource: "gone" } },
    ]);
  });

  it("today is the UTC date", () => {
    assert.equal(todayUtc(new Date("2027-03-30T23:59:59Z")), "2027-03-30");
  });
});

describe("exemptions: validation", () => {
  const invalid: readonly (readonly [string, unknown, RegExp])[] = [
    ["no reason", [{ resource: "k", expires: "2027-03-31" }], /reason is required/],
    ["a blank reason", [{ resource: "k", reason: "  ", expires: "2027-03-31" }], /reason is required/],
    ["no expires", [{ resource: "k", reason: "r" }], /expires is required/],
    ["a malformed date", [{ resource: "k", reason: "r", expires: "31/03/2027" }], /not a date/],
    ["a date that does not exist", [{ resource: "k", reason: "r", expires: "2027-02-30" }], /not a date/],
    ["an empty ticket", [{ ...LEGACY, ticket: "" }], /ticket/],
    ["an unknown field", [{ ...LEGACY, until: "2027-03-31" }], /unknown field "until"/],
    ["not a list", { resource: "k" }, /must be a list/],
  ];
  for (const [what, raw, message] of invalid) {
    it(`rejects ${what}`, () => {
      const errors = exemptionErrors("cloudtrail-key-allows-describe", raw);
      assert.ok(
        errors.some((e) => message.test(e)),
        JSON.stringify(errors),
      );
      assert.deepEqual(readOptions({ exemptions: raw }).exemptions ?? [], [], "never applied");
    });
  }

  it("accepts a complete exemption, with or without a ticket; a leap day is a date", () => {
    assert.deepEqual(exemptionErrors("r", [LEGACY, { ...LEGACY, ticket: "SEC-1234", expires: "2028-02-29" }]), []);
  });

  it("`all` cannot exempt", () => {
    assert.match(configExemptionErrors({ all: { exemptions: [LEGACY] } }).join(), /"all" cannot have exemptions/);
  });

  it("every rule's configSchema declares exemptions with the required fields", () => {
    for (const p of policies) {
      assert.deepEqual(p.configSchema?.properties.exemptions, EXEMPTIONS_SCHEMA, p.name);
    }
    const items = EXEMPTIONS_SCHEMA.items as { required: string[]; properties: { expires: { pattern: string } } };
    assert.deepEqual(items.required, ["resource", "reason", "expires"]);
    assert.ok(new RegExp(items.properties.expires.pattern).test("2027-03-31"));
    assert.ok(!new RegExp(items.properties.expires.pattern).test("2027-13-01"));
  });
});

describe("exemptions: the level and message of a finding", () => {
  const rule = cloudtrailKeyAllowsDescribe;
  const options = readOptions({ exemptions: [LEGACY] });
  const violation = { message: "Key 'missing-describe' does not let CloudTrail describe it." };

  it("before the expiry date: advisory, the message starting with the exemption", () => {
    const r = reportedFinding(rule, violation, options, URN, "2027-03-30");
    assert.equal(r.level, "advisory");
    assert.ok(
      r.message.startsWith("Exempt until 2027-03-31 (legacy key, replaced in SEC-1234): Key 'missing-describe'"),
    );
  });

  it("on and after the expiry date: the rule's level again, and the message says the exemption expired", () => {
    for (const today of ["2027-03-31", "2028-01-01"]) {
      const r = reportedFinding(rule, violation, options, URN, today);
      assert.equal(r.level, undefined, today);
      assert.match(r.message, /^Exemption expired on 2027-03-31 \(legacy key, replaced in SEC-1234\)/);
    }
  });

  it("an expired exemption keeps a lower level the finding's kind gives", () => {
    const r = reportedFinding(rule, { ...violation, kind: "undecided" }, options, URN, "2028-01-01");
    assert.equal(r.level, "advisory");
  });

  it("another resource, or no exemptions: unchanged", () => {
    assert.deepEqual(
      reportedFinding(rule, violation, options, URN.replace("missing-describe", "other"), "2027-01-01"),
      {
        level: undefined,
        message: violation.message,
      },
    );
    assert.deepEqual(reportedFinding(rule, violation, {}, URN, "2027-01-01"), {
      level: undefined,
      message: violation.message,
    });
  });

  it("the ticket, when given, is named", () => {
    const r = reportedFinding(
      rule,
      violation,
      readOptions({ exemptions: [{ ...LEGACY, ticket: "SEC-1234" }] }),
      URN,
      "2027-01-01",
    );
    assert.ok(r.message.startsWith("Exempt until 2027-03-31 (legacy key, replaced in SEC-1234; ticket SEC-1234): "));
  });
});
