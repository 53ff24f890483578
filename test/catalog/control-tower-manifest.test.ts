/**
 * landingZoneManifestShape, whole: the key fields of a 3.x and a 4.0 manifest, versions the catalog
 * does not know, and versions CreateLandingZone rejects, each problem word for word.
 */
import { strict as assert } from "node:assert";
import { SOURCES, landingZoneManifestShape } from "pulumi-kms-guardrails/catalog";

const V3 = [
  {
    section: "centralizedLogging",
    path: ["centralizedLogging", "configurations", "kmsKeyArn"],
    services: "AWS CloudTrail and AWS Config",
    parts: ["config", "cloudtrail"],
    precheck: true,
    source: SOURCES.controlTowerManifest3,
  },
];
const V4 = [
  {
    section: "centralizedLogging",
    path: ["centralizedLogging", "configurations", "kmsKeyArn"],
    enabledPath: ["centralizedLogging", "enabled"],
    services: "AWS CloudTrail",
    parts: ["cloudtrail"],
    precheck: true,
    source: SOURCES.controlTowerManifest4,
  },
  {
    section: "config",
    path: ["config", "configurations", "kmsKeyArn"],
    enabledPath: ["config", "enabled"],
    services: "AWS Config",
    parts: ["config"],
    precheck: true,
    source: SOURCES.controlTowerManifest4,
  },
  {
    section: "backup",
    path: ["backup", "configurations", "kmsKeyArn"],
    enabledPath: ["backup", "enabled"],
    services: "AWS Backup",
    parts: [],
    precheck: false,
    source: SOURCES.controlTowerBackupKey,
  },
];

describe("catalog: landing zone manifest shape by version", () => {
  it("3.x: one key for both services, no enabled flag", () => {
    for (const version of ["3.0", "3.3", "3.33"]) {
      assert.deepEqual(landingZoneManifestShape(version), { kind: "known", version, fields: V3 });
    }
  });

  it("4.0: a key per integration, each with its enabled flag; AWS Backup's key is not pre-checked", () => {
    assert.deepEqual(landingZoneManifestShape("4.0"), { kind: "known", version: "4.0", fields: V4 });
  });

  it("a well-formed version the catalog does not know: not checked, said so", () => {
    for (const version of ["4.1", "5.0", "33.0", "2.9", "43.0"]) {
      assert.deepEqual(landingZoneManifestShape(version), {
        kind: "unknown-version",
        version,
        problem: `landing zone version ${version} is not one this rule knows the manifest of: 3.x (one key, centralizedLogging.configurations.kmsKeyArn) or 4.0 (a kmsKeyArn per integration). Its KMS keys are not checked.`,
      });
    }
  });

  it("not MAJOR.MINOR: malformed, quoted", () => {
    for (const version of ["3", "3.3x", "x3.3", "3.", ".3", "3,3", "3.3.1", " 3.3", ""]) {
      assert.deepEqual(landingZoneManifestShape(version), {
        kind: "malformed-version",
        problem: `the landing zone version ${JSON.stringify(version)} is not MAJOR.MINOR (CreateLandingZone's pattern ^\\d+.\\d+$), e.g. "3.3" or "4.0".`,
      });
    }
  });

  it("not a string: missing, or named by its JSON type with its article", () => {
    const cases: [unknown, string][] = [
      [undefined, "missing"],
      [null, "null"],
      [[], "an array"],
      [{}, "an object"],
      [3.3, "a number"],
      [true, "a boolean"],
    ];
    for (const [version, what] of cases) {
      assert.deepEqual(landingZoneManifestShape(version), {
        kind: "malformed-version",
        problem: `the landing zone version is ${what}; CreateLandingZone requires one such as "3.3" or "4.0".`,
      });
    }
  });
});
