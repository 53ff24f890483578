// What the policy pack reports for each example, in update mode (the outputs AWS computes are known) and in
// the first preview of a new stack (they are not: the keys' ARNs and accounts, the trails' ARNs). In preview
// the pack evaluates with those values unknown and takes a key's account from known ARNs, the provider's
// allowedAccountIds, the accountIds option or the key policy's IAM-enabling statement: the examples' keys
// all have that statement, so preview reports what update does. One row per (rule, level, resource). Read
// by the end-to-end test (test/e2e/examples.test.ts) and by `npm start` (scripts/start.ts);
// noncompliant/policies.ts says why each noncompliant row is there.

export type Row = readonly [rule: string, level: "mandatory" | "advisory", resource: string];
export type Expected = readonly Row[];

export interface ExampleExpectation {
  /** A compliant example: no mandatory finding in either mode. */
  readonly compliant: boolean;
  readonly update: Expected;
  readonly preview: Expected;
}

const KEY = "aws:kms/key:Key";

/** The resource types of one provider family, so AWS Classic and AWS Native share one table. */
interface Types {
  readonly key: string;
  readonly trail: string;
  readonly landingZone: string;
}
const CLASSIC: Types = {
  key: KEY,
  trail: "aws:cloudtrail/trail:Trail",
  landingZone: "aws:controltower/landingZone:LandingZone",
};
const NATIVE: Types = {
  key: "aws-native:kms:Key",
  trail: "aws-native:cloudtrail:Trail",
  landingZone: "aws-native:controltower:LandingZone",
};

/** In both modes: what the pack can decide from inputs alone (key policies and properties, trails' kmsKeyId). */
function decidedFromInputs(t: Types): Row[] {
  return [
    ["kms-no-unconditioned-public-principal", "mandatory", `${t.key}::organization-share`],
    ["kms-encryption-context-on-unsupported-action", "mandatory", `${t.key}::describe-context`],
    ["cloudtrail-trail-encrypted", "mandatory", `${t.trail}::unencrypted`],
    ["controltower-landing-zone-key", "mandatory", `${t.key}::landing-zone`],
    // Seed 002's Config statement has no AWS:SourceAccount; the pack reports it, as advisory.
    ["kms-service-principal-source-condition", "advisory", `${t.key}::landing-zone`],
  ];
}

function noncompliantUpdate(t: Types): Row[] {
  return [
    ...decidedFromInputs(t),
    ["cloudtrail-key-allows-describe", "mandatory", `${t.key}::describe-context`],
    ["cloudtrail-key-allows-describe", "mandatory", `${t.key}::missing-describe`],
    ["cloudtrail-log-decrypt-null-guard", "advisory", `${t.key}::unguarded-decrypt`],
    ["event-data-store-key-allows-cloudtrail", "mandatory", `${t.key}::lake`],
    ["event-data-store-key-no-source-condition", "mandatory", `${t.key}::lake`],
    ["config-key-allows-delivery", "mandatory", `${t.key}::config`],
  ];
}

export const EXAMPLES = {
  baseline: {
    compliant: true,
    update: [],
    preview: [],
  },
  "organization-trail": {
    compliant: true,
    update: [],
    preview: [],
  },
  "control-tower": {
    compliant: true,
    update: [],
    preview: [],
  },
  "event-data-store": {
    compliant: true,
    update: [],
    preview: [],
  },
  noncompliant: {
    compliant: false,
    update: noncompliantUpdate(CLASSIC),
    preview: noncompliantUpdate(CLASSIC),
  },
  "noncompliant-native": {
    compliant: false,
    update: noncompliantUpdate(NATIVE),
    preview: noncompliantUpdate(NATIVE),
  },
} as const satisfies Record<string, ExampleExpectation>;

export type ExampleName = keyof typeof EXAMPLES;

/** A finding as the pack reports it (the fields of the preflight's Finding these tables compare). */
export interface ReportedFinding {
  readonly policyName: string;
  readonly enforcementLevel: string;
  readonly type: string;
  readonly name: string;
  readonly urn: string;
}

/** `rule level type::name`, the form the tables compare in. */
export function findingRow(f: ReportedFinding): string {
  return `${f.policyName} ${f.enforcementLevel} ${f.type ? `${f.type}::${f.name}` : f.urn || "(stack)"}`;
}

/** The set of rows (a rule may send several messages about one resource), sorted. */
export function findingRows(findings: readonly ReportedFinding[]): string[] {
  return [...new Set(findings.map(findingRow))].sort();
}

export function expectedRows(expected: Expected): string[] {
  return [...new Set(expected.map(([rule, level, resource]) => `${rule} ${level} ${resource}`))].sort();
}
