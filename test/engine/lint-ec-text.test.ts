/**
 * The encryption-context lint's words and fixes, case by case (issue 18: its mutants change what a
 * user reads): the warning for a wildcard that allows nothing beside actions that work, with two
 * context keys, named actions listed two and three at a time, a NotAction that still works (the
 * warning) or allows nothing (the error), statements the lint leaves alone, and the fix keeping a
 * `__proto__` member as a member.
 */
import { strict as assert } from "node:assert";
import { lintPolicy, type Finding } from "pulumi-kms-guardrails/engine";
import { keyPolicyFromJson } from "./policy-from-json";

const CT = "kms:EncryptionContext:aws:cloudtrail:arn";
const ROLE = { AWS: "arn:aws:iam::111122223333:role/R" };
const BASE = { Sid: "S", Effect: "Allow", Principal: ROLE, Resource: "*" };
const UNDER_CT = { Condition: { StringEquals: { [CT]: "x" } } };

function contextFindings(statement: unknown): Finding[] {
  const policy = keyPolicyFromJson({ Version: "2012-10-17", Statement: [statement] });
  const all = lintPolicy(policy, { keyAccount: "111122223333" });
  assert.deepEqual(
    all.filter((f) => f.id === "lint-check-failed").map((f) => f.message),
    [],
  );
  return all.filter((f) => f.id.startsWith("encryption-context-on-"));
}

function only(statement: unknown): Finding {
  const list = contextFindings(statement);
  assert.equal(list.length, 1, JSON.stringify(list));
  return list[0];
}

const REMOVE_DESCRIBE =
  "Remove kms:Describe* from the statement: it allows nothing under the encryption context condition. If the " +
  "principal needs those actions, grant them in a statement without that condition.";

describe("lint: encryption-context findings, words and fixes", () => {
  it("a wildcard that allows nothing beside an action that works: the warning, and the grant without it", () => {
    const f = only({ ...BASE, Action: ["kms:Decrypt", "kms:Describe*"], ...UNDER_CT });
    assert.equal(f.id, "encryption-context-on-wildcard-action");
    assert.equal(f.path, "$.Statement[0].Action[1]");
    assert.equal(
      f.message,
      `Statement "S" allows kms:Describe* only when ${CT} matches, but requests for DescribeCustomKeyStores, ` +
        "DescribeKey never carry it: kms:Describe* allows nothing here (the statement's other actions do the work), " +
        "and the grant reads broader than it is.",
    );
    assert.equal(f.fix?.description, REMOVE_DESCRIBE);
    assert.deepEqual(f.fix?.json, { ...BASE, Action: "kms:Decrypt", ...UNDER_CT });
  });

  it("names every required context key", () => {
    const condition = { StringEquals: { "kms:EncryptionContext:a": "x", "kms:EncryptionContext:b": "y" } };
    const f = only({ ...BASE, Action: ["kms:Decrypt", "kms:Describe*"], Condition: condition });
    assert.match(
      f.message,
      /^Statement "S" allows kms:Describe\* only when kms:EncryptionContext:a, kms:EncryptionContext:b matches, but /,
    );
  });

  it("lists two named actions with 'and', three with commas and 'and'", () => {
    const two = only({ ...BASE, Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GetKeyPolicy"], ...UNDER_CT });
    assert.equal(
      two.message,
      `Statement "S" allows kms:DescribeKey and kms:GetKeyPolicy only when ${CT} matches, but requests for ` +
        "DescribeKey, GetKeyPolicy never carry it: the Allow silently denies those actions.",
    );
    assert.equal(
      two.fix?.description,
      "Move kms:DescribeKey and kms:GetKeyPolicy to a statement of their own without the encryption context condition.",
    );
    const three = only({
      ...BASE,
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:ListGrants"],
      ...UNDER_CT,
    });
    assert.equal(three.path, "$.Statement[0].Action");
    assert.equal(
      three.fix?.description,
      "Move kms:DescribeKey, kms:GetKeyPolicy and kms:ListGrants to a statement of their own without the " +
        "encryption context condition.",
    );
    assert.deepEqual(three.fix?.json, {
      Sid: "S for DescribeKey and GetKeyPolicy and ListGrants",
      Effect: "Allow",
      Principal: ROLE,
      Resource: "*",
      Action: ["kms:DescribeKey", "kms:GetKeyPolicy", "kms:ListGrants"],
    });
  });

  it("a NotAction that leaves working actions in: the warning, and the grant listing them", () => {
    const f = only({ ...BASE, NotAction: ["kms:Encrypt", "kms:Decrypt"], ...UNDER_CT });
    assert.equal(f.id, "encryption-context-on-wildcard-action");
    assert.equal(f.path, "$.Statement[0].NotAction");
    assert.ok(
      f.message.startsWith(
        `Statement "S" allows NotAction kms:Encrypt, kms:Decrypt only when ${CT} matches. Only requests for CreateGrant, ` +
          "GenerateDataKey, ",
      ),
      f.message,
    );
    assert.match(f.message, / actions NotAction kms:Encrypt, kms:Decrypt covers \(CancelKeyDeletion, /);
    assert.equal(
      f.fix?.description,
      "List the actions that carry the encryption context instead of NotAction kms:Encrypt, kms:Decrypt; grant any " +
        "other action the principal needs in a statement without that condition.",
    );
    assert.ok(
      f.message.endsWith(
        "never match: the grant is broader than it needs to be, and those actions are silently denied by it.",
      ),
      f.message,
    );
    const action = (f.fix?.json as { Action: string[] }).Action;
    assert.ok(action.includes("kms:GenerateDataKey") && action.includes("kms:ReEncryptFrom"), String(action));
    assert.ok(action.every((a) => a.startsWith("kms:")));
  });

  it("a NotAction that leaves no working action in: the error, the Allow never applies", () => {
    const notAction = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:CreateGrant",
      "kms:RetireGrant",
    ];
    const f = only({ ...BASE, NotAction: notAction, ...UNDER_CT });
    assert.equal(f.id, "encryption-context-on-unsupported-action");
    assert.equal(f.path, "$.Statement[0].NotAction");
    assert.ok(
      f.message.startsWith(
        `Statement "S" allows every action but ${notAction.join(", ")} only when ${CT} matches, but requests for CancelKeyDeletion, `,
      ),
      f.message,
    );
    assert.ok(f.message.endsWith(", VerifyMac never carry it: the Allow never applies."), f.message);
  });

  it("two NotAction statements in one policy are judged each on its own, naming every key", () => {
    const twoKeys = { StringEquals: { "kms:EncryptionContext:a": "x", "kms:EncryptionContext:b": "y" } };
    const policy = keyPolicyFromJson({
      Version: "2012-10-17",
      Statement: [
        { ...BASE, Sid: "Works", NotAction: ["kms:Encrypt"], Condition: twoKeys },
        {
          ...BASE,
          Sid: "Never",
          NotAction: [
            "kms:Encrypt",
            "kms:Decrypt",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:CreateGrant",
            "kms:RetireGrant",
          ],
          Condition: twoKeys,
        },
      ],
    });
    const found = lintPolicy(policy, { keyAccount: "111122223333" }).filter((f) =>
      f.id.startsWith("encryption-context-on-"),
    );
    assert.deepEqual(
      found.map((f) => [f.statement?.sid, f.id]),
      [
        ["Works", "encryption-context-on-wildcard-action"],
        ["Never", "encryption-context-on-unsupported-action"],
      ],
    );
    assert.match(found[1].message, / only when kms:EncryptionContext:a, kms:EncryptionContext:b matches, but /);
  });

  it("leaves alone a NotAction that leaves no KMS action in, and a statement without Action or NotAction", () => {
    assert.deepEqual(contextFindings({ ...BASE, NotAction: "kms:*", ...UNDER_CT }), []);
    assert.deepEqual(contextFindings({ ...BASE, ...UNDER_CT }), []);
  });

  it("the fix for a wildcard keeps a __proto__ member as a member", () => {
    const statement = JSON.parse(
      JSON.stringify({ ...BASE, Action: ["kms:Decrypt", "kms:Describe*"], ...UNDER_CT }).replace(
        '"Resource"',
        '"__proto__":{"x":1},"Resource"',
      ),
    );
    const json = only(statement).fix?.json as Record<string, unknown>;
    assert.deepEqual(Object.getOwnPropertyDescriptor(json, "__proto__"), {
      value: { x: 1 },
      writable: true,
      enumerable: true,
      configurable: true,
    });
    assert.equal(Object.getPrototypeOf(json), Object.prototype);
    assert.equal(json.Action, "kms:Decrypt");
  });
});
