/**
 * matchResources against a key ARN known only in part (its id not known yet during preview): the
 * known parts are compared with each pattern as AWS compares Resource (wildcards, case-sensitive);
 * a pattern with a policy variable cannot be judged.
 */
import { strict as assert } from "node:assert";
import { compileResources, matchResources } from "../../components/src/engine/evaluate/resource-match";
import { PULUMI_UNKNOWN_SENTINEL as S } from "../../components/src/engine/types";

const KEY = `arn:aws:kms:us-east-1:111122223333:key/${S}`;
const NO_LOOKUP = (): undefined => undefined;
const match = (pattern: string, resource: string) =>
  matchResources(compileResources([pattern], false, true), resource, NO_LOOKUP);

describe("matchResources: a key ARN known in part", () => {
  it("wildcards in the pattern are wildcards", () => {
    assert.equal(match("arn:aws:kms:*:111122223333:key/*", KEY), true);
    assert.equal(match("arn:aws:kms:us-*:111122223333:key/*", KEY), true);
    assert.equal(match("arn:aws:kms:eu-*:111122223333:key/*", KEY), false);
  });

  it("the comparison is case-sensitive", () => {
    assert.equal(match("arn:aws:kms:US-EAST-1:111122223333:key/*", KEY), false);
    assert.equal(match("arn:aws:kms:us-east-1:111122223333:key/*", KEY), true);
  });

  it("the unknown id may or may not equal a literal id", () => {
    assert.equal(match("arn:aws:kms:us-east-1:111122223333:key/1234", KEY), "unknown");
    assert.equal(match("arn:aws:kms:us-east-1:444455556666:key/1234", KEY), false);
  });

  it("a pattern with a policy variable cannot be judged", () => {
    assert.equal(match("arn:aws:kms:us-east-1:111122223333:key/${aws:username}", KEY), "unknown");
    assert.equal(match("arn:aws:kms:eu-west-1:111122223333:key/${aws:username}", KEY), "unknown");
  });
});
