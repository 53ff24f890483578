/**
 * composeKeyPolicyDetailed at the edges compose-rules.test.ts leaves: statements compared as the
 * JSON AWS receives (a member a program left undefined is not in it), numbers side by side in a
 * list, NotAction's case, principal types only one statement names, Sids that are not strings or
 * are missing, and a same-Sid merge that must find the statement with that Sid (not another one).
 */
import { strict as assert } from "node:assert";

import { base, compose, OTHER, ROLE, skippedAs, type Loose } from "./compose-fixtures";

describe("catalog: composeKeyPolicyDetailed edges", () => {
  it("a member a program left undefined is not in the policy's JSON: the statement is the same permission", () => {
    // What JSON.stringify renders (key-policy-render.ts): { "StringEquals": {...} }, { "AWS": ROLE }.
    const user = base({
      Sid: "Mine",
      Principal: { AWS: ROLE, Service: undefined },
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com", "kms:CallerAccount": undefined } },
    });
    assert.deepEqual(JSON.parse(JSON.stringify(user)), { ...base(), Sid: "Mine" });
    assert.deepEqual(skippedAs([user], base()), ["Mine"]);
    const operator = base({
      Sid: "Mine",
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" }, ArnLike: undefined },
    });
    assert.deepEqual(skippedAs([operator], base()), ["Mine"]);
    // Not the same as a member that is there with null, which AWS receives.
    const nullMember = base({
      Sid: "Mine",
      Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com", k: null } },
    });
    assert.deepEqual(skippedAs([nullMember], base()), []);
    // In a list, undefined is rendered null.
    const listed = base({ Sid: "Mine", Condition: { Bool: { k: [true, undefined] } } });
    assert.deepEqual(skippedAs([listed], base({ Condition: { Bool: { k: [true, null] } } })), ["Mine"]);
  });

  it("numbers side by side in a list stay apart: [1, 2] is not [12]", () => {
    const twelve = base({ Sid: "Mine", Condition: { NumericEquals: { k: [12] } } });
    assert.deepEqual(skippedAs([twelve], base({ Condition: { NumericEquals: { k: [1, 2] } } })), []);
    assert.deepEqual(skippedAs([twelve], base({ Condition: { NumericEquals: { k: [12] } } })), ["Mine"]);
  });

  it("NotAction compares in any case, as Action does", () => {
    const user = base({ Sid: "Mine", Action: undefined, NotAction: ["KMS:DECRYPT"] });
    assert.deepEqual(skippedAs([user], base({ Action: undefined, NotAction: "kms:Decrypt" })), ["Mine"]);
  });

  it("merging principals keeps a type only the first statement names, and adds one only the second names", () => {
    const a = base({ Principal: { AWS: ROLE, Service: "s3.amazonaws.com" } });
    const b = base({ Principal: { AWS: OTHER } });
    assert.deepEqual(compose([], a, b).policy.Statement, [
      base({ Principal: { AWS: [ROLE, OTHER], Service: "s3.amazonaws.com" } }),
    ]);
    assert.deepEqual(compose([], b, a).policy.Statement, [
      base({ Principal: { AWS: [OTHER, ROLE], Service: "s3.amazonaws.com" } }),
    ]);
  });

  it("a user Sid that is not a string names nothing: skipped with no sameAs, and takes no Sid", () => {
    const numbered = { ...base(), Sid: 5 };
    assert.deepEqual(skippedAs([numbered], base()), [undefined]);
    const { policy, report } = compose([{ ...base({ Action: "kms:Encrypt" }), Sid: 5 }], base({ Sid: "5" }));
    assert.deepEqual(
      policy.Statement.map((s) => (s as Loose).Sid),
      [5, "5"],
    );
    assert.deepEqual(report.renamed, []);
  });

  it("a generated statement without a Sid beside a user statement without one: kept, not renamed", () => {
    const user = base({ Action: "kms:Encrypt" });
    delete user.Sid;
    const generated = base();
    delete generated.Sid;
    const { policy, report } = compose([user], generated);
    assert.deepEqual(JSON.parse(JSON.stringify(policy.Statement)), [user, generated]);
    assert.deepEqual(report, { renamed: [], merged: [], skipped: [] });
  });

  it("two equal user statements: a generated copy is skipped as the first", () => {
    assert.deepEqual(skippedAs([base({ Sid: "First" }), base({ Sid: "Second" })], base()), ["First"]);
  });

  it("a same-Sid merge joins the statement with that Sid, not another mergeable one", () => {
    // Differ only in actions, different Sids: both kept as they are.
    const { policy, report } = compose([], base({ Sid: "A" }), base({ Sid: "B", Action: "kms:Encrypt" }));
    assert.deepEqual(
      policy.Statement.map((s) => (s as Loose).Sid),
      ["A", "B"],
    );
    assert.deepEqual(report, { renamed: [], merged: [], skipped: [] });
    // The user's Sid "Use": the generated "Use" is renamed, never merged into a generated statement.
    const user = [{ Sid: "Use", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }];
    const later = compose(
      user,
      base({ Sid: "A" }),
      base({ Sid: "B", Action: "kms:Encrypt" }),
      base({ Action: "kms:ReEncrypt*" }),
    );
    assert.deepEqual(
      later.policy.Statement.map((s) => (s as Loose).Sid),
      ["Use", "A", "B", "Use 2"],
    );
    assert.deepEqual(later.report.merged, []);
  });
});
