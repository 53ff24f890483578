/**
 * What a rule is: metadata beside a pure function (STYLE.md "One policy per file, with its metadata
 * beside the code"; "A rule is a pure function from resource(s) to findings"). policies.ts maps
 * rules to CrossGuard policies; scripts/generate-rules-md.ts renders the metadata as RULES.md.
 */
import type { EnforcementLevel, PolicyConfigSchema, Severity } from "@pulumi/policy";
import type { SourceRef } from "pulumi-kms-guardrails/catalog";
import type { PackOptions } from "../config";
import type { StackModel } from "../model/stack";
import type { KeyPolicySubject } from "../model/types";

export interface RuleExample {
  readonly description: string;
  /** A key policy document or statement that shows it, when one does. */
  readonly json?: unknown;
}

export interface RuleMetadata {
  /** Public contract: never renamed. */
  readonly id: string;
  readonly description: string;
  readonly severity: Severity;
  readonly enforcementLevel: EnforcementLevel;
  /** Where AWS documents the rule. */
  readonly sources: readonly SourceRef[];
  readonly passing: RuleExample;
  readonly failing: RuleExample;
  /** The rule's own options; levels.ts `ruleConfigSchema` adds the level options every rule has. */
  readonly configSchema?: PolicyConfigSchema;
  /**
   * Which of the rule's findings are `practice` findings (advisory by default), for the description of
   * its `practiceLevel` option; absent when the rule has none.
   */
  readonly practices?: string;
}

/**
 * What a finding is, which decides its level (levels.ts `findingLevel`):
 * - `violation` (the default): the rule's verdict; reported at the rule's level as configured.
 * - `practice`: a practice one AWS page recommends and another page's own example omits; reported
 *   as advisory unless the rule's `practiceLevel` option is `"rule"`.
 * - `undecided`: the rule could not reach a verdict (a value not known until the resources exist, a
 *   key defined outside the stack, an input it cannot read, the rule itself failing); reported as
 *   advisory unless the rule's `undecidedLevel` option is `"rule"`.
 */
export type FindingKind = "violation" | "practice" | "undecided";

/** One finding. */
export interface Violation {
  readonly message: string;
  /** The resource to fix; resource-level rules leave it to the engine (the analyzed resource). */
  readonly urn?: string;
  /** `violation` when absent. */
  readonly kind?: FindingKind;
}

export interface ResourceRule extends RuleMetadata {
  readonly scope: "resource";
  readonly check: (subject: KeyPolicySubject, options: PackOptions) => Violation[];
}

export interface StackRule extends RuleMetadata {
  readonly scope: "stack";
  /** Why the rule does not apply with these options (reported as "not applicable"); `undefined` when it does. */
  readonly notApplicable?: (options: PackOptions) => string | undefined;
  readonly check: (model: StackModel, options: PackOptions) => Violation[];
}

export type Rule = ResourceRule | StackRule;
