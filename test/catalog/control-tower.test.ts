import { strict as assert } from "node:assert";
import { SIDS, controlTowerPlan, landingZoneManifestShape, type KeyLocation } from "pulumi-kms-guardrails/catalog";
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

describe("catalog: Control Tower statements per integration (landing zone 4.0)", () => {
  it("the Config part alone: the guide's Config statement and its probes, nothing for CloudTrail", () => {
    const plan = controlTowerPlan({ key: KEY, parts: ["config"] });
    assert.deepEqual(
      plan.grants.map((g) => g.statement.Sid),
      ["Allow Config to use KMS for encryption"],
    );
    assert.deepEqual(probeIds(plan), ["control-tower.config-encrypt", "control-tower.config-decrypt"]);
    assertGolden(withAccountRoot(KEY, plan), plan);
  });

  it("the CloudTrail part alone: the baseline trail's statement and probes, no Config note", () => {
    const plan = controlTowerPlan({ key: KEY, parts: ["cloudtrail"] });
    assert.deepEqual(
      plan.grants.map((g) => g.statement.Sid),
      ["Allow CloudTrail to use KMS for encryption"],
    );
    assert.ok(probeIds(plan).every((id) => id.startsWith("control-tower.cloudtrail-")));
    assert.deepEqual(plan.notes, []);
    assertGolden(withAccountRoot(KEY, plan), plan);
  });

  it("the CloudTrail key's policy does not satisfy the Config part, and the other way round", () => {
    const trailOnly = withAccountRoot(KEY, controlTowerPlan({ key: KEY, parts: ["cloudtrail"] }));
    const configOnly = withAccountRoot(KEY, controlTowerPlan({ key: KEY, parts: ["config"] }));
    const config = controlTowerPlan({ key: KEY, parts: ["config"] });
    const cloudtrail = controlTowerPlan({ key: KEY, parts: ["cloudtrail"] });
    assert.deepEqual(satisfiedById(outcomes(trailOnly, config), "control-tower.config-encrypt"), [false]);
    assert.deepEqual(satisfiedById(outcomes(configOnly, cloudtrail), "control-tower.cloudtrail-encrypt"), [false]);
  });

  it("both parts are the default and equal the 3.x plan", () => {
    assert.deepEqual(controlTowerPlan({ key: KEY, parts: ["config", "cloudtrail"] }), controlTowerPlan({ key: KEY }));
  });

  it("no parts is a caller error, not an empty plan that passes every key", () => {
    assert.throws(() => controlTowerPlan({ key: KEY, parts: [] }), /parts is empty/);
  });
});

describe("catalog: landing zone manifest keys by version", () => {
  const sections = (version: unknown) => {
    const shape = landingZoneManifestShape(version);
    assert.equal(shape.kind, "known");
    return shape.kind === "known" ? shape.fields.map((f) => [f.path.join("."), f.parts.join("+")]) : [];
  };

  it("3.x: one key, centralizedLogging.configurations.kmsKeyArn, for Config and CloudTrail", () => {
    for (const version of ["3.0", "3.3"]) {
      assert.deepEqual(sections(version), [["centralizedLogging.configurations.kmsKeyArn", "config+cloudtrail"]]);
    }
  });

  it("4.0: a key per integration, each with its own statement; AWS Backup's key gets none and no pre-check", () => {
    assert.deepEqual(sections("4.0"), [
      ["centralizedLogging.configurations.kmsKeyArn", "cloudtrail"],
      ["config.configurations.kmsKeyArn", "config"],
      ["backup.configurations.kmsKeyArn", ""],
    ]);
    const shape = landingZoneManifestShape("4.0");
    assert.ok(shape.kind === "known" && shape.fields.every((f) => f.enabledPath?.[1] === "enabled"));
    assert.ok(shape.kind === "known" && !shape.fields[2].precheck);
  });

  it("a well-formed version it does not know is not guessed at", () => {
    for (const version of ["4.1", "5.0", "2.9"]) {
      const shape = landingZoneManifestShape(version);
      assert.equal(shape.kind, "unknown-version", version);
      assert.match(shape.kind === "unknown-version" ? shape.problem : "", /not one this rule knows.*3\.x.*4\.0/);
    }
  });

  it("a version CreateLandingZone rejects, or none, is malformed, naming what it is", () => {
    const problem = (v: unknown) => {
      const shape = landingZoneManifestShape(v);
      return shape.kind === "malformed-version" ? shape.problem : `not malformed: ${shape.kind}`;
    };
    assert.match(problem("4"), /"4" is not MAJOR\.MINOR/);
    assert.match(problem("v3.3"), /"v3\.3" is not MAJOR\.MINOR/);
    assert.match(problem(4.0), /is a number/);
    assert.match(problem(undefined), /is missing/);
  });
});
