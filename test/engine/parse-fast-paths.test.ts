/**
 * The parser's shortcuts against the full scans they stand in for. `scanJson` finds duplicate member
 * names and unknown sentinels by reading every character; the parser skips it when the text has no
 * escapes and no sentinel and the readers account for every byte of it, and skips serializing a
 * decoded value when a walk proves it small and sentinel-free. Whatever the document, the answers
 * must be the scan's. Fixed seed; set FUZZ_RUNS for a longer run.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { PULUMI_UNKNOWN_SENTINEL, parsePolicy } from "pulumi-kms-guardrails/engine";
import { forTesting } from "../../components/src/engine/parse/decode";
import { PassedStrings } from "../../components/src/engine/parse/strings";

const { scanJson, compactLength, countMemberNames, countOwnKeys, mayHoldDuplicates, fitsWithout } = forTesting;

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const PARAMS = { seed: 7, numRuns: RUNS };
const SENTINEL = PULUMI_UNKNOWN_SENTINEL;

/** A JSON document as written: objects are lists of members, so a name may repeat. */
type Written =
  | { readonly kind: "object"; readonly members: readonly (readonly [string, Written])[] }
  | { readonly kind: "array"; readonly items: readonly Written[] }
  | { readonly kind: "scalar"; readonly value: string | number | boolean | null };

const object = (...members: (readonly [string, Written])[]): Written => ({ kind: "object", members });
const array = (...items: Written[]): Written => ({ kind: "array", items });
const scalar = (value: string | number | boolean | null): Written => ({ kind: "scalar", value });
const strings = (...values: string[]): Written => array(...values.map(scalar));

/** Writes `doc` as JSON text: compact, or with whitespace between tokens. */
function write(doc: Written, spaced: boolean): string {
  const gap = spaced ? "\n  " : "";
  switch (doc.kind) {
    case "scalar":
      return JSON.stringify(doc.value);
    case "array":
      return `[${gap}${doc.items.map((item) => write(item, spaced)).join(`,${gap}`)}]`;
    case "object":
      return `{${gap}${doc.members.map(([name, value]) => `${JSON.stringify(name)}${spaced ? " : " : ":"}${write(value, spaced)}`).join(`,${gap}`)}}`;
  }
}

/** Statements the parser accepts without a problem, so only the duplicates can be reported. */
const VALID_STATEMENTS: Written[] = [
  object(
    ["Sid", scalar("Root")],
    ["Effect", scalar("Allow")],
    ["Principal", object(["AWS", scalar("arn:aws:iam::111122223333:root")])],
    ["Action", scalar("kms:*")],
    ["Resource", scalar("*")],
  ),
  object(
    ["Sid", scalar("Trail")],
    ["Effect", scalar("Allow")],
    ["Principal", object(["Service", scalar("cloudtrail.amazonaws.com")])],
    ["Action", strings("kms:GenerateDataKey*", "kms:DescribeKey")],
    ["Resource", scalar("*")],
    [
      "Condition",
      object(
        [
          "StringLike",
          object(["kms:EncryptionContext:aws:cloudtrail:arn", strings("arn:aws:cloudtrail:*:111122223333:trail/*")]),
        ],
        ["Bool", object(["aws:SecureTransport", scalar(true)])],
      ),
    ],
  ),
  object(
    ["Effect", scalar("Deny")],
    ["Principal", scalar("*")],
    ["NotAction", scalar("kms:Decrypt")],
    ["Resource", scalar("*")],
    ["Condition", object(["NumericLessThan", object(["kms:x", scalar(7)])])],
  ),
];

/** Every object of `doc`, outermost first, with the member lists they are written with. */
function objects(doc: Written): Written[] {
  const found: Written[] = [];
  const pending = [doc];
  while (pending.length > 0) {
    const node = pending.shift() as Written;
    if (node.kind === "object") {
      found.push(node);
      pending.push(...node.members.map(([, value]) => value));
    } else if (node.kind === "array") pending.push(...node.items);
  }
  return found;
}

/** `doc` with one member of one of its objects written a second time, earlier or later. */
function withRepeat(doc: Written, which: number, member: number, at: number, value?: Written): Written {
  const targets = objects(doc);
  const target = targets[which % targets.length];
  const copy = (node: Written): Written => {
    if (node.kind === "array") return array(...node.items.map(copy));
    if (node.kind !== "object") return node;
    const members = node.members.map(([name, v]) => [name, copy(v)] as const);
    if (node !== target || members.length === 0) return object(...members);
    const [name, original] = members[member % members.length];
    members.splice(at % (members.length + 1), 0, [name, value ?? original]);
    return object(...members);
  };
  return copy(doc);
}

const policyArb: fc.Arbitrary<Written> = fc
  .array(fc.constantFrom(...VALID_STATEMENTS), { minLength: 1, maxLength: 4 })
  .map((statements) => object(["Version", scalar("2012-10-17")], ["Statement", array(...statements)]));

const KEYS = ["Version", "Statement", "Effect", "Sid", "Action", "AWS", "Condition", "aws:x", "a", "b", SENTINEL];
const STRINGS = ["Allow", "kms:Decrypt", "*", "", "é", 'a"b', "\\", "line\nbreak", SENTINEL, `x${SENTINEL}`];
const writtenArb: fc.Arbitrary<Written> = fc.letrec<{ doc: Written }>((tie) => ({
  doc: fc.oneof(
    { depthSize: "small" },
    fc
      .oneof(fc.constantFrom(...STRINGS), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null))
      .map((value) => scalar(Number.isNaN(value) || value === Infinity || value === -Infinity ? null : value)),
    fc.array(tie("doc"), { maxLength: 4 }).map((items) => array(...items)),
    fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 })), tie("doc")), { maxLength: 5 })
      .map((members) => object(...members)),
  ),
})).doc;

/** What the full scan says, in the form `parsePolicy` reports it. */
function scanned(text: string): { duplicates: string[]; unknownPaths: readonly string[] } {
  const scan = scanJson(text, SENTINEL, 1_000);
  return { duplicates: scan.duplicates.map((d) => d.path), unknownPaths: scan.sentinelPaths };
}

/** Duplicates come first, so they are the first errors when there are any. */
function reportedDuplicates(text: string): { duplicates: string[]; unknownPaths: readonly string[] } {
  const result = parsePolicy(text);
  return {
    duplicates: result.errors.filter((e) => e.code === "duplicate-json-key").map((e) => e.path),
    unknownPaths: result.unknownPaths,
  };
}

describe("parser shortcuts", function () {
  this.timeout(600_000);

  describe("duplicate names and sentinels in text: the scan's answer, whichever way it is found", () => {
    it("valid policies with a member written twice, compact and spaced", () => {
      fc.assert(
        fc.property(
          policyArb,
          fc.nat(),
          fc.nat(),
          fc.nat(),
          fc.boolean(),
          fc.boolean(),
          (doc, which, member, at, twice, spaced) => {
            const text = write(twice ? withRepeat(doc, which, member, at) : doc, spaced);
            const expected = scanned(text);
            assert.deepEqual(reportedDuplicates(text), expected);
            assert.equal(expected.duplicates.length > 0, twice);
          },
        ),
        PARAMS,
      );
    });

    it("the repeat may hold a different value, longer or shorter than the one kept", () => {
      const values = [scalar("Deny"), scalar(""), strings("kms:Decrypt", "kms:Encrypt"), object(), scalar(1)];
      fc.assert(
        fc.property(
          policyArb,
          fc.nat(),
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...values),
          (doc, which, member, at, value) => {
            const text = write(withRepeat(doc, which, member, at, value), false);
            assert.deepEqual(reportedDuplicates(text), scanned(text));
          },
        ),
        PARAMS,
      );
    });

    it("any document as written, escapes, numbers and sentinels included", () => {
      fc.assert(
        fc.property(writtenArb, fc.boolean(), (doc, spaced) => {
          const text = write(doc, spaced);
          if (text === JSON.stringify(SENTINEL)) return;
          const expected = scanned(text);
          const reported = reportedDuplicates(text);
          assert.deepEqual(reported.unknownPaths, expected.unknownPaths);
          assert.deepEqual(reported.duplicates, expected.duplicates.slice(0, 100));
        }),
        PARAMS,
      );
    });
  });

  describe("json-precheck", () => {
    it("never rules out a duplicate the scan finds; rules out exactly the others when the text is spaced", () => {
      fc.assert(
        fc.property(writtenArb, fc.boolean(), (doc, spaced) => {
          const text = write(doc, spaced);
          const value: unknown = JSON.parse(text);
          const duplicates = scanJson(text, SENTINEL, 1_000).duplicates.length > 0;
          if (duplicates) assert.equal(mayHoldDuplicates(text, value), true);
          assert.equal(countMemberNames(text) > countOwnKeys(value), duplicates);
        }),
        PARAMS,
      );
    });

    it("measures compact, escape-free JSON exactly, and gives up on numbers", () => {
      const hasNumber = (value: unknown): boolean =>
        typeof value === "number" ||
        (typeof value === "object" && value !== null && Object.values(value).some(hasNumber));
      fc.assert(
        fc.property(fc.jsonValue(), (value) => {
          const text = JSON.stringify(value);
          const parsed: unknown = JSON.parse(text);
          if (hasNumber(parsed)) assert.equal(compactLength(parsed), -1);
          else if (!text.includes("\\")) assert.equal(compactLength(parsed), text.length, text);
        }),
        PARAMS,
      );
    });
  });

  describe("decoded values: fitsWithout", () => {
    const LIMIT = 2_000;
    const exotic = [
      new Date(0),
      new Map([[1, 2]]),
      new String(SENTINEL),
      Object.setPrototypeOf(new String(SENTINEL), Object.prototype),
      Object.setPrototypeOf(new Number(1e300), Object.prototype),
      { toJSON: () => SENTINEL },
      { f: Object.assign(() => 1, { toJSON: () => SENTINEL }) },
      Object.assign(Object.create(null), { a: SENTINEL }),
      [undefined, () => 1, Symbol("s")],
      { a: undefined, b: () => 1 },
      "x".repeat(LIMIT),
      "é".repeat(LIMIT / 3),
      "\u0001".repeat(LIMIT / 6),
      SENTINEL,
      `${SENTINEL}!`,
      { [SENTINEL]: 1 },
    ];

    it("says a value fits only when JSON.stringify writes it within the limit and without the sentinel", () => {
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.jsonValue(), fc.constantFrom(...exotic)), { maxLength: 6 }), (value) => {
          if (!fitsWithout(value, SENTINEL, LIMIT)) return;
          const text = JSON.stringify(value);
          assert.ok(Buffer.byteLength(text) <= LIMIT, text);
          assert.ok(!text.includes(SENTINEL), text);
        }),
        PARAMS,
      );
    });

    it("gives up on circular, deep and throwing values", () => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      let deep: unknown = "leaf";
      for (let i = 0; i < 100_000; i++) deep = [deep];
      const throwing = Object.defineProperty({}, "a", {
        enumerable: true,
        get() {
          throw new Error("no");
        },
      });
      for (const value of [circular, deep, throwing, 10n]) assert.equal(fitsWithout(value, SENTINEL, 32_768), false);
    });
  });

  describe("PassedStrings", () => {
    it("remembers what it was given, forgets when full, and never confuses two strings", () => {
      fc.assert(
        fc.property(
          fc.array(fc.string({ maxLength: 12 }), { maxLength: 2_000 }),
          fc.array(fc.string({ maxLength: 12 })),
          (added, probed) => {
            const passed = new PassedStrings();
            const recent = new Set<string>();
            for (const value of added) {
              passed.add(value);
              recent.add(value);
            }
            for (const value of probed) if (passed.has(value)) assert.ok(recent.has(value), value);
            assert.equal(passed.has(added[added.length - 1] ?? "never added"), added.length > 0);
          },
        ),
        { seed: 7, numRuns: Math.max(50, Math.floor(RUNS / 10)) },
      );
    });
  });
});
