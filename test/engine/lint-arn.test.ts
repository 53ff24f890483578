/**
 * engine/arn.ts, which the linter, the parser and the evaluator read every ARN with: the six parts
 * (colons kept in the resource), what is not an ARN, account ids, and where the resource begins.
 */
import { strict as assert } from "node:assert";
import { arnResourceStart, isAccountId, parseArn } from "../../components/src/engine/arn";

describe("engine arn: parseArn", () => {
  it("splits an ARN into its six parts; the resource keeps its colons", () => {
    assert.deepEqual(parseArn("arn:aws:kms:us-east-1:111122223333:key/1234abcd"), {
      partition: "aws",
      service: "kms",
      region: "us-east-1",
      account: "111122223333",
      resource: "key/1234abcd",
    });
    assert.deepEqual(parseArn("arn:aws-cn:logs:cn-north-1:111122223333:log-group:a:*"), {
      partition: "aws-cn",
      service: "logs",
      region: "cn-north-1",
      account: "111122223333",
      resource: "log-group:a:*",
    });
    assert.deepEqual(parseArn("arn:aws:iam::111122223333:root"), {
      partition: "aws",
      service: "iam",
      region: "",
      account: "111122223333",
      resource: "root",
    });
    assert.deepEqual(parseArn("arn:::::"), { partition: "", service: "", region: "", account: "", resource: "" });
  });

  it("is undefined for what is not an ARN: another prefix, or fewer than five colons", () => {
    for (const s of [
      "",
      "*",
      "ARN:aws:kms:us-east-1:111122223333:key/k",
      "xarn:aws:kms:us-east-1:111122223333:key/k",
      "arn",
      "arn:",
      "arn:aws",
      "arn:aws:kms",
      "arn:aws:kms:us-east-1",
      "arn:aws:kms:us-east-1:111122223333",
      "arn:aws:kms:us-east-1:111122223333/key",
      "111122223333",
    ]) {
      assert.equal(parseArn(s), undefined, s);
    }
    assert.equal(parseArn("arn:aws:kms:us-east-1:111122223333:")?.resource, "");
  });
});

describe("engine arn: isAccountId", () => {
  it("twelve decimal digits, nothing else", () => {
    assert.equal(isAccountId("111122223333"), true);
    assert.equal(isAccountId("000000000000"), true);
    assert.equal(isAccountId("999999999999"), true);
    for (const s of [
      "",
      "11112222333",
      "1111222233334",
      "11112222333a",
      "/11122223333",
      "11112222333:",
      " 11122223333",
    ]) {
      assert.equal(isAccountId(s), false, s);
    }
  });

  it("a number from plain JavaScript counts as the text it prints as", () => {
    assert.equal(isAccountId(111122223333 as unknown as string), true);
    assert.equal(isAccountId(11112222333 as unknown as string), false);
    assert.equal(isAccountId(undefined as unknown as string), false);
  });
});

describe("engine arn: arnResourceStart", () => {
  it("just after the fifth colon, every colon counted (a variable's too); -1 with fewer", () => {
    assert.equal(arnResourceStart("arn:aws:kms:us-east-1:111122223333:key/k"), 35);
    assert.equal(arnResourceStart("arn:aws:kms::"), -1);
    assert.equal(arnResourceStart("arn:aws:kms:::"), 14);
    assert.equal(arnResourceStart(":::::"), 5);
    assert.equal(arnResourceStart("arn:aws:kms:${aws:region}:111122223333:key/k"), 26);
    assert.equal(arnResourceStart("arn:aws:kms:us-east-1:111122223333"), -1);
    assert.equal(arnResourceStart(""), -1);
  });
});
