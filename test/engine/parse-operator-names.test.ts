/**
 * Condition operator names as the engine splits, parses and suggests them: `[Qualifier:]Base[IfExists]`
 * (IAM User Guide, "IAM JSON policy elements: Condition operators"; "Single-valued vs. multivalued
 * context keys" for the set qualifiers). Any text before the first colon is the qualifier, so a name
 * that starts with a colon has an empty one, which AWS rejects; `IfExists` is a suffix of a base,
 * never a base by itself.
 */
import { strict as assert } from "node:assert";
import {
  parseOperator,
  parseOperatorIgnoringCase,
  parsePolicy,
  splitOperatorName,
  suggestOperator,
} from "pulumi-kms-guardrails/engine";

function errorsFor(operator: string): string[] {
  const result = parsePolicy({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "S",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: { [operator]: { "aws:SourceAccount": "111122223333" } },
      },
    ],
  });
  return result.errors.map((e) => `${e.path} ${e.code}: ${e.message}`);
}

describe("parse: condition operator names", () => {
  describe("splitOperatorName", () => {
    const cases: readonly [raw: string, ignoreCase: boolean, parts: ReturnType<typeof splitOperatorName>][] = [
      ["ForAnyValue:StringLikeIfExists", false, { qualifier: "ForAnyValue", base: "StringLike", ifExists: true }],
      // No qualifier: no qualifier member either.
      ["StringEquals", false, { base: "StringEquals", ifExists: false }],
      ["ArnLikeIfExists", false, { base: "ArnLike", ifExists: true }],
      // Text before the first colon is the qualifier, even none; the rest is the base.
      [":StringEquals", false, { qualifier: "", base: "StringEquals", ifExists: false }],
      ["ForAllValues:", false, { qualifier: "ForAllValues", base: "", ifExists: false }],
      ["a:b:cIfExists", false, { qualifier: "a", base: "b:c", ifExists: true }],
      // IfExists alone is a base, not an empty base with the suffix; one more character and it is the suffix.
      ["IfExists", false, { base: "IfExists", ifExists: false }],
      ["ForAnyValue:IfExists", false, { qualifier: "ForAnyValue", base: "IfExists", ifExists: false }],
      ["ifexists", true, { base: "ifexists", ifExists: false }],
      ["XIfExists", false, { base: "X", ifExists: true }],
      // The suffix in another case: only when asked to ignore case, and by default not.
      ["StringEqualsifexists", false, { base: "StringEqualsifexists", ifExists: false }],
      ["StringEqualsifexists", true, { base: "StringEquals", ifExists: true }],
      ["StringEqualsIFEXISTS", true, { base: "StringEquals", ifExists: true }],
    ];
    for (const [raw, ignoreCase, parts] of cases) {
      it(`${raw}${ignoreCase ? ", ignoring case" : ""}`, () => {
        assert.deepStrictEqual(splitOperatorName(raw, ignoreCase), parts);
      });
    }

    it("compares the suffix exactly unless told otherwise", () => {
      assert.deepStrictEqual(splitOperatorName("BoolIfexists"), { base: "BoolIfexists", ifExists: false });
      assert.deepStrictEqual(splitOperatorName("BoolIfExists"), { base: "Bool", ifExists: true });
    });
  });

  describe("names that split but are no operator", () => {
    for (const raw of [":StringEquals", "IfExists", "ForAnyValue:IfExists", "ForAllValues:", ":"]) {
      it(`${JSON.stringify(raw)} is refused, in any case`, () => {
        assert.equal(parseOperator(raw), undefined);
        assert.equal(parseOperatorIgnoringCase(raw), undefined);
      });
    }

    it("a name starting with a colon is reported, with no suggestion", () => {
      assert.deepEqual(errorsFor(":StringEquals"), [
        '$.Statement[0].Condition[":StringEquals"] unknown-condition-operator: ":StringEquals" is not a condition operator. AWS rejects the policy.',
      ]);
    });

    it("a name longer than any operator is refused, and not taken for one in another case", () => {
      const long = "StringEquals" + "x".repeat(100);
      assert.equal(parseOperator(long), undefined);
      assert.equal(parseOperatorIgnoringCase(long), undefined);
      assert.equal(parseOperator(`ForAnyValue:${"StringLike".repeat(10)}`), undefined);
    });

    it("the longest operator names parse", () => {
      for (const raw of [
        "ForAllValues:StringNotEqualsIgnoreCaseIfExists",
        "ForAnyValue:NumericGreaterThanEqualsIfExists",
      ]) {
        assert.equal(parseOperator(raw)?.raw, raw);
        assert.equal(parseOperatorIgnoringCase(raw.toUpperCase())?.raw, raw.toUpperCase());
      }
    });
  });

  describe("suggestOperator", () => {
    it("suggests nothing for a name written as AWS documents it", () => {
      for (const raw of ["StringEquals", "ForAnyValue:StringLike", "ArnLikeIfExists", "Null"]) {
        assert.equal(suggestOperator(raw), undefined, raw);
      }
    });

    it("suggests the documented spelling for one in another case", () => {
      assert.equal(suggestOperator("forallvalues:stringlikeifexists"), "ForAllValues:StringLikeIfExists");
    });
  });
});
