/**
 * The pack's policies: each rule mapped to a CrossGuard policy with its name, description,
 * severity, default enforcement level and config schema. Importing this module starts nothing (the
 * PolicyPack in index.ts does), so tests and tools can run the policies directly.
 */
import type {
  EnforcementLevel,
  Policies,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { awsUrl } from "pulumi-kms-guardrails/catalog";
import type { PackOptions } from "./config";
import { optionsReader } from "./options-reader";
import { todayUtc } from "pulumi-kms-guardrails/governance";
import { hasOwnOptions, reportedFinding, ruleConfigSchema } from "./levels";
import { keyPolicySubjectOf } from "./model/subject-memo";
import { stackModelFor } from "./model/memo";
import { redact } from "./redact";
import { remediationFor } from "./remediation";
import { RESOURCE_RULES, STACK_RULES, type ResourceRule, type Rule, type StackRule, type Violation } from "./rules";

/**
 * @pulumi/policy's `ReportViolation` is typed `(message, urn?)`, but its server (server.js
 * `makeReportViolationFun`, 1.21) also accepts an object whose `enforcementLevel` overrides the
 * policy's for that one violation. levels.ts `findingLevel` decides when to set it.
 */
interface ViolationInfo {
  readonly message: string;
  readonly urn?: string;
  readonly enforcementLevel?: EnforcementLevel;
}

/** Messages start with a resource label (`key 'audit' ...`): make them read as sentences. */
function sentence(message: string): string {
  return message.length > 0 ? message[0].toUpperCase() + message.slice(1) : message;
}

/**
 * Reports violations at the level and with the message `reportedFinding` gives (exemptions
 * included), withholding `secrets()` from their messages (redact.ts). The secrets and the options
 * are looked up only when there is something to report.
 */
function reporter(
  rule: Rule,
  report: ReportViolation,
  options: () => PackOptions,
  secrets: () => readonly string[] | undefined,
  subjectUrn?: string,
): (v: Violation) => void {
  const reportInfo = report as unknown as (info: ViolationInfo) => void;
  return (v) => {
    const { level, message } = reportedFinding(
      rule,
      { ...v, message: sentence(v.message) },
      options(),
      v.urn ?? subjectUrn,
      todayUtc(),
    );
    reportInfo({
      message: redact(message, secrets()),
      ...(v.urn !== undefined ? { urn: v.urn } : {}),
      ...(level !== undefined ? { enforcementLevel: level } : {}),
    });
  };
}

/**
 * A rule that throws is a bug in the pack: report it as undecided, never fail the whole preview.
 * Takes the rule's arguments rather than a closure: it runs per key per policy.
 */
function safely<S>(
  rule: Rule & { check(subject: S, options: PackOptions): Violation[] },
  subject: S,
  options: PackOptions,
): Violation[] {
  try {
    return rule.check(subject, options);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [
      {
        message: `Rule ${rule.id} could not run, so it checked nothing: ${reason}. This is a defect of the kms-guardrails pack; please report it with this message.`,
        kind: "undecided",
      },
    ];
  }
}

function common(
  rule: Rule,
): Pick<ResourceValidationPolicy, "name" | "description" | "enforcementLevel" | "severity" | "configSchema" | "url"> {
  // The rule's first AWS source: the Pulumi service and the preflight's SARIF show it as the policy's link.
  const [source] = rule.sources;
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    configSchema: ruleConfigSchema(rule),
    ...(source !== undefined ? { url: awsUrl(source) } : {}),
  };
}

const NO_OPTIONS: PackOptions = {};

/** The options once per call, read only when asked (getConfig copies the config each time). */
function lazyOptions(args: { getConfig: () => unknown }, read: (raw: unknown) => PackOptions): () => PackOptions {
  let options: PackOptions | undefined;
  return () => (options ??= read(args.getConfig()));
}

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  const ownOptions = hasOwnOptions(rule);
  const remediateResource = remediationFor(rule.id);
  const read = optionsReader();
  return {
    ...common(rule),
    ...(remediateResource !== undefined ? { remediateResource } : {}),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const subject = keyPolicySubjectOf(args);
      if (subject === undefined) return;
      let options = ownOptions ? read(args.getConfig()) : undefined;
      const violations = safely(rule, subject, options ?? NO_OPTIONS);
      // Most keys pass most rules: what reporting needs is built only when there is something to report.
      if (violations.length === 0) return;
      const document = subject.document;
      const secrets = document.kind === "present" ? document.secrets : () => undefined;
      violations.forEach(reporter(rule, report, () => (options ??= read(args.getConfig())), secrets, args.urn));
    },
  };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy {
  const read = optionsReader();
  return {
    ...common(rule),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const options = lazyOptions(args, read);
      if (rule.notApplicable !== undefined) {
        const reason = rule.notApplicable(options());
        if (reason !== undefined) args.notApplicable(reason);
      }
      const resources: readonly PolicyResource[] = args.resources;
      const model = stackModelFor(resources);
      safely(rule, model, options()).forEach(reporter(rule, report, options, () => model.secrets));
    },
  };
}

export const policies: Policies = [...RESOURCE_RULES.map(resourcePolicy), ...STACK_RULES.map(stackPolicy)];
