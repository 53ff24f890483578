/**
 * `wildcardMatch` unit by unit: the ends of the ASCII letter range under case folding, the NUL unit,
 * a pattern longer than the value, and non-ASCII folding (by lower case, never onto ASCII, the same
 * with and without wildcards in the pattern).
 */
import { strict as assert } from "node:assert";
import { wildcardMatch } from "pulumi-kms-guardrails/engine";

describe("wildcardMatch, unit by unit", () => {
  it("folds exactly A to Z onto a to z, not the units beside them", () => {
    assert.equal(wildcardMatch("A*", "abc", true), true);
    assert.equal(wildcardMatch("Z*", "zed", true), true);
    assert.equal(wildcardMatch("a*", "ABC", true), true);
    assert.equal(wildcardMatch("z?", "ZE", true), true);
    // @ and [ sit next to A and Z; ` and { are 32 above them.
    assert.equal(wildcardMatch("@*", "`x", true), false);
    assert.equal(wildcardMatch("[*", "{x", true), false);
    assert.equal(wildcardMatch("`*", "@x", true), false);
  });

  it("a pattern that runs out before the value, or the value before the pattern, does not match", () => {
    assert.equal(wildcardMatch("ab?", "ab"), false);
    assert.equal(wildcardMatch("ab?", "ab", true), false);
    assert.equal(wildcardMatch("a?", "abc"), false);
    assert.equal(wildcardMatch("a*b", "a"), false);
    assert.equal(wildcardMatch("a**", "a"), true);
    assert.equal(wildcardMatch("*a*b", "xaxb"), true);
    assert.equal(wildcardMatch("a*b*c", "abXbc"), true);
  });

  it("the NUL unit is a unit like any other", () => {
    assert.equal(wildcardMatch("a\u0000*", "a\u0000b"), true);
    assert.equal(wildcardMatch("a\u0000*", "a\u0000b", true), true);
    assert.equal(wildcardMatch("a*", "a\u0000"), true);
    assert.equal(wildcardMatch("ab*", "a\u0000"), false);
    assert.equal(wildcardMatch("a", "a\u0000", true), false);
  });

  it("folds non-ASCII units by lower case", () => {
    assert.equal(wildcardMatch("\u00c9t\u00e9*", "\u00e9t\u00c9", true), true);
    assert.equal(wildcardMatch("\u00c9t\u00e9*", "\u00e9t\u00c9"), false);
    // MICRO SIGN and GREEK SMALL LETTER MU share an upper case (U+039C), not a lower case.
    assert.equal(wildcardMatch("\u00b5*", "\u03bc", true), false);
  });

  it("folds a literal pattern as it folds one with wildcards", () => {
    // KELVIN SIGN lower-cases to ASCII k; a case-insensitive match keeps them apart either way.
    assert.equal(wildcardMatch("\u212a*", "k", true), false);
    assert.equal(wildcardMatch("\u212a", "k", true), false);
    // LATIN CAPITAL LETTER I WITH DOT ABOVE lower-cases to two units: i and a combining dot.
    assert.equal(wildcardMatch("\u0130", "i\u0307", true), false);
    assert.equal(wildcardMatch("\u00c9", "\u00e9", true), true);
    assert.equal(wildcardMatch("\u00c9", "\u00e9"), false);
  });
});
