/**
 * Runs the resource policies on a few sample keys before the first real key arrives
 * (warm-up-schedule.ts: after ConfigureStack, while the CLI starts the program).
 *
 * A preview sends one Analyze per resource to a pack started for it, so its first keys meet code
 * that V8 has not compiled yet and runs in its interpreter: without this, the first 100 calls of a
 * fresh pack cost 1.31x the empty pack's, with it 1.16x (npm run bench, critical path, median of 7
 * runs at load 8). `npm run bench` prints what it costs the pack ("warm-up after ConfigureStack").
 *
 * Nothing is reported: violations go to a sink. What stays behind is only what any Analyze call
 * leaves (parse-cache entries for these documents, memoized path suffixes), so answers are unchanged.
 * A failure here never stops the pack: the same code runs again on the first real key, where the
 * server reports it.
 */
import type { Policies, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

const ACCOUNT = "111122223333";
const role = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** The statements the components write for a CloudTrail and AWS Config key, with users and administrators. */
const DOCUMENTED: readonly Record<string, unknown>[] = [
  {
    Sid: "Enable IAM User Permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    Action: "kms:*",
    Resource: "*",
  },
  {
    Sid: "Allow access for Key Administrators",
    Effect: "Allow",
    Principal: { AWS: role("KeyAdmin") },
    Action: ["kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*"],
    Resource: "*",
  },
  {
    Sid: "Allow use of the key",
    Effect: "Allow",
    Principal: { AWS: role("KeyUser") },
    Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
    Resource: "*",
  },
  {
    Sid: "Allow attachment of persistent resources",
    Effect: "Allow",
    Principal: { AWS: role("KeyUser") },
    Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
    Resource: "*",
    Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
  },
  {
    Sid: "Allow Config to use KMS for encryption",
    Effect: "Allow",
    Principal: { Service: "config.amazonaws.com" },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "AWS:SourceAccount": ACCOUNT } },
  },
  {
    Sid: "Allow CloudTrail to encrypt logs",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:GenerateDataKey*",
    Resource: "*",
    Condition: {
      StringEquals: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit` },
      StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` },
    },
  },
  {
    Sid: "Allow use of the key through S3",
    Effect: "Allow",
    Principal: { AWS: role("App") },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
    Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com", "kms:CallerAccount": ACCOUNT } },
  },
];

/** Mistakes that make the resource rules report, so their violation paths are compiled too. */
const FLAWED: readonly Record<string, unknown>[] = [
  { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
  {
    Sid: "Describe with context",
    Effect: "Allow",
    Principal: { AWS: role("Ops") },
    Action: "kms:DescribeKey",
    Resource: "*",
    Condition: { StringEquals: { "kms:EncryptionContext:app": "billing" } },
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
export const WARM_UP_ROUNDS = 5;

/** A key policy of round `round`, distinct per round so the parse cache does not answer for it. */
function sampleDocument(round: number, flawed: boolean): Record<string, unknown> {
  const statements = flawed ? [...DOCUMENTED, ...FLAWED] : DOCUMENTED;
  return {
    Version: "2012-10-17",
    Id: `warm-up-${round}`,
    Statement: statements.map((s) => ({ ...s })),
  };
}

/** A key as Analyze shows it to a resource policy: AWS Classic (the policy as text) or AWS Native (as an object). */
function sampleArgs(round: number, flawed: boolean, native: boolean): ResourceValidationArgs {
  const type = native ? "aws-native:kms:Key" : "aws:kms/key:Key";
  const name = `warm-up-${round}-${flawed ? "flawed" : "documented"}`;
  const document = sampleDocument(round, flawed);
  const props = native ? { keyPolicy: document } : { policy: JSON.stringify(document) };
  return {
    type,
    props,
    urn: `urn:pulumi:warm-up::kms-guardrails::${type}::${name}`,
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
  for (let round = 0; round < rounds; round++) {
    for (const flawed of [false, true]) {
      for (const native of [false, true]) {
        const args = sampleArgs(round, flawed, native);
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
