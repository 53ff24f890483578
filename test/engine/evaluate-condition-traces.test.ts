/**
 * Condition traces compared whole: a key absent from the request has no `requestValue` member at
 * all (not one set to undefined), and a role session's aws:PrincipalArn compared with values that
 * depend on the role's path is `unknown` as a request value too.
 */
import { strict as assert } from "node:assert";
import { evaluate, parsePolicy, type KeyPolicy, type Request } from "pulumi-kms-guardrails/engine";

const ACCOUNT = "111111111111";
const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const BASE = {
  Sid: "S",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
  Action: "kms:Decrypt",
  Resource: "*",
};

function parsed(condition: unknown): KeyPolicy {
  const { policy } = parsePolicy({ Version: "2012-10-17", Statement: [{ ...BASE, Condition: condition }] });
  assert.ok(policy !== undefined);
  return policy;
}

function conditionsOf(condition: unknown, request: Request) {
  const { trace } = evaluate(parsed(condition), request);
  return trace[0].conditions;
}

describe("condition traces, whole", () => {
  it("a key absent from the request: no requestValue member", () => {
    const request: Request = {
      principal: { kind: "aws", arn: `arn:aws:iam::${ACCOUNT}:user/A` },
      action: "kms:Decrypt",
      resource: KEY,
    };
    const [c] = conditionsOf({ StringEquals: { "aws:SourceVpc": "vpc-1" } }, request);
    assert.deepStrictEqual(
      { ...c, explanation: undefined },
      {
        operator: "StringEquals",
        key: "aws:SourceVpc",
        values: ["vpc-1"],
        result: false,
        explanation: undefined,
      },
    );
    assert.equal(Object.hasOwn(c, "requestValue"), false);
  });

  it("a session's aws:PrincipalArn against a value that depends on the role's path: requestValue unknown", () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/s`;
    const request: Request = { principal: { kind: "aws", arn: session }, action: "kms:Decrypt", resource: KEY };
    const [c] = conditionsOf({ ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ops/Admin` } }, request);
    assert.equal(c.result, "unknown");
    assert.equal(c.requestValue, "unknown");
  });
});
