/**
 * `enablesIamPolicies(policy, account, keyArn?)`: the decision of iam-policies-not-enabled without
 * its finding, for a caller trying candidate accounts (the policy pack when the key's account is not
 * known, issue 11 d8). It answers true exactly when lintPolicy with that keyAccount (and keyArn)
 * reports no iam-policies-not-enabled.
 */
import { strict as assert } from "node:assert";
import { enablesIamPolicies, lintPolicy, type LintOptions } from "pulumi-kms-guardrails/engine";
import { allow, asPolicyDocument, deny } from "./lint-area-helper";
import { keyPolicyFromJson } from "./policy-from-json";

const A = "111122223333";
const B = "444455556666";
const root = (account: string): { AWS: string } => ({ AWS: `arn:aws:iam::${account}:root` });
const KEY_A = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const POLICIES: Record<string, unknown> = {
  "kms:* to the root": allow(root(A), "kms:*"),
  "kms:* to the bare account id": allow({ AWS: A }, "kms:*"),
  "kms:* to a role": allow({ AWS: `arn:aws:iam::${A}:role/Admin` }, "kms:*"),
  "kms:* with a condition": allow(root(A), "kms:*", { StringEquals: { "kms:CallerAccount": A } }),
  "only some actions": allow(root(A), ["kms:Decrypt", "kms:Encrypt"]),
  "every action by wildcards": allow(root(A), ["kms:*crypt*", "kms:*"]),
  "NotAction of nothing KMS": { ...allow(root(A), "kms:*"), Action: undefined, NotAction: "s3:GetObject" },
  "a Deny": deny(root(A), "kms:*"),
  "on the key's ARN": { ...allow(root(A), "kms:*"), Resource: KEY_A },
  "on a key ARN pattern of the account": { ...allow(root(A), "kms:*"), Resource: `arn:aws:kms:*:${A}:key/*` },
  "on another account's key": { ...allow(root(A), "kms:*"), Resource: `arn:aws:kms:us-east-1:${B}:key/k` },
  "both accounts in one statement": allow({ AWS: [root(B).AWS, root(A).AWS] }, "kms:*"),
  "two statements, one per account": {
    Statement: [allow(root(B), "kms:Decrypt"), allow(root(A), "kms:*"), allow(root(B), "kms:*")],
  },
};

describe("enablesIamPolicies", () => {
  for (const [name, json] of Object.entries(POLICIES)) {
    const policy = keyPolicyFromJson(asPolicyDocument(json));
    for (const options of [{ keyAccount: A }, { keyAccount: B }, { keyAccount: A, keyArn: KEY_A }] as const) {
      it(`${name}, ${JSON.stringify(options)}: as lintPolicy decides`, () => {
        const linted = lintPolicy(policy, options as LintOptions).some((f) => f.id === "iam-policies-not-enabled");
        assert.equal(
          enablesIamPolicies(policy, options.keyAccount, "keyArn" in options ? options.keyArn : undefined),
          !linted,
        );
      });
    }
  }

  it("the table has both answers", () => {
    const policy = (name: string) => keyPolicyFromJson(asPolicyDocument(POLICIES[name]));
    assert.equal(enablesIamPolicies(policy("kms:* to the root"), A), true);
    assert.equal(enablesIamPolicies(policy("kms:* to the root"), B), false);
    assert.equal(enablesIamPolicies(policy("on another account's key"), A), false);
    assert.equal(enablesIamPolicies(policy("two statements, one per account"), B), true);
  });
});
