/**
 * The parser's first step (decode.ts): the size AWS counts, the paths of values not known yet, the
 * duplicate member names `JSON.parse` hides, and the walk that measures values `JSON.stringify`
 * refuses. Each answer is held to what AWS or `JSON.stringify` would say, for text and for values.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  MAX_KEY_POLICY_BYTES,
  PULUMI_UNKNOWN_SENTINEL,
  parsePolicy,
  type ParseResult,
} from "pulumi-kms-guardrails/engine";
import { forTesting } from "../../components/src/engine/parse/decode";

const { scanJson, walkValue, countMemberNames, countOwnKeys, mayHoldDuplicates, fitsWithout, compactLength } =
  forTesting;

const VERSION = "2012-10-17";
const UNKNOWN = PULUMI_UNKNOWN_SENTINEL;
const BASE = {
  Sid: "Root",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};
const PARAMS = { seed: 18, numRuns: Number(process.env.FUZZ_RUNS ?? 500) };

const policyWith = (patch: Record<string, unknown>): Record<string, unknown> => ({
  Version: VERSION,
  Statement: [{ ...BASE, ...patch }],
});

const codes = (result: ParseResult): string[] => result.errors.map((e) => `${e.path} ${e.code}`);

function tooLargeMessage(bytes: number): string {
  return (
    `The key policy is ${bytes} bytes; AWS KMS accepts at most ${MAX_KEY_POLICY_BYTES}. ` +
    "Merge statements that share a principal, or move permissions to IAM policies or grants."
  );
}

/** `depth` arrays around `leaf`: `[[[leaf]]]`. */
function nested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("decoding key policies", () => {
  describe("size: the UTF-8 bytes AWS counts", () => {
    // Each character class once: 1, 2, 3 and 4 bytes (a surrogate pair), and a lone surrogate
    // (3 bytes: it is sent as U+FFFD), before or not before another unit.
    const fillers = ["x", "é", "€", "😀", "\ud800x", "\udc00"];
    for (const filler of fillers) {
      it(`text padded with ${JSON.stringify(filler)}: the message names its exact size`, () => {
        let sid = "";
        while (Buffer.byteLength(sid) < 33_000) sid += filler;
        const text = JSON.stringify(policyWith({ Sid: sid }));
        const bytes = Buffer.byteLength(text);
        assert.ok(bytes > MAX_KEY_POLICY_BYTES);
        const result = parsePolicy(text);
        assert.deepEqual(result.errors, [{ path: "$", code: "policy-too-large", message: tooLargeMessage(bytes) }]);
      });
    }

    it("text that is not JSON is measured first, a high surrogate at its very end included", () => {
      const text = "[" + "€".repeat(10_922) + "\ud800";
      const result = parsePolicy(text);
      assert.deepEqual(codes(result), ["$ policy-too-large", "$ invalid-json"]);
      assert.equal(result.errors[0].message, tooLargeMessage(1 + 3 * 10_922 + 3));
    });

    it("exactly 32 768 bytes passes, one more does not: text, value, and a value JSON.stringify refuses", () => {
      const base = JSON.stringify(policyWith({ Sid: "" }));
      const fits = policyWith({ Sid: "x".repeat(MAX_KEY_POLICY_BYTES - base.length) });
      const over = policyWith({ Sid: "x".repeat(MAX_KEY_POLICY_BYTES - base.length + 1) });
      assert.equal(Buffer.byteLength(JSON.stringify(fits)), MAX_KEY_POLICY_BYTES);
      assert.deepEqual(codes(parsePolicy(JSON.stringify(fits))), []);
      assert.deepEqual(codes(parsePolicy(fits)), []);
      for (const input of [JSON.stringify(over), over]) {
        assert.deepEqual(parsePolicy(input).errors, [
          { path: "$", code: "policy-too-large", message: tooLargeMessage(MAX_KEY_POLICY_BYTES + 1) },
        ]);
      }
    });

    it("a value with multi-byte strings is measured as the JSON text it stands for", () => {
      for (const filler of ["é", "€", "😀", "\u0001", '"', "\\"]) {
        const value = policyWith({ Sid: filler.repeat(17_000) });
        const bytes = Buffer.byteLength(JSON.stringify(value));
        assert.deepEqual(parsePolicy(value).errors, [
          { path: "$", code: "policy-too-large", message: tooLargeMessage(bytes) },
        ]);
      }
    });

    it("a value nested too deep for JSON.stringify is measured by the walk, to the byte", () => {
      const leaf = "€".repeat(11_000);
      const depth = 100_000;
      const value = policyWith({ Condition: nested(depth, leaf) });
      assert.throws(() => JSON.stringify(value), RangeError);
      const shallow = Buffer.byteLength(JSON.stringify(policyWith({ Condition: 0 })));
      const bytes = shallow - 1 + 2 * depth + Buffer.byteLength(JSON.stringify(leaf));
      const result = parsePolicy(value);
      assert.deepEqual(result.errors[0], { path: "$", code: "policy-too-large", message: tooLargeMessage(bytes) });
    });

    it("a small circular value, which JSON.stringify refuses, is not too large", () => {
      const circular: Record<string, unknown> = { a: "x".repeat(100) };
      circular.self = circular;
      const value = policyWith({ Condition: { StringEquals: { "aws:x": circular } } });
      assert.throws(() => JSON.stringify(value), TypeError);
      assert.deepEqual(codes(parsePolicy(value)), [
        '$.Statement[0].Condition.StringEquals["aws:x"] invalid-condition-value',
      ]);
    });
  });

  describe("the walk of values JSON.stringify refuses", () => {
    /** Trees (nothing shared) of JSON values, with members JSON.stringify drops or writes as null. */
    const dropped = fc.constantFrom(undefined, () => 1, Symbol("s"));
    const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof(
        { depthSize: "small" },
        fc.oneof(
          fc.string(),
          fc.constantFrom(UNKNOWN, "é€😀", "\ud800", 'a"b\\', "\u0001"),
          fc.integer(),
          fc.double(),
          fc.boolean(),
          fc.constant(null),
        ),
        fc.array(fc.oneof(tie("v"), dropped), { maxLength: 4 }),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 4 }), fc.constant(UNKNOWN)), fc.oneof(tie("v"), dropped), {
          maxKeys: 4,
        }),
      ),
    })).v;

    it("measures what JSON.stringify writes and finds the sentinels the scan of that text finds", () => {
      fc.assert(
        fc.property(valueArb, (value) => {
          const text = JSON.stringify(value);
          if (text === undefined) return;
          const walk = walkValue(value, UNKNOWN, 1_000);
          assert.equal(walk.jsonBytes, Buffer.byteLength(text), text);
          assert.deepEqual(walk.sentinelPaths, scanJson(text, UNKNOWN, 1_000).sentinelPaths, text);
        }),
        PARAMS,
      );
    });

    it("writes non-finite numbers as null, and a sentinel member name before what its value holds", () => {
      const value = { a: [Number.NaN, Infinity, undefined, () => 1], b: undefined, [UNKNOWN]: [UNKNOWN] };
      const text = JSON.stringify(value);
      assert.equal(text, `{"a":[null,null,null,null],"${UNKNOWN}":["${UNKNOWN}"]}`);
      assert.deepEqual(walkValue(value, UNKNOWN, 1_000), {
        jsonBytes: text.length,
        sentinelPaths: [`$["${UNKNOWN}"]`, `$["${UNKNOWN}"][0]`],
      });
    });

    it("walks a shared or circular value once, and reports at most the limit", () => {
      const shared = [UNKNOWN];
      const circular: Record<string, unknown> = { a: shared, b: shared };
      circular.self = circular;
      assert.deepEqual(walkValue(circular, UNKNOWN, 1_000).sentinelPaths, ["$.a[0]"]);
      const many = { [UNKNOWN]: Array.from({ length: 5 }, () => UNKNOWN) };
      assert.deepEqual(walkValue(many, UNKNOWN, 3).sentinelPaths, [
        `$["${UNKNOWN}"]`,
        `$["${UNKNOWN}"][0]`,
        `$["${UNKNOWN}"][1]`,
      ]);
      assert.deepEqual(walkValue({ [UNKNOWN]: 1, b: [UNKNOWN] }, UNKNOWN, 1).sentinelPaths, [`$["${UNKNOWN}"]`]);
    });
  });

  describe("values not known yet: their paths", () => {
    /** The path the parser reports for a sentinel 64 or more levels down: the first 64 levels, then "…". */
    const CUT = '$.Statement[0].Condition.StringEquals["aws:x"]' + "[0]".repeat(59) + "…";

    it("past 64 levels a path is cut short the same way for text, a value, and a value too deep to serialize", () => {
      for (const depth of [70, 100_000]) {
        const value = policyWith({ Condition: { StringEquals: { "aws:x": nested(depth, UNKNOWN) } } });
        const inputs = depth === 70 ? [value, JSON.stringify(value), JSON.stringify(value, null, 1)] : [value];
        for (const input of inputs) assert.deepEqual(parsePolicy(input).unknownPaths, [CUT], `depth ${depth}`);
      }
    });

    it("just under the cut the path is whole", () => {
      const value = policyWith({ Condition: { StringEquals: { "aws:x": nested(58, UNKNOWN) } } });
      const whole = '$.Statement[0].Condition.StringEquals["aws:x"]' + "[0]".repeat(58);
      for (const input of [value, JSON.stringify(value)]) assert.deepEqual(parsePolicy(input).unknownPaths, [whole]);
      const deeper = policyWith({ Condition: { StringEquals: { "aws:x": nested(59, UNKNOWN) } } });
      assert.deepEqual(parsePolicy(JSON.stringify(deeper)).unknownPaths, [whole + "[0]"]);
      const cut = policyWith({ Condition: { StringEquals: { "aws:x": nested(60, UNKNOWN) } } });
      assert.deepEqual(parsePolicy(JSON.stringify(cut)).unknownPaths, [whole + "[0]…"]);
    });

    it("deep sentinels side by side: each cut path once per sentinel, siblings of the same cut node included", () => {
      const deep = nested(62, [UNKNOWN, UNKNOWN, { [UNKNOWN]: 1 }]);
      const value = policyWith({ Condition: { StringEquals: { "aws:x": deep } } });
      const expected = Array.from({ length: 3 }, () => CUT);
      for (const input of [value, JSON.stringify(value)]) assert.deepEqual(parsePolicy(input).unknownPaths, expected);
    });

    it("lists at most 1 000, for text, a value, and a value too deep to serialize", () => {
      const values = Array.from({ length: 1_005 }, () => UNKNOWN);
      const value = policyWith({ Condition: { StringEquals: { "aws:x": values } } });
      const deepValue = policyWith({ Condition: { StringEquals: { "aws:x": values, "aws:y": nested(100_000, 1) } } });
      for (const input of [value, JSON.stringify(value), deepValue]) {
        const paths = parsePolicy(input).unknownPaths;
        assert.equal(paths.length, 1_000);
        assert.equal(paths[999], '$.Statement[0].Condition.StringEquals["aws:x"][999]');
      }
    });

    it("finds sentinels in text that also holds escapes, and only whole sentinels", () => {
      const text = JSON.stringify(
        policyWith({
          Sid: 'a"b',
          Resource: [UNKNOWN, `x${UNKNOWN}`, UNKNOWN.slice(1), `${UNKNOWN.slice(0, -1)}X`, `\\${UNKNOWN}`],
        }),
      );
      const result = parsePolicy(text);
      assert.deepEqual(result.unknownPaths, ["$.Statement[0].Resource[0]"]);
    });

    it("a sentinel member name in text is an unknown path, not an unknown element", () => {
      const text = `{"Version":"${VERSION}","Statement":[{"Sid":"a","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","${UNKNOWN}":1}]}`;
      const result = parsePolicy(text);
      assert.deepEqual(codes(result), []);
      assert.deepEqual(result.unknownPaths, [`$.Statement[0]["${UNKNOWN}"]`]);
    });
  });

  describe("duplicate member names", () => {
    const duplicateMessage = (name: string): string =>
      `"${name}" appears more than once in the same object; JSON parsers keep only the last one, ` +
      "so the earlier one is silently lost. Merge them into one member.";

    it("found in large objects too, once per repeat, and never across objects", () => {
      const members = Array.from({ length: 12 }, (_, i) => `"aws:k${i}":"v"`);
      const block = (extra: string): string => `{${[...members, extra].join(",")}}`;
      const text =
        `{"Version":"${VERSION}","Statement":[{"Sid":"a","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*",` +
        `"Condition":{"StringEquals":${block('"aws:k11":"w"')},"StringLike":${block('"aws:k0":"w"')},` +
        `"StringNotEquals":${block('"aws:k1":"w","aws:k1":"x"')}}},` +
        `{"Sid":"b","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:k0":"v","aws:k1":"v","aws:k2":"v","aws:k2":"w"}}}]}`;
      const result = parsePolicy(text);
      const at = (path: string, name: string) => ({
        path,
        code: "duplicate-json-key",
        message: duplicateMessage(name),
      });
      assert.deepEqual(result.errors, [
        at('$.Statement[0].Condition.StringEquals["aws:k11"]', "aws:k11"),
        at('$.Statement[0].Condition.StringLike["aws:k0"]', "aws:k0"),
        at('$.Statement[0].Condition.StringNotEquals["aws:k1"]', "aws:k1"),
        at('$.Statement[0].Condition.StringNotEquals["aws:k1"]', "aws:k1"),
        at('$.Statement[1].Condition.StringEquals["aws:k2"]', "aws:k2"),
      ]);
    });

    it("found in pretty-printed text, with escaped quotes and backslashes in the strings", () => {
      const text = `{
  "Version" : "${VERSION}",
  "Statement" : [ {
    "Sid"\t:\t"a\\\\",
    "Effect"\r\n: "Allow",
    "Principal" : "*", "Action" : "kms:*", "Resource" : "*",
    "Condition" : { "StringEquals" : { "aws:x" : "say \\"hi\\"", "aws:x" : "\\\\" } }
  } ]
}`;
      const result = parsePolicy(text);
      assert.deepEqual(codes(result), ['$.Statement[0].Condition.StringEquals["aws:x"] duplicate-json-key']);
    });

    it("the scan reports at most the limit it is given", () => {
      const text = '{"a":1,"a":2,"a":3,"b":[{"c":1,"c":2}]}';
      assert.deepEqual(
        scanJson(text, UNKNOWN, 2).duplicates.map((d) => `${d.path} ${d.key}`),
        ["$.a a", "$.a a"],
      );
      assert.deepEqual(
        scanJson(text, UNKNOWN, 5).duplicates.map((d) => `${d.path} ${d.key}`),
        ["$.a a", "$.a a", "$.b[0].c c"],
      );
    });
  });

  describe("the shortcuts prove what they claim for ordinary policies", () => {
    /** JSON text with arbitrary whitespace between tokens (every kind JSON allows). */
    function spaced(value: unknown, gaps: readonly string[]): string {
      let n = 0;
      const gap = (): string => gaps[n++ % gaps.length];
      const write = (v: unknown): string => {
        if (Array.isArray(v)) return `[${gap()}${v.map(write).join(`${gap()},${gap()}`)}${gap()}]`;
        if (typeof v === "object" && v !== null) {
          const members = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}${gap()}:${gap()}${write(x)}`);
          return `{${gap()}${members.join(`${gap()},${gap()}`)}${gap()}}`;
        }
        return JSON.stringify(v);
      };
      return write(value);
    }

    it("counts the member names written in text exactly, whatever the whitespace and escapes", () => {
      const gapArb = fc.array(fc.stringMatching(/^[ \t\r\n]{0,3}$/), { minLength: 1, maxLength: 5 });
      fc.assert(
        fc.property(fc.jsonValue(), gapArb, (value, gaps) => {
          const text = spaced(value, gaps);
          const parsed: unknown = JSON.parse(text);
          assert.equal(countMemberNames(text), countOwnKeys(parsed), text);
          assert.equal(mayHoldDuplicates(text, parsed), false, text);
        }),
        PARAMS,
      );
    });

    it("names with escaped quotes and backslashes before their colon", () => {
      const text = '{"a\\"":1,"\\\\":{"\\\\\\"x":[{"y":"\\\\"}]}, "z" \n: "q\\""}';
      assert.equal(countMemberNames(text), 5);
      assert.equal(countOwnKeys(JSON.parse(text)), 5);
    });

    it("measures compact text without escapes exactly, so such text needs no count of names", () => {
      const value = {
        Version: VERSION,
        Statement: [{ ...BASE, Condition: { Bool: { "aws:x": [true, false, null] } } }],
      };
      const text = JSON.stringify(value);
      assert.equal(compactLength(JSON.parse(text)), text.length);
      assert.equal(mayHoldDuplicates(text, JSON.parse(text)), false);
      assert.equal(compactLength({ a: [], b: {}, c: [{}] }), JSON.stringify({ a: [], b: {}, c: [{}] }).length);
      assert.equal(compactLength("abc"), 5);
      assert.equal(compactLength(true), 4);
      assert.equal(compactLength(false), 5);
      assert.equal(compactLength(null), 4);
      assert.equal(compactLength(1), -1);
      assert.equal(compactLength([1]), -1);
      assert.equal(compactLength({ a: 1 }), -1);
    });

    it("proves a typical policy value small and free of sentinels without serializing it", () => {
      const policies: unknown[] = [
        policyWith({}),
        policyWith({ Condition: { NumericLessThan: { "kms:x": [1, 2.5] }, Bool: { "aws:y": true } } }),
        { ...policyWith({}), Id: undefined, Extra: Symbol("s") },
        Object.assign(Object.create(null), policyWith({})),
        [null, "a", 1, false],
        "a string",
        7,
        true,
        null,
      ];
      for (const value of policies) assert.equal(fitsWithout(value, UNKNOWN, MAX_KEY_POLICY_BYTES), true);
      const unprovable: unknown[] = [
        policyWith({ Sid: UNKNOWN }),
        policyWith({ Sid: `a${UNKNOWN}` }),
        { [UNKNOWN]: 1 },
        UNKNOWN,
        10n,
        () => 1,
        [() => 1],
        { toJSON: () => "x" },
        new Date(0),
        { 0: "a" },
        policyWith({ Sid: "x".repeat(6_000) }),
        Array.from({ length: 40_000 }),
      ];
      for (const value of unprovable)
        assert.equal(fitsWithout(value, UNKNOWN, MAX_KEY_POLICY_BYTES), false, String(value));
    });

    it("the bound grows with every member, so a large object is never proved small", () => {
      const wide = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, i]));
      assert.equal(fitsWithout(wide, UNKNOWN, MAX_KEY_POLICY_BYTES), false);
      assert.equal(fitsWithout({ a: "x".repeat(100) }, UNKNOWN, 600), false);
      assert.equal(fitsWithout({ a: "x".repeat(10) }, UNKNOWN, 600), true);
      assert.equal(fitsWithout(["x".repeat(100)], UNKNOWN, 600), false);
      assert.equal(fitsWithout([[[true]]], UNKNOWN, 100), true);
      assert.equal(fitsWithout([[[[true]]]], UNKNOWN, 100), false);
    });
  });

  describe("a polluted Object.prototype", () => {
    const NAMES = [
      "Version",
      "Id",
      "Statement",
      "Sid",
      "Effect",
      "Principal",
      "NotPrincipal",
      "Action",
      "NotAction",
      "Resource",
      "NotResource",
      "Condition",
    ];

    it("text is read as its decoded value is, when the prototype has an accessor under an element's name", () => {
      const TOP = ["Version", "Id", "Statement"];
      for (const name of NAMES) {
        // The element is absent, so a reader by name meets the inherited accessor.
        const document = policyWith({}) as { Statement: Record<string, unknown>[] } & Record<string, unknown>;
        if (TOP.includes(name)) delete document[name];
        else delete document.Statement[0][name];
        const text = JSON.stringify(document);
        let reads = 0;
        Object.defineProperty(Object.prototype, name, {
          configurable: true,
          get() {
            reads++;
            throw new Error(`read ${name}`);
          },
        });
        try {
          const fromValue = parsePolicy(JSON.parse(text));
          assert.ok(reads > 0, name);
          const fromText = parsePolicy(text);
          assert.deepEqual(fromText, fromValue, name);
        } finally {
          delete (Object.prototype as Record<string, unknown>)[name];
        }
      }
    });

    it("an enumerable member inherited by every object is no element of the policy", () => {
      Object.defineProperty(Object.prototype, "Bogus", {
        configurable: true,
        enumerable: true,
        value: 1,
        writable: true,
      });
      try {
        const text = JSON.stringify(policyWith({ Condition: { StringEquals: { "aws:x": "a" } } }));
        for (const input of [text, JSON.parse(text) as unknown]) assert.deepEqual(codes(parsePolicy(input)), []);
        assert.equal(compactLength(JSON.parse(text)), -1);
        assert.equal(fitsWithout(JSON.parse(text), UNKNOWN, MAX_KEY_POLICY_BYTES), false);
      } finally {
        delete (Object.prototype as Record<string, unknown>).Bogus;
      }
    });
  });
});
