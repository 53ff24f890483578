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
import { readOptions, type PackOptions } from "./config";
import { keyPolicySubjectOf } from "./model/subject-memo";
import { stackModelFor } from "./model/memo";
import { redact } from "./redact";
import { RESOURCE_RULES, STACK_RULES, type ResourceRule, type Rule, type StackRule, type Violation } from "./rules";

/**
 * @pulumi/policy's `ReportViolation` is typed `(message, urn?)`, but its server (server.js
 * `makeReportViolationFun`, 1.21) also accepts an object whose `enforcementLevel` overrides the
 * policy's for that one violation. The pack uses it only to downgrade a finding to advisory (a
 * practice AWS recommends but its own examples omit, or a value not known yet), never to upgrade:
 * a user's `"all": "advisory"` or per-rule override still governs everything else.
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
 * Reports violations, withholding `secrets()` from their messages (redact.ts). The secrets are
 * looked up only when there is something to report.
 */
function reporter(report: ReportViolation, secrets: () => readonly string[] | undefined): (v: Violation) => void {
  const reportInfo = report as unknown as (info: ViolationInfo) => void;
  return (v) =>
    reportInfo({
      message: redact(sentence(v.message), secrets()),
      ...(v.urn !== undefined ? { urn: v.urn } : {}),
      ...(v.advisory === true ? { enforcementLevel: "advisory" } : {}),
    });
}

/** A rule that throws is a bug in the pack: say so as an advisory, never fail the whole preview. */
function safely(rule: Rule, run: () => Violation[]): Violation[] {
  try {
    return run();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return [
      {
        message: `Rule ${rule.id} could not run: ${reason}. Please report this to the pack's maintainers.`,
        advisory: true,
      },
    ];
  }
}

function common(
  rule: Rule,
): Pick<ResourceValidationPolicy, "name" | "description" | "enforcementLevel" | "severity" | "configSchema"> {
  return {
    name: rule.id,
    description: rule.description,
    enforcementLevel: rule.enforcementLevel,
    severity: rule.severity,
    ...(rule.configSchema !== undefined ? { configSchema: rule.configSchema } : {}),
  };
}

const NO_OPTIONS: PackOptions = {};

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  return {
    ...common(rule),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const subject = keyPolicySubjectOf(args);
      if (subject === undefined) return;
      // A rule without a config schema has no options to read (getConfig copies the config each call).
      const options = rule.configSchema !== undefined ? readOptions(args.getConfig()) : NO_OPTIONS;
      const document = subject.document;
      const secrets = document.kind === "present" ? document.secrets : () => undefined;
      safely(rule, () => rule.check(subject, options)).forEach(reporter(report, secrets));
    },
  };
}

export function stackPolicy(rule: StackRule): StackValidationPolicy {
  return {
    ...common(rule),
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const options = readOptions(args.getConfig());
      if (rule.notApplicable !== undefined) {
        const reason = rule.notApplicable(options);
        if (reason !== undefined) args.notApplicable(reason);
      }
      const resources: readonly PolicyResource[] = args.resources;
      const model = stackModelFor(resources);
      safely(rule, () => rule.check(model, options)).forEach(reporter(report, () => model.secrets));
    },
  };
}

export const policies: Policies = [...RESOURCE_RULES.map(resourcePolicy), ...STACK_RULES.map(stackPolicy)];
