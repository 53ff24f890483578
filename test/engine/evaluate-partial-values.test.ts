/**
 * Values known only in part (partial-values.ts) against every filling of their holes: a comparison
 * is decided only when every filling gives the same answer, and it is never decided wrongly. The
 * reference fills each hole of the request value with strings of a small alphabet and each hole of
 * the policy value likewise, and matches with `wildcardMatch` (the same semantics as a known value).
 * Fixed seed; set FUZZ_RUNS for a longer run.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { PULUMI_UNKNOWN_SENTINEL as U, wildcardMatch } from "pulumi-kms-guardrails/engine";
import { partialArn, partialString } from "../../components/src/engine/evaluate/partial-values";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_500);
const FILLINGS = ["", "a", "b", "*", "ab", "ba", "aa"];

/** Every way to fill the holes of `s` with FILLINGS. */
function fillings(s: string): string[] {
  const parts = s.split(U);
  let out = [parts[0]];
  for (const part of parts.slice(1)) out = out.flatMap((prefix) => FILLINGS.map((f) => prefix + f + part));
  return out;
}

/** What the known-value comparison answers for each pair of fillings. */
function reference(raw: string, value: string, like: boolean, ignoreCase: boolean): boolean[] {
  const answers: boolean[] = [];
  for (const p of fillings(raw)) {
    for (const v of fillings(value)) {
      const [pp, vv] = ignoreCase ? [p.toLowerCase(), v.toLowerCase()] : [p, v];
      answers.push(like ? wildcardMatch(pp, vv) : pp === vv);
    }
  }
  return answers;
}

const text = (chars: string[]) => fc.array(fc.constantFrom(...chars), { maxLength: 5 }).map((cs) => cs.join(""));

describe("values known in part", () => {
  it("decided only when every filling agrees, and never against one (fixed seed)", () => {
    fc.assert(
      fc.property(
        text(["a", "b", "A", "*", "?", U]),
        text(["a", "b", "B", "*", "?", U]),
        fc.boolean(),
        fc.boolean(),
        (raw, value, like, ignoreCase) => {
          const answer = partialString(raw, value, like, ignoreCase);
          const all = reference(raw, value, like, ignoreCase);
          if (answer === true) return all.every((x) => x) && !raw.includes(U);
          if (answer === false) return all.every((x) => !x);
          // Undecided is never wrong ("never a guess"); the test below requires decisions where nothing is unknown.
          return true;
        },
      ),
      { seed: 13, numRuns: RUNS },
    );
  });

  it("a known request value against a known policy value is the plain comparison", () => {
    fc.assert(
      fc.property(
        text(["a", "b", "*", "?", "\n"]),
        text(["a", "b", "*", "?", "\n"]),
        fc.boolean(),
        (raw, value, like) =>
          partialString(raw, value, like, false) === (like ? wildcardMatch(raw, value) : raw === value),
      ),
      { seed: 14, numRuns: RUNS },
    );
  });

  it("many holes and stars are decided without exploring every path", () => {
    const stars = "*a".repeat(40);
    const holes = `${U}a`.repeat(40);
    assert.equal(partialString(stars, holes, true, false), true);
    assert.equal(partialString(`${stars}b`, `${holes}${U}`, true, false), "unknown");
    assert.equal(partialString(`${stars}c`, `${holes}d`, true, false), false);
  });

  it("request values' * and ? are characters, not wildcards", () => {
    assert.equal(partialString("abc", `${U}*`, true, false), false);
    assert.equal(partialString("abc", `${U}?`, true, false), false);
    assert.equal(partialString("ab*", `${U}b*`, false, false), "unknown");
  });

  it("IgnoreCase folds both sides to lower case, as the known-value comparison does", () => {
    assert.equal(partialString("OPS-Team", `${U}team`, false, true), "unknown");
    assert.equal(partialString("OPS-Team", `${U}TEAMS`, false, true), false);
    assert.equal(partialString("STRASSE", `${U}straße`, false, true), false);
    assert.equal(partialString("OPS-Team", `${U}team`, false, false), false);
  });

  it("ARNs part by part: a hole is one part, case matters, anything that is not an ARN", () => {
    const trail = `arn:aws:cloudtrail:us-east-1:${U}:trail/audit`;
    assert.equal(partialArn("arn:aws:cloudtrail:*:*:trail/audit", trail), true);
    assert.equal(partialArn("arn:aws:cloudtrail:*:111111111111:trail/audit", trail), "unknown");
    assert.equal(partialArn("arn:aws:cloudtrail:*:*:trail/Audit", trail), false);
    assert.equal(partialArn("arn:aws:cloudtrail:us-west-2:*:trail/audit", trail), false);
    // A policy value that is not an ARN matches nothing, unless a part not known yet may make it one.
    assert.equal(partialArn("trail/audit", trail), false);
    assert.equal(partialArn(`arn:aws:${U}`, trail), "unknown");
    // A request value that does not split into six parts: not an ARN, unless its holes may make it one.
    assert.equal(partialArn("arn:aws:cloudtrail:*:*:trail/audit", "arn:aws:cloudtrail:trail/audit"), false);
    assert.equal(partialArn("arn:aws:cloudtrail:*:*:trail/audit", `arn:aws:cloudtrail:${U}`), "unknown");
  });
});
