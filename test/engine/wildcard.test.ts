/**
 * `wildcardMatch` (public): IAM wildcards, `*` any run of characters including none and `?` exactly
 * one; every other character is literal, the whole value must match, and case counts unless asked
 * not to (IAM User Guide, "IAM JSON policy elements: Condition operators", string operators).
 */
import { strict as assert } from "node:assert";
import { wildcardMatch } from "pulumi-kms-guardrails/engine";

describe("wildcardMatch", () => {
  it("* matches any run, including none; ? exactly one character", () => {
    assert.equal(wildcardMatch("trail/*", "trail/"), true);
    assert.equal(wildcardMatch("trail/*", "trail/a:b/c"), true);
    assert.equal(wildcardMatch("a?c", "abc"), true);
    assert.equal(wildcardMatch("a?c", "ac"), false);
    assert.equal(wildcardMatch("a?c", "abbc"), false);
  });

  it("matches the whole value, not a part of it", () => {
    assert.equal(wildcardMatch("car*", "carol"), true);
    assert.equal(wildcardMatch("car*", "oscar-1"), false);
    assert.equal(wildcardMatch("*ol", "carol"), true);
    assert.equal(wildcardMatch("*ol", "carols"), false);
  });

  it("treats regular-expression characters as literal", () => {
    assert.equal(wildcardMatch("v1.2-*", "v1.2-beta"), true);
    assert.equal(wildcardMatch("v1.2-*", "v1x2-beta"), false);
    assert.equal(wildcardMatch("(a|b)+*", "(a|b)+c"), true);
    assert.equal(wildcardMatch("(a|b)+*", "aa"), false);
    assert.equal(wildcardMatch("[ab]*", "a"), false);
  });

  it("is case-sensitive unless told otherwise, and remembers the two apart", () => {
    assert.equal(wildcardMatch("Car*", "carol", true), true);
    assert.equal(wildcardMatch("Car*", "carol"), false);
    assert.equal(wildcardMatch("Car*", "carol", false), false);
    assert.equal(wildcardMatch("Car*", "carol", true), true);
    assert.equal(wildcardMatch("Carol", "carol", true), true);
    assert.equal(wildcardMatch("Carol", "carol"), false);
  });

  it("spans line breaks like any other character", () => {
    assert.equal(wildcardMatch("a*b", "a\nb"), true);
    assert.equal(wildcardMatch("a?b", "a\nb"), true);
  });
});
