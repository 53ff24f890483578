/**
 * What users read from public-principal-unconditioned: why the statement was reported (no limiting
 * condition, or limiting-looking conditions that still admit an unrelated account's role, which the
 * evaluator decides) and the fix with the key's account. Also: the evaluator's verdict holds for a
 * statement anywhere in the policy, not only the first.
 */
import { strict as assert } from "node:assert";
import type { Finding } from "pulumi-kms-guardrails/engine";
import { allow, findingsOf } from "./lint-area-helper";

const ID = "public-principal-unconditioned";
const EVERY_ROLE = { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } };
const WITHOUT = "without a condition that limits it to your accounts, organization or services";
const STILL_ADMITS = "with conditions that still admit a role in an unrelated account";

const publicFinding = (label: string, index: number, why: string, account: string, sid?: string): Finding => ({
  id: ID,
  severity: "error",
  message:
    `${label} allows Principal "*" ${why}: every identity in every AWS account can use the key with only an IAM ` +
    "permission in its own account.",
  path: `$.Statement[${index}].Principal`,
  statement: sid === undefined ? { index } : { index, sid },
  fix: {
    description:
      "Name the principals, or add a positive condition on kms:CallerAccount, aws:PrincipalOrgID, aws:PrincipalArn " +
      "or kms:ViaService with concrete values (no IfExists, no negation, no bare *).",
    json: { StringEquals: { "kms:CallerAccount": account } },
  },
  source: { seed: "004", section: "Cross-account access" },
});

describe("lint text: public-principal-unconditioned", () => {
  it("no limiting condition: says so, and proposes kms:CallerAccount with the key's account", () => {
    const json = { Sid: "Open", ...allow("*", "kms:Decrypt") };
    assert.deepEqual(findingsOf(ID, json, { keyAccount: "444455556666" }), [
      publicFinding('Statement "Open"', 0, WITHOUT, "444455556666", "Open"),
    ]);
    assert.deepEqual(findingsOf(ID, json, { keyArn: "arn:aws:kms:us-east-1:555566667777:key/k" }), [
      publicFinding('Statement "Open"', 0, WITHOUT, "555566667777", "Open"),
    ]);
  });

  it("a condition on a key that does not say who calls is no limit", () => {
    const json = allow("*", "kms:Decrypt", { StringEquals: { "aws:SourceVpce": "vpce-1" } });
    assert.deepEqual(findingsOf(ID, json), [publicFinding("Statement[0]", 0, WITHOUT, "111122223333")]);
  });

  it("a pattern admitting every account's roles: decided by the evaluator, placeholder account without options", () => {
    assert.deepEqual(findingsOf(ID, allow("*", "kms:Decrypt", EVERY_ROLE)), [
      publicFinding("Statement[0]", 0, STILL_ADMITS, "111122223333"),
    ]);
  });

  it("the evaluator's verdict for every statement, not only the first", () => {
    const json = { Statement: [allow("*", "kms:Decrypt", EVERY_ROLE), allow("*", "kms:Encrypt", EVERY_ROLE)] };
    assert.deepEqual(findingsOf(ID, json), [
      publicFinding("Statement[0]", 0, STILL_ADMITS, "111122223333"),
      publicFinding("Statement[1]", 1, STILL_ADMITS, "111122223333"),
    ]);
  });

  it("a statement whose conditions admit strangers but that grants no KMS action is not reported", () => {
    assert.deepEqual(findingsOf(ID, allow("*", "s3:GetObject", EVERY_ROLE)), []);
  });
});
