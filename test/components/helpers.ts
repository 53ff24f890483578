/**
 * Shared set-up for the component tests: mocks with explicit project and stack, a recorder of
 * registrations, reading outputs with a timeout, and the central assertion on a rendered key policy.
 */
import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { testing } from "pulumi-kms-guardrails";
import { checkPlans, type IntegrationPlan } from "pulumi-kms-guardrails/catalog";
import { lintPolicy, parsePolicy, PULUMI_UNKNOWN_SENTINEL, type KeyPolicy } from "pulumi-kms-guardrails/engine";

export const ACCOUNT = "123456789012";
export const REGION = "us-east-1";
export const ADMIN = `arn:aws:iam::${ACCOUNT}:role/KeyAdmin`;
export const READER = `arn:aws:iam::${ACCOUNT}:role/AuditReader`;

/** Mocks for `ACCOUNT` in `REGION` (or `options`), in update or preview mode, recording registrations. */
export async function setUp(options: testing.GuardrailsMocksOptions = {}, preview = false) {
  const mocks = new testing.GuardrailsMocks({ account: ACCOUNT, region: REGION, ...options });
  await pulumi.runtime.setMocks(mocks, "kms-guardrails-test", preview ? "preview" : "update", preview);
  const registrations = testing.recordRegistrations();
  return { mocks, registrations };
}

/** The known value of `output`; fails when it stays unknown. */
export async function known<T>(output: pulumi.Output<T>, timeoutMs = 5000): Promise<T> {
  const reading = await testing.readOutput(output, timeoutMs);
  assert.ok(reading.known, "the output stayed unknown");
  return reading.value;
}

/**
 * The error an output fails with, or undefined when it resolves. Uses the SDK's internal
 * `Output.promise()`: the public API cannot observe a failed `apply`.
 */
export async function failureOf(output: pulumi.Output<unknown>): Promise<Error | undefined> {
  const internal = output as unknown as { promise(): Promise<unknown> };
  try {
    await internal.promise();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** Waits until every resource is registered, then returns the registration of each. */
export async function registrationsOf(
  records: readonly testing.Registration[],
  ...resources: pulumi.Resource[]
): Promise<testing.Registration[]> {
  const urns = await Promise.all(resources.map((r) => known(r.urn)));
  return urns.map((urn) => {
    const record = records.find((r) => r.urn === urn);
    assert.ok(record !== undefined, `no registration for ${urn}`);
    return record;
  });
}

/** Asserts that every resource is registered with `parent` as its parent. */
export async function assertParent(
  records: readonly testing.Registration[],
  parent: pulumi.Resource,
  ...children: pulumi.Resource[]
): Promise<void> {
  const parentUrn = await known(parent.urn);
  for (const registration of await registrationsOf(records, ...children)) {
    assert.equal(registration.parent, parentUrn, `${registration.type} ${registration.name} is not a child`);
  }
}

/** Asserts that `resource` was registered depending on `dependency` (dependsOn or an input). */
export async function assertDependsOn(
  records: readonly testing.Registration[],
  resource: pulumi.Resource,
  dependency: pulumi.Resource,
): Promise<void> {
  const [registration] = await registrationsOf(records, resource);
  const urn = await known(dependency.urn);
  assert.ok(registration.dependencies.includes(urn), `${registration.name} does not depend on ${urn}`);
}

/**
 * The central assertion: the rendered policy parses without error or unknown value, every plan's
 * probes hold (documented job allowed, confused deputy denied), and the linter reports no error.
 */
export function assertPolicyHolds(
  policyJson: string,
  plans: readonly IntegrationPlan[],
  options: { eventDataStoreKey?: boolean } = {},
): KeyPolicy {
  assert.ok(!policyJson.includes(PULUMI_UNKNOWN_SENTINEL), "the policy holds an unknown value");
  const parsed = parsePolicy(policyJson);
  assert.deepEqual(parsed.errors, []);
  assert.deepEqual(parsed.unknownPaths, []);
  assert.ok(parsed.policy !== undefined);
  const outcomes = checkPlans(parsed.policy, plans);
  assert.ok(
    outcomes.some((o) => o.probe.expect === "allow"),
    "no allow probe",
  );
  assert.ok(
    outcomes.some((o) => o.probe.expect === "deny"),
    "no confused-deputy probe",
  );
  const failed = outcomes
    .filter((o) => o.satisfied !== true)
    .map((o) => `${o.probe.id} ${o.probe.subject ?? ""}: ${o.decision.reason}`);
  assert.deepEqual(failed, []);
  const errors = lintPolicy(parsed.policy, { keyAccount: ACCOUNT, ...options }).filter((f) => f.severity === "error");
  assert.deepEqual(
    errors.map((f) => `${f.id}: ${f.message}`),
    [],
  );
  return parsed.policy;
}

/** The probe ids of `plans` that expect `expect`. */
export function probeIds(plans: readonly IntegrationPlan[], expect: "allow" | "deny"): string[] {
  return plans.flatMap((p) => p.probes.filter((probe) => probe.expect === expect).map((probe) => probe.id));
}

/** Runs `body` collecting what the Pulumi runtime prints as warnings (no engine under mocks: console.warn). */
export async function collectWarnings(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(" "));
  };
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** The statements of a policy document. */
export function statementsOf(policyJson: string): Record<string, unknown>[] {
  return (JSON.parse(policyJson) as { Statement: Record<string, unknown>[] }).Statement;
}

/** Lets `setImmediate` callbacks run (the AuditKey seals its policy on the next turn). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits until `predicate` holds (registrations arrive asynchronously), failing after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** An `assert.rejects`/`assert.throws` matcher: a `pulumi.ResourceError` whose message matches. */
export const configError = (pattern: RegExp) => (error: unknown) => {
  assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${String(error)}`);
  assert.match(error.message, pattern);
  return true;
};
