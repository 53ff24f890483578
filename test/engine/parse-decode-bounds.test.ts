/**
 * decode.ts at the edges its earlier tests left: the cap on unknown paths when the sentinel is a
 * member name, the byte bound of decoded values (numbers, booleans and null counted at their longest,
 * a toJSON that is not enumerable), and the walk of values JSON.stringify refuses (bigint digits,
 * null members, a sentinel at the root).
 */
import { strict as assert } from "node:assert";
import { MAX_KEY_POLICY_BYTES, PULUMI_UNKNOWN_SENTINEL, parsePolicy } from "pulumi-kms-guardrails/engine";
import { forTesting } from "../../components/src/engine/parse/decode";

const { walkValue } = forTesting;
const UNKNOWN = PULUMI_UNKNOWN_SENTINEL;
const policyWith = (patch: Record<string, unknown>): Record<string, unknown> => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Root",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
      ...patch,
    },
  ],
});
const tooLarge = (bytes: number): { path: string; code: string; message: string } => ({
  path: "$",
  code: "policy-too-large",
  message:
    `The key policy is ${bytes} bytes; AWS KMS accepts at most ${MAX_KEY_POLICY_BYTES}. ` +
    "Merge statements that share a principal, or move permissions to IAM policies or grants.",
});
/** `depth` arrays around `leaf`. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("decoding key policies: bounds", () => {
  it("lists at most 1 000 member names not known yet, for text and for a value too deep to serialize", () => {
    const members = Array.from({ length: 1_005 }, () => ({ [UNKNOWN]: 1 }));
    const value = policyWith({ Condition: { StringEquals: { "aws:x": members } } });
    const deepValue = policyWith({ Condition: { StringEquals: { "aws:x": members, "aws:y": nested(100_000, 1) } } });
    for (const input of [JSON.stringify(value), deepValue]) {
      const paths = parsePolicy(input).unknownPaths;
      assert.equal(paths.length, 1_000);
      assert.equal(paths[999], `$.Statement[0].Condition.StringEquals["aws:x"][999]["${UNKNOWN}"]`);
    }
  });

  describe("decoded values over the limit are measured, whatever their scalars", () => {
    // Each list is over 32 768 bytes only if its scalars are counted at their full length.
    const lists: [string, unknown[]][] = [
      ["long numbers", Array.from({ length: 1_400 }, () => -1.7976931348623157e308)],
      ["false", Array.from({ length: 5_500 }, () => false)],
      ["null", Array.from({ length: 7_000 }, () => null)],
    ];
    for (const [name, list] of lists) {
      it(name, () => {
        const value = policyWith({ Condition: { StringEquals: { "aws:x": list } } });
        const bytes = Buffer.byteLength(JSON.stringify(value));
        assert.ok(bytes > MAX_KEY_POLICY_BYTES);
        assert.deepEqual(parsePolicy(value).errors[0], tooLarge(bytes));
      });
    }
  });

  it("serializes a value with a toJSON that is not enumerable, and finds the sentinel it writes", () => {
    const principal = Object.defineProperty({ AWS: "arn:aws:iam::111122223333:root" }, "toJSON", {
      value: () => ({ AWS: UNKNOWN }),
      enumerable: false,
    });
    const result = parsePolicy(policyWith({ Principal: principal }));
    assert.deepEqual(result.unknownPaths, ["$.Statement[0].Principal.AWS"]);
  });

  describe("the walk of values JSON.stringify refuses", () => {
    it("counts a bigint's digits and null members, and lists a sentinel at the root", () => {
      assert.deepEqual(walkValue(UNKNOWN, UNKNOWN, 10), {
        sentinelPaths: ["$"],
        jsonBytes: UNKNOWN.length + 2,
      });
      const circular: Record<string, unknown> = { n: null, big: 12345678901234567890n, t: true, f: false };
      circular.self = circular;
      // {"n":null,"big":<20 digits>,"t":true,"f":false} with "self" walked once, as {}.
      const expected =
        Buffer.byteLength(JSON.stringify({ n: null, big: 0, t: true, f: false })) - 1 + 20 + ',"self":'.length;
      assert.deepEqual(walkValue(circular, UNKNOWN, 10), { sentinelPaths: [], jsonBytes: expected });
      assert.deepEqual(walkValue([null, 10n, undefined], UNKNOWN, 10), {
        sentinelPaths: [],
        jsonBytes: "[null,10,null]".length,
      });
    });
  });
});
