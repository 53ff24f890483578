/**
 * The pack's parse cache (model/policy-cache.ts): each document parsed once, by its text, whether
 * given as text or as an object (AWS Native), and never one document's result for another.
 */
import { strict as assert } from "node:assert";
import { lintPolicy, parsePolicy, type KeyPolicy } from "pulumi-kms-guardrails/engine";
import { lintDocument, parseDocument } from "../../policypack/model/policy-cache";

const policy = (sid: string): Record<string, unknown> => ({
  Version: "2012-10-17",
  Statement: [
    { Sid: sid, Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
  ],
});

describe("policy cache", () => {
  it("the same text, or equal objects, are parsed once", () => {
    const text = JSON.stringify(policy("cache-text"));
    assert.equal(parseDocument(text), parseDocument(`${text}`));
    const first = parseDocument(policy("cache-object"));
    assert.equal(parseDocument(policy("cache-object")), first);
    assert.deepEqual(first, parsePolicy(policy("cache-object")));
  });

  // A bug found in issue 11 d8: every object JSON.stringify refuses was cached under one key, the text
  // "unserializable", so such an object got the result of the text `unserializable`, or of another one.
  it("objects JSON.stringify refuses each get their own result, not another document's", () => {
    assert.equal(parseDocument("unserializable").errors[0].code, "invalid-json");
    const cyclic = policy("cyclic");
    cyclic.Self = cyclic;
    assert.deepEqual(parseDocument(cyclic), parsePolicy(cyclic));
    const big = { ...policy("big"), Id: 1n };
    assert.deepEqual(parseDocument(big), parsePolicy(big));
  });

  it("lints a policy once per options and check set, whichever object carries the same options", () => {
    const parsed = parseDocument(JSON.stringify(policy("lint-cache"))).policy as KeyPolicy;
    const checks = new Set(["iam-policies-not-enabled"]);
    const options = { reportLiteralArnComparisons: false };
    const first = lintDocument(parsed, options, checks);
    assert.deepEqual(first, lintPolicy(parsed, options, checks));
    assert.equal(lintDocument(parsed, options, checks), first, "the same options object");
    assert.equal(lintDocument(parsed, { reportLiteralArnComparisons: false }, checks), first, "equal options");
    assert.equal(lintDocument(parsed, options, new Set(checks)), first, "an equal check set");
    const keyArn = "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const other = lintDocument(parsed, { ...options, keyArn }, checks);
    assert.notEqual(other, first);
    assert.deepEqual(other, lintPolicy(parsed, { ...options, keyArn }, checks));
    assert.equal(other[0]?.id, "iam-policies-not-enabled", "another account: its own findings");
    assert.equal(first[0]?.id, "iam-policies-account-unknown", "no key ARN: the account is not known");
    assert.equal(lintDocument(parsed, { ...options, keyArn }, checks), other);
    assert.equal(lintDocument(parsed, options, checks), first, "the first entry still answers");
    const all = lintDocument(parsed, options);
    assert.deepEqual(all, lintPolicy(parsed, options));
    assert.equal(lintDocument(parsed, options), all);
  });
});
