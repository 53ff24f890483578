/**
 * Configuration. Enforcement levels come from Pulumi itself: the pack's default below, then
 * `--policy-pack-config` / `pulumi policy enable --config` with `"all": "advisory"` for every rule or
 * `"<rule-id>": "disabled"` (or `{ "enforcementLevel": ... }`) for one. The typed options live on
 * the rules that read them, each with a JSON schema so Pulumi validates a config before use; every
 * rule also has the level options of levels.ts (`practiceLevel`, `undecidedLevel`):
 *
 * ```json
 * {
 *   "all": "mandatory",
 *   "kms-network-conditions": "disabled",
 *   "kms-cross-account-principals-trusted": { "trustedAccounts": ["111122223333", "444455556666"] },
 *   "controltower-landing-zone-key": { "managementAccountId": "111122223333", "homeRegion": "us-east-1" }
 * }
 * ```
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { Organization } from "pulumi-kms-guardrails/catalog";
import { readExemptions, type Exemption } from "pulumi-kms-guardrails/governance";
import { readOrganization } from "./organization";

/** The pack's default; each rule may declare its own (advisory rules do). */
export const PACK_ENFORCEMENT_LEVEL: EnforcementLevel = "mandatory";

/** Where a finding of a kind below `violation` is reported: advisory, or at the rule's configured level. */
export type LevelChoice = "advisory" | "rule";

export interface PackOptions {
  /** The level of the rule's `practice` findings (levels.ts); advisory when absent. */
  readonly practiceLevel?: LevelChoice;
  /** The level of the rule's `undecided` findings (levels.ts); advisory when absent. */
  readonly undecidedLevel?: LevelChoice;
  /** Resources whose findings are advisory until a date (exemptions.ts). */
  readonly exemptions?: readonly Exemption[];
  /** Accounts, besides the key's own, whose principals a key policy may name. */
  readonly trustedAccounts?: readonly string[];
  /** The Control Tower management account: the landing zone key must be in it (seed 002). */
  readonly managementAccountId?: string;
  /** The Control Tower home Region: the Region of `aws-controltower-BaselineCloudTrail` (seed 002). */
  readonly homeRegion?: string;
  /** The accounts the stack deploys to: a key's account in a preview, before its ARN is known. */
  readonly accountIds?: readonly string[];
  /** The organization of the stack's accounts (`organizationId`, `organizationPaths`; organization.ts). */
  readonly organization?: Organization;
}

const ACCOUNT_ID = { type: "string", pattern: "^[0-9]{12}$" } as const;

export const TRUSTED_ACCOUNTS_SCHEMA: PolicyConfigSchema = {
  properties: {
    trustedAccounts: {
      type: "array",
      items: ACCOUNT_ID,
      description:
        "Accounts whose principals key policies may name, besides the key's own. The rule reports nothing until this is set.",
    },
  },
};

export const ACCOUNT_IDS_SCHEMA: PolicyConfigSchema = {
  properties: {
    accountIds: {
      type: "array",
      items: ACCOUNT_ID,
      description:
        "The AWS accounts the stack deploys to. In the first preview of a new stack a key's ARN, and so its account, is not known yet: with one account here (or one both this list and the AWS provider's allowedAccountIds allow) the rule checks the key policy for it; with several, the account the key policy's IAM-enabling statement names is used when it is one of them, else the key policy is checked for each: a verdict every account gives is reported, one that differs between them is undecided and names them. Without it, the rule takes the account from known ARNs in the stack, the AWS provider's allowedAccountIds, or (saying so) the IAM-enabling statement.",
    },
  },
};

/**
 * What is wrong with the `accountIds` of each rule in a pack configuration, one sentence each, for
 * Configure (configure-validation.ts): a malformed account would silently check keys for no account.
 */
export function configAccountIdsErrors(config: Readonly<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  for (const [name, entry] of Object.entries(config)) {
    if (typeof entry !== "object" || entry === null || !("accountIds" in entry)) continue;
    const raw = (entry as Record<string, unknown>).accountIds;
    const where = `policy config "${name}": accountIds`;
    if (!Array.isArray(raw)) errors.push(`${where} must be a list of 12-digit AWS account ids`);
    else
      raw.forEach((v: unknown, i) => {
        if (!isAccount(v)) errors.push(`${where}[${i}] ${JSON.stringify(v)} is not a 12-digit AWS account id`);
      });
  }
  return errors;
}

export const CONTROL_TOWER_SCHEMA: PolicyConfigSchema = {
  properties: {
    managementAccountId: { ...ACCOUNT_ID, description: "The Control Tower management account." },
    homeRegion: {
      type: "string",
      pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]+$",
      description: "The Control Tower home Region.",
    },
  },
};

const isLevelChoice = (v: unknown): v is LevelChoice => v === "advisory" || v === "rule";

const isAccount = (v: unknown): v is string => typeof v === "string" && /^[0-9]{12}$/.test(v);

/**
 * Reads a rule's configuration defensively: Pulumi validates it against the schema, but a direct
 * caller (tests, the preflight command) may not. Values of the wrong type are ignored.
 */
export function readOptions(raw: unknown): PackOptions {
  if (typeof raw !== "object" || raw === null) return {};
  const r = raw as Record<string, unknown>;
  const trusted = Array.isArray(r.trustedAccounts) ? r.trustedAccounts.filter(isAccount) : undefined;
  const accountIds = Array.isArray(r.accountIds) ? r.accountIds.filter(isAccount) : undefined;
  const organization = readOrganization(r);
  return {
    ...(isLevelChoice(r.practiceLevel) ? { practiceLevel: r.practiceLevel } : {}),
    ...(isLevelChoice(r.undecidedLevel) ? { undecidedLevel: r.undecidedLevel } : {}),
    ...(Array.isArray(r.exemptions) ? { exemptions: readExemptions(r.exemptions) } : {}),
    ...(trusted !== undefined ? { trustedAccounts: trusted } : {}),
    ...(isAccount(r.managementAccountId) ? { managementAccountId: r.managementAccountId } : {}),
    ...(typeof r.homeRegion === "string" && r.homeRegion !== "" ? { homeRegion: r.homeRegion } : {}),
    ...(accountIds !== undefined ? { accountIds } : {}),
    ...(organization !== undefined ? { organization } : {}),
  };
}
