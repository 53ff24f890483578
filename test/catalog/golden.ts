/**
 * The golden check every integration test runs: compose the plan with the account-root statement
 * (seed 004 requires it), parse the result with the engine, and run the plan's probes. Also the
 * helpers the mutation tests use to break one statement and watch a probe fail.
 */
import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  checkProbes,
  composeKeyPolicy,
  explainProbeFailure,
  formatProbeFailure,
  type IntegrationPlan,
  type KeyLocation,
  type PolicyDocumentJson,
  type PolicyStatementJson,
  type ProbeOutcome,
} from "pulumi-kms-guardrails/catalog";
import { parsePolicy, type KeyPolicy } from "pulumi-kms-guardrails/engine";

export function parseValid(doc: unknown): KeyPolicy {
  const result = parsePolicy(doc);
  assert.deepEqual(result.errors, [], `parse errors in ${JSON.stringify(doc, null, 2)}`);
  assert.ok(result.policy !== undefined);
  return result.policy;
}

/** The plans' policy with the account-root statement first. */
export function withAccountRoot(key: KeyLocation, ...plans: IntegrationPlan[]): PolicyDocumentJson {
  return composeKeyPolicy([accountRootPlan({ key }), ...plans]);
}

export function outcomes(doc: unknown, plan: IntegrationPlan): ProbeOutcome[] {
  return checkProbes(parseValid(doc), plan.probes);
}

const describeFailure = (o: ProbeOutcome, plan: IntegrationPlan): string => {
  const failure = explainProbeFailure(o, plan.grants);
  return failure === undefined ? "" : formatProbeFailure(failure);
};

/**
 * Every probe satisfied, and every allow probe decided by (among others) the statement its
 * `grantSid` names, so the probe checks the plan's grant and not merely the account root.
 */
export function assertGolden(doc: PolicyDocumentJson, plan: IntegrationPlan): ProbeOutcome[] {
  const results = outcomes(doc, plan);
  assert.ok(results.length > 0, "a plan without probes checks nothing");
  for (const o of results) {
    assert.equal(
      o.satisfied,
      true,
      `${o.probe.id} (${o.probe.subject ?? ""}): ${o.decision.verdict}\n${describeFailure(o, plan)}`,
    );
    if (o.probe.expect === "allow") {
      assert.ok(
        o.decision.deciding.some((t) => t.sid === o.probe.grantSid),
        `${o.probe.id}: decided by ${o.decision.deciding.map((t) => t.sid).join(", ")}, not "${o.probe.grantSid}"`,
      );
    }
  }
  return results;
}

/** A deep copy of `doc` with the statement `sid` changed by `change`. */
export function mutate(
  doc: PolicyDocumentJson,
  sid: string,
  change: (s: PolicyStatementJson) => void,
): PolicyDocumentJson {
  const copy = JSON.parse(JSON.stringify(doc)) as PolicyDocumentJson;
  const statement = (copy.Statement as PolicyStatementJson[]).find((s) => s.Sid === sid);
  assert.ok(statement !== undefined, `no statement "${sid}"`);
  change(statement);
  return copy;
}

/** Removes a condition key (any operator) from a statement; drops emptied blocks. */
export function dropCondition(s: PolicyStatementJson, key: string): void {
  for (const [op, block] of Object.entries(s.Condition ?? {})) {
    for (const k of Object.keys(block)) if (k.toLowerCase() === key.toLowerCase()) delete block[k];
    if (Object.keys(block).length === 0) delete s.Condition?.[op];
  }
  if (s.Condition !== undefined && Object.keys(s.Condition).length === 0) delete s.Condition;
}

/** The probes with `id` and whether each is satisfied. */
export function satisfiedById(results: readonly ProbeOutcome[], id: string): (boolean | "unknown")[] {
  const found = results.filter((o) => o.probe.id === id).map((o) => o.satisfied);
  assert.ok(found.length > 0, `no probe ${id}`);
  return found;
}

/** Ids of the probes in the plan, unique, in order. */
export const probeIds = (plan: IntegrationPlan): string[] => [...new Set(plan.probes.map((p) => p.id))];
