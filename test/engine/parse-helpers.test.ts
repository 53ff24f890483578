/**
 * The parser's small helpers, through what users see: JSON paths, how a wrong value is described,
 * "did you mean" suggestions, and why a Resource with a policy variable can never match the key.
 */
import { strict as assert } from "node:assert";
import { parsePolicy, type ParseResult } from "pulumi-kms-guardrails/engine";
import { childPath } from "../../components/src/engine/parse/context";
import { closestMatch, editDistance } from "../../components/src/engine/parse/suggest";

const VERSION = "2012-10-17";
const BASE = {
  Sid: "Root",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};
const policyWith = (patch: Record<string, unknown>): Record<string, unknown> => ({
  Version: VERSION,
  Statement: [{ ...BASE, ...patch }],
});
const errors = (result: ParseResult): string[][] => result.errors.map((e) => [e.path, e.code, e.message]);

describe("parser helpers", () => {
  describe("JSON paths", () => {
    it("indexes, identifier-like names and other names, however long", () => {
      assert.equal(childPath("$.Statement", 3), "$.Statement[3]");
      assert.equal(childPath("$", "Statement"), "$.Statement");
      assert.equal(childPath("$", "aws:x"), '$["aws:x"]');
      const long = "k".repeat(200);
      assert.equal(childPath("$", long), `$.${long}`);
      assert.equal(childPath("$", long), `$.${long}`);
      assert.equal(childPath("$", `${long}:`), `$["${long}:"]`);
    });
  });

  describe("values described in messages", () => {
    it("names booleans, numbers and bigints, and shortens long strings", () => {
      assert.deepEqual(errors(parsePolicy(policyWith({ Sid: true }))), [
        ["$.Statement[0].Sid", "invalid-sid", "Sid must be a string, not the boolean true."],
      ]);
      assert.deepEqual(errors(parsePolicy(policyWith({ Sid: 10n }))), [
        ["$.Statement[0].Sid", "invalid-sid", "Sid must be a string, not the bigint 10."],
      ]);
      const long = "x".repeat(100);
      assert.deepEqual(errors(parsePolicy(policyWith({ Effect: long }))), [
        [
          "$.Statement[0].Effect",
          "invalid-effect",
          `Effect must be exactly "Allow" or "Deny", not "${"x".repeat(80)}…".`,
        ],
      ]);
    });

    it("members whose value is undefined are absent, as in JSON", () => {
      const result = parsePolicy({
        Version: VERSION,
        Id: undefined,
        Bogus: undefined,
        Statement: [{ ...BASE, Foo: undefined, Principal: { AWS: BASE.Principal.AWS, Service: undefined } }],
      });
      assert.deepEqual(errors(result), []);
      assert.deepEqual(result.policy?.statements[0].principal?.service, []);
    });
  });

  describe("suggestions", () => {
    it("edit distance, and the limit it stops at", () => {
      assert.equal(editDistance("kitten", "sitting", 5), 3);
      assert.equal(editDistance("abcdef", "uvwxyz", 1), 2);
      assert.equal(editDistance("abc", "abcdefgh", 2), 3);
      assert.equal(editDistance("", "ab", 2), 2);
    });

    it("the closest candidate within a third of the length, at most 3 edits, the first of equals", () => {
      assert.equal(closestMatch("abc", ["xyz"]), undefined);
      assert.equal(closestMatch("abcdef", ["abcxyz"]), undefined);
      assert.equal(closestMatch("abcdef", ["abcdxy"]), "abcdxy");
      assert.equal(closestMatch("abcdefghijklmnopqrstuvwxyz", ["abcdefghijklmnopqrstuvqrst"]), undefined);
      assert.equal(
        closestMatch("abcdefghijklmnopqrstuvwxyz", ["abcdefghijklmnopqrstuvwxqr"]),
        "abcdefghijklmnopqrstuvwxqr",
      );
      assert.equal(closestMatch("abc", ["abd", "abc"]), "abc");
      assert.equal(closestMatch("abc", ["abd", "abe"]), "abd");
      assert.equal(closestMatch("aws", ["AWS", "Aws"]), "AWS");
    });

    it("no suggestion for an empty name or one longer than 64 characters", () => {
      assert.equal(closestMatch("", ["", "a"]), undefined);
      assert.equal(closestMatch("a".repeat(64), ["A".repeat(64)]), "A".repeat(64));
      assert.equal(closestMatch("a".repeat(65), ["A".repeat(65)]), undefined);
    });
  });

  describe("Resource with policy variables", () => {
    const never = (resource: string, why: string): string[] => [
      "$.Statement[0].Resource",
      "resource-never-matches-key",
      `Resource ${JSON.stringify(resource)} can never match this KMS key: ${why}.`,
    ];

    it("a variable after the fifth colon of a key ARN is substituted, and the key can match", () => {
      for (const resource of [
        "arn:aws:kms:us-east-1:111122223333:key/${aws:username}",
        "arn:aws:kms:us-east-1:111122223333:${aws:username}",
        "arn:aws:kms:us-east-1:111122223333:key/${a}-${b}",
      ]) {
        assert.deepEqual(errors(parsePolicy(policyWith({ Resource: resource }))), [], resource);
      }
    });

    it("a variable after the fifth colon of another service's ARN: the service is the reason", () => {
      const s3 =
        'it is an ARN of service "s3", and a key policy controls only its own KMS key; ' +
        'use "*" (this key) or the key\'s ARN, arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID';
      for (const resource of ["arn:aws:s3:::${aws:username}", "arn:aws:s3:::b/${aws:username}"]) {
        assert.deepEqual(errors(parsePolicy(policyWith({ Resource: resource }))), [never(resource, s3)]);
      }
    });

    it("a variable in the text before the fifth colon is literal", () => {
      const resource = "arn:aws:kms:${aws:RequestedRegion}:111122223333:key/${aws:username}";
      assert.deepEqual(errors(parsePolicy(policyWith({ Resource: resource }))), [
        never(
          resource,
          "${aws:RequestedRegion} stands before the fifth colon, where AWS substitutes no policy variables " +
            "(only the resource part after it takes them), so it is literal text no key ARN contains",
        ),
      ]);
    });
  });
});
