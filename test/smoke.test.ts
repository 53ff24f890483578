import { strict as assert } from "node:assert";
import { wildcardMatch } from "pulumi-kms-guardrails/engine";

describe("wildcard", () => {
  it("matches * and ? the way IAM does", () => {
    assert.equal(wildcardMatch("kms:GenerateDataKey*", "kms:GenerateDataKeyPair"), true);
    assert.equal(wildcardMatch("kms:Gen?rate*", "kms:Decrypt"), false);
    assert.equal(process.versions.node.split(".")[0], "24");
  });
});
