/**
 * controltower-landing-zone-key. Seed 002, "Optionally configure AWS KMS keys": Control Tower's
 * pre-check requires the key to be "Enabled; Symmetric; Not a multi-Region key; Has correct
 * permissions added to the policy; Key is in the management account", and "Update the KMS key
 * policy" prints the two statements it needs: AWS Config, and CloudTrail for
 * `aws-controltower-BaselineCloudTrail` in the home Region.
 *
 * Which key needs which statement depends on the landing zone version (catalog
 * `landingZoneManifestShape`): a 3.x manifest names one key
 * (`centralizedLogging.configurations.kmsKeyArn`) that carries both; a 4.0 manifest names a key per
 * integration, and each carries its own integration's statement only (one key named twice carries
 * both). The 4.0 AWS Backup key must be multi-Region (Control Tower's AWS Backup prerequisites),
 * so it can never be a Config or CloudTrail key as well.
 *
 * The management account and home Region come from the rule's configuration, else from the
 * landing zone's ARN (it lives in the management account's home Region).
 */
import {
  controlTowerPlan,
  landingZoneKeyPrecheck,
  landingZoneManifestShape,
  SOURCES,
  type ControlTowerPart,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { ACCOUNT_IDS_SCHEMA, CONTROL_TOWER_SCHEMA, type PackOptions } from "../config";
import { resolveKeyAccount } from "../analysis/account";
import { keyFacts, keyLabel, policyState, type KeyFacts } from "../analysis/keys";
import { runPlan } from "../analysis/probes";
import { notCheckable, resourceLabel, seeAws, waitingFor } from "../messages";
import { accountOfArn, regionOfArn } from "../model/arns";
import type { StackModel } from "../model/stack";
import type { KeyModel, LandingZoneKeyUse, LandingZoneModel } from "../model/types";
import { isUnknown, known } from "../model/values";
import { allowProbeViolations, failedAllowOutcomes } from "./stack-helpers";
import type { StackRule, Violation } from "./types";

/** Key properties the pre-check reads that are not known yet. */
function unknownProperties(key: KeyModel): string[] {
  const fields: [string, unknown][] = [
    ["enabled", key.enabled],
    ["keySpec", key.keySpec],
    ["keyUsage", key.keyUsage],
    ["multiRegion", key.multiRegion],
  ];
  return fields.filter(([, v]) => isUnknown(v)).map(([f]) => f);
}

/** `the AWS Config key of landing zone 'lz' (manifestJson.config.configurations.kmsKeyArn, landing zone 4.0)`. */
function roleText(zone: LandingZoneModel, uses: readonly LandingZoneKeyUse[]): string {
  const services = uses.map((u) => u.field.services).join(" and ");
  const fields = uses.map((u) => u.key.field).join(", ");
  return `the ${services} key of ${resourceLabel(zone.ref)} (${fields}, landing zone ${String(zone.version)})`;
}

/** The keys the zone's manifest names, linked to the stack's keys and grouped by key. */
function linkedKeys(model: StackModel, zone: LandingZoneModel, out: Violation[]): Map<KeyModel, LandingZoneKeyUse[]> {
  const zoneLabel = resourceLabel(zone.ref);
  const byKey = new Map<KeyModel, LandingZoneKeyUse[]>();
  for (const use of zone.keys) {
    if (use.problem !== undefined) {
      out.push({ message: `${zoneLabel}: ${use.problem}`, urn: zone.ref.urn });
      continue;
    }
    // "All enabled flags are required": a section switched off uses no key.
    if (use.enabled === false) continue;
    const link = model.linker.resolveKey(use.key);
    if (link.status === "none") continue;
    if (link.status === "external") {
      out.push({
        message: notCheckable(zone.ref, use.key.field, link.reference),
        urn: zone.ref.urn,
        kind: "undecided",
      });
    } else if (link.status === "unknown") {
      out.push({
        message: waitingFor(
          `the ${use.field.services} key of ${zoneLabel} (${use.key.field})`,
          `${link.field} of ${zoneLabel}`,
        ),
        urn: zone.ref.urn,
        kind: "undecided",
      });
    } else {
      byKey.set(link.key, [...(byKey.get(link.key) ?? []), use]);
    }
  }
  return byKey;
}

/** AWS Backup's key: multi-Region, and so never one of the keys Control Tower's pre-check accepts. */
function backupKeyViolations(facts: KeyFacts, uses: readonly LandingZoneKeyUse[], keyText: string): Violation[] {
  const backup = uses.find((u) => !u.field.precheck);
  if (backup === undefined) return [];
  const others = uses.filter((u) => u.field.precheck);
  if (others.length > 0) {
    return [
      {
        message:
          `${keyText}: AWS Backup needs a multi-Region key of its own, and Control Tower's pre-check refuses ` +
          `multi-Region keys for ${others.map((u) => u.field.services).join(" and ")}: name another key in ` +
          `${backup.key.field}. ${seeAws(SOURCES.controlTowerBackupKey)}`,
        urn: facts.key.ref.urn,
      },
    ];
  }
  if (facts.key.multiRegion !== false) return [];
  return [
    {
      message:
        `${keyText}: the key is a single-Region key; Control Tower's AWS Backup integration needs a multi-Region ` +
        `key, specifically for AWS Backup: create one with multiRegion: true and name it in ${backup.key.field}. ` +
        seeAws(SOURCES.controlTowerBackupKey),
      urn: facts.key.ref.urn,
    },
  ];
}

function checkKey(
  model: StackModel,
  zone: LandingZoneModel,
  key: KeyModel,
  uses: readonly LandingZoneKeyUse[],
  options: PackOptions,
): Violation[] {
  const out: Violation[] = [];
  const facts = keyFacts(model, key);
  const keyText = `${keyLabel(facts)}, ${roleText(zone, uses)}`;
  out.push(...backupKeyViolations(facts, uses, keyText));
  const parts = [...new Set(uses.flatMap((u) => u.field.parts))] as ControlTowerPart[];
  if (!uses.some((u) => u.field.precheck) || parts.length === 0) return out;

  // Before the resources exist, the landing zone and its key are taken to be where the stack deploys
  // (analysis/account.ts): the findings say when that rests on the key policy's IAM-enabling statement.
  const declared = facts.document.kind === "present" ? policyState(facts, undefined) : undefined;
  const resolved = resolveKeyAccount(
    model,
    facts,
    { account: accountOfArn(zone.arn), from: `the ARN of ${resourceLabel(zone.ref)}` },
    options,
    declared?.state === "parsed" ? declared.policy : undefined,
  );
  const management =
    options.managementAccountId ?? accountOfArn(zone.arn) ?? (resolved.known ? resolved.account : undefined);
  const home = options.homeRegion ?? regionOfArn(zone.arn) ?? known(zone.region) ?? facts.region;
  if (management === undefined) {
    out.push({
      message: waitingFor(
        `that ${keyText} is in the management account`,
        "the landing zone's ARN (or set managementAccountId in this rule's configuration)",
      ),
      urn: zone.ref.urn,
      kind: "undecided",
    });
  }
  const pending = unknownProperties(facts.key);
  if (pending.length > 0) {
    out.push({
      message: waitingFor(keyText, pending.map((f) => `${f} of ${resourceLabel(facts.key.ref)}`).join(", ")),
      urn: facts.key.ref.urn,
      kind: "undecided",
    });
  }
  const problems = landingZoneKeyPrecheck(
    {
      ...(typeof facts.key.enabled === "boolean" ? { enabled: facts.key.enabled } : {}),
      ...(typeof facts.key.keySpec === "string" ? { keySpec: facts.key.keySpec } : {}),
      ...(typeof facts.key.keyUsage === "string" ? { keyUsage: facts.key.keyUsage } : {}),
      ...(typeof facts.key.multiRegion === "boolean" ? { multiRegion: facts.key.multiRegion } : {}),
      ...(facts.account !== undefined ? { account: facts.account } : {}),
      ...(facts.region !== undefined ? { region: facts.region } : {}),
    },
    management ?? facts.account ?? "",
    home !== undefined ? { homeRegion: home } : {},
  );
  // The catalog's problems are sentences ("The key is ..."); here each follows a colon.
  for (const problem of problems) {
    out.push({ message: `${keyText}: ${problem.replace(/^The /, "the ")}`, urn: facts.key.ref.urn });
  }

  const account = management ?? facts.account;
  if (account === undefined || home === undefined) {
    out.push({
      message: waitingFor(`the key policy of ${keyText}`, `the ARN of ${keyLabel(facts)}`),
      urn: facts.policySource.urn,
      kind: "undecided",
    });
    return out;
  }
  const location: KeyLocation = {
    partition: facts.partition,
    account,
    region: home,
    ...(facts.arn !== undefined ? { keyArn: facts.arn } : {}),
  };
  const state = policyState(facts, location);
  if (state.state === "unknown") {
    out.push({
      message: waitingFor(`the key policy of ${keyText}`, state.waitsFor),
      urn: facts.policySource.urn,
      kind: "undecided",
    });
    return out;
  }
  if (state.state === "invalid") return out;
  const checked = runPlan(state.policy, controlTowerPlan({ key: location, parts }));
  const label = keyLabel(facts);
  for (const v of allowProbeViolations(
    facts,
    [zone],
    checked.plan,
    failedAllowOutcomes(checked.outcomes),
    [],
    state.policy,
    management !== options.managementAccountId && resolved.assumption !== undefined
      ? { assumption: resolved.assumption }
      : {},
  )) {
    // Name the integration and the manifest field the key serves, not only the key.
    out.push({ ...v, message: v.message.startsWith(label) ? `${keyText}${v.message.slice(label.length)}` : v.message });
  }
  return out;
}

function checkLandingZone(model: StackModel, zone: LandingZoneModel, options: PackOptions): Violation[] {
  const zoneLabel = resourceLabel(zone.ref);
  if (zone.manifestProblem !== undefined)
    return [{ message: `${zoneLabel}: ${zone.manifestProblem}`, urn: zone.ref.urn }];
  if (isUnknown(zone.version)) {
    return [
      {
        message: waitingFor(
          `the KMS keys of ${zoneLabel}`,
          `version of ${zoneLabel}, which decides the manifest's keys`,
        ),
        urn: zone.ref.urn,
        kind: "undecided",
      },
    ];
  }
  if (zone.version === undefined) {
    // Both providers require `version`; without it the rule cannot tell which keys the manifest names.
    return [
      {
        message: `${zoneLabel}: version is missing, and it decides which keys the manifest names (3.x: one key; 4.0: a key per integration): its KMS keys are not checked.`,
        urn: zone.ref.urn,
        kind: "undecided",
      },
    ];
  }
  const shape = landingZoneManifestShape(zone.version);
  if (shape.kind === "malformed-version") {
    return [
      { message: `${zoneLabel}: version: ${shape.problem} ${seeAws(SOURCES.controlTowerVersion)}`, urn: zone.ref.urn },
    ];
  }
  if (shape.kind === "unknown-version") {
    return [{ message: `${zoneLabel}: version: ${shape.problem}`, urn: zone.ref.urn, kind: "undecided" }];
  }
  const out: Violation[] = [];
  for (const [key, uses] of linkedKeys(model, zone, out)) out.push(...checkKey(model, zone, key, uses, options));
  return out;
}

export const controltowerLandingZoneKey: StackRule = {
  scope: "stack",
  id: "controltower-landing-zone-key",
  description:
    "A landing zone's KMS keys pass Control Tower's pre-check: enabled, symmetric, single-Region, in the management account, each key's policy granting its integration (3.x: one key for AWS Config and the aws-controltower-BaselineCloudTrail trail; 4.0: the CloudTrail key, the Config key, each its own statement); a 4.0 AWS Backup key is multi-Region.",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "002", section: "Optionally configure AWS KMS keys", anchor: "configure-kms-keys" },
    { seed: "002", section: "Update the KMS key policy", anchor: "kms-key-policy-update" },
    SOURCES.controlTowerManifest4,
    SOURCES.controlTowerManifest3,
    SOURCES.controlTowerVersion,
    SOURCES.controlTowerBackupKey,
  ],
  passing: {
    description:
      "The Control Tower User Guide's two statements on an enabled, symmetric, single-Region key in the management account.",
    json: {
      Sid: "Allow CloudTrail to use KMS for encryption",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      Condition: {
        StringEquals: {
          "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/aws-controltower-BaselineCloudTrail",
        },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
      },
    },
  },
  failing: {
    description:
      "A multi-Region key, a key whose policy has no statement for AWS Config (3.x), or a 4.0 config.configurations.kmsKeyArn key without the Config statement.",
  },
  configSchema: { properties: { ...CONTROL_TOWER_SCHEMA.properties, ...ACCOUNT_IDS_SCHEMA.properties } },
  check: (model, options) => model.resources.landingZones.flatMap((zone) => checkLandingZone(model, zone, options)),
};
