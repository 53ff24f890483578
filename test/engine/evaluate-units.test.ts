/**
 * The evaluator's small building blocks, each against the rule it implements: three-valued logic
 * (tri.ts: Kleene's table, where "unknown" is a value not known yet during a preview), the wildcard
 * testers compiled with a policy (wildcard-tester.ts: the same answers as `wildcardMatch`), and the
 * dates of the Date operators (dates.ts: IAM User Guide, "Date condition operators", W3C ISO 8601
 * forms and epoch seconds).
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { wildcardMatch, type Tri } from "pulumi-kms-guardrails/engine";
import { parseDate } from "../../components/src/engine/evaluate/dates";
import { triAnd, triNot, triSome } from "../../components/src/engine/evaluate/tri";
import { wildcardSource, wildcardTester } from "../../components/src/engine/evaluate/wildcard-tester";

const VALUES: readonly Tri[] = [true, false, "unknown"];
const U = "unknown";

describe("evaluator units", () => {
  describe("three-valued logic", () => {
    // Rows: a; columns: b in the order of VALUES.
    const AND: Record<string, readonly Tri[]> = {
      true: [true, false, U],
      false: [false, false, false],
      unknown: [U, false, U],
    };

    it("triAnd follows Kleene's table", () => {
      for (const a of VALUES) {
        VALUES.forEach((b, i) => assert.equal(triAnd(a, b), AND[String(a)][i], `${String(a)} AND ${String(b)}`));
      }
    });

    it("triNot keeps unknown", () => {
      assert.deepEqual(VALUES.map(triNot), [false, true, U]);
    });

    it("triSome: true wins, then unknown; an empty list is false", () => {
      const some = (...items: Tri[]) => triSome(items, (x) => x);
      assert.equal(some(), false);
      assert.equal(some(false, false), false);
      assert.equal(some(false, U, false), U);
      assert.equal(some(U, true), true);
      assert.equal(some(false, true, U), true);
      // The first true ends the scan.
      const seen: Tri[] = [];
      assert.equal(
        triSome([false, true, U] as Tri[], (x) => (seen.push(x), x)),
        true,
      );
      assert.deepEqual(seen, [false, true]);
    });
  });

  describe("wildcard testers", () => {
    it("match literally, with * and ? across any character, and escape what a RegExp would read", () => {
      const cases: [string, string, boolean][] = [
        ["kms:decrypt", "kms:decrypt", true],
        ["kms:decrypt", "kms:Decrypt", false],
        ["kms:decrypt", "kms:decrypt2", false],
        ["*", "", true],
        ["*", "anything\nat all", true],
        ["kms:*", "kms:", true],
        ["kms:*", "kms:re\nencrypt", true],
        ["kms:*", "km:decrypt", false],
        ["a?c", "abc", true],
        ["a?c", "a\nc", true],
        ["a?c", "ac", false],
        ["a?c", "abbc", false],
        ["a.c*", "abcd", false],
        ["a.c*", "a.cd", true],
        ["(a|b)*", "a", false],
        ["(a|b)*", "(a|b)x", true],
        ["[ab]?", "a1", false],
        ["[ab]?", "[ab]1", true],
        ["a+b^c$d{1}\\e*", "a+b^c$d{1}\\e", true],
        ["a+b^c$d{1}\\e*", "aab^c$d{1}\\e", false],
        ["x*y*z", "xyz", true],
        ["x*y*z", "xzy", false],
      ];
      for (const [pattern, value, expected] of cases) {
        assert.equal(wildcardTester(pattern)(value), expected, `${pattern} ~ ${JSON.stringify(value)}`);
        assert.equal(wildcardMatch(pattern, value), expected, `wildcardMatch ${pattern} ~ ${JSON.stringify(value)}`);
      }
    });

    it("the RegExp source: * and ? as runs and single characters of anything, the rest escaped", () => {
      assert.equal(wildcardSource("a*b?c"), "a[\\s\\S]*b[\\s\\S]c");
      assert.equal(wildcardSource(".+^${}()|[]\\"), "\\.\\+\\^\\$\\{\\}\\(\\)\\|\\[\\]\\\\");
      assert.equal(wildcardSource("plain-text_1/2:3"), "plain-text_1/2:3");
    });

    it("answer as wildcardMatch does, for any pattern and value (fixed seed)", () => {
      const chars = fc.constantFrom("a", "B", "*", "?", ".", "+", "(", ")", "[", "]", "\\", "$", "^", "|", "\n", ":");
      const text = fc.array(chars, { maxLength: 8 }).map((cs) => cs.join(""));
      fc.assert(
        fc.property(text, text, (pattern, value) => wildcardTester(pattern)(value) === wildcardMatch(pattern, value)),
        { seed: 18, numRuns: 2_000 },
      );
    });
  });

  describe("dates", () => {
    const at = (...args: [number, number, number, number?, number?, number?, number?]) =>
      Date.UTC(args[0], args[1] - 1, args[2], args[3] ?? 0, args[4] ?? 0, args[5] ?? 0, args[6] ?? 0);

    it("reads every part of a date-time: hours, minutes, seconds and fractions", () => {
      assert.equal(parseDate("2030-06-15T13:45:27Z"), at(2030, 6, 15, 13, 45, 27));
      assert.equal(parseDate("2030-06-15T13:45Z"), at(2030, 6, 15, 13, 45));
      assert.equal(parseDate("2030-06-15T13Z"), at(2030, 6, 15, 13));
      assert.equal(parseDate("2030-06-15t13:45:27z"), at(2030, 6, 15, 13, 45, 27));
      assert.equal(parseDate("2030-06-15 13:45:27"), at(2030, 6, 15, 13, 45, 27));
      assert.equal(parseDate("20300615T134527"), at(2030, 6, 15, 13, 45, 27));
      assert.equal(parseDate("2030-06-15T13:45:27.5Z"), at(2030, 6, 15, 13, 45, 27, 500));
      assert.equal(parseDate("2030-06-15T13:45:27,125Z"), at(2030, 6, 15, 13, 45, 27, 125));
      assert.equal(parseDate("2030-06-15T13:45:27.0004Z"), at(2030, 6, 15, 13, 45, 27));
      assert.equal(parseDate("2030-06-15T13:45:27.9996Z"), at(2030, 6, 15, 13, 45, 28));
    });

    it("applies the zone: hours and minutes, with or without a colon, either sign", () => {
      assert.equal(parseDate("2030-06-15T13:45:00+05:30"), at(2030, 6, 15, 8, 15));
      assert.equal(parseDate("2030-06-15T13:45:00+0530"), at(2030, 6, 15, 8, 15));
      assert.equal(parseDate("2030-06-15T13:45:00-05:30"), at(2030, 6, 15, 19, 15));
      assert.equal(parseDate("2030-06-15T13:45:00+05"), at(2030, 6, 15, 8, 45));
      assert.equal(parseDate("2030-06-15T13:45:00-00:45"), at(2030, 6, 15, 14, 30));
      assert.equal(parseDate("2030-06-15T13:45:00 Z"), at(2030, 6, 15, 13, 45));
      assert.equal(parseDate("  2030-06-15T13:45:00Z  "), at(2030, 6, 15, 13, 45));
    });

    it("reads epoch seconds, signed and fractional; eight digits are a basic-format date", () => {
      assert.equal(parseDate("0"), 0);
      assert.equal(parseDate("1893456000.5"), at(2030, 1, 1) + 500);
      assert.equal(parseDate("-86400"), -86_400_000);
      assert.equal(parseDate("+86400"), 86_400_000);
      assert.equal(parseDate(" 1893456000 "), at(2030, 1, 1));
      assert.equal(parseDate("20300615"), at(2030, 6, 15));
      assert.equal(parseDate("203006150"), 203_006_150_000);
      assert.equal(parseDate("2030061"), 2_030_061_000);
    });

    it("accepts each field's last valid value and refuses the next", () => {
      assert.equal(parseDate("2030-12-31T23:59:59Z"), at(2030, 12, 31, 23, 59, 59));
      assert.equal(parseDate("2030-01-01T24:00:00Z"), at(2030, 1, 2));
      assert.equal(parseDate("2030-06-30T23:59:60Z"), at(2030, 7, 1));
      assert.equal(parseDate("2028-02-29"), at(2028, 2, 29));
      for (const bad of [
        "2030-00-01",
        "2030-13-01",
        "2030-01-00",
        "2030-01-32",
        "2030-04-31",
        "2029-02-29",
        "2030-01-01T25:00:00Z",
        "2030-01-01T24:30:00Z",
        "2030-01-01T24:00:01Z",
        "2030-01-01T24:00:00.5Z",
        "2030-01-01T00:60:00Z",
        "2030-01-01T00:00:61Z",
        "2030-01-01T00:00:00+5",
        "2030-01-01T00:00:00Q",
        "2030-1-01",
        "1.5e9",
        "0x10",
        "",
      ]) {
        assert.equal(parseDate(bad), undefined, bad);
      }
    });
  });
});
