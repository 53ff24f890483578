/**
 * `LandingZoneKey`: the KMS key of an AWS Control Tower landing zone (seed 002). It meets the
 * pre-check (enabled, symmetric, `ENCRYPT_DECRYPT`, not multi-Region, in the management account,
 * the Config and CloudTrail statements in its policy) and its ARN goes into the landing zone
 * manifest: `centralizedLogging.configurations.kmsKeyArn` of `aws.controltower.LandingZone`.
 *
 * Config source condition: the guide's Config statement has none, and Control Tower's Config
 * delivers for every enrolled account, so a fixed `AWS:SourceAccount` would break enrolment of new
 * accounts. Without `configSourceAccounts` the statement is the guide's own (the linter warns,
 * seed 001); with it, Config may use the key only for those accounts, and the list must grow with
 * the organization.
 */
import * as pulumi from "@pulumi/pulumi";
import { landingZoneKeyPrecheck, type IntegrationPlan } from "../catalog";
import { AuditKey } from "./audit-key";
import type { KeySettings } from "./audit-key-args";
import type { AwsContext } from "./aws-context";
import { componentLabel, configurationError } from "./errors";
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
  /** Must be false: Control Tower does not support multi-Region keys. */
  readonly multiRegion?: boolean;
}

const keys = new WeakMap<LandingZoneKey, AuditKey>();

/** The KMS key of a Control Tower landing zone, in the management account and home Region. */
export class LandingZoneKey extends pulumi.ComponentResource {
  /** The key's ARN: the manifest's `centralizedLogging.configurations.kmsKeyArn`. */
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
    const { managementAccount, configSourceAccounts, multiRegion: _multiRegion, ...keyArgs } = args;
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
        description: keyArgs.description ?? `AWS Control Tower landing zone key ${name} (pulumi-kms-guardrails)`,
        controlTower: { configSourceAccounts },
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
