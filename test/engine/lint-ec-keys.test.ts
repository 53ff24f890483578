/**
 * The encryption-context lint names each required context key once, as written, however many
 * clauses test it (StringEquals and StringLike on the same key, say), in the wildcard warning and
 * the NotAction finding.
 */
import { strict as assert } from "node:assert";
import { lintPolicy, type Finding } from "pulumi-kms-guardrails/engine";
import { keyPolicyFromJson } from "./policy-from-json";

const CT = "kms:EncryptionContext:aws:cloudtrail:arn";
const BASE = { Sid: "S", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/R" }, Resource: "*" };
const TWICE = {
  Condition: {
    StringEquals: { [CT]: "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" },
    StringLike: { [CT]: "arn:aws:cloudtrail:*:111122223333:trail/*" },
  },
};

function contextFindings(statement: unknown): Finding[] {
  const policy = keyPolicyFromJson({ Version: "2012-10-17", Statement: [statement] });
  return lintPolicy(policy, { keyAccount: "111122223333" }).filter((f) => f.id.startsWith("encryption-context-on-"));
}

describe("lint: encryption-context keys tested by several clauses", () => {
  it("the wildcard warning names the key once", () => {
    const found = contextFindings({ ...BASE, Action: ["kms:Decrypt", "kms:Describe*"], ...TWICE });
    assert.deepEqual(
      found.map((f) => f.message),
      [
        `Statement "S" allows kms:Describe* only when ${CT} matches, but requests for DescribeCustomKeyStores, ` +
          "DescribeKey never carry it: kms:Describe* allows nothing here (the statement's other actions do the " +
          "work), and the grant reads broader than it is.",
      ],
    );
  });

  it("the NotAction finding names the key once", () => {
    const found = contextFindings({ ...BASE, NotAction: "kms:Decrypt", ...TWICE });
    assert.equal(found.length, 1);
    assert.match(found[0].message, new RegExp(`only when ${CT} matches`));
    assert.doesNotMatch(found[0].message, new RegExp(`${CT}, ${CT}`));
  });

  it("two spellings of one key are both named, as written", () => {
    const lower = CT.toLowerCase();
    const condition = { Condition: { StringEquals: { [CT]: "a" }, StringLike: { [lower]: "b*" } } };
    const found = contextFindings({ ...BASE, Action: ["kms:Decrypt", "kms:Describe*"], ...condition });
    assert.equal(found.length, 1);
    assert.match(
      found[0].message,
      new RegExp(`^Statement "S" allows kms:Describe\\* only when ${CT}, ${lower} matches, but`),
    );
  });
});
