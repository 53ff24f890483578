/**
 * key-arn.ts on its own: which Resource patterns can match the ARN of some KMS key
 * (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID, with * and ? wildcards), and why one cannot.
 * The parser's Resource check rests on these two answers (parse-elements.test.ts covers it whole).
 */
import { strict as assert } from "node:assert";
import { canMatchKeyArn, explainNotKeyArn } from "../../components/src/engine/parse/key-arn";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("canMatchKeyArn: the character classes of a key ARN, through wildcard patterns", () => {
  const cases: readonly (readonly [string, boolean])[] = [
    // Region: lower-case letters, digits and hyphens, at both ends of each range.
    ["arn:aws:kms:a*", true],
    ["arn:aws:kms:z*", true],
    ["arn:aws:kms:0*", true],
    ["arn:aws:kms:9*", true],
    ["arn:aws:kms:-*", true],
    ["arn:aws:kms:{*", false], // just past z
    ["arn:aws:kms:`*", false], // just before a
    ["arn:aws:kms:/*", false], // just before 0
    ["arn:aws:kms::*", false], // just past 9, and an empty Region
    ["arn:aws:kms:.*", false],
    ["arn:aws:kms:A*", false],
    // Account: exactly twelve digits, 0 to 9.
    ["arn:aws:kms:r:000000000000:*", true],
    ["arn:aws:kms:r:999999999999:*", true],
    ["arn:aws:kms:r:0?????????09:key/*", true],
    ["arn:aws:kms:r:/*", false],
    ["arn:aws:kms:r:-*", false],
    ["arn:aws:kms:r:a*", false],
    ["arn:aws:kms:r:11112222333:key/*", false], // eleven digits
    ["arn:aws:kms:r:1111222233334:key/*", false], // thirteen digits
    // Key id: the Region's characters.
    ["arn:aws:kms:r:111122223333:key/z0-9a*", true],
    ["arn:aws:kms:r:111122223333:key/{*", false],
    ["arn:aws:kms:r:111122223333:key/?A", false],
  ];
  for (const [pattern, expected] of cases) {
    it(`${pattern} -> ${expected}`, () => {
      assert.equal(canMatchKeyArn(pattern), expected);
    });
  }
});

describe("canMatchKeyArn: wildcards once the whole key ARN is matched", () => {
  it("a * after the key id stays in the key id: what follows cannot start the ARN again", () => {
    assert.equal(canMatchKeyArn(`${KEY}*`), true);
    assert.equal(canMatchKeyArn(`${KEY}*abc`), true);
    assert.equal(canMatchKeyArn(`${KEY}*${KEY}`), false);
    assert.equal(canMatchKeyArn(`${KEY}*:`), false);
  });

  it("a ? after the key id is one more key-id character, never a step back to the start", () => {
    assert.equal(canMatchKeyArn(`${KEY}?`), true);
    assert.equal(canMatchKeyArn(`${KEY}?a`), true);
    assert.equal(canMatchKeyArn(`${KEY}?X${KEY}`), false);
    assert.equal(canMatchKeyArn(`${KEY}?:`), false);
  });

  it("* may span colons and whole segments", () => {
    assert.equal(canMatchKeyArn("arn:*"), true);
    assert.equal(canMatchKeyArn("*"), true);
    assert.equal(canMatchKeyArn("*:key/*"), true);
    assert.equal(canMatchKeyArn("arn:*:alias/*"), false);
    assert.equal(canMatchKeyArn("arn:aws:kms:*:key/*:*"), false);
  });

  it("answers many stars that cannot match without visiting a state twice", () => {
    // Revisiting states makes the search exponential in the stars (it would not finish).
    assert.equal(canMatchKeyArn(`arn:aws:kms:${"*".repeat(40)}Q`), false);
    assert.equal(canMatchKeyArn(`${"*".repeat(40)}:key/${"*".repeat(40)}/`), false);
  });

  it("a long pattern with wildcards is judged up to 65,536 characters, and past that taken to possibly match", () => {
    const head = "arn:aws:kms:us-east-1:111122223333:key/";
    const at = (length: number, tail = "a"): string => `${head}${tail.repeat(length - head.length - 1)}*`;
    assert.equal(at(2049).length, 2049);
    // A key id of that many letters: the pattern matches it (it used to be refused past 2,048).
    assert.equal(canMatchKeyArn(at(2049)), true);
    assert.equal(canMatchKeyArn(at(40_000)), true);
    // "_" is no key id character: judged, and refused, at any length the search covers.
    assert.equal(canMatchKeyArn(at(2049, "_")), false);
    assert.equal(canMatchKeyArn(at(65_536, "_")), false);
    assert.equal(canMatchKeyArn(at(65_537, "_")), true);
  });

  it("a literal pattern is compared with the key ARN syntax whatever its length", () => {
    assert.equal(canMatchKeyArn(KEY), true);
    assert.equal(canMatchKeyArn(`${KEY}${"a".repeat(3000)}`), true);
    assert.equal(canMatchKeyArn(`${KEY}:`), false);
    // Past the wildcard search's 65,536 characters, a literal is still compared, not taken to match.
    assert.equal(canMatchKeyArn(`${KEY}:${"a".repeat(70_000)}`), false);
    assert.equal(canMatchKeyArn("arn:aws-eusc:kms:eusc-de-east-1:111122223333:key/mrk-1"), true);
    assert.equal(canMatchKeyArn("arn:aws-x:kms:us-east-1:111122223333:key/1"), false);
  });

  it("gives the same answer when asked again", () => {
    for (let round = 0; round < 2; round++) {
      assert.equal(canMatchKeyArn("arn:aws:kms:*:111122223333:key/*"), true);
      assert.equal(canMatchKeyArn("arn:aws:s3:::*"), false);
    }
  });
});

describe("explainNotKeyArn: the first wrong segment, whole", () => {
  const NOT_ARN =
    'it is not an ARN; use "*" (in a key policy, "*" means this KMS key) or the key\'s ARN, ' +
    "arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID";
  const GENERIC =
    'the pattern cannot match any arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID; use "*" (this KMS key) or the key ARN';
  const cases: readonly (readonly [string, string])[] = [
    ["arm:aws:kms:us-east-1:111122223333:key/abc", NOT_ARN],
    ["arn:aws:kms:us-east-1", NOT_ARN],
    ["key/abc", NOT_ARN],
    ["arn:aws:kms:us-east-1:111122223333", NOT_ARN],
    ["arn:aws:kms:us-east-1:*", GENERIC],
    ["arn:aws:kms:us-east-1X:111122223333:key/abc", '"us-east-1X" is not a Region code such as us-east-1'],
    ["arn:aws:kms::111122223333:key/abc", '"" is not a Region code such as us-east-1'],
    ["arn:aws:kms:us-east-1:a111122223333:key/abc", 'the account "a111122223333" is not a 12-digit AWS account id'],
    ["arn:aws:kms:us-east-1:1111222233334:key/abc", 'the account "1111222233334" is not a 12-digit AWS account id'],
    ["arn:aws:kms:us-east-1:111122223333:key/a:b", '"key/a:b" is not key/KEY-ID with a lower-case key id'],
    ["arn:aws:kms:us-east-1:111122223333:key/ABC", '"key/ABC" is not key/KEY-ID with a lower-case key id'],
    ["arn:aws:kms:us-east-1:111122223333:key/ABC:*", GENERIC],
  ];
  for (const [resource, expected] of cases) {
    it(resource, () => {
      assert.equal(explainNotKeyArn(resource), expected);
    });
  }
});
