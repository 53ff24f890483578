/**
 * probes.ts on hand-made decisions: which verdict satisfies which probe (probeSatisfied), which
 * statements count as near misses, which conditions a near miss names, the Deny and let-through
 * messages word for word, and checkPlans' order.
 */
import { strict as assert } from "node:assert";
import {
  checkPlans,
  explainProbeFailure,
  probeSatisfied,
  type Grant,
  type IntegrationPlan,
  type Probe,
  type ProbeOutcome,
} from "pulumi-kms-guardrails/catalog";
import type { Decision, StatementTrace } from "pulumi-kms-guardrails/engine";
import { parseValid } from "./golden";

const probe = (expect: "allow" | "deny", kind: "aws" | "service" = "aws", grantSid?: string): Probe => ({
  id: "p",
  description: "the caller calls kms:Decrypt",
  request: {
    principal:
      kind === "aws" ? { kind, arn: "arn:aws:iam::111122223333:role/R" } : { kind, service: "s.amazonaws.com" },
    action: "kms:Decrypt",
    context: {},
  },
  expect,
  ...(grantSid === undefined ? {} : { grantSid }),
  source: { seed: "001", section: "s" } as never,
});
const decision = (
  verdict: Decision["verdict"],
  trace: StatementTrace[] = [],
  deciding: StatementTrace[] = [],
): Decision => ({
  verdict,
  deciding,
  trace,
  reason: "because",
});
const statement = (index: number, more: Partial<StatementTrace> = {}): StatementTrace => ({
  index,
  sid: `S${index}`,
  effect: "Allow",
  principal: "direct",
  action: true,
  resource: true,
  conditions: [],
  applies: false,
  explanation: `statement ${index} does not apply`,
  ...more,
});
const condition = (result: boolean | "unknown", explanation: string) => ({
  operator: "StringEquals",
  key: "k",
  values: ["v"],
  result,
  explanation,
});
const failing = (p: Probe, d: Decision, grants: Grant[] = []) =>
  explainProbeFailure({ probe: p, decision: d, satisfied: false } as ProbeOutcome, grants);

describe("catalog: probes.ts rules", () => {
  it("probeSatisfied: deny accepts either denial; allow accepts allowed, and needs-iam only for an IAM caller", () => {
    const verdicts: Decision["verdict"][] = [
      "allowed",
      "needs-iam",
      "denied-explicit",
      "denied-implicit",
      "undecidable",
    ];
    const table = (p: Probe) => verdicts.map((v) => probeSatisfied(p, decision(v)));
    assert.deepEqual(table(probe("deny")), [false, false, true, true, "unknown"]);
    assert.deepEqual(table(probe("allow")), [true, true, false, false, "unknown"]);
    assert.deepEqual(table(probe("allow", "service")), [true, false, false, false, "unknown"]);
  });

  it("near misses: Allow statements that name the caller and action and do not apply; their failing conditions only", () => {
    const trace = [
      statement(0, { effect: "Deny" }),
      statement(1, { principal: "none" }),
      statement(2, { action: false }),
      statement(3, { action: "unknown" }),
      statement(4, { resource: false }),
      statement(5, { applies: true }),
      statement(6, {
        conditions: [condition(true, "c6a holds"), condition(false, "c6b fails"), condition("unknown", "c6c unknown")],
      }),
      statement(7, { sid: undefined, resource: "unknown", principal: "account", applies: "unknown" }),
    ];
    const f = failing(probe("allow"), decision("denied-implicit", trace));
    assert.equal(
      f?.message,
      "The caller calls kms:Decrypt: The key policy must allow this, but no statement allows it. " +
        'Statement[6] "S6" names the caller and action, but c6b fails; c6c unknown. ' +
        "Statement[7] names the caller and action, but statement 7 does not apply.",
    );
    assert.deepEqual(f?.statements, [
      { index: 6, sid: "S6" },
      { index: 7, sid: undefined },
    ]);
  });

  it("no near miss: the action and caller named; a Deny names the deciding statements", () => {
    assert.equal(
      failing(probe("allow"), decision("denied-implicit"))?.message,
      "The caller calls kms:Decrypt: The key policy must allow this, but no statement allows it. No statement allows kms:Decrypt for this caller.",
    );
    const denies = [
      statement(1, { effect: "Deny", applies: true }),
      statement(3, { sid: undefined, effect: "Deny", applies: true }),
    ];
    const f = failing(probe("allow"), decision("denied-explicit", denies, denies));
    assert.equal(
      f?.message,
      'The caller calls kms:Decrypt: The key policy must allow this, but a Deny statement refuses it. It is denied by Statement[1] "S1", Statement[3].',
    );
    assert.deepEqual(f?.statements, [
      { index: 1, sid: "S1" },
      { index: 3, sid: undefined },
    ]);
  });

  it("a deny probe let through: by whom, or by nothing named", () => {
    const allows = [statement(2, { applies: true }), statement(4, { applies: true, sid: undefined })];
    assert.equal(
      failing(probe("deny"), decision("allowed", allows, allows))?.message,
      'The caller calls kms:Decrypt: The key policy must refuse this (the service would act for a resource that is not yours), but the key policy allows it. It is allowed by Statement[2] "S2", Statement[4].',
    );
    const f = failing(probe("deny"), decision("needs-iam"));
    assert.equal(
      f?.message,
      "The caller calls kms:Decrypt: The key policy must refuse this (the service would act for a resource that is not yours), but the key policy leaves it to IAM policies in the caller's account.",
    );
    assert.deepEqual(f?.statements, []);
  });

  it("no grant Sid on the probe: no fix, even beside a grant without a Sid", () => {
    const grant = {
      statement: { Effect: "Allow" },
      purpose: "p",
      source: { seed: "001", section: "s" },
    } as unknown as Grant;
    assert.equal(failing(probe("allow"), decision("denied-implicit"), [grant])?.fix, undefined);
    assert.equal(failing(probe("deny"), decision("allowed"), [grant])?.fix, undefined);
  });

  it("checkPlans: every plan's probes, in plan order", () => {
    const policy = parseValid({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
      ],
    });
    const plan = (id: string): IntegrationPlan => ({
      integration: "service-grant",
      grants: [],
      probes: [{ ...probe("allow"), id }],
      notes: [],
    });
    assert.deepEqual(
      checkPlans(policy, [plan("a"), plan("b")]).map((o) => [o.probe.id, o.satisfied]),
      [
        ["a", true],
        ["b", true],
      ],
    );
  });
});
