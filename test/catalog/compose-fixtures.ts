/**
 * What the compose tests share: a plan of service-grant statements, the user statement they vary
 * (a role's kms:Decrypt through S3), and composing user statements beside generated ones.
 */
import {
  composeKeyPolicyDetailed,
  type IntegrationPlan,
  type PolicyStatementJson,
} from "pulumi-kms-guardrails/catalog";

export type Loose = Record<string, unknown>;
export const plan = (...statements: Loose[]): IntegrationPlan => ({
  integration: "service-grant",
  grants: statements.map((s) => ({
    statement: s as unknown as PolicyStatementJson,
    purpose: "test",
    source: { seed: "001", section: "test" } as never,
  })),
  probes: [],
  notes: [],
});
export const ROLE = "arn:aws:iam::111122223333:role/App";
export const OTHER = "arn:aws:iam::111122223333:role/Other";
export const base = (extra: Loose = {}): Loose => ({
  Sid: "Use",
  Effect: "Allow",
  Principal: { AWS: ROLE },
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
  ...extra,
});
export const compose = (user: unknown[], ...generated: Loose[]) =>
  composeKeyPolicyDetailed([plan(...generated)], { userStatements: user });
export const skippedAs = (user: unknown[], ...generated: Loose[]) =>
  compose(user, ...generated).report.skipped.map((s) => s.sameAs);
