/**
 * The parser's remembered string checks (parse/strings.ts). `PassedStrings` is a bounded cache of
 * strings that passed a check: it may forget, but it must never claim a string it was not given, and
 * its bounds are documented: strings of at most 256 characters, at most 512 of them (it empties when
 * it would hold more), and a string is forgotten only to make room in a run of 8 slots. The tests
 * hold it to that contract on a long sequence of strings, near-duplicates included, whatever slots its
 * hash picks, and ask it to hold the names policies repeat all at once.
 * `StringCheck` runs a check once per string that passes and every time for one that does not;
 * `readStrings` reads the "string or array of strings" shape.
 */
import { strict as assert } from "node:assert";
import { clearCaches } from "../../components/src/engine/caches";
import { ParseContext } from "../../components/src/engine/parse/context";
import { PassedStrings, readStrings, StringCheck } from "../../components/src/engine/parse/strings";
import { GLOBAL_CONDITION_KEYS } from "../../components/src/engine/data/condition-keys";
import { KMS_ACTION_ROWS, KMS_CONDITION_KEY_ROWS } from "../../components/src/engine/data/kms-actions";

const MAX_LENGTH = 256;
const MAX_HELD = 512;
const PROBES = 8;

/** A fixed pseudo-random sequence (a linear congruential generator), so failures repeat. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state >> 8;
  };
}

const ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:/-*";

/** Strings of 1 to 40 characters; one in three is an earlier one with one character changed. */
function strings(seed: number): () => string {
  const next = numbers(seed);
  const made: string[] = [];
  return () => {
    let s: string;
    if (made.length > 0 && next() % 3 === 0) {
      const base = made[next() % made.length];
      const at = next() % base.length;
      s = base.slice(0, at) + ALPHABET[next() % ALPHABET.length] + base.slice(at + 1);
    } else {
      s = Array.from({ length: 1 + (next() % 40) }, () => ALPHABET[next() % ALPHABET.length]).join("");
    }
    made.push(s);
    return s;
  };
}

/** The names policies repeat: every KMS action, KMS condition key and global condition key. */
const POLICY_NAMES = [
  ...new Set([
    ...KMS_ACTION_ROWS.map((row) => `kms:${row.name}`),
    ...KMS_CONDITION_KEY_ROWS.map((row) => row.key),
    ...GLOBAL_CONDITION_KEYS.map((info) => info.key),
  ]),
];

const remembered = (passed: PassedStrings, strings: Iterable<string>): Set<string> =>
  new Set([...strings].filter((s) => passed.has(s)));

describe("parse: remembered strings", () => {
  describe("PassedStrings", () => {
    it("keeps its contract over a long sequence of adds, repeats included", () => {
      const passed = new PassedStrings();
      const given: string[] = [];
      const givenSet = new Set<string>();
      const fresh = strings(42);
      // Strings that may or may not have been given: each is checked only while it was not.
      const probed = Array.from({ length: 300 }, strings(7));
      const next = numbers(3);
      let empties = 0;
      for (let step = 0; step < 1_600; step++) {
        // One add in five repeats a string given before.
        const value = step % 5 === 4 && given.length > 0 ? given[next() % given.length] : fresh();
        const before = remembered(passed, given);
        passed.add(value);
        if (!givenSet.has(value)) {
          givenSet.add(value);
          given.push(value);
        }
        const after = remembered(passed, given);
        const where = `step ${step}, adding ${value} with ${before.size} held`;

        assert.ok(after.has(value), `${where}: the string just added is remembered`);
        assert.ok(after.size <= MAX_HELD, `${where}: holds ${after.size}`);
        if (before.size === MAX_HELD) {
          // Half full: it empties, then takes the new string.
          assert.deepEqual([...after], [value], `${where}: empties when half full`);
          empties++;
        } else {
          const forgotten = [...before].filter((s) => !after.has(s));
          if (before.has(value)) assert.deepEqual(forgotten, [], `${where}: a repeat changes nothing`);
          if (before.size < PROBES) assert.deepEqual(forgotten, [], `${where}: fewer than 8 held, none forgotten`);
          assert.ok(forgotten.length <= 1, `${where}: forgot ${forgotten.join(", ")}`);
        }
        for (const s of probed) {
          if (!givenSet.has(s)) assert.equal(passed.has(s), false, `${where}: never given ${s}`);
        }
      }
      // It fills up to its bound, and empties, more than once.
      assert.ok(empties >= 2, `emptied ${empties} times`);
    });

    it("remembers strings of up to 256 characters, never longer ones", () => {
      const passed = new PassedStrings();
      const longest = "a".repeat(MAX_LENGTH);
      const tooLong = "b".repeat(MAX_LENGTH + 1);
      passed.add(longest);
      passed.add(tooLong);
      assert.equal(passed.has(longest), true);
      assert.equal(passed.has(tooLong), false);
      // Nor does it take another's place.
      for (let i = 0; i < 20; i++) passed.add(tooLong);
      assert.equal(passed.has(longest), true);
    });

    it("holds the names policies repeat all at once: every KMS action and condition key", () => {
      const passed = new PassedStrings();
      for (const s of POLICY_NAMES) passed.add(s);
      assert.ok(POLICY_NAMES.length > 150);
      assert.deepEqual(
        POLICY_NAMES.filter((s) => !passed.has(s)),
        [],
      );
    });

    it("forgets everything on clear, and remembers again after", () => {
      const passed = new PassedStrings();
      for (const s of POLICY_NAMES) passed.add(s);
      assert.equal(remembered(passed, POLICY_NAMES).size, POLICY_NAMES.length);
      passed.clear();
      assert.equal(remembered(passed, POLICY_NAMES).size, 0);
      passed.add("kms:Decrypt");
      assert.deepEqual([...remembered(passed, POLICY_NAMES)], ["kms:Decrypt"]);
    });

    it("never claims the empty string, which no check passes", () => {
      const passed = new PassedStrings();
      for (const s of POLICY_NAMES) passed.add(s);
      assert.equal(passed.has(""), false);
    });
  });

  describe("StringCheck", () => {
    /** A check that counts its runs and finds a problem in strings starting with "bad". */
    function counting(obviouslyPasses?: (value: string) => boolean) {
      const runs: string[] = [];
      const check = new StringCheck((ctx, value, path) => {
        runs.push(`${value} at ${path}`);
        if (value.startsWith("bad")) ctx.error(path, "malformed-action", `${value} is bad.`);
      }, obviouslyPasses);
      return { runs, check };
    }

    it("checks a string that passes once, and one with a problem every time, at its path", () => {
      const { runs, check } = counting();
      const ctx = new ParseContext();
      check.run(ctx, "kms:Decrypt", "$.Action", -1);
      check.run(ctx, "kms:Decrypt", "$.Action", 3);
      check.run(ctx, "bad:One", "$.Action", -1);
      check.run(ctx, "bad:One", "$.Action", 2);
      assert.deepEqual(runs, ["kms:Decrypt at $.Action", "bad:One at $.Action", "bad:One at $.Action[2]"]);
      assert.deepEqual(
        ctx.errors.map((e) => `${e.path}: ${e.message}`),
        ["$.Action: bad:One is bad.", "$.Action[2]: bad:One is bad."],
      );
    });

    it("remembers a pass in one document for the next", () => {
      const { runs, check } = counting();
      check.run(new ParseContext(), "kms:Encrypt", "$.Statement[0].Action", -1);
      check.run(new ParseContext(), "kms:Encrypt", "$.Statement[4].Action", 1);
      assert.deepEqual(runs, ["kms:Encrypt at $.Statement[0].Action"]);
    });

    it("does not remember a string whose check reported a problem in a full context", () => {
      const { runs, check } = counting();
      const ctx = new ParseContext();
      for (let i = 0; i < 150; i++) ctx.error("$", "malformed-action", "filler");
      check.run(ctx, "bad:Two", "$.Action", -1);
      check.run(ctx, "bad:Two", "$.Action", -1);
      assert.equal(runs.length, 2);
    });

    it("forgets its passes when the engine's caches are cleared", () => {
      const { runs, check } = counting();
      check.run(new ParseContext(), "kms:Sign", "$.Action", -1);
      clearCaches();
      check.run(new ParseContext(), "kms:Sign", "$.Action", -1);
      assert.deepEqual(runs, ["kms:Sign at $.Action", "kms:Sign at $.Action"]);
    });

    it("skips the check for strings its cheaper test accepts", () => {
      const { runs, check } = counting((value) => value === "*");
      const ctx = new ParseContext();
      check.run(ctx, "*", "$.Resource", -1);
      check.run(ctx, "*", "$.Resource", -1);
      check.run(ctx, "kms:Decrypt", "$.Resource", 0);
      check.run(ctx, "kms:Decrypt", "$.Resource", 1);
      assert.deepEqual(runs, ["kms:Decrypt at $.Resource[0]"]);
    });
  });

  describe("readStrings", () => {
    const read = (value: unknown): [string[], string[]] => {
      const ctx = new ParseContext();
      const strings = readStrings(ctx, value, "$.Action", "invalid-action-value", "Action");
      return [strings, ctx.errors.map((e) => `${e.path}: ${e.message}`)];
    };

    it("reads no strings from a value that is neither a string nor an array", () => {
      assert.deepEqual(read(5), [[], ["$.Action: Action must be a string or an array of strings, not the number 5."]]);
      assert.deepEqual(read({ a: "kms:Decrypt" }), [
        [],
        ["$.Action: Action must be a string or an array of strings, not an object."],
      ]);
    });

    it("reads no strings from an empty array", () => {
      assert.deepEqual(read([]), [[], ["$.Action: Action is an empty array; list at least one value."]]);
    });

    it("keeps the strings of an array, in order, past entries that are not strings", () => {
      assert.deepEqual(read(["kms:Decrypt", 7, "", "kms:Encrypt"]), [
        ["kms:Decrypt", "", "kms:Encrypt"],
        [
          "$.Action[1]: Action entries must be strings, not the number 7.",
          "$.Action[2]: Action entry is an empty string.",
        ],
      ]);
    });
  });
});
