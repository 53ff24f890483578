import { strict as assert } from "node:assert";
import { SIDS, controlTowerPlan, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import { assertGolden, dropCondition, mutate, outcomes, probeIds, satisfiedById, withAccountRoot } from "./golden";

/** The management account and home Region. */
const KEY: KeyLocation = {
  account: "111122223333",
  region: "us-east-1",
  keyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
};

describe("catalog: Control Tower landing zone (seed 002)", () => {
  it("is the guide's two statements when no Config source accounts are given", () => {
    const plan = controlTowerPlan({ key: KEY });
    assert.deepEqual(
      plan.grants.map((g) => g.statement),
      [
        {
          Sid: "Allow Config to use KMS for encryption",
          Effect: "Allow",
          Principal: { Service: "config.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: KEY.keyArn,
        },
        {
          Sid: "Allow CloudTrail to use KMS for encryption",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: KEY.keyArn,
          Condition: {
            StringEquals: {
              "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/aws-controltower-BaselineCloudTrail",
            },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
          },
        },
      ],
    );
    assert.match(plan.notes[0], /any account/);
    assert.deepEqual(probeIds(plan), [
      "control-tower.config-encrypt",
      "control-tower.config-decrypt",
      "control-tower.cloudtrail-encrypt",
      "control-tower.cloudtrail-decrypt",
      "control-tower.cloudtrail-encrypt.other-trail",
      "control-tower.cloudtrail-encrypt.other-account",
    ]);
    assertGolden(withAccountRoot(KEY, plan), plan);
  });

  it('uses Resource "*" when the key ARN is not known yet', () => {
    const plan = controlTowerPlan({ key: { account: "111122223333", region: "us-east-1" } });
    assert.ok(plan.grants.every((g) => g.statement.Resource === "*"));
  });

  describe("with configSourceAccounts (seed 001's source condition)", () => {
    const plan = controlTowerPlan({ key: KEY, configSourceAccounts: ["111122223333", "555555555555"] });
    const doc = withAccountRoot(KEY, plan);

    it("golden: Config for the landing zone's accounts allowed, for another account denied", () => {
      assert.deepEqual(plan.grants[0].statement.Condition, {
        StringEquals: { "AWS:SourceAccount": ["111122223333", "555555555555"] },
      });
      const results = assertGolden(doc, plan);
      assert.deepEqual(satisfiedById(results, "control-tower.config-encrypt"), [true, true]);
      assert.deepEqual(satisfiedById(results, "control-tower.config-encrypt.other-account"), [true]);
    });

    it("mutation: without AWS:SourceAccount, Config acts for any account", () => {
      const broken = mutate(doc, SIDS.controlTowerConfig, (s) => dropCondition(s, "AWS:SourceAccount"));
      assert.deepEqual(satisfiedById(outcomes(broken, plan), "control-tower.config-encrypt.other-account"), [false]);
    });

    it("mutation: without aws:SourceArn, another trail of the management account encrypts", () => {
      const broken = mutate(doc, SIDS.controlTowerCloudTrail, (s) => dropCondition(s, "aws:SourceArn"));
      const results = outcomes(broken, plan);
      assert.deepEqual(satisfiedById(results, "control-tower.cloudtrail-encrypt.other-trail"), [false]);
      assert.deepEqual(satisfiedById(results, "control-tower.cloudtrail-encrypt.other-account"), [true]);
    });
  });
});
