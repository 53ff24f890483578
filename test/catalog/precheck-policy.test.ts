/**
 * landingZoneKeyPrecheck's policy check at its edges: a policy it cannot decide on (a statement
 * not known yet) gives no problem, the missing statement is still reported beside one that is
 * undecided, and a policy is checked only with a home Region (the Region the probes are for).
 */
import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  composeKeyPolicy,
  controlTowerPlan,
  landingZoneKeyPrecheck,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL as U } from "pulumi-kms-guardrails/engine";
import { parseValid } from "./golden";

const MGMT = "111122223333";
const GOOD = {
  enabled: true,
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  multiRegion: false,
  account: MGMT,
  region: "us-east-1",
};
const rootOnly = () => parseValid(composeKeyPolicy([accountRootPlan({ key: { account: MGMT, region: "us-east-1" } })]));

describe("catalog: landing zone pre-check, the policy at its edges", () => {
  it("a policy whose Config statement names an account not known yet: the CloudTrail statement it lacks is reported, nothing about Config", () => {
    const key = { account: MGMT, region: "us-east-1" };
    const config = controlTowerPlan({ key, parts: ["config"] }).grants.map((g) => ({
      ...g.statement,
      Condition: { StringEquals: { "aws:SourceAccount": U } },
    }));
    const policy = parseValid(composeKeyPolicy([accountRootPlan({ key })], { userStatements: config }));
    const problems = landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: "us-east-1", policy });
    assert.equal(problems.length, 1, problems.join("\n"));
    assert.match(
      problems[0],
      /^The key policy lacks a permission Control Tower needs: CloudTrail calls kms:GenerateDataKey/,
    );
  });

  it("without a home Region the policy is not checked", () => {
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, MGMT, { policy: rootOnly() }), []);
    assert.equal(landingZoneKeyPrecheck(GOOD, MGMT, { homeRegion: "us-east-1", policy: rootOnly() }).length, 2);
  });
});
