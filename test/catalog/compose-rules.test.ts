/**
 * composeKeyPolicyDetailed's rules, one at a time: what counts as the same permission (the
 * normalization: key order, case of actions and condition keys, strings vs lists, repeats), what
 * does not (operators, values, resources, principals, Not* elements, effects), when two generated
 * statements merge (same Sid: same principal or same actions, never "*"), renaming, and the report.
 */
import { strict as assert } from "node:assert";
import { composeKeyPolicyDetailed } from "pulumi-kms-guardrails/catalog";

import { base, compose, OTHER, plan, ROLE, type Loose } from "./compose-fixtures";

describe("catalog: composeKeyPolicyDetailed rules", () => {
  it("a generated statement equal to a user's up to key order, action case, string vs list, repeats and condition-key case is skipped", () => {
    const user = {
      Condition: { StringEquals: { "KMS:VIASERVICE": ["s3.us-east-1.amazonaws.com", "s3.us-east-1.amazonaws.com"] } },
      Resource: ["*"],
      Action: ["KMS:DECRYPT", "kms:decrypt"],
      Principal: { AWS: [ROLE] },
      Effect: "Allow",
      Sid: "Mine",
    };
    const { policy, report } = compose([user], base());
    assert.deepEqual(policy, { Version: "2012-10-17", Statement: [user] });
    assert.deepEqual(report, {
      renamed: [],
      merged: [],
      skipped: [{ integration: "service-grant", sid: "Use", sameAs: "Mine" }],
    });
  });

  it("lists compare as sets: order does not matter, for principals, actions, resources and condition values", () => {
    const two = base({
      Principal: { AWS: [ROLE, OTHER] },
      Action: ["kms:Decrypt", "kms:Encrypt"],
      Resource: ["*", "arn:aws:kms:us-east-1:111122223333:key/k"],
      Condition: { StringEquals: { "kms:ViaService": ["b", "a"] } },
    });
    const swapped = {
      ...two,
      Sid: "Mine",
      Principal: { AWS: [OTHER, ROLE] },
      Action: ["kms:Encrypt", "kms:Decrypt"],
      Resource: ["arn:aws:kms:us-east-1:111122223333:key/k", "*"],
      Condition: { StringEquals: { "kms:ViaService": ["a", "b"] } },
    };
    assert.deepEqual(compose([swapped], two).report.skipped, [
      { integration: "service-grant", sid: "Use", sameAs: "Mine" },
    ]);
  });

  it("a user statement without a Sid: skipped with no sameAs", () => {
    const user = base();
    delete user.Sid;
    assert.deepEqual(compose([user], base()).report.skipped, [
      { integration: "service-grant", sid: "Use", sameAs: undefined },
    ]);
  });

  it("what makes a different permission: each such change keeps the generated statement", () => {
    const changes: [string, Loose][] = [
      ["effect", { Effect: "Deny" }],
      ["principal value case", { Principal: { AWS: ROLE.toUpperCase() } }],
      ["principal type", { Principal: { Service: ROLE } }],
      ["NotPrincipal", { Principal: undefined, NotPrincipal: { AWS: ROLE } }],
      ["action", { Action: "kms:Encrypt" }],
      ["NotAction", { Action: undefined, NotAction: "kms:Decrypt" }],
      ["resource case", { Resource: "arn:aws:kms:us-east-1:111122223333:KEY/k" }],
      ["NotResource", { Resource: undefined, NotResource: "*" }],
      ["operator", { Condition: { StringLike: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }],
      ["operator case", { Condition: { stringequals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } }],
      ["condition value case", { Condition: { StringEquals: { "kms:ViaService": "S3.us-east-1.amazonaws.com" } } }],
      ["condition values", { Condition: { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com", "x"] } } }],
      ["no condition", { Condition: undefined }],
      ["a non-string condition value", { Condition: { StringEquals: { "kms:ViaService": true } } }],
    ];
    for (const [what, change] of changes) {
      const user = { ...base(), Sid: "Mine", ...change };
      for (const k of Object.keys(user)) if ((user as Loose)[k] === undefined) delete (user as Loose)[k];
      const { policy, report } = compose([user], base());
      assert.deepEqual(report.skipped, [], what);
      assert.equal(policy.Statement.length, 2, what);
    }
  });

  it("values that are not strings are compared as written", () => {
    const odd = base({ Condition: { Bool: { "aws:SecureTransport": [true, "x"] } }, Action: ["kms:Decrypt", 1] });
    assert.equal(compose([{ ...odd, Sid: "Mine" }], odd).report.skipped.length, 1);
    const reordered = base({ Condition: { Bool: { "aws:SecureTransport": ["x", true] } }, Action: ["kms:Decrypt", 1] });
    assert.equal(compose([{ ...reordered, Sid: "Mine" }], odd).report.skipped.length, 0);
    // A condition block that is not an object, a Principal that is "*".
    const raw = base({ Condition: { StringEquals: "x" }, Principal: "*" });
    assert.equal(compose([{ ...raw, Sid: "Mine" }], raw).report.skipped.length, 1);
    assert.equal(compose([{ ...raw, Sid: "Mine", Condition: { StringEquals: "y" } }], raw).report.skipped.length, 0);
    // Nested objects compare by content, whatever their key order.
    const nested = base({ Condition: { StringEquals: { k: [{ b: 1, a: [2, { d: 3, c: 4 }] }] } } });
    const nestedSwapped = base({ Condition: { StringEquals: { k: [{ a: [2, { c: 4, d: 3 }], b: 1 }] } } });
    assert.equal(compose([{ ...nestedSwapped, Sid: "Mine" }], nested).report.skipped.length, 1);
    const nestedOther = base({ Condition: { StringEquals: { k: [{ a: [2, { c: 4, d: 5 }], b: 1 }] } } });
    assert.equal(compose([{ ...nestedOther, Sid: "Mine" }], nested).report.skipped.length, 0);
  });

  it("user entries that are not statements are kept and never match", () => {
    const user = [null, "text", [base()], 7];
    const { policy, report } = compose(user, base());
    assert.deepEqual(policy.Statement, [...user, base()]);
    assert.deepEqual(report, { renamed: [], merged: [], skipped: [] });
  });

  it("a generated statement equal to an earlier generated one is skipped, naming it (renamed or not)", () => {
    const { policy, report } = compose(
      [{ Sid: "Use", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }],
      base(),
      base({ Sid: "Again" }),
    );
    assert.deepEqual(
      policy.Statement.map((s) => (s as Loose).Sid),
      ["Use", "Use 2"],
    );
    assert.deepEqual(report, {
      renamed: [{ integration: "service-grant", from: "Use", to: "Use 2" }],
      merged: [],
      skipped: [{ integration: "service-grant", sid: "Again", sameAs: "Use 2" }],
    });
  });

  it("same Sid and principal: the actions are united, the first spelling kept", () => {
    const { policy, report } = compose(
      [],
      base({ Action: ["kms:Decrypt", "kms:Encrypt"] }),
      base({ Action: ["KMS:ENCRYPT", "kms:ReEncrypt*"] }),
    );
    assert.deepEqual(policy.Statement, [base({ Action: ["kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*"] })]);
    assert.deepEqual(report, { renamed: [], merged: [{ integration: "service-grant", sid: "Use" }], skipped: [] });
    // Repeats within the added list are dropped too, whatever their case.
    assert.deepEqual(
      compose([], base(), base({ Action: ["kms:Encrypt", "KMS:ENCRYPT", "kms:decrypt"] })).policy.Statement,
      [base({ Action: ["kms:Decrypt", "kms:Encrypt"] })],
    );
    // One action each: the union is a list; the same action twice stays one string.
    assert.deepEqual(compose([], base(), base({ Action: "kms:Encrypt" })).policy.Statement, [
      base({ Action: ["kms:Decrypt", "kms:Encrypt"] }),
    ]);
  });

  it("same Sid and actions: the principals are united per type, case kept", () => {
    const a = base({ Principal: { AWS: ROLE } });
    const b = base({ Principal: { AWS: [ROLE.toUpperCase(), OTHER], Service: "s3.amazonaws.com" } });
    const { policy, report } = compose([], a, b);
    assert.deepEqual(policy.Statement, [
      base({ Principal: { AWS: [ROLE, ROLE.toUpperCase(), OTHER], Service: "s3.amazonaws.com" } }),
    ]);
    assert.deepEqual(report.merged, [{ integration: "service-grant", sid: "Use" }]);
    // Service principals only: no AWS member appears.
    const s1 = base({ Principal: { Service: "a.amazonaws.com" } });
    const s2 = base({ Principal: { Service: "b.amazonaws.com" } });
    assert.deepEqual(compose([], s1, s2).policy.Statement, [
      base({ Principal: { Service: ["a.amazonaws.com", "b.amazonaws.com"] } }),
    ]);
  });

  it("a merged statement's content is remembered: a later equal statement is skipped as it", () => {
    const { report } = compose(
      [],
      base(),
      base({ Action: "kms:Encrypt" }),
      base({ Sid: "Later", Action: ["kms:Encrypt", "kms:Decrypt"] }),
    );
    assert.deepEqual(report.skipped, [{ integration: "service-grant", sid: "Later", sameAs: "Use" }]);
  });

  it('no merge for Principal "*", other conditions, both principal and actions differing, or the user\'s Sid: renamed', () => {
    const cases: [string, Loose, Loose][] = [
      ["principal *", base({ Principal: "*" }), base({ Principal: "*", Action: "kms:Encrypt", Resource: "x" })],
      ["a principal beside *", base({ Principal: { AWS: OTHER } }), base({ Principal: "*" })],
      ["* beside a principal", base({ Principal: "*" }), base({ Action: "kms:Decrypt", Principal: { AWS: OTHER } })],
      ["condition", base(), base({ Action: "kms:Encrypt", Condition: { StringEquals: { "kms:ViaService": "x" } } })],
      ["both", base(), base({ Action: "kms:Encrypt", Principal: { AWS: OTHER } })],
    ];
    for (const [what, a, b] of cases) {
      const { policy, report } = compose([], a, b);
      assert.deepEqual(
        policy.Statement.map((s) => (s as Loose).Sid),
        ["Use", "Use 2"],
        what,
      );
      assert.deepEqual(report.merged, [], what);
      assert.deepEqual(report.renamed, [{ integration: "service-grant", from: "Use", to: "Use 2" }], what);
    }
    // The user's Sid: never merged into, the generated statement renamed past every taken Sid.
    const user = [base({ Action: "kms:Encrypt" }), { Sid: "Use 2" }, { Sid: "Use 3" }];
    const { policy, report } = compose(user, base());
    assert.deepEqual(
      policy.Statement.map((s) => (s as Loose).Sid),
      ["Use", "Use 2", "Use 3", "Use 4"],
    );
    assert.deepEqual(report, {
      renamed: [{ integration: "service-grant", from: "Use", to: "Use 4" }],
      merged: [],
      skipped: [],
    });
  });

  it("Version always, Id only when given; no user statements by default", () => {
    const plans = [plan(base())];
    assert.deepEqual(composeKeyPolicyDetailed(plans).policy, { Version: "2012-10-17", Statement: [base()] });
    assert.deepEqual(composeKeyPolicyDetailed(plans, { id: "key-policy" }).policy, {
      Version: "2012-10-17",
      Id: "key-policy",
      Statement: [base()],
    });
  });
});
