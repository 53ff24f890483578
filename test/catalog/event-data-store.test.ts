import { strict as assert } from "node:assert";
import { CatalogInputError, SIDS, eventDataStorePlan, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import { assertGolden, mutate, outcomes, probeIds, satisfiedById, withAccountRoot } from "./golden";

const KEY: KeyLocation = { account: "111111111111", region: "us-east-1" };
const ANALYST = "arn:aws:iam::111111111111:role/LakeAnalyst";
/** Built in each test, not at load (a plan built outside any test makes builder mutants static for Stryker). */
function scenario() {
  const plan = eventDataStorePlan({ key: KEY, queryPrincipals: [ANALYST] });
  return { plan, doc: withAccountRoot(KEY, plan) };
}

describe("catalog: CloudTrail Lake event data store (seed 003)", () => {
  it("has the documented statements, none with a source condition", () => {
    const { plan } = scenario();
    assert.deepEqual(
      plan.grants.map((g) => [g.statement.Sid, g.statement.Action]),
      [
        ["Allow CloudTrail to encrypt event data store", "kms:GenerateDataKey"],
        ["Allow CloudTrail to decrypt an event data store", "kms:Decrypt"],
        ["Allow CloudTrail access", "kms:DescribeKey"],
        ["Enable user key permissions for event data stores", ["kms:Decrypt", "kms:GenerateDataKey"]],
      ],
    );
    assert.ok(plan.grants.every((g) => g.statement.Condition === undefined));
  });

  it("has allow probes only, and says why", () => {
    const { plan } = scenario();
    assert.deepEqual(probeIds(plan), [
      "cloudtrail-event-data-store.encrypt",
      "cloudtrail-event-data-store.decrypt",
      "cloudtrail-event-data-store.describe-key",
      "cloudtrail-event-data-store.query.generate-data-key",
      "cloudtrail-event-data-store.query.decrypt",
    ]);
    assert.ok(plan.probes.every((p) => p.expect === "allow"));
    assert.match(plan.notes[0], /No confused-deputy probe is possible/);
    for (const p of plan.probes) {
      const keys = Object.keys(p.request.context ?? {}).map((k) => k.toLowerCase());
      assert.ok(!keys.includes("aws:sourcearn") && !keys.includes("aws:sourceaccount"), p.id);
    }
  });

  it("golden: with the account root, every probe is allowed", () => {
    const { plan, doc } = scenario();
    assertGolden(doc, plan);
  });

  it("mutation: aws:SourceArn on the encrypt statement denies CloudTrail", () => {
    const { plan, doc } = scenario();
    const broken = mutate(doc, SIDS.eventDataStoreEncrypt, (s) => {
      s.Condition = {
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:eventdatastore/EXAMPLE" },
      };
    });
    assert.deepEqual(satisfiedById(outcomes(broken, plan), "cloudtrail-event-data-store.encrypt"), [false]);
  });

  it("mutation: aws:SourceAccount on DescribeKey denies CloudTrail", () => {
    const { plan, doc } = scenario();
    const broken = mutate(doc, SIDS.cloudTrailDescribe, (s) => {
      s.Condition = { StringEquals: { "aws:SourceAccount": "111111111111" } };
    });
    assert.deepEqual(satisfiedById(outcomes(broken, plan), "cloudtrail-event-data-store.describe-key"), [false]);
  });

  it("refuses query principals in other accounts (seed 003: not event data store logs)", () => {
    assert.throws(
      () => eventDataStorePlan({ key: KEY, queryPrincipals: ["arn:aws:iam::222222222222:role/Analyst"] }),
      CatalogInputError,
    );
  });
});
