/**
 * Runs the resource policies on sample keys before the first real key arrives
 * (warm-up-schedule.ts: after ConfigureStack, while the CLI starts the program).
 *
 * A preview sends one Analyze per resource to a pack started for it, so its first keys meet code
 * that V8 has not compiled yet and runs in its interpreter. The sample keys are what the
 * components write (from the catalog: every documented integration on a key of its own), and each
 * again with the mistakes the rules report, so every rule's passing and reporting paths are
 * compiled. `npm run bench` prints what it costs the pack ("then after ConfigureStack") and what
 * the first 100 calls of a fresh pack cost after it.
 *
 * Nothing is reported: violations go to a sink. What stays behind is only what any Analyze call
 * leaves (parse-cache entries for these documents, memoized path suffixes), so answers are unchanged.
 * A failure here never stops the pack: the same code runs again on the first real key, where the
 * server reports it.
 */
import type { Policies, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
  accountRootPlan,
  cloudTrailTrailPlan,
  configIamRolePlan,
  configServiceLinkedRolePlan,
  controlTowerPlan,
  eventDataStorePlan,
  keyAdministratorsPlan,
  keyUsersPlan,
  serviceGrantPlan,
  type IntegrationPlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";

const ACCOUNT = "111122223333";
const KEY: KeyLocation = { partition: "aws", account: ACCOUNT, region: "us-east-1" };
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/**
 * What the components write, from the catalog: the account's IAM-enabling statement, administrators
 * and users, then each documented integration on a key of its own (so each rule meets the
 * statements it reads, as in a stack that uses them).
 */
function documentedKeys(): Record<string, unknown>[][] {
  const common: IntegrationPlan[] = [
    accountRootPlan({ key: KEY }),
    keyAdministratorsPlan({ key: KEY, principals: [role("KeyAdmin")] }),
    keyUsersPlan({ key: KEY, principals: [role("KeyUser")] }),
  ];
  const integrations: IntegrationPlan[][] = [
    [
      cloudTrailTrailPlan({
        key: KEY,
        trailArns: [`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`],
        logReaders: [role("AuditReader")],
        serviceDecrypt: true,
      }),
      serviceGrantPlan({
        key: KEY,
        principal: role("App"),
        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
        viaService: "s3.us-east-1.amazonaws.com",
      }),
    ],
    [eventDataStorePlan({ key: KEY, queryPrincipals: [role("LakeQuery")] })],
    [configServiceLinkedRolePlan({ key: KEY, sourceAccounts: [ACCOUNT] })],
    [configIamRolePlan({ key: KEY, accounts: [ACCOUNT] })],
    [controlTowerPlan({ key: KEY, configSourceAccounts: [ACCOUNT] })],
  ];
  return integrations.map((plans) =>
    [...common, ...plans].flatMap((plan) => plan.grants.map((g): Record<string, unknown> => ({ ...g.statement }))),
  );
}

/** Mistakes that make the resource rules report, so their violation paths are compiled too. */
const FLAWED: readonly Record<string, unknown>[] = [
  { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
  {
    Sid: "Config without a source condition",
    Effect: "Allow",
    Principal: { Service: "config.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
  },
  {
    Sid: "Describe with context",
    Effect: "Allow",
    Principal: { AWS: role("Ops") },
    Action: "kms:DescribeKey",
    Resource: "*",
    Condition: { StringEquals: { "kms:EncryptionContext:app": "billing" } },
  },
  {
    Sid: "Partner",
    Effect: "Allow",
    Principal: { AWS: "arn:aws:iam::999988887777:root" },
    Action: ["kms:Encrypt", "kms:Decrypt"],
    Resource: "*",
  },
  {
    Sid: "Office only",
    Effect: "Deny",
    Principal: "*",
    Action: "kms:*",
    Resource: "*",
    Condition: { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
  },
];

/** Rounds of sample keys: enough calls for V8 to compile the rules' hot code past the interpreter. */
export const WARM_UP_ROUNDS = 3;

/** The sample keys' statements: each documented key, then each with the mistakes added. */
function sampleKeys(): Record<string, unknown>[][] {
  const documented = documentedKeys();
  return [...documented, ...documented.map((statements) => [...statements, ...FLAWED])];
}

/** A key policy of round `round`, distinct per round so the parse cache does not answer for it. */
function sampleDocument(
  statements: readonly Record<string, unknown>[],
  round: number,
  k: number,
): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Id: `warm-up-${round}-${k}`,
    Statement: statements.map((s) => ({ ...s })),
  };
}

/** A key as Analyze shows it to a resource policy: AWS Classic (the policy as text) or AWS Native (as an object). */
function sampleArgs(document: Record<string, unknown>, native: boolean): ResourceValidationArgs {
  const type = native ? "aws-native:kms:Key" : "aws:kms/key:Key";
  const name = String(document.Id);
  const props = native ? { keyPolicy: document } : { policy: JSON.stringify(document) };
  return resourceArgs(type, name, `urn:pulumi:warm-up::kms-guardrails::${type}::${name}`, props);
}

/** The arguments @pulumi/policy's server gives a resource policy, for a resource without options or config. */
export function resourceArgs(type: string, name: string, urn: string, props: unknown): ResourceValidationArgs {
  return {
    type,
    props,
    urn,
    name,
    opts: { protect: false, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: {} },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T>() => ({}) as T,
    notApplicable: () => {
      throw new Error("not applicable");
    },
  } as unknown as ResourceValidationArgs;
}

export interface WarmUpResult {
  /** validateResource calls made. */
  readonly calls: number;
  /** Violations the sample keys produced (sent to the sink). */
  readonly violations: number;
  /** Calls that threw: a bug the first real key will report. */
  readonly failures: number;
}

/**
 * Runs every resource policy of `policies` on the sample keys, `rounds` times. Never throws; reports
 * nothing anywhere.
 */
export function warmUp(policies: Policies, rounds: number = WARM_UP_ROUNDS): WarmUpResult {
  let calls = 0;
  let violations = 0;
  let failures = 0;
  const sink: ReportViolation = () => {
    violations++;
  };
  const resourcePolicies = policies.filter(
    (p): p is ResourceValidationPolicy => typeof (p as ResourceValidationPolicy).validateResource === "function",
  );
  let keys: Record<string, unknown>[][];
  try {
    keys = sampleKeys();
  } catch {
    return { calls, violations, failures: 1 };
  }
  for (let round = 0; round < rounds; round++) {
    for (const [k, statements] of keys.entries()) {
      for (const native of [false, true]) {
        const args = sampleArgs(sampleDocument(statements, round, k), native);
        for (const policy of resourcePolicies) {
          calls++;
          try {
            const result = (policy.validateResource as (a: ResourceValidationArgs, r: ReportViolation) => unknown)(
              args,
              sink,
            );
            // Ours are synchronous; a promise is let settle, never left to reject unhandled.
            if (result instanceof Promise) result.catch(() => undefined);
          } catch {
            failures++;
          }
        }
      }
    }
  }
  return { calls, violations, failures };
}
