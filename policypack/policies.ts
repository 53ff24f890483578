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
import { readOptions } from "./config";
import { keyPolicySubject } from "./model/build";
import { stackModelFor } from "./model/memo";
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

function reporter(report: ReportViolation): (v: Violation) => void {
  const reportInfo = report as unknown as (info: ViolationInfo) => void;
  return (v) =>
    reportInfo({
      message: sentence(v.message),
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

export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
  return {
    ...common(rule),
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const subject = keyPolicySubject(args);
      if (subject === undefined) return;
      const options = readOptions(args.getConfig());
      safely(rule, () => rule.check(subject, options)).forEach(reporter(report));
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
      safely(rule, () => rule.check(stackModelFor(resources), options)).forEach(reporter(report));
    },
  };
}

export const policies: Policies = [...RESOURCE_RULES.map(resourcePolicy), ...STACK_RULES.map(stackPolicy)];
