import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  cloudTrailTrailPlan,
  composeKeyPolicy,
  composeKeyPolicyDetailed,
  eventDataStorePlan,
  type IntegrationPlan,
  type KeyLocation,
  type PolicyStatementJson,
} from "pulumi-kms-guardrails/catalog";
import { parseValid } from "./golden";

const KEY: KeyLocation = { account: "111111111111", region: "us-west-2" };
const TRAIL = "arn:aws:cloudtrail:us-west-2:111111111111:trail/finance";
const sids = (statements: readonly unknown[]) => statements.map((s) => (s as { Sid?: string }).Sid);

/** A one-grant plan, for composing edge cases. */
const planOf = (...statements: PolicyStatementJson[]): IntegrationPlan => ({
  integration: "service-grant",
  grants: statements.map((statement) => ({ statement, purpose: "test", source: { seed: "001", section: "test" } })),
  probes: [],
  notes: [],
});
const decrypt = (sid: string, principal: string, extra: Partial<PolicyStatementJson> = {}): PolicyStatementJson => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { AWS: principal },
  Action: "kms:Decrypt",
  Resource: "*",
  ...extra,
});

describe("catalog: composeKeyPolicy", () => {
  it("puts the user's statements first, verbatim and in order (seed 003)", () => {
    const root = accountRootPlan({ key: KEY });
    const user = [
      {
        Sid: "Allow CloudTrail access",
        Effect: "Allow",
        Principal: { AWS: "111111111111" },
        Action: "kms:List*",
        Resource: "*",
      },
      { Effect: "Deny", Principal: "*", Action: "kms:ScheduleKeyDeletion", Resource: "*" },
    ];
    const frozen = JSON.parse(JSON.stringify(user)) as unknown[];
    const doc = composeKeyPolicy([root, cloudTrailTrailPlan({ key: KEY, trailArns: [TRAIL] })], {
      userStatements: user,
      id: "key-policy",
    });
    assert.equal(doc.Version, "2012-10-17");
    assert.equal(doc.Id, "key-policy");
    assert.deepEqual(doc.Statement.slice(0, 2), frozen);
    assert.deepEqual(user, frozen, "the input is not modified");
    // The user's "Allow CloudTrail access" keeps its Sid; the generated one is renamed.
    assert.deepEqual(sids(doc.Statement), [
      "Allow CloudTrail access",
      undefined,
      "Enable IAM User Permissions",
      "Allow CloudTrail to encrypt logs",
      "Allow CloudTrail access 2",
      "Allow CloudTrail to decrypt a trail",
    ]);
    parseValid(doc);
  });

  it("leaves out a generated statement the policy already has (the Sid aside)", () => {
    const root = accountRootPlan({ key: KEY });
    const userRoot = {
      ...root.grants[0].statement,
      Sid: "Root",
      Principal: { AWS: ["arn:aws:iam::111111111111:root"] },
    };
    const { policy, report } = composeKeyPolicyDetailed([root, root], { userStatements: [userRoot] });
    assert.deepEqual(sids(policy.Statement), ["Root"]);
    assert.deepEqual(
      report.skipped.map((s) => s.sameAs),
      ["Root", "Root"],
    );
  });

  it("is idempotent: composing again over its own output changes nothing", () => {
    const root = accountRootPlan({ key: KEY });
    const plans = [root, cloudTrailTrailPlan({ key: KEY, trailArns: [TRAIL] }), eventDataStorePlan({ key: KEY })];
    const once = composeKeyPolicy(plans);
    assert.deepEqual(composeKeyPolicy(plans, { userStatements: once.Statement }), once);
  });

  it("merges same-Sid grants soundly: actions for one principal, principals for one permission", () => {
    const actions = composeKeyPolicyDetailed([
      planOf(decrypt("Readers", "arn:aws:iam::111111111111:role/A")),
      planOf(decrypt("Readers", "arn:aws:iam::111111111111:role/A", { Action: ["kms:Decrypt", "kms:DescribeKey"] })),
    ]);
    assert.deepEqual(actions.policy.Statement, [
      decrypt("Readers", "arn:aws:iam::111111111111:role/A", { Action: ["kms:Decrypt", "kms:DescribeKey"] }),
    ]);
    const principals = composeKeyPolicy([
      planOf(decrypt("Readers", "arn:aws:iam::111111111111:role/A")),
      planOf(decrypt("Readers", "arn:aws:iam::111111111111:role/B")),
    ]);
    assert.deepEqual(principals.Statement, [
      decrypt("Readers", "arn:aws:iam::111111111111:role/A", {
        Principal: { AWS: ["arn:aws:iam::111111111111:role/A", "arn:aws:iam::111111111111:role/B"] },
      }),
    ]);
  });

  it("renames same-Sid grants that differ in conditions, or in both principal and actions", () => {
    const guarded = decrypt("Readers", "arn:aws:iam::111111111111:role/A", {
      Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
    });
    const { policy, report } = composeKeyPolicyDetailed([
      planOf(decrypt("Readers", "arn:aws:iam::111111111111:role/A")),
      planOf(guarded),
      planOf(decrypt("Readers", "arn:aws:iam::111111111111:role/B", { Action: "kms:Encrypt" })),
    ]);
    assert.deepEqual(sids(policy.Statement), ["Readers", "Readers 2", "Readers 3"]);
    assert.deepEqual(
      report.renamed.map((r) => r.to),
      ["Readers 2", "Readers 3"],
    );
  });

  it("a trail and an event data store on one key: one valid policy, unique Sids", () => {
    const root = accountRootPlan({ key: KEY });
    const doc = composeKeyPolicy([
      root,
      cloudTrailTrailPlan({ key: KEY, trailArns: [TRAIL] }),
      eventDataStorePlan({ key: KEY }),
    ]);
    const all = sids(doc.Statement);
    assert.equal(new Set(all).size, all.length);
    parseValid(doc);
  });
});
