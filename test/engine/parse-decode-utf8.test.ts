/**
 * The UTF-8 size of policy text written with raw (unescaped) UTF-16 units at the edges of each
 * encoding length: the last 1- and 2-byte units, surrogate pairs at both ends of their ranges, and
 * lone surrogates beside units that are not their pair. JSON.stringify escapes lone surrogates, so
 * these texts are spliced by hand; JSON.parse accepts them. AWS counts a lone surrogate as the
 * 3 bytes of U+FFFD, as Buffer.byteLength does.
 */
import { strict as assert } from "node:assert";
import { MAX_KEY_POLICY_BYTES, parsePolicy } from "pulumi-kms-guardrails/engine";

const HOLE = "SID-GOES-HERE";
const TEMPLATE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: HOLE,
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    },
  ],
});
const tooLarge = (bytes: number): string =>
  `The key policy is ${bytes} bytes; AWS KMS accepts at most ${MAX_KEY_POLICY_BYTES}. ` +
  "Merge statements that share a principal, or move permissions to IAM policies or grants.";

describe("decoding key policies: UTF-8 sizes of raw UTF-16 units", () => {
  const units: [string, string][] = [
    ["U+0080, the first 2-byte unit", "\u0080"],
    ["U+07FF, the last 2-byte unit", "\u07ff"],
    ["U+0800, the first 3-byte unit", "\u0800"],
    ["U+10000, the first surrogate pair", "\ud800\udc00"],
    ["U+10FFFF, the last surrogate pair", "\udbff\udfff"],
    ["a high surrogate before a 2-byte unit", "\ud800\u00e9"],
    ["a high surrogate before U+E000", "\ud800\ue000"],
    ["a high surrogate before U+DBFF", "\ud800\udbff"],
    ["a 3-byte unit before a low surrogate", "\u20ac\udc00"],
    ["U+D7FF before a low surrogate", "\ud7ff\udc00"],
    ["two low surrogates", "\udc00\udc00"],
    ["U+E000 before a low surrogate", "\ue000\udc00"],
  ];
  for (const [name, unit] of units) {
    it(`counts ${name} as AWS does`, () => {
      let sid = "";
      while (Buffer.byteLength(sid) <= MAX_KEY_POLICY_BYTES) sid += unit + "a";
      const text = TEMPLATE.replace(HOLE, sid);
      assert.equal(JSON.parse(text).Statement[0].Sid, sid);
      const result = parsePolicy(text);
      assert.deepEqual(result.errors, [
        { path: "$", code: "policy-too-large", message: tooLarge(Buffer.byteLength(text)) },
      ]);
    });
  }
});
