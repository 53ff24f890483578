/**
 * `evaluate` on key policies built in code rather than parsed: the `KeyPolicy` type is public, so a
 * caller can hand the evaluator a clause the parser would never produce (no operator, an operator
 * the evaluator does not know, a key not known yet, no values, no lower-cased key). Each must end
 * in a verdict that says what is wrong, never in a crash or a guess.
 */
import { strict as assert } from "node:assert";
import {
  evaluate,
  parsePolicy,
  PULUMI_UNKNOWN_SENTINEL,
  type ConditionClause,
  type KeyPolicy,
  type ParsedOperator,
  type Request,
  type Statement,
} from "pulumi-kms-guardrails/engine";

const ACCOUNT = "555555555555";
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const USER = `arn:aws:iam::${ACCOUNT}:user/carol`;
const REQUEST: Request = {
  principal: { kind: "aws", arn: USER },
  action: "kms:Decrypt",
  resource: KEY,
  context: { "aws:SourceAccount": ACCOUNT },
};

const STRING_EQUALS: ParsedOperator = {
  raw: "StringEquals",
  base: "StringEquals",
  family: "String",
  ifExists: false,
  negated: false,
  wildcard: false,
  ignoreCase: false,
};

/** Carol's Decrypt, allowed under one clause built in code. */
function withClause(clause: Partial<ConditionClause>): KeyPolicy {
  const { policy } = parsePolicy({
    Version: "2012-10-17",
    Statement: [{ Sid: "Built", Effect: "Allow", Principal: { AWS: USER }, Action: "kms:Decrypt", Resource: "*" }],
  });
  assert.ok(policy !== undefined);
  const full = {
    operator: STRING_EQUALS,
    key: "aws:SourceAccount",
    keyLower: "aws:sourceaccount",
    values: [ACCOUNT],
    path: "$.Statement[0].Condition",
    ...clause,
  } as ConditionClause;
  return { ...policy, statements: [{ ...policy.statements[0], conditions: [full] }] };
}

function conditionOf(policy: KeyPolicy, request: Request = REQUEST) {
  const decision = evaluate(policy, request);
  const [trace] = decision.trace;
  assert.equal(trace.conditions.length, 1);
  return { verdict: decision.verdict, condition: trace.conditions[0], explanation: trace.explanation };
}

describe("evaluate: clauses built in code", () => {
  it("the clause as the parser builds it decides (the baseline for the rows below)", () => {
    const { verdict, condition } = conditionOf(withClause({}));
    assert.equal(verdict, "allowed");
    assert.equal(condition.explanation, `aws:SourceAccount = ${ACCOUNT} matches ${ACCOUNT}`);
  });

  it("no operator: unknown, named '?'", () => {
    const { verdict, condition, explanation } = conditionOf(
      withClause({ operator: undefined as unknown as ParsedOperator }),
    );
    assert.equal(verdict, "undecidable");
    assert.deepEqual(condition, {
      operator: "?",
      key: "aws:SourceAccount",
      values: [ACCOUNT],
      result: "unknown",
      explanation: "? is not a condition operator the evaluator knows",
    });
    assert.equal(explanation, `"Built" may apply: ? is not a condition operator the evaluator knows.`);
  });

  it("an operator the evaluator does not know: unknown, named as written", () => {
    const { verdict, condition } = conditionOf(
      withClause({ operator: { ...STRING_EQUALS, raw: "StringSoundsLike", base: "StringSoundsLike" } }),
    );
    assert.equal(verdict, "undecidable");
    assert.equal(condition.result, "unknown");
    assert.equal(condition.explanation, "StringSoundsLike is not a condition operator the evaluator knows");
  });

  it("a key not known yet: unknown, whatever the request holds", () => {
    const key = `aws:${PULUMI_UNKNOWN_SENTINEL}`;
    const { verdict, condition } = conditionOf(withClause({ key, keyLower: key.toLowerCase() }));
    assert.equal(verdict, "undecidable");
    assert.equal(condition.explanation, "the condition key is not known yet");
  });

  it("no values: unknown, as AWS rejects the clause", () => {
    const { verdict, condition } = conditionOf(withClause({ values: [] }));
    assert.equal(verdict, "undecidable");
    assert.equal(condition.explanation, "StringEquals on aws:SourceAccount has no values, which AWS rejects");
  });

  it("values that are not a list count as none", () => {
    const { verdict, condition } = conditionOf(withClause({ values: undefined as unknown as string[] }));
    assert.equal(verdict, "undecidable");
    assert.equal(condition.explanation, "StringEquals on aws:SourceAccount has no values, which AWS rejects");
  });

  it("no lower-cased key: the key as written is compared case-insensitively", () => {
    const { verdict, condition } = conditionOf(
      withClause({ key: "AWS:SourceAccount", keyLower: undefined as unknown as string }),
    );
    assert.equal(verdict, "allowed");
    assert.equal(condition.explanation, `AWS:SourceAccount = ${ACCOUNT} matches ${ACCOUNT}`);
  });
});

describe("evaluate: condition traces as users receive them", () => {
  it("a clause the parser could not represent is traced with no values", () => {
    const { policy } = parsePolicy({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Odd",
          Effect: "Allow",
          Principal: { AWS: USER },
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { [PULUMI_UNKNOWN_SENTINEL]: { "aws:SourceAccount": ACCOUNT } },
        },
      ],
    });
    assert.ok(policy !== undefined);
    const decision = evaluate(policy, REQUEST);
    assert.equal(decision.verdict, "undecidable");
    assert.deepEqual(decision.trace[0].conditions, [
      {
        operator: PULUMI_UNKNOWN_SENTINEL,
        key: "*",
        values: [],
        result: "unknown",
        explanation: "the operator is not known yet",
      },
    ]);
  });
});

describe("evaluate: principals built in code", () => {
  /** Carol's Decrypt with the Principal block replaced. */
  function withPrincipal(principal: Record<string, unknown>): KeyPolicy {
    const { policy } = parsePolicy({
      Version: "2012-10-17",
      Statement: [{ Sid: "Built", Effect: "Allow", Principal: { AWS: USER }, Action: "kms:Decrypt", Resource: "*" }],
    });
    assert.ok(policy !== undefined);
    const block = { ...policy.statements[0].principal, ...principal } as Statement["principal"];
    return { ...policy, statements: [{ ...policy.statements[0], principal: block }] };
  }

  it('"*" among the AWS entries is everyone, as the parser would have said', () => {
    const policy = withPrincipal({ any: false, aws: ["*"] });
    const eve = `arn:aws:iam::${ACCOUNT}:user/eve`;
    const decision = evaluate(policy, { ...REQUEST, principal: { kind: "aws", arn: eve } });
    assert.equal(decision.verdict, "allowed");
    assert.equal(
      decision.trace[0].explanation,
      `"Built" applies: the principal names ${eve}, it covers kms:Decrypt on ${KEY}.`,
    );
  });

  it("no AWS entries and no services name nobody", () => {
    const policy = withPrincipal({ any: false, aws: undefined, service: undefined });
    const decision = evaluate(policy, REQUEST);
    assert.equal(decision.verdict, "denied-implicit");
    assert.equal(decision.trace[0].explanation, `"Built" does not apply: the principal does not name ${USER}.`);
  });
});
