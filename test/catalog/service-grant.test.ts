import { strict as assert } from "node:assert";
import {
  CatalogInputError,
  serviceGrantPlan,
  type KeyLocation,
  type ServiceGrantParams,
} from "pulumi-kms-guardrails/catalog";
import { assertGolden, dropCondition, mutate, outcomes, probeIds, satisfiedById, withAccountRoot } from "./golden";

/** Seed 001's Amazon Location example, with the key in a central security account. */
const KEY: KeyLocation = { account: "444455556666", region: "us-west-2" };
const TRACKER = "arn:aws:geo:us-west-2:111122223333:tracker/SAMPLE-Tracker";
const PARAMS: ServiceGrantParams = {
  key: KEY,
  sid: "Allow Amazon Location to create grants on behalf of authorized users",
  principal: "arn:aws:iam::111122223333:role/LocationTeam",
  actions: ["kms:CreateGrant"],
  viaService: "geo.us-west-2.amazonaws.com",
  encryptionContext: { "aws:geo:arn": TRACKER },
};
/** Built in each test, not at load (a plan built outside any test makes builder mutants static for Stryker). */
function scenario() {
  const plan = serviceGrantPlan(PARAMS);
  return { plan, doc: withAccountRoot(KEY, plan) };
}
const SID = PARAMS.sid as string;

describe("catalog: generic service grant (seed 001)", () => {
  it("is seed 001's Amazon Location statement", () => {
    const { plan } = scenario();
    assert.deepEqual(plan.grants[0].statement, {
      Sid: SID,
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/LocationTeam" },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": "geo.us-west-2.amazonaws.com",
          "kms:CallerAccount": "111122223333",
          "kms:EncryptionContext:aws:geo:arn": TRACKER,
        },
      },
    });
  });

  it("golden: through the service with the context allowed; directly or for another resource denied", () => {
    const { plan, doc } = scenario();
    assert.deepEqual(probeIds(plan), [
      "service-grant.via-service",
      "service-grant.direct",
      "service-grant.via-service.other-context",
    ]);
    assertGolden(doc, plan);
  });

  it("mutation: without kms:ViaService the principal calls KMS directly", () => {
    const { plan, doc } = scenario();
    const broken = mutate(doc, SID, (s) => dropCondition(s, "kms:ViaService"));
    assert.deepEqual(satisfiedById(outcomes(broken, plan), "service-grant.direct"), [false]);
  });

  it("mutation: without the encryption context, any tracker", () => {
    const { plan, doc } = scenario();
    const broken = mutate(doc, SID, (s) => dropCondition(s, "kms:EncryptionContext:aws:geo:arn"));
    assert.deepEqual(satisfiedById(outcomes(broken, plan), "service-grant.via-service.other-context"), [false]);
  });

  it("in the principal's own account, only the allow probe (IAM decides the rest)", () => {
    const localKey: KeyLocation = { account: "111122223333", region: "us-west-2" };
    const local = serviceGrantPlan({ ...PARAMS, key: localKey });
    assert.deepEqual(probeIds(local), ["service-grant.via-service"]);
    assertGolden(withAccountRoot(localKey, local), local);
  });

  it("refuses an encryption context on actions that take none (seed 001)", () => {
    assert.throws(() => serviceGrantPlan({ ...PARAMS, actions: ["kms:DescribeKey"] }), CatalogInputError);
    assert.throws(() => serviceGrantPlan({ ...PARAMS, actions: ["kms:*"] }), /take no encryption context/);
    assert.doesNotThrow(() => serviceGrantPlan({ ...PARAMS, actions: ["kms:GenerateDataKey*", "kms:Decrypt"] }));
    assert.doesNotThrow(() =>
      serviceGrantPlan({ ...PARAMS, actions: ["kms:DescribeKey"], encryptionContext: undefined }),
    );
  });

  it("refuses a kms:CallerAccount that is not the principal's", () => {
    assert.throws(() => serviceGrantPlan({ ...PARAMS, callerAccount: "999999999999" }), /CallerAccount/);
  });
});
