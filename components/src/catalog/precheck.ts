/**
 * The pre-check AWS Control Tower runs on a landing zone key (seed 002 "Optionally configure AWS
 * KMS keys"): "Enabled; Symmetric; Not a multi-Region key; Has correct permissions added to the
 * policy; Key is in the management account". Each problem is one sentence that says what to
 * change, so a component can fail at preview instead of Control Tower failing at setup.
 */
import type { KeyPolicy } from "../engine/types";
import { controlTowerPlan, type ControlTowerPart } from "./control-tower";
import { isUnknownValue } from "./inputs";
import type { LandingZoneKeyProperties } from "./plans";
import { checkProbes, explainProbeFailure, type ProbeFailure } from "./probes";

export interface LandingZonePrecheckOptions {
  /** The landing zone's home Region: the key must be there, and the policy is checked for it. */
  readonly homeRegion?: string;
  /** The key policy; with `homeRegion`, checked for the two statements seed 002 requires. */
  readonly policy?: KeyPolicy;
  readonly partition?: string;
  readonly keyArn?: string;
  /** The statements the policy must carry; default both (one key for AWS Config and CloudTrail). */
  readonly parts?: readonly ControlTowerPart[];
}

const known = (v: string | undefined): v is string => v !== undefined && !isUnknownValue(v);

/** Problems that make Control Tower's pre-check reject the key (seed 002); empty when it passes. */
export function landingZoneKeyPrecheck(
  props: LandingZoneKeyProperties,
  managementAccount: string,
  options: LandingZonePrecheckOptions = {},
): string[] {
  const problems: string[] = [];
  if (props.enabled === false) {
    problems.push("The key is disabled; enable it or choose another key: Control Tower requires an enabled key.");
  }
  if (known(props.keySpec) && props.keySpec !== "SYMMETRIC_DEFAULT") {
    problems.push(
      `The key spec is ${props.keySpec}; Control Tower does not support asymmetric keys: create a key with key spec SYMMETRIC_DEFAULT.`,
    );
  }
  if (known(props.keyUsage) && props.keyUsage !== "ENCRYPT_DECRYPT") {
    problems.push(
      `The key usage is ${props.keyUsage}; Control Tower needs a symmetric encryption key: create a key with key usage ENCRYPT_DECRYPT.`,
    );
  }
  if (props.multiRegion === true) {
    problems.push("The key is a multi-Region key, which Control Tower does not support: create a single-Region key.");
  }
  if (known(props.account) && known(managementAccount) && props.account !== managementAccount) {
    problems.push(
      `The key is in account ${props.account}, not in the management account ${managementAccount}: create the key in the management account.`,
    );
  }
  const home = options.homeRegion;
  if (known(props.region) && known(home) && props.region !== home) {
    // Seed 002 names the key arn:aws:kms:YOUR-HOME-REGION:...; S3 needs the key in the bucket's Region.
    problems.push(`The key is in ${props.region}, not in the home Region ${home}: create the key in ${home}.`);
  }
  if (options.policy !== undefined && known(home)) {
    const plan = controlTowerPlan({
      key: { account: managementAccount, region: home, partition: options.partition, keyArn: options.keyArn },
      parts: options.parts,
    });
    const allowProbes = plan.probes.filter((p) => p.expect === "allow");
    const reported = new Set<string | undefined>();
    for (const outcome of checkProbes(options.policy, allowProbes)) {
      // One sentence per missing statement, not per probe it fails.
      if (outcome.satisfied !== false || reported.has(outcome.probe.grantSid)) continue;
      reported.add(outcome.probe.grantSid);
      // Not satisfied, so there is a failure to explain.
      const failure = explainProbeFailure(outcome, plan.grants) as ProbeFailure;
      problems.push(`The key policy lacks a permission Control Tower needs: ${failure.message}`);
    }
  }
  return problems;
}
