/**
 * Compiling a key policy for evaluation (evaluate/compiled-policy.ts): a policy built in code, or a
 * statement the parser could not represent, must still be judged by what is known of it. Statements
 * keep their place and label; what AWS would reject is named in the explanation; a statement without
 * a readable Effect is still seen not to apply when its Action or Resource rules the request out.
 */
import { strict as assert } from "node:assert";
import { evaluate, parsePolicy, type KeyPolicy, type Request, type Statement } from "pulumi-kms-guardrails/engine";

const ACCOUNT = "111111111111";
const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const DECRYPT: Request = { principal: { kind: "aws", arn: ALICE }, action: "kms:Decrypt", resource: KEY };
const ALICE_DECRYPT = {
  Sid: "Alice",
  Effect: "Allow",
  Principal: { AWS: ALICE },
  Action: "kms:Decrypt",
  Resource: "*",
};

function parsed(...statements: unknown[]): KeyPolicy {
  const { policy } = parsePolicy({ Version: "2012-10-17", Statement: statements });
  assert.ok(policy !== undefined);
  return policy;
}

/** Alice's Decrypt statement, changed in code the way the parser never would. */
function built(change: Record<string, unknown>): KeyPolicy {
  const policy = parsed(ALICE_DECRYPT);
  return { ...policy, statements: [{ ...policy.statements[0], ...change } as Statement] };
}

const explanations = (policy: KeyPolicy, request: Request = DECRYPT) =>
  evaluate(policy, request).trace.map((t) => t.explanation);

describe("compiled policies", () => {
  it("a statement index that is not a number is replaced by the statement's position", () => {
    const { trace } = evaluate(built({ index: "first", sid: undefined }), DECRYPT);
    assert.equal(trace[0].index, 0);
    assert.match(trace[0].explanation, /^statement #0 applies: /);
  });

  it("a Sid that is not a string is no Sid", () => {
    const { trace, deciding } = evaluate(built({ sid: 7 }), DECRYPT);
    assert.equal("sid" in trace[0], false);
    assert.equal(deciding[0]?.sid, undefined);
    assert.match(trace[0].explanation, /^statement #0 applies: /);
  });

  it("an Effect neither Allow nor Deny is named as written", () => {
    assert.deepEqual(explanations(built({ effect: "Perhaps" })), [
      '"Alice" may apply: its Effect "Perhaps" is neither Allow nor Deny.',
    ]);
  });

  it("a statement without Principal or NotPrincipal says a key policy requires one", () => {
    assert.deepEqual(explanations(built({ principal: undefined })), [
      '"Alice" may apply: it has no Principal, which a key policy requires.',
    ]);
  });

  it("a Condition that is not a list of clauses is not valid", () => {
    const policy = built({ conditions: { StringEquals: {} } });
    assert.equal(evaluate(policy, DECRYPT).verdict, "undecidable");
    assert.deepEqual(explanations(policy), ['"Alice" may apply: its Condition is not valid.']);
    assert.deepEqual(evaluate(policy, DECRYPT).trace[0].conditions, []);
  });

  it("a statement built in code without conditions has none", () => {
    const policy = built({ conditions: undefined });
    assert.equal(evaluate(policy, DECRYPT).verdict, "allowed");
    assert.deepEqual(explanations(policy), [
      `"Alice" applies: the principal names ${ALICE}, it covers kms:Decrypt on ${KEY}.`,
    ]);
  });

  it("a statement with both Resource and NotResource may apply", () => {
    const policy = parsed({ ...ALICE_DECRYPT, NotResource: OTHER_KEY });
    assert.equal(evaluate(policy, DECRYPT).verdict, "undecidable");
    assert.deepEqual(explanations(policy), ['"Alice" may apply: it has both Resource and NotResource.']);
  });

  it("a policy without a statement list cannot be evaluated", () => {
    const policy = { ...parsed(ALICE_DECRYPT), statements: undefined } as unknown as KeyPolicy;
    const decision = evaluate(policy, DECRYPT);
    assert.equal(decision.verdict, "undecidable");
    assert.equal(decision.reason, "The policy cannot be evaluated: the policy has no statement list.");
  });

  it("entries of the statement list that are not objects are skipped", () => {
    const policy = parsed(ALICE_DECRYPT);
    const withNulls = { ...policy, statements: [null, policy.statements[0], "x"] } as unknown as KeyPolicy;
    const decision = evaluate(withNulls, DECRYPT);
    assert.equal(decision.verdict, "allowed");
    assert.equal(decision.trace.length, 1);
  });

  it("statements the parser left out keep their place among the others", () => {
    const policy = parsed(
      { Sid: "Unreadable", Effect: "Perhaps", Principal: "*", Action: "kms:Encrypt", Resource: "*" },
      ALICE_DECRYPT,
      { Sid: "AlsoUnreadable", Principal: "*", Action: "kms:Encrypt", Resource: "*" },
    );
    const decision = evaluate(policy, DECRYPT);
    assert.deepEqual(
      decision.trace.map((t) => [t.index, t.sid]),
      [
        [0, "Unreadable"],
        [1, "Alice"],
        [2, "AlsoUnreadable"],
      ],
    );
    assert.equal(decision.verdict, "allowed");
  });

  describe("a statement without a readable Effect", () => {
    const unreadable = (parts: Record<string, unknown>) =>
      parsed(ALICE_DECRYPT, { Sid: "Unreadable", Effect: "Perhaps", Principal: "*", ...parts });
    const verdictOf = (parts: Record<string, unknown>) => evaluate(unreadable(parts), DECRYPT).verdict;

    it("does not apply when its Action, as a string or a list, names other actions", () => {
      assert.equal(verdictOf({ Action: "kms:Encrypt", Resource: "*" }), "allowed");
      assert.equal(verdictOf({ Action: ["kms:Encrypt", "kms:ReEncrypt*"], Resource: "*" }), "allowed");
      assert.equal(verdictOf({ Action: ["kms:Encrypt", "kms:Decrypt"], Resource: "*" }), "undecidable");
    });

    it("does not apply when its NotAction excludes the action", () => {
      assert.equal(verdictOf({ NotAction: "kms:Decrypt", Resource: "*" }), "allowed");
      assert.equal(verdictOf({ NotAction: ["kms:Encrypt"], Resource: "*" }), "undecidable");
    });

    it("does not apply when its Resource or NotResource rules the key out", () => {
      assert.equal(verdictOf({ Action: "kms:*", Resource: OTHER_KEY }), "allowed");
      assert.equal(verdictOf({ Action: "kms:*", Resource: [KEY] }), "undecidable");
      assert.equal(verdictOf({ Action: "kms:*", NotResource: KEY }), "allowed");
      assert.equal(verdictOf({ Action: "kms:*", NotResource: [OTHER_KEY] }), "undecidable");
    });

    it("may apply when its Action is not a string or a list of strings", () => {
      assert.equal(verdictOf({ Action: 7, Resource: "*" }), "undecidable");
      assert.equal(verdictOf({ Action: ["kms:Encrypt", 7], Resource: "*" }), "undecidable");
    });

    it("names its Sid only when it is a string, and says why its conditions are unknown", () => {
      const decision = evaluate(unreadable({ Action: "kms:Decrypt", Resource: "*" }), DECRYPT);
      const trace = decision.trace[1];
      assert.equal(trace.sid, "Unreadable");
      assert.equal(trace.applies, "unknown");
      assert.equal(trace.explanation, '"Unreadable" may apply: its Effect "Perhaps" is neither Allow nor Deny.');
      assert.deepEqual(
        trace.conditions.map((c) => [c.operator, c.key]),
        [["Condition", "*"]],
      );
      assert.deepEqual(
        trace.conditions.map((c) => c.explanation),
        ['its Effect "Perhaps" is neither Allow nor Deny, so its conditions are unknown'],
      );
      const numbered = parsed(ALICE_DECRYPT, {
        Sid: 5,
        Effect: "Perhaps",
        Principal: "*",
        Action: "kms:Decrypt",
        Resource: "*",
      });
      assert.equal("sid" in evaluate(numbered, DECRYPT).trace[1], false);
    });
  });
});
