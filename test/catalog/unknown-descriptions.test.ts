/**
 * Probe descriptions are what users read ("Cannot check whether CloudTrail calls ... yet"): a value
 * Pulumi does not know yet (preview) shows as <not known yet>, never as the raw unknown sentinel,
 * as the engine's explanations already show it (engine/evaluate/partial-values.ts showPartial).
 */
import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  cloudTrailTrailPlan,
  cloudWatchLogsPlan,
  configServiceLinkedRolePlan,
  controlTowerPlan,
  serviceGrantPlan,
  type IntegrationPlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL as U } from "pulumi-kms-guardrails/engine";

const KEY: KeyLocation = { account: "111122223333", region: "us-east-1" };
const UNKNOWN_REGION: KeyLocation = { account: "111122223333", region: U };
const UNKNOWN_ACCOUNT: KeyLocation = { account: U, region: "us-east-1" };

describe("catalog: probe descriptions with values not known yet", () => {
  const plans: [string, () => IntegrationPlan][] = [
    ["account root, key account unknown", () => accountRootPlan({ key: UNKNOWN_ACCOUNT })],
    [
      "trail ARN unknown",
      () => cloudTrailTrailPlan({ key: KEY, trailArns: [U], logReaders: ["arn:aws:iam::444455556666:role/R"] }),
    ],
    [
      "trail ARN known in part",
      () => cloudTrailTrailPlan({ key: KEY, trailArns: [`arn:aws:cloudtrail:us-east-1:111122223333:trail/${U}`] }),
    ],
    ["Config service principal, account unknown", () => configServiceLinkedRolePlan({ key: KEY, sourceAccounts: [U] })],
    ["Control Tower, Region unknown", () => controlTowerPlan({ key: UNKNOWN_REGION })],
    ["CloudWatch Logs, log group unknown", () => cloudWatchLogsPlan({ key: KEY, logGroupArns: [U] })],
    [
      "service grant, endpoint unknown",
      () =>
        serviceGrantPlan({
          key: KEY,
          principal: "arn:aws:iam::444455556666:role/S",
          actions: ["kms:Decrypt"],
          viaService: U,
        }),
    ],
  ];
  for (const [what, build] of plans) {
    it(`${what}: <not known yet>, never the sentinel`, () => {
      const descriptions = build().probes.map((p) => p.description);
      assert.ok(descriptions.length > 0);
      for (const d of descriptions) assert.ok(!d.includes(U), d);
      assert.ok(
        descriptions.some((d) => d.includes("<not known yet>")),
        descriptions.join("\n"),
      );
    });
  }

  it("the trail's encrypt probe, whole", () => {
    const plan = cloudTrailTrailPlan({ key: KEY, trailArns: [U] });
    assert.equal(
      plan.probes[0].description,
      "CloudTrail calls kms:GenerateDataKey to encrypt log files of trail <not known yet>.",
    );
    // Only the description: the request still carries the value as not known (the evaluator decides on it).
    assert.equal(plan.probes[0].subject, U);
  });
});
