import { strict as assert } from "node:assert";
import {
  SIDS,
  checkPlans,
  checkProbes,
  cloudTrailTrailPlan,
  explainProbeFailure,
  formatProbeFailure,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { dropCondition, mutate, parseValid, withAccountRoot } from "./golden";

const KEY: KeyLocation = { account: "111111111111", region: "us-west-2" };
const TRAIL = "arn:aws:cloudtrail:us-west-2:111111111111:trail/finance";
/** Built in each test, not at load (a plan built outside any test makes builder mutants static for Stryker). */
function scenario() {
  const plan = cloudTrailTrailPlan({ key: KEY, trailArns: [TRAIL] });
  return { plan, doc: withAccountRoot(KEY, plan) };
}

describe("catalog: checkProbes and failure messages", () => {
  it("a satisfied probe has no failure", () => {
    const { plan, doc } = scenario();
    const outcomes = checkPlans(parseValid(doc), [plan]);
    assert.ok(outcomes.every((o) => o.satisfied === true && explainProbeFailure(o, plan.grants) === undefined));
  });

  it("a missing grant: who cannot do what, and the statement to add", () => {
    const { plan, doc } = scenario();
    const withoutEncrypt = {
      ...doc,
      Statement: doc.Statement.filter((s) => (s as { Sid: string }).Sid !== SIDS.cloudTrailEncrypt),
    };
    const [outcome] = checkProbes(
      parseValid(withoutEncrypt),
      plan.probes.filter((p) => p.id === "cloudtrail-trail.encrypt"),
    );
    assert.equal(outcome.satisfied, false);
    const failure = explainProbeFailure(outcome, plan.grants);
    assert.ok(failure !== undefined);
    assert.match(failure.message, /^CloudTrail calls kms:GenerateDataKey/);
    assert.match(failure.message, /arn:aws:cloudtrail:us-west-2:111111111111:trail\/finance/);
    assert.match(
      failure.message,
      /Add the statement "Allow CloudTrail to encrypt logs" \(documented in "Configure AWS KMS key policies for CloudTrail", section "Granting encrypt permissions" \(AWS CloudTrail User Guide\): https:\/\/docs\.aws\.amazon\.com\/awscloudtrail\/latest\/userguide\/create-kms-key-policy-for-cloudtrail\.html#create-kms-key-policy-for-cloudtrail-encrypt\)/,
    );
    assert.deepEqual(failure.fix?.json, plan.grants[0].statement);
    assert.match(formatProbeFailure(failure), /"Sid": "Allow CloudTrail to encrypt logs"/);
  });

  it("a failing condition is named", () => {
    const { plan, doc } = scenario();
    const wrongTrail = mutate(doc, SIDS.cloudTrailEncrypt, (s) => {
      s.Condition = {
        ...s.Condition,
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-west-2:111111111111:trail/other" },
      };
    });
    const [outcome] = checkProbes(
      parseValid(wrongTrail),
      plan.probes.filter((p) => p.id === "cloudtrail-trail.encrypt"),
    );
    const failure = explainProbeFailure(outcome, plan.grants);
    assert.deepEqual(
      failure?.statements.map((s) => s.sid),
      [SIDS.cloudTrailEncrypt],
    );
    assert.match(failure?.message ?? "", /names the caller and action, but .*aws:SourceArn/i);
  });

  it("a confused deputy let through: the statement that allowed it and the conditioned one to use", () => {
    const { plan, doc } = scenario();
    const open = mutate(doc, SIDS.cloudTrailEncrypt, (s) => dropCondition(s, "aws:SourceArn"));
    const [outcome] = checkProbes(
      parseValid(open),
      plan.probes.filter((p) => p.id === "cloudtrail-trail.encrypt.other-trail"),
    );
    const failure = explainProbeFailure(outcome, plan.grants);
    assert.match(
      failure?.message ?? "",
      /must refuse this \(the service would act for a resource that is not yours\), but the key policy allows it/,
    );
    assert.match(failure?.message ?? "", /allowed by Statement\[1\] "Allow CloudTrail to encrypt logs"/);
    assert.deepEqual(failure?.fix?.json, plan.grants[0].statement);
  });
});
