/**
 * Whole decisions (evaluate/index.ts) where the scenario table only reads the first deciding
 * statement: the list of deciding statements (each once), and the decision for inputs that are not
 * a policy or a request, or that make the evaluation fail (callers in plain JavaScript): never a
 * throw, always `undecidable` with the reason.
 */
import { strict as assert } from "node:assert";
import {
  evaluate,
  parsePolicy,
  PULUMI_UNKNOWN_SENTINEL as U,
  UNKNOWN,
  type KeyPolicy,
  type Request,
} from "pulumi-kms-guardrails/engine";

const A = "111111111111";
const KEY = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/Alice`;
const DECRYPT: Request = { principal: { kind: "aws", arn: ALICE }, action: "kms:Decrypt", resource: KEY };
const TEAM_UNKNOWN: Request = { ...DECRYPT, context: { "aws:PrincipalTag/team": UNKNOWN } };

function parsed(...statements: unknown[]): KeyPolicy {
  const { policy } = parsePolicy({ Version: "2012-10-17", Statement: statements });
  assert.ok(policy !== undefined);
  return policy;
}
const allow = (sid: string, extra: Record<string, unknown> = {}) => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { AWS: ALICE },
  Action: "kms:Decrypt",
  Resource: "*",
  ...extra,
});
const onlyOps = { Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } };
const deciding = (policy: KeyPolicy, request: Request = DECRYPT) =>
  evaluate(policy, request).deciding.map((t) => t.sid ?? `#${t.index}`);

describe("evaluate: whole decisions", () => {
  it("lists each deciding statement once, a statement that may be an Allow or a Deny included", () => {
    assert.deepEqual(deciding(parsed(allow("Bob", { Principal: { AWS: `arn:aws:iam::${A}:user/Bob` } }), U)), ["#1"]);
    assert.deepEqual(deciding(parsed({ Sid: "P", Effect: U, Principal: "*", Action: "kms:Decrypt", Resource: "*" })), [
      "P",
    ]);
  });

  it("a Deny that may apply comes first, then the Allows that may apply; an Allow that applies is not listed", () => {
    const maybeDeny = {
      ...allow("MaybeDeny"),
      Effect: "Deny",
      Condition: { StringNotEquals: { "aws:PrincipalTag/team": "ops" } },
    };
    assert.deepEqual(deciding(parsed(allow("MaybeAlice", onlyOps), maybeDeny), TEAM_UNKNOWN), [
      "MaybeDeny",
      "MaybeAlice",
    ]);
    assert.deepEqual(deciding(parsed(allow("Alice"), maybeDeny), TEAM_UNKNOWN), ["MaybeDeny"]);
    assert.deepEqual(deciding(parsed(allow("Alice"), allow("MaybeAlice", onlyOps)), TEAM_UNKNOWN), ["Alice"]);
  });

  it("a policy problem and an implicit deny are decided by no statement", () => {
    const problem = { ...parsed(allow("Alice")), statements: undefined } as unknown as KeyPolicy;
    const d = evaluate(problem, DECRYPT);
    assert.equal(d.verdict, "undecidable");
    assert.deepEqual(d.deciding, []);
    assert.equal(d.reason, "The policy cannot be evaluated: the policy has no statement list.");
    assert.deepEqual(evaluate(parsed(allow("MaybeAlice", onlyOps)), DECRYPT).deciding, []);
  });

  it("a policy built in code without its document is decided on its statements", () => {
    const policy = { ...parsed(allow("Alice")), raw: undefined } as unknown as KeyPolicy;
    assert.equal(evaluate(policy, DECRYPT).verdict, "allowed");
  });

  it("parts of the document the parser could not represent are clauses of the operator (or Condition) on every key", () => {
    const conditions = (condition: unknown) =>
      evaluate(parsed(allow("Alice", { Condition: condition })), DECRYPT).trace[0].conditions;
    const unknownClause = (operator: string, explanation: string) => ({
      operator,
      key: "*",
      values: [],
      result: "unknown",
      explanation,
    });
    assert.deepEqual(conditions(U), [unknownClause("Condition", "the Condition is not known yet")]);
    assert.deepEqual(conditions({ StringEquals: "aws:PrincipalAccount" }), [
      unknownClause("StringEquals", "StringEquals does not map condition keys to values"),
    ]);
  });

  it("clauses built in code beside the document's Condition: without an operator or values, still judged", () => {
    const policy = parsed(allow("Alice", { Condition: { StringEquals: { "aws:PrincipalAccount": A } } }));
    const [statement] = policy.statements;
    const [clause] = statement.conditions;
    for (const change of [{ operator: undefined }, { values: undefined }]) {
      const built = {
        ...policy,
        statements: [{ ...statement, conditions: [{ ...clause, ...change }] }],
      } as unknown as KeyPolicy;
      const d = evaluate(built, DECRYPT);
      assert.equal(d.verdict, "undecidable", JSON.stringify(change));
      assert.doesNotMatch(d.reason, /Internal error/);
    }
  });

  it("inputs that are not a policy or a request are undecidable, and say why", () => {
    const policy = parsed(allow("Alice"));
    const cannot = (reason: string) => ({ verdict: "undecidable", deciding: [], trace: [], reason });
    assert.deepEqual(
      evaluate(undefined as unknown as KeyPolicy, DECRYPT),
      cannot("Cannot evaluate: there is no parsed key policy."),
    );
    assert.deepEqual(
      evaluate(null as unknown as KeyPolicy, DECRYPT),
      cannot("Cannot evaluate: there is no parsed key policy."),
    );
    for (const request of [undefined, null, { action: "kms:Decrypt" }, { principal: null, action: "kms:Decrypt" }]) {
      assert.deepEqual(
        evaluate(policy, request as unknown as Request),
        cannot("Cannot evaluate: the request names no principal."),
        JSON.stringify(request),
      );
    }
    assert.deepEqual(
      evaluate(policy, { ...DECRYPT, principal: { kind: "robot" } } as unknown as Request),
      cannot("Cannot evaluate: the principal kind robot is unknown."),
    );
  });

  it("an evaluation that fails is undecidable with the error, never a throw", () => {
    const failing = (thrown: unknown) =>
      ({
        ...DECRYPT,
        action: {
          toString: () => {
            throw thrown;
          },
        },
      }) as unknown as Request;
    const failed = (message: string) => ({
      verdict: "undecidable",
      deciding: [],
      trace: [],
      reason: `Internal error while evaluating the policy: ${message}.`,
    });
    const policy = parsed(allow("Alice"));
    assert.deepEqual(evaluate(policy, failing(new Error("no action"))), failed("no action"));
    assert.deepEqual(evaluate(policy, failing("not an Error")), failed("not an Error"));
  });
});
