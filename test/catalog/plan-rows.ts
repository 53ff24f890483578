/**
 * Whole-plan assertions for the builder tests: each probe as one row (who calls what, with which
 * context, expecting what, against which grant, about what, citing what, described how), so a
 * test states every field a builder writes and a changed word, context key or Sid fails it.
 */
import { strict as assert } from "node:assert";
import type { IntegrationPlan, KeyLocation, Probe, SourceRef } from "pulumi-kms-guardrails/catalog";

export interface ProbeRow {
  readonly id: string;
  readonly expect: "allow" | "deny";
  /** The caller's ARN, or the service principal. */
  readonly who: string;
  readonly action: string;
  readonly context: Readonly<Record<string, unknown>>;
  readonly grantSid?: string;
  readonly subject?: string;
  readonly source: SourceRef;
  readonly description: string;
}

export function probeRow(p: Probe): ProbeRow {
  const r = p.request;
  const who = r.principal.kind === "service" ? r.principal.service : r.principal.kind === "aws" ? r.principal.arn : "?";
  return {
    id: p.id,
    expect: p.expect,
    who,
    action: r.action,
    context: r.context ?? {},
    ...(p.grantSid !== undefined ? { grantSid: p.grantSid } : {}),
    ...(p.subject !== undefined ? { subject: p.subject } : {}),
    source: p.source,
    description: p.description,
  };
}

/** Every probe targets the key: its account and Region always, its ARN when the key's ARN is known. */
export function assertTargets(plan: IntegrationPlan, key: KeyLocation, resource?: string): void {
  for (const p of plan.probes) {
    const { resource: got, keyAccount, keyRegion } = p.request;
    assert.deepEqual(
      { resource: got, keyAccount, keyRegion },
      { resource, keyAccount: key.account, keyRegion: key.region },
      p.id,
    );
  }
}

export function assertProbes(plan: IntegrationPlan, rows: readonly ProbeRow[]): void {
  const got = plan.probes.map(probeRow);
  assert.equal(got.length, rows.length, `probe ids: ${got.map((r) => r.id).join(", ")}`);
  got.forEach((row, i) => assert.deepEqual(row, rows[i], `probe ${i} (${row.id})`));
}

/** The message of the error `fn` throws (it must throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  assert.fail("expected an error");
}
