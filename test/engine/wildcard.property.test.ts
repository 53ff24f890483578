/**
 * The wildcard matchers against the RegExps they replaced (issue 11: a fresh pack compiled one per
 * pattern, case-insensitive ones above all, on its first Analyze calls). `wildcardMatch` must answer
 * as `^pattern$` with `*` → `[\s\S]*`, `?` → `[\s\S]` and the `i` flag for ASCII; reference condition
 * keys as `^part.+part$` with the `i` flag. Fixed seed; set FUZZ_RUNS for a longer run.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { wildcardMatch } from "pulumi-kms-guardrails/engine";
import { conditionKeyMatchesPattern } from "../../components/src/engine/data/kms-reference";

const RUNS = Number(process.env.FUZZ_RUNS ?? 3_000);
const PARAMS = { seed: 11, numRuns: RUNS };

function regexWildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const body = pattern.replace(/[.+^${}()|[\]\\*?]/g, (c) =>
    c === "*" ? "[\\s\\S]*" : c === "?" ? "[\\s\\S]" : "\\" + c,
  );
  return new RegExp(`^${body}$`, ignoreCase ? "is" : "s").test(value);
}

function regexConditionKey(pattern: string, key: string): boolean {
  if (!pattern.includes("${")) return pattern.toLowerCase() === key.toLowerCase();
  const body = pattern
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join(".+");
  return new RegExp(`^${body}$`, "is").test(key);
}

/** Few distinct characters, so that patterns and values often overlap; RegExp syntax included. */
const text = (chars: string, maxLength: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...chars), { maxLength }).map((cs) => cs.join(""));
const PATTERN_CHARS = "aAbB:*?.\\$^(";
const VALUE_CHARS = "aAbB:.\\$^(\n";

describe("engine: wildcard matching without RegExps", () => {
  it("wildcardMatch answers as the RegExp, case-sensitive and (ASCII) case-insensitive", () => {
    fc.assert(
      fc.property(text(PATTERN_CHARS, 10), text(VALUE_CHARS, 12), fc.boolean(), (pattern, value, ignoreCase) => {
        assert.equal(wildcardMatch(pattern, value, ignoreCase), regexWildcard(pattern, value, ignoreCase));
      }),
      PARAMS,
    );
  });

  it("the documented KMS patterns", () => {
    assert.equal(wildcardMatch("kms:GenerateDataKey*", "kms:GenerateDataKeyPairWithoutPlaintext"), true);
    assert.equal(wildcardMatch("kms:GenerateDataKey*", "kms:generatedatakey"), false);
    assert.equal(wildcardMatch("kms:GenerateDataKey*", "kms:generatedatakey", true), true);
    assert.equal(wildcardMatch("kms:ReEncrypt*", "kms:ReEncryptFrom"), true);
    assert.equal(wildcardMatch("kms:?ncrypt", "kms:Encrypt"), true);
    assert.equal(wildcardMatch("kms:?ncrypt", "kms:ncrypt"), false);
    assert.equal(wildcardMatch("*", ""), true);
    assert.equal(wildcardMatch("?", ""), false);
  });

  it("a non-ASCII unit folds only to a non-ASCII one, as with the RegExp i flag", () => {
    // KELVIN SIGN lower-cases to ASCII k: the i flag keeps them apart, and so does wildcardMatch.
    assert.equal(wildcardMatch("*\u212a", "k", true), regexWildcard("*\u212a", "k", true));
    assert.equal(wildcardMatch("*\u00c9", "\u00e9", true), true);
  });

  it("conditionKeyMatchesPattern answers as the RegExp for ${...} placeholders", () => {
    const part = text("aA:/", 4);
    const pattern = fc
      .array(part, { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join("${EncryptionContextKey}"));
    fc.assert(
      fc.property(pattern, text("aA:/b", 12), (p, key) => {
        assert.equal(conditionKeyMatchesPattern(p, key), regexConditionKey(p, key), `${p} vs ${key}`);
      }),
      PARAMS,
    );
  });
});
