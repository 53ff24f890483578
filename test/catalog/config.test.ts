import { strict as assert } from "node:assert";
import {
  SIDS,
  composeKeyPolicy,
  accountRootPlan,
  configIamRolePlan,
  configServiceLinkedRolePlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { assertGolden, dropCondition, mutate, outcomes, probeIds, satisfiedById, withAccountRoot } from "./golden";

const KEY: KeyLocation = {
  account: "111122223333",
  region: "us-east-1",
  keyArn: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
};

describe("catalog: AWS Config with an IAM role (seed 000)", () => {
  // Built in each test, not at load (a plan built outside any test makes builder mutants static for Stryker).
  const scenario = () => {
    const plan = configIamRolePlan({ key: KEY, accounts: ["111122223333", "444455556666"] });
    return { plan, doc: withAccountRoot(KEY, plan) };
  };

  it("names the accounts, as seed 000 does", () => {
    const { plan } = scenario();
    assert.deepEqual(plan.grants[0].statement, {
      Sid: "AWSConfigKMSPolicy",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: KEY.keyArn,
    });
  });

  it("golden: roles in the named accounts are delegated to IAM, another account's denied", () => {
    const { plan, doc } = scenario();
    assert.deepEqual(probeIds(plan), [
      "config-iam-role.generate-data-key",
      "config-iam-role.decrypt",
      "config-iam-role.generate-data-key.other-account",
    ]);
    const results = assertGolden(doc, plan);
    assert.ok(results.filter((o) => o.probe.expect === "allow").every((o) => o.decision.verdict === "needs-iam"));
  });

  it("mutation: Principal * lets another account's role in", () => {
    const { plan, doc } = scenario();
    const broken = mutate(doc, SIDS.configDelivery, (s) => {
      s.Principal = "*";
    });
    assert.deepEqual(satisfiedById(outcomes(broken, plan), "config-iam-role.generate-data-key.other-account"), [false]);
  });
});

describe("catalog: AWS Config with the service-linked role (seed 000)", () => {
  const scenario = () => {
    const plan = configServiceLinkedRolePlan({ key: KEY, sourceRegions: ["us-east-1", "us-west-2"] });
    return { plan, doc: withAccountRoot(KEY, plan) };
  };

  it("pins AWS:SourceAccount and, with Regions, AWS:SourceArn", () => {
    const { plan } = scenario();
    assert.deepEqual(plan.grants[0].statement.Condition, {
      StringEquals: { "AWS:SourceAccount": "111122223333" },
      ArnLike: {
        "AWS:SourceArn": ["arn:aws:config:us-east-1:111122223333:*", "arn:aws:config:us-west-2:111122223333:*"],
      },
    });
    const plain = configServiceLinkedRolePlan({ key: KEY });
    assert.deepEqual(plain.grants[0].statement.Condition, { StringEquals: { "AWS:SourceAccount": "111122223333" } });
    assert.deepEqual(probeIds(plain), [
      "config-service-linked-role.generate-data-key",
      "config-service-linked-role.decrypt",
      "config-service-linked-role.generate-data-key.other-account",
    ]);
  });

  it("golden: Config for the account allowed, for another account or Region denied", () => {
    const { plan, doc } = scenario();
    const results = assertGolden(doc, plan);
    assert.deepEqual(satisfiedById(results, "config-service-linked-role.generate-data-key"), [true, true]);
    assert.deepEqual(satisfiedById(results, "config-service-linked-role.generate-data-key.other-region"), [true]);
  });

  it("mutation: without AWS:SourceAccount and AWS:SourceArn, Config acts for any account", () => {
    const { plan, doc } = scenario();
    const broken = mutate(doc, SIDS.configDelivery, (s) => {
      dropCondition(s, "AWS:SourceAccount");
      dropCondition(s, "AWS:SourceArn");
    });
    assert.deepEqual(
      satisfiedById(outcomes(broken, plan), "config-service-linked-role.generate-data-key.other-account"),
      [false],
    );
  });

  it("both Config plans on one key: the second AWSConfigKMSPolicy is renamed, both work", () => {
    const { plan } = scenario();
    const iam = configIamRolePlan({ key: KEY });
    const both = composeKeyPolicy([accountRootPlan({ key: KEY }), iam, plan]);
    assert.deepEqual(
      (both.Statement as { Sid: string }[]).map((s) => s.Sid),
      ["Enable IAM User Permissions", "AWSConfigKMSPolicy", "AWSConfigKMSPolicy 2"],
    );
    assert.ok(outcomes(both, plan).every((o) => o.satisfied === true));
    assert.ok(outcomes(both, iam).every((o) => o.satisfied === true));
  });
});
