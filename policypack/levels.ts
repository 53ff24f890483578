/**
 * The level a finding is reported at: one function, `findingLevel`, used by every policy
 * (policies.ts `reporter`).
 *
 * @pulumi/policy 1.21 (server.js `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`) resolves a
 * policy's level before calling it: the organization's entry for the rule (`"<rule-id>": level` or
 * `{ "enforcementLevel": level }`), else `all` (the CLI folds `all` into every rule's entry before
 * `Configure`), else the rule's default, else the pack's. A disabled rule is not called. A violation
 * reported without `enforcementLevel` takes that level (`makeReportViolationFun`); one reported
 * with `enforcementLevel` takes that one instead. `getConfig()` gives the rule's properties
 * without `enforcementLevel`, so the rule never sees its own level: it can only keep it (report
 * without a level) or lower a finding to advisory.
 *
 * The pack lowers a finding only by its kind (rules/types.ts `FindingKind`) and only as the rule's
 * options allow: every rule has `undecidedLevel`, rules with practice findings `practiceLevel`,
 * both `"advisory"` by default and `"rule"` to report those findings at the rule's level too.
 */
import type { EnforcementLevel, PolicyConfigSchema } from "@pulumi/policy";
import type { PackOptions } from "./config";
import { EXEMPTIONS_SCHEMA, exemptMessage, exemptionFor, isLive } from "pulumi-kms-guardrails/governance";
import type { RuleMetadata, Violation } from "./rules/types";

type PropertySchema = PolicyConfigSchema["properties"][string];

const LEVEL_CHOICE: PropertySchema = { type: "string", enum: ["advisory", "rule"], default: "advisory" };

const UNDECIDED_LEVEL: PropertySchema = {
  ...LEVEL_CHOICE,
  description:
    'Findings the rule cannot decide: a value not known until the resources are created (preview), a key defined outside the stack, an input it cannot read, or the rule failing. "advisory" (default) reports them without blocking; "rule" reports them at the rule\'s level, so a check that cannot run blocks like one that fails.',
};

/** The option names `ruleConfigSchema` adds; a rule whose schema has no others reads no options. */
export const LEVEL_OPTIONS: ReadonlySet<string> = new Set(["practiceLevel", "undecidedLevel", "exemptions"]);

/** A rule's configSchema as the pack declares it: its own options and the level options. */
export function ruleConfigSchema(rule: RuleMetadata): PolicyConfigSchema {
  return {
    ...rule.configSchema,
    properties: {
      ...rule.configSchema?.properties,
      ...(rule.practices !== undefined
        ? {
            practiceLevel: {
              ...LEVEL_CHOICE,
              description: `${rule.practices} "advisory" (default) reports them without blocking; "rule" reports them at the rule's level.`,
            },
          }
        : {}),
      undecidedLevel: UNDECIDED_LEVEL,
      exemptions: EXEMPTIONS_SCHEMA,
    },
  };
}

/** Whether the rule has options besides the level options, so its check must read the config. */
export function hasOwnOptions(rule: RuleMetadata): boolean {
  return Object.keys(rule.configSchema?.properties ?? {}).some((name) => !LEVEL_OPTIONS.has(name));
}

/**
 * The level `violation` of `rule` is reported at, under the rule's options: `undefined` for the
 * rule's own level as the organization configured it (the server applies it), or a lower level.
 * Exemptions and other per-finding decisions belong here, so every policy applies them alike.
 */
export function findingLevel(
  _rule: RuleMetadata,
  violation: Violation,
  options: PackOptions,
): EnforcementLevel | undefined {
  switch (violation.kind) {
    case "practice":
      return options.practiceLevel === "rule" ? undefined : "advisory";
    case "undecided":
      return options.undecidedLevel === "rule" ? undefined : "advisory";
    default:
      return undefined;
  }
}

/** A finding as reported: its level (`undefined`: the rule's own) and its message. */
export interface ReportedFinding {
  readonly level: EnforcementLevel | undefined;
  readonly message: string;
}

/**
 * `findingLevel`, then the rule's exemptions for the resource the finding is about (`urn`: the
 * violation's, else the analyzed resource's): a live exemption reports the finding as advisory
 * with its reason first; an expired one keeps the level and says it expired. `today` is YYYY-MM-DD
 * (exemptions.ts `todayUtc()` in the pack).
 */
export function reportedFinding(
  rule: RuleMetadata,
  violation: Violation,
  options: PackOptions,
  urn: string | undefined,
  today: string,
): ReportedFinding {
  const level = findingLevel(rule, violation, options);
  const exemption =
    urn !== undefined && options.exemptions !== undefined ? exemptionFor(options.exemptions, urn, today) : undefined;
  if (exemption === undefined) return { level, message: violation.message };
  return {
    level: isLive(exemption, today) ? "advisory" : level,
    message: exemptMessage(exemption, violation.message, today),
  };
}
