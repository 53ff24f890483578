/**
 * `LandingZoneKey`: the KMS key of an AWS Control Tower landing zone (seed 002). It meets the
 * pre-check (enabled, symmetric, `ENCRYPT_DECRYPT`, not multi-Region, in the management account,
 * the Config and CloudTrail statements in its policy) and its ARN goes into the landing zone
 * manifest of `aws.controltower.LandingZone`:
 *
 * - landing zone 3.x: one key, `centralizedLogging.configurations.kmsKeyArn`, with both statements
 *   (the default, `integrations` omitted);
 * - landing zone 4.0 names a key per integration ("Step 2: Launch your landing zone using the AWS
 *   Control Tower APIs"): `integrations: ["centralizedLogging"]` is the CloudTrail key (its ARN in
 *   `centralizedLogging.configurations.kmsKeyArn`), `integrations: ["config"]` the AWS Config key
 *   (`config.configurations.kmsKeyArn`); one key with both may be named in both fields. The AWS
 *   Backup key (`backup.configurations.kmsKeyArn`) is not a `LandingZoneKey`: AWS Backup needs a
 *   multi-Region key, which the landing zone pre-check refuses.
 *
 * Config source condition: the guide's Config statement has none, and Control Tower's Config
 * delivers for every enrolled account, so a fixed `AWS:SourceAccount` would break enrolment of new
 * accounts. Without `configSourceAccounts` the statement is the guide's own (the linter warns,
 * seed 001); with it, Config may use the key only for those accounts, and the list must grow with
 * the organization.
 */
import * as pulumi from "@pulumi/pulumi";
import { landingZoneKeyPrecheck, type IntegrationPlan } from "../catalog";
import { AuditKey, controlTowerParts } from "./audit-key";
import type { KeySettings, LandingZoneKeyIntegration } from "./audit-key-args";
import type { AwsContext } from "./aws-context";
import { componentLabel, configurationError, messageOf } from "./errors";
import { isAccountId } from "./names";

/** Pulumi type token of `LandingZoneKey`. */
export const LANDING_ZONE_KEY_TYPE = "pulumi-kms-guardrails:index:LandingZoneKey";

/** Arguments of `LandingZoneKey`. */
export interface LandingZoneKeyArgs extends KeySettings {
  /**
   * The management account. When given, the provider's caller identity must be this account, or
   * the deployment fails at preview, before the key exists. Default: the caller's account.
   */
  readonly managementAccount?: pulumi.Input<string>;
  /** Accounts Config delivers for (`AWS:SourceAccount`). Default: none, Control Tower's own statement. */
  readonly configSourceAccounts?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The integrations the key serves, by the manifest section that names it. Default: both, one key
   * for AWS CloudTrail and AWS Config (landing zone 3.x's `centralizedLogging.configurations.kmsKeyArn`,
   * or both 4.0 fields). Landing zone 4.0, a key per integration: `["centralizedLogging"]` for the
   * CloudTrail key (CloudTrail statement only), `["config"]` for the AWS Config key (Config statement only).
   */
  readonly integrations?: LandingZoneKeyIntegration[];
  /** Must be false: Control Tower does not support multi-Region keys. */
  readonly multiRegion?: boolean;
}

const keys = new WeakMap<LandingZoneKey, AuditKey>();

/** The KMS key of a Control Tower landing zone, in the management account and home Region. */
export class LandingZoneKey extends pulumi.ComponentResource {
  /** The key's ARN: the manifest's `kmsKeyArn` of each integration the key serves. */
  readonly arn: pulumi.Output<string>;
  /** The key's id. */
  readonly keyId: pulumi.Output<string>;
  /** The rendered key policy (JSON), known at preview. */
  readonly policy: pulumi.Output<string>;
  /** The management account (the caller's). */
  readonly managementAccount: pulumi.Output<string>;
  /** The home Region (the provider's). */
  readonly homeRegion: pulumi.Output<string>;

  /** Creates the key under `name`. Throws a `pulumi.ResourceError` on a multi-Region key; a management account mismatch fails at preview. */
  constructor(name: string, args: LandingZoneKeyArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    super(LANDING_ZONE_KEY_TYPE, name, {}, opts);
    const label = componentLabel("LandingZoneKey", name);
    if (args.multiRegion === true) {
      throw configurationError(
        label,
        'Control Tower does not support multi-Region keys (the Control Tower pre-check: "Not a multi-Region key"). ' +
          "Remove multiRegion or set it to false.",
        this,
      );
    }
    if (typeof args.managementAccount === "string" && !isAccountId(args.managementAccount)) {
      throw configurationError(
        label,
        `managementAccount ${JSON.stringify(args.managementAccount)} is not a 12-digit account id.`,
        this,
      );
    }
    const { managementAccount, configSourceAccounts, integrations, multiRegion: _multiRegion, ...keyArgs } = args;
    if (integrations !== undefined) {
      try {
        controlTowerParts(integrations, configSourceAccounts !== undefined, "integrations");
      } catch (error) {
        throw configurationError(label, messageOf(error), this);
      }
    }
    const serves: readonly unknown[] = Array.isArray(integrations) ? integrations : [];
    const precheck = (context: AwsContext) =>
      pulumi.output(managementAccount ?? context.account).apply((expected) => {
        if (context.account !== expected) {
          return (
            `${label}: Control Tower requires the key in the management account, but the AWS provider's caller ` +
            `identity is account ${context.account}, not ${expected}. Deploy with credentials or a provider of ` +
            `account ${expected}, or correct managementAccount.`
          );
        }
        const properties = {
          enabled: true,
          keySpec: "SYMMETRIC_DEFAULT",
          keyUsage: "ENCRYPT_DECRYPT",
          multiRegion: false,
        };
        const problems = landingZoneKeyPrecheck({ ...properties, account: context.account }, expected);
        return problems.length === 0
          ? undefined
          : `${label}: Control Tower's pre-check would reject the key: ${problems.join(" ")}`;
      });
    const key = new AuditKey(
      `${name}-key`,
      {
        ...keyArgs,
        description:
          keyArgs.description ??
          `AWS Control Tower landing zone key ${name}${integrations !== undefined ? ` for ${serves.join(" and ")}` : ""} (pulumi-kms-guardrails)`,
        controlTower: { configSourceAccounts, ...(integrations !== undefined ? { integrations } : {}) },
        multiRegion: false,
      },
      { parent: this },
    );
    key.addPrecondition(precheck, label);
    keys.set(this, key);
    this.arn = key.arn;
    this.keyId = key.keyId;
    this.policy = key.policy;
    this.managementAccount = key.context.apply((c) => c.account);
    this.homeRegion = key.context.apply((c) => c.region);
    this.registerOutputs({
      arn: this.arn,
      keyId: this.keyId,
      policy: this.policy,
      managementAccount: this.managementAccount,
      homeRegion: this.homeRegion,
    });
  }

  /** The underlying `AuditKey`. */
  get key(): AuditKey {
    return keys.get(this) as AuditKey;
  }

  /** The catalog plans the policy was rendered from. */
  get plans(): pulumi.Output<IntegrationPlan[]> {
    return this.key.plans;
  }
}
