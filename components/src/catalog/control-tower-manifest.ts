/**
 * Which keys a Control Tower landing zone manifest names, and what each must carry, by landing
 * zone version.
 *
 * - 3.x ("View the details of your landing zone manifest file"): one optional
 *   `centralizedLogging.configurations.kmsKeyArn`, the key of both AWS Config and AWS CloudTrail:
 *   it carries both statements of the Control Tower guide (seed 002).
 * - 4.0 ("Step 2: Launch your landing zone using the AWS Control Tower APIs", "Creating the
 *   manifest file"): a `kmsKeyArn` per integration, `centralizedLogging.configurations` for
 *   CloudTrail, `config.configurations` for AWS Config, `backup.configurations` for AWS Backup,
 *   each integration switched by its required `enabled` flag. The CloudTrail key carries the
 *   CloudTrail statement, the Config key the Config statement; one key named in both carries both.
 *   The AWS Backup key is another kind: Control Tower's AWS Backup prerequisites ask for "a
 *   multi-Region AWS KMS key, specifically for AWS Backup", which the landing zone pre-check
 *   ("Not a multi-Region key") would refuse; it gets no Control Tower statement.
 *
 * The version is CreateLandingZone's `version` parameter ("The landing zone version", pattern
 * `^\d+.\d+$`), not a field of the manifest. A version of that pattern the catalog does not know is
 * reported as not checked rather than guessed at.
 */
import { CONTROL_TOWER_PARTS, type ControlTowerPart } from "./control-tower";
import { SOURCES, type SourceRef } from "./sources";

/** A manifest section that may name a KMS key. */
export type LandingZoneKeySection = "centralizedLogging" | "config" | "backup";

/** One `kmsKeyArn` of a manifest and what its key must carry. */
export interface LandingZoneKeyField {
  readonly section: LandingZoneKeySection;
  /** Path of the key ARN in the manifest, e.g. `["config", "configurations", "kmsKeyArn"]`. */
  readonly path: readonly string[];
  /** Path of the section's `enabled` flag; absent in 3.x, where the section is always on. */
  readonly enabledPath?: readonly string[];
  /** The services that use the key, as a user reads them: "AWS Config", "AWS CloudTrail and AWS Config". */
  readonly services: string;
  /** The Control Tower statements the key must carry; empty for AWS Backup's key. */
  readonly parts: readonly ControlTowerPart[];
  /** Whether Control Tower's landing zone key pre-check (single-Region, symmetric, ...) applies. */
  readonly precheck: boolean;
  readonly source: SourceRef;
}

export type LandingZoneManifestShape =
  | { readonly kind: "known"; readonly version: string; readonly fields: readonly LandingZoneKeyField[] }
  /** A well-formed version the catalog has no manifest schema for: nothing can be checked. */
  | { readonly kind: "unknown-version"; readonly version: string; readonly problem: string }
  /** Not a landing zone version at all: CreateLandingZone rejects it. */
  | { readonly kind: "malformed-version"; readonly problem: string };

const KMS_KEY_ARN = "kmsKeyArn";

function field(
  section: LandingZoneKeySection,
  services: string,
  parts: readonly ControlTowerPart[],
  source: SourceRef,
  withEnabled: boolean,
): LandingZoneKeyField {
  return {
    section,
    path: [section, "configurations", KMS_KEY_ARN],
    ...(withEnabled ? { enabledPath: [section, "enabled"] } : {}),
    services,
    parts,
    precheck: parts.length > 0,
    source,
  };
}

const VERSION_3_FIELDS: readonly LandingZoneKeyField[] = [
  field(
    "centralizedLogging",
    "AWS CloudTrail and AWS Config",
    CONTROL_TOWER_PARTS,
    SOURCES.controlTowerManifest3,
    false,
  ),
];

const VERSION_4_FIELDS: readonly LandingZoneKeyField[] = [
  field("centralizedLogging", "AWS CloudTrail", ["cloudtrail"], SOURCES.controlTowerManifest4, true),
  field("config", "AWS Config", ["config"], SOURCES.controlTowerManifest4, true),
  field("backup", "AWS Backup", [], SOURCES.controlTowerBackupKey, true),
];

const KNOWN = "3.x (one key, centralizedLogging.configurations.kmsKeyArn) or 4.0 (a kmsKeyArn per integration)";

/** The keys a manifest of landing zone `version` names, or why the version cannot be read. */
export function landingZoneManifestShape(version: unknown): LandingZoneManifestShape {
  if (typeof version !== "string") {
    return {
      kind: "malformed-version",
      problem: `the landing zone version is ${version === undefined ? "missing" : aTypeOf(version)}; CreateLandingZone requires one such as "3.3" or "4.0".`,
    };
  }
  if (!/^\d+\.\d+$/.test(version)) {
    return {
      kind: "malformed-version",
      problem: `the landing zone version ${JSON.stringify(version)} is not MAJOR.MINOR (CreateLandingZone's pattern ^\\d+.\\d+$), e.g. "3.3" or "4.0".`,
    };
  }
  const [major, minor] = version.split(".").map(Number);
  if (major === 3) return { kind: "known", version, fields: VERSION_3_FIELDS };
  if (major === 4 && minor === 0) return { kind: "known", version, fields: VERSION_4_FIELDS };
  return {
    kind: "unknown-version",
    version,
    problem: `landing zone version ${version} is not one this rule knows the manifest of: ${KNOWN}. Its KMS keys are not checked.`,
  };
}

/** `null`, `an array`, `a number`, ...: how a user would name the JSON type of a value. */
function aTypeOf(v: unknown): string {
  if (v === null) return "null";
  const type = Array.isArray(v) ? "array" : typeof v;
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}
