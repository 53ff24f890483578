/**
 * What a user reads when a probe fails: the request, what the key policy does with it, the
 * statement that decided it (or the near miss and its failing condition), and the documented
 * statement to add, cited by its AWS page. Asserted as whole messages for each way a probe fails.
 */
import { strict as assert } from "node:assert";
import {
  checkProbes,
  cloudTrailTrailPlan,
  explainProbeFailure,
  formatProbeFailure,
  type Probe,
  type ProbeOutcome,
} from "pulumi-kms-guardrails/catalog";
import { parseValid } from "./golden";

const KEY = { account: "111111111111", region: "us-west-2" };
const FINANCE = "arn:aws:cloudtrail:us-west-2:111111111111:trail/finance";
/** Built in each test, not at load (a plan built outside any test makes builder mutants static for Stryker). */
function scenario() {
  const plan = cloudTrailTrailPlan({ key: KEY, trailArns: [FINANCE] });
  return {
    plan,
    ENCRYPT: plan.grants[0].statement,
    encryptProbe: plan.probes.find((p) => p.id === "cloudtrail-trail.encrypt") as Probe,
    otherTrailProbe: plan.probes.find((p) => p.id === "cloudtrail-trail.encrypt.other-trail") as Probe,
  };
}

const CITE =
  '(documented in "Configure AWS KMS key policies for CloudTrail", section "Granting encrypt permissions" (AWS CloudTrail User Guide): ' +
  "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html#create-kms-key-policy-for-cloudtrail-encrypt)";
const ADD = `Add the statement "Allow CloudTrail to encrypt logs" ${CITE}: Lets CloudTrail generate data keys to encrypt the named trails' log files, for the named accounts only.`;
const HEAD = `CloudTrail calls kms:GenerateDataKey to encrypt log files of trail ${FINANCE}.`;

function outcome(statements: unknown[], probe: Probe): ProbeOutcome {
  const [result] = checkProbes(parseValid({ Version: "2012-10-17", Statement: statements }), [probe]);
  return result;
}

const ROOT_ONLY = {
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111111111111:root" },
  Action: "kms:*",
  Resource: "*",
};

describe("catalog: explaining a failed probe", () => {
  it("says nothing about a satisfied probe", () => {
    const { plan, ENCRYPT, encryptProbe, otherTrailProbe } = scenario();
    assert.equal(explainProbeFailure(outcome([ENCRYPT], encryptProbe), plan.grants), undefined);
    assert.equal(explainProbeFailure(outcome([ENCRYPT], otherTrailProbe), plan.grants), undefined);
  });

  it("an allow probe no statement names: says so and gives the documented statement", () => {
    const { plan, ENCRYPT, encryptProbe } = scenario();
    const failure = explainProbeFailure(outcome([ROOT_ONLY], encryptProbe), plan.grants);
    assert.deepEqual(failure, {
      probeId: "cloudtrail-trail.encrypt",
      subject: FINANCE,
      source: encryptProbe.source,
      message: `${HEAD} The key policy must allow this, but no statement allows it. No statement allows kms:GenerateDataKey for this caller. ${ADD}`,
      statements: [],
      fix: { description: ADD, json: ENCRYPT },
    });
    assert.equal(
      formatProbeFailure(failure as NonNullable<typeof failure>),
      `${failure?.message}\n${JSON.stringify(ENCRYPT, null, 2)}`,
    );
  });

  it("an allow probe a Deny refuses: names the Deny", () => {
    const { plan, ENCRYPT, encryptProbe } = scenario();
    const deny = { Sid: "D", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" };
    const failure = explainProbeFailure(outcome([ROOT_ONLY, deny, ENCRYPT], encryptProbe), plan.grants);
    assert.equal(
      failure?.message,
      `${HEAD} The key policy must allow this, but a Deny statement refuses it. It is denied by Statement[1] "D". ${ADD}`,
    );
    assert.deepEqual(failure?.statements, [{ index: 1, sid: "D" }]);
  });

  it("an allow probe a statement nearly allows: names it and the condition that failed", () => {
    const { plan, ENCRYPT, encryptProbe } = scenario();
    const near = { ...ENCRYPT, Condition: { StringEquals: { "aws:SourceArn": `${FINANCE}-x` } } };
    const noSid = {
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    };
    const failure = explainProbeFailure(outcome([ROOT_ONLY, near, noSid], encryptProbe), plan.grants);
    assert.equal(
      failure?.message,
      `${HEAD} The key policy must allow this, but no statement allows it. ` +
        `Statement[1] "Allow CloudTrail to encrypt logs" names the caller and action, but aws:SourceArn = ${FINANCE} does not match ${FINANCE}-x. ` +
        "Statement[2] names the caller and action, but aws:SecureTransport is absent; Bool requires it. " +
        ADD,
    );
    assert.deepEqual(failure?.statements, [
      { index: 1, sid: "Allow CloudTrail to encrypt logs" },
      { index: 2, sid: undefined },
    ]);
  });

  it("a deny probe a statement lets through: names it and the conditioned statement to use instead", () => {
    const { plan, ENCRYPT, otherTrailProbe } = scenario();
    const open = {
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
    };
    const failure = explainProbeFailure(outcome([ROOT_ONLY, open], otherTrailProbe), plan.grants);
    const replace = `Replace it with the conditioned statement "Allow CloudTrail to encrypt logs" ${CITE}, which denies this request.`;
    assert.deepEqual(failure, {
      probeId: "cloudtrail-trail.encrypt.other-trail",
      subject: FINANCE,
      source: otherTrailProbe.source,
      message:
        "CloudTrail calls kms:GenerateDataKey for arn:aws:cloudtrail:us-west-2:111111111111:trail/other-trail, a trail the key is not for. " +
        "The key policy must refuse this (the service would act for a resource that is not yours), but the key policy allows it. " +
        `It is allowed by Statement[1]. ${replace}`,
      statements: [{ index: 1, sid: undefined }],
      fix: { description: replace, json: ENCRYPT },
    });
  });

  it("without the plan's grant, without a subject, and with a description that is not a sentence", () => {
    const { plan, encryptProbe, otherTrailProbe } = scenario();
    const bare: Probe = {
      ...encryptProbe,
      grantSid: undefined,
      subject: undefined,
      description: "cloudTrail encrypts",
    };
    const failure = explainProbeFailure(outcome([ROOT_ONLY], bare), plan.grants);
    assert.deepEqual(failure, {
      probeId: "cloudtrail-trail.encrypt",
      source: encryptProbe.source,
      message:
        "CloudTrail encrypts: The key policy must allow this, but no statement allows it. No statement allows kms:GenerateDataKey for this caller.",
      statements: [],
      fix: undefined,
    });
    assert.equal(formatProbeFailure(failure as NonNullable<typeof failure>), failure?.message);
    const unknownGrant = explainProbeFailure(outcome([ROOT_ONLY], { ...encryptProbe, grantSid: "nope" }), plan.grants);
    assert.equal(unknownGrant?.fix, undefined);
    const open = {
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
    };
    const deny = explainProbeFailure(outcome([open], { ...otherTrailProbe, grantSid: undefined }), plan.grants);
    assert.ok(deny?.message.endsWith("but the key policy allows it. It is allowed by Statement[0]."), deny?.message);
  });

  it("a probe that cannot be decided yet: says so with the evaluator's reason", () => {
    const { plan, encryptProbe } = scenario();
    const o = outcome([ROOT_ONLY], encryptProbe);
    const undecided: ProbeOutcome = {
      ...o,
      satisfied: "unknown",
      decision: { ...o.decision, verdict: "undecidable", reason: "Waiting for the trail ARN." },
    };
    assert.deepEqual(explainProbeFailure(undecided, plan.grants), {
      probeId: "cloudtrail-trail.encrypt",
      subject: FINANCE,
      source: encryptProbe.source,
      message: `${HEAD} Cannot be decided yet: Waiting for the trail ARN.`,
      statements: [],
    });
  });
});
