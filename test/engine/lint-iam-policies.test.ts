/**
 * What users read from iam-policies-not-enabled and iam-policies-account-unknown: where the key's
 * account was taken from (keyAccount, keyArn, the key ARNs in Resource), and which statement counts
 * as enabling IAM policies (an unconditioned Allow of kms:* to the account, on the key).
 */
import { strict as assert } from "node:assert";
import type { Finding, LintOptions } from "pulumi-kms-guardrails/engine";
import { allow, deny, findingsOf, lintJson } from "./lint-area-helper";

const ID = "iam-policies-not-enabled";
const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const ROOT = { AWS: "arn:aws:iam::111122223333:root" };
const ENABLE_IAM = { Sid: "Enable IAM User Permissions", ...allow(ROOT, "kms:*") };
const SOURCE = { seed: "004", section: "IAM policies" } as const;
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };

const notEnabled = (account: string, from: string, partition = "aws"): Finding => ({
  id: ID,
  severity: "error",
  message:
    `No statement allows kms:* on the key to account ${account} (from ${from}) without conditions, so IAM policies ` +
    "in that account cannot grant access to the key.",
  path: "$.Statement",
  fix: {
    description: "Add the statement that enables IAM policies for the key's account.",
    json: {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:${partition}:iam::${account}:root` },
      Action: "kms:*",
      Resource: "*",
    },
  },
  source: SOURCE,
});

const verdict = (json: unknown, options?: LintOptions): Finding[] =>
  lintJson(json, options).filter((f) => f.id.startsWith("iam-policies") || f.id === "lint-check-failed");

describe("lint text: iam-policies-not-enabled", () => {
  it("says where the account came from: the keyAccount option (an id: partition aws)", () => {
    assert.deepEqual(verdict({ Statement: [allow(CLOUDTRAIL, "kms:Decrypt")] }, { keyAccount: "444455556666" }), [
      notEnabled("444455556666", "the keyAccount option"),
    ]);
  });

  it("or where the caller says it chose the account (keyAccountFrom), never an option the user did not set", () => {
    const options = { keyAccount: "arn:aws:iam::444455556666:root", keyAccountFrom: "the stack's provider" };
    assert.deepEqual(verdict({ Statement: [allow(CLOUDTRAIL, "kms:Decrypt")] }, options), [
      notEnabled("444455556666", "the stack's provider"),
    ]);
  });

  it("the keyArn option, with its partition", () => {
    const keyArn = "arn:aws-us-gov:kms:us-gov-west-1:444455556666:key/k";
    assert.deepEqual(verdict({ Statement: [allow(CLOUDTRAIL, "kms:Decrypt")] }, { keyArn }), [
      notEnabled("444455556666", "the keyArn option", "aws-us-gov"),
    ]);
  });

  it("the key ARNs in Resource, the same account in several statements; other services' ARNs do not count", () => {
    const json = {
      Statement: [
        { ...allow(CLOUDTRAIL, "kms:DescribeKey"), Resource: KEY },
        { ...allow(CLOUDTRAIL, "kms:Decrypt"), Resource: [KEY, "arn:aws:logs:us-east-1:444455556666:log-group:x"] },
      ],
    };
    assert.deepEqual(verdict(json), [notEnabled("111122223333", "the key ARNs in Resource")]);
  });

  it("a keyAccount that names no account falls back to keyArn; a keyArn without an account to Resource", () => {
    const json = { Statement: [{ ...allow(CLOUDTRAIL, "kms:Decrypt"), Resource: KEY }] };
    assert.deepEqual(
      verdict(json, {
        keyAccount: "arn:aws:iam::444455556666:role/R",
        keyArn: "arn:aws:kms:us-east-1:555566667777:key/k",
      }),
      [notEnabled("555566667777", "the keyArn option")],
    );
    assert.deepEqual(verdict(json, { keyArn: "not-an-arn" }), [notEnabled("111122223333", "the key ARNs in Resource")]);
    assert.deepEqual(verdict(json, { keyArn: "arn:aws:kms:us-east-1:ACCOUNT:key/k" }), [
      notEnabled("111122223333", "the key ARNs in Resource"),
    ]);
  });

  it("the same options in turn, then none: each verdict from its own options", () => {
    const json = { Statement: [{ ...allow(CLOUDTRAIL, "kms:Decrypt"), Resource: KEY }] };
    const keyArn = "arn:aws:kms:us-east-1:444455556666:key/k";
    assert.deepEqual(verdict(json, { keyArn }), [notEnabled("444455556666", "the keyArn option")]);
    assert.deepEqual(verdict(json, { keyArn }), [notEnabled("444455556666", "the keyArn option")]);
    assert.deepEqual(verdict(json), [notEnabled("111122223333", "the key ARNs in Resource")]);
  });

  it("the account unknown: an info finding that says how to tell it", () => {
    assert.deepEqual(verdict({ Statement: [ENABLE_IAM] }), [
      {
        id: "iam-policies-account-unknown",
        severity: "info",
        message:
          "Could not tell whether the key policy enables IAM policies: the key's account is not known (pass " +
          "keyAccount or keyArn, or name the key's ARN in Resource).",
        path: "$",
        fix: { description: "Pass the keyAccount (or keyArn) lint option." },
        source: SOURCE,
      },
    ]);
  });
});

describe("lint: iam-policies-not-enabled, the enabling statement", () => {
  const enabled = (statement: unknown, options: LintOptions = { keyAccount: "111122223333" }): boolean =>
    findingsOf(ID, { Statement: [statement] }, options).length === 0;

  it("must be an Allow: an unconditioned Deny of kms:* to the account enables nothing", () => {
    assert.equal(enabled(deny(ROOT, "kms:*")), false);
  });

  it("must name the account: by id or root ARN, among other principals", () => {
    assert.equal(enabled(allow({ AWS: ["arn:aws:iam::111122223333:role/Admin", "111122223333"] }, "kms:*")), true);
    assert.equal(enabled(allow({ AWS: ["arn:aws:iam::111122223333:role/Admin", ROOT.AWS] }, "kms:*")), true);
    assert.equal(enabled(allow({ AWS: "arn:aws:iam::444455556666:root" }, "kms:*")), false);
    assert.equal(enabled(allow({ AWS: "arn:aws:iam::111122223333:user/root" }, "kms:*")), false);
    assert.equal(enabled(allow({ AWS: "arn:aws:sts::111122223333:root" }, "kms:*")), false);
    assert.equal(enabled(allow({ Service: "cloudtrail.amazonaws.com" }, "kms:*")), false);
  });

  it("must cover the key: Resource *, the key's account's key ARNs, or (with keyArn) a pattern matching it", () => {
    const on = (resource: unknown): unknown => ({ ...ENABLE_IAM, Resource: resource });
    assert.equal(enabled(on("arn:aws:kms:us-east-1:111122223333:key/*")), true);
    assert.equal(enabled(on("arn:aws:kms:us-east-1:444455556666:key/*")), false);
    assert.equal(enabled(on("arn:aws:s3:::111122223333")), false);
    assert.equal(enabled(on("arn:aws:iam::111122223333:role/R")), false);
    const keyArn = { keyArn: KEY };
    assert.equal(enabled(on(KEY), keyArn), true);
    assert.equal(enabled(on("arn:aws:kms:*:111122223333:key/*"), keyArn), true);
    assert.equal(enabled(on("arn:aws:kms:us-east-1:111122223333:key/other"), keyArn), false);
    assert.equal(enabled(on("*"), keyArn), true);
  });

  it("a statement without Resource (NotResource) is no key ARN and covers nothing", () => {
    const notResource = { ...ENABLE_IAM, Resource: undefined, NotResource: "arn:aws:kms:us-east-1:444455556666:key/x" };
    assert.deepEqual(verdict({ Statement: [notResource, { ...allow(CLOUDTRAIL, "kms:Decrypt"), Resource: KEY }] }), [
      notEnabled("111122223333", "the key ARNs in Resource"),
    ]);
  });

  it("an Allow with NotPrincipal enables nothing and fails no check", () => {
    const notPrincipal = { Effect: "Allow", NotPrincipal: ROOT, Action: "kms:*", Resource: "*" };
    assert.deepEqual(verdict({ Statement: [notPrincipal] }, { keyAccount: "111122223333" }), [
      notEnabled("111122223333", "the keyAccount option"),
    ]);
  });
});
