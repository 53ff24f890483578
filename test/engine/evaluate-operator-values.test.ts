/**
 * compileValue on policy values not known yet (a Pulumi output during preview), per operator family:
 * String and Arn values known in part still rule request values out by their known parts, each with
 * its own semantics (StringEquals literal, StringLike wildcards, Arn part by part); values of the
 * other families are not known at all.
 */
import { strict as assert } from "node:assert";
import { compileValue, operatorSemantics } from "../../components/src/engine/evaluate/condition-operators";
import { PULUMI_UNKNOWN_SENTINEL as S } from "../../components/src/engine/types";

const NO_LOOKUP = (): undefined => undefined;

function matcher(operator: string, raw: string) {
  const sem = operatorSemantics(operator);
  assert.ok(sem !== undefined, operator);
  return compileValue(raw, sem, true);
}

describe("compileValue: policy values not known yet", () => {
  it("StringEquals compares the known parts literally: a * there is no wildcard", () => {
    const m = matcher("StringEquals", `x*${S}`);
    assert.equal(m.problem, "is not known yet");
    assert.equal(m.test("xyz", NO_LOOKUP), false);
    assert.equal(m.test("x*yz", NO_LOOKUP), "unknown");
  });

  it("StringLike treats the known * as a wildcard", () => {
    assert.equal(matcher("StringLike", `x*${S}`).test("xyz", NO_LOOKUP), "unknown");
    assert.equal(matcher("StringLike", `x*${S}`).test("ayz", NO_LOOKUP), false);
  });

  it("ArnEquals and ArnLike compare ARN part by part: the unknown account does not span a colon", () => {
    for (const op of ["ArnEquals", "ArnLike"]) {
      const m = matcher(op, `arn:aws:iam::${S}:role/x`);
      assert.equal(m.problem, "is not known yet", op);
      assert.equal(m.test("arn:aws:iam::111122223333:role/x", NO_LOOKUP), "unknown", op);
      assert.equal(m.test("arn:aws:iam::1111:2222:role/x", NO_LOOKUP), false, op);
      assert.equal(m.test("arn:aws:iam::111122223333:role/y", NO_LOOKUP), false, op);
    }
  });

  it("a String value known in part that looks like no ARN is compared as text", () => {
    assert.equal(matcher("StringEquals", `ab${S}`).test("abc", NO_LOOKUP), "unknown");
    assert.equal(matcher("StringEquals", `ab${S}`).test("ba", NO_LOOKUP), false);
  });

  it("Numeric, Date, Bool and IP values are not known at all: their known parts decide nothing", () => {
    const cases: readonly (readonly [string, string, string])[] = [
      ["NumericLessThan", `1${S}`, "25"],
      ["DateGreaterThan", `2020${S}`, "2019-01-01T00:00:00Z"],
      ["Bool", `t${S}`, "false"],
      ["IpAddress", `10.${S}`, "192.0.2.1"],
    ];
    for (const [op, raw, value] of cases) {
      const m = matcher(op, raw);
      assert.equal(m.problem, "is not known yet", op);
      assert.equal(m.test(value, NO_LOOKUP), "unknown", op);
      assert.equal(m.testPartial, undefined, op);
    }
  });
});
