/**
 * The pack's parse cache (model/policy-cache.ts): each document parsed once, by its text, whether
 * given as text or as an object (AWS Native), and never one document's result for another.
 */
import { strict as assert } from "node:assert";
import { parsePolicy } from "pulumi-kms-guardrails/engine";
import { parseDocument } from "../../policypack/model/policy-cache";

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
});
