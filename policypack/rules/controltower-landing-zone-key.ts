/**
 * controltower-landing-zone-key. Seed 002, "Optionally configure AWS KMS keys": Control Tower's
 * pre-check requires the key to be "Enabled; Symmetric; Not a multi-Region key; Has correct
 * permissions added to the policy; Key is in the management account", and "Update the KMS key
 * policy" prints the two statements it needs: AWS Config, and CloudTrail for
 * `aws-controltower-BaselineCloudTrail` in the home Region.
 *
 * The management account and home Region come from the rule's configuration, else from the
 * landing zone's ARN (it lives in the management account's home Region).
 */
import { controlTowerPlan, landingZoneKeyPrecheck, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import { CONTROL_TOWER_SCHEMA, type PackOptions } from "../config";
import { keyFacts, keyLabel, policyState } from "../analysis/keys";
import { runPlan } from "../analysis/probes";
import { notCheckable, resourceLabel, waitingFor } from "../messages";
import { accountOfArn, regionOfArn } from "../model/arns";
import type { StackModel } from "../model/stack";
import type { KeyModel, LandingZoneModel } from "../model/types";
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

function checkLandingZone(model: StackModel, zone: LandingZoneModel, options: PackOptions): Violation[] {
  const out: Violation[] = [];
  const zoneLabel = resourceLabel(zone.ref);
  if (zone.manifestProblem !== undefined) {
    out.push({ message: `${zoneLabel}: ${zone.manifestProblem}`, urn: zone.ref.urn });
    return out;
  }
  const link = model.linker.resolveKey(zone.key);
  if (link.status === "none") return out;
  if (link.status === "external")
    return [{ message: notCheckable(zone.ref, zone.key.field, link.reference), urn: zone.ref.urn, kind: "undecided" }];
  if (link.status === "unknown") {
    return [
      {
        message: waitingFor(`the KMS key of ${zoneLabel}`, `${link.field} of ${zoneLabel}`),
        urn: zone.ref.urn,
        kind: "undecided",
      },
    ];
  }
  const facts = keyFacts(model, link.key);
  const keyText = `${keyLabel(facts)}, the KMS key of ${zoneLabel}`;
  const management = options.managementAccountId ?? accountOfArn(zone.arn);
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
  for (const problem of problems) out.push({ message: `${keyText}: ${problem}`, urn: facts.key.ref.urn });

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
  const checked = runPlan(state.policy, controlTowerPlan({ key: location }));
  out.push(
    ...allowProbeViolations(facts, [zone], checked.plan, failedAllowOutcomes(checked.outcomes), [], state.policy),
  );
  return out;
}

export const controltowerLandingZoneKey: StackRule = {
  scope: "stack",
  id: "controltower-landing-zone-key",
  description:
    "A landing zone's KMS key passes Control Tower's pre-check: enabled, symmetric, single-Region, in the management account, and its policy grants AWS Config and the aws-controltower-BaselineCloudTrail trail.",
  severity: "critical",
  enforcementLevel: "mandatory",
  sources: [
    { seed: "002", section: "Optionally configure AWS KMS keys", anchor: "configure-kms-keys" },
    { seed: "002", section: "Update the KMS key policy", anchor: "kms-key-policy-update" },
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
  failing: { description: "A multi-Region key, or a key whose policy has no statement for AWS Config." },
  configSchema: CONTROL_TOWER_SCHEMA,
  check: (model, options) => model.resources.landingZones.flatMap((zone) => checkLandingZone(model, zone, options)),
};
