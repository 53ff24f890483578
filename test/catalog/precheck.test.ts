import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  composeKeyPolicy,
  controlTowerPlan,
  landingZoneKeyPrecheck,
} from "pulumi-kms-guardrails/catalog";
import { parseValid } from "./golden";

const GOOD = {
  enabled: true,
  keySpec: "SYMMETRIC_DEFAULT",
  keyUsage: "ENCRYPT_DECRYPT",
  multiRegion: false,
  account: "111122223333",
  region: "us-east-1",
};

describe("catalog: landingZoneKeyPrecheck (seed 002)", () => {
  it("passes a good key, and knows nothing against missing properties", () => {
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, "111122223333", { homeRegion: "us-east-1" }), []);
    assert.deepEqual(landingZoneKeyPrecheck({}, "111122223333"), []);
  });

  it("one sentence per failed requirement, each saying what to change", () => {
    const problems = landingZoneKeyPrecheck(
      {
        enabled: false,
        keySpec: "RSA_2048",
        keyUsage: "SIGN_VERIFY",
        multiRegion: true,
        account: "444455556666",
        region: "eu-west-1",
      },
      "111122223333",
      { homeRegion: "us-east-1" },
    );
    assert.equal(problems.length, 6);
    assert.match(problems[0], /disabled; enable it/);
    assert.match(problems[1], /RSA_2048.*SYMMETRIC_DEFAULT/);
    assert.match(problems[2], /SIGN_VERIFY.*ENCRYPT_DECRYPT/);
    assert.match(problems[3], /multi-Region.*single-Region/);
    assert.match(problems[4], /444455556666, not in the management account 111122223333/);
    assert.match(problems[5], /eu-west-1, not in the home Region us-east-1/);
  });

  it("checks the policy for the statements Control Tower needs", () => {
    const key = { account: "111122223333", region: "us-east-1" };
    const complete = parseValid(composeKeyPolicy([accountRootPlan({ key }), controlTowerPlan({ key })]));
    assert.deepEqual(landingZoneKeyPrecheck(GOOD, "111122223333", { homeRegion: "us-east-1", policy: complete }), []);
    const rootOnly = parseValid(composeKeyPolicy([accountRootPlan({ key })]));
    const problems = landingZoneKeyPrecheck(GOOD, "111122223333", { homeRegion: "us-east-1", policy: rootOnly });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /Allow Config to use KMS for encryption/);
    assert.match(problems[1], /Allow CloudTrail to use KMS for encryption/);
  });
});
