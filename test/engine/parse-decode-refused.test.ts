/**
 * The size bound for values JSON.stringify refuses (here circular): the walk measures them, and a
 * policy of exactly MAX_KEY_POLICY_BYTES is accepted while one byte more is not, as for text.
 */
import { strict as assert } from "node:assert";
import { MAX_KEY_POLICY_BYTES, parsePolicy } from "pulumi-kms-guardrails/engine";
import { forTesting } from "../../components/src/engine/parse/decode";

function circularPolicy(length: number): Record<string, unknown> {
  const circular: Record<string, unknown> = { a: "x".repeat(length) };
  circular.self = circular;
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Root",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
        Action: "kms:*",
        Resource: "*",
        Condition: { StringEquals: { "aws:x": circular } },
      },
    ],
  };
}

describe("decode: the byte bound of a value JSON.stringify refuses", () => {
  // Built inside each test: the walk's mutants must be covered by the tests, not at load.
  const lengthAtLimit = (): number => MAX_KEY_POLICY_BYTES - forTesting.walkValue(circularPolicy(0), "", 1).jsonBytes;

  it("accepts exactly the limit", () => {
    const atLimit = lengthAtLimit();
    assert.equal(forTesting.walkValue(circularPolicy(atLimit), "", 1).jsonBytes, MAX_KEY_POLICY_BYTES);
    assert.throws(() => JSON.stringify(circularPolicy(atLimit)), TypeError);
    assert.deepEqual(
      parsePolicy(circularPolicy(atLimit)).errors.map((e) => e.code),
      ["invalid-condition-value"],
    );
  });

  it("refuses one byte more, saying how many", () => {
    const atLimit = lengthAtLimit();
    assert.deepEqual(parsePolicy(circularPolicy(atLimit + 1)).errors[0], {
      path: "$",
      code: "policy-too-large",
      message:
        `The key policy is ${MAX_KEY_POLICY_BYTES + 1} bytes; AWS KMS accepts at most ${MAX_KEY_POLICY_BYTES}. ` +
        "Merge statements that share a principal, or move permissions to IAM policies or grants.",
    });
  });
});
