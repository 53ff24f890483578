/**
 * The kms-key-policy-valid fix: an ARN key compared with StringLike and a wildcard, in an Allow
 * statement, is compared with ArnLike instead (same values, qualifier and IfExists; the block renamed
 * in place, split, or merged into the statement's ArnLike block); every case that would widen what
 * the key allows is declined.
 */
import { strict as assert } from "node:assert";
import { accountRootGrant } from "pulumi-kms-guardrails/catalog";
import { remediateKeyPolicy } from "../../policypack/remediation";

const RULE = "kms-key-policy-valid";
const ROOT = accountRootGrant({ account: "111122223333", region: "us-east-1" }).statement;
const TRAILS = "arn:aws:cloudtrail:*:111122223333:trail/*";

function statement(condition: Record<string, unknown>, effect = "Allow"): Record<string, unknown> {
  return {
    Sid: "CloudTrail",
    Effect: effect,
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:GenerateDataKey*",
    Resource: "*",
    Condition: condition,
  };
}

const policy = (s: Record<string, unknown>): string =>
  JSON.stringify({ Version: "2012-10-17", Statement: [ROOT, s] }, null, 2);

function fixedCondition(condition: Record<string, unknown>): unknown {
  const r = remediateKeyPolicy(RULE, policy(statement(condition)));
  assert.equal(r.kind, "fixed", r.kind === "declined" ? r.reason : r.kind);
  const value = (r as { value: string }).value;
  const doc = JSON.parse(value) as { Statement: Record<string, unknown>[] };
  assert.deepEqual(doc.Statement[0], ROOT);
  assert.equal(value, JSON.stringify(doc, null, 2), "indentation kept");
  return doc.Statement[1].Condition;
}

function declined(condition: Record<string, unknown>, effect = "Allow"): string {
  const r = remediateKeyPolicy(RULE, policy(statement(condition, effect)));
  assert.equal(r.kind, "declined", JSON.stringify(r));
  return (r as { reason: string }).reason;
}

describe("remediation: kms-key-policy-valid (StringLike on an ARN key becomes ArnLike)", () => {
  it("a block of ARN keys only is renamed in place, values as written", () => {
    assert.deepEqual(fixedCondition({ StringLike: { "aws:SourceArn": TRAILS } }), {
      ArnLike: { "aws:SourceArn": TRAILS },
    });
  });

  it("a block with other keys is split; the ArnLike block follows it", () => {
    const condition = fixedCondition({
      StringLike: { "aws:SourceArn": [TRAILS], "kms:EncryptionContext:aws:cloudtrail:arn": TRAILS },
      StringEquals: { "aws:SourceAccount": "111122223333" },
    }) as Record<string, unknown>;
    assert.deepEqual(Object.keys(condition), ["StringLike", "ArnLike", "StringEquals"]);
    assert.deepEqual(condition.StringLike, { "kms:EncryptionContext:aws:cloudtrail:arn": TRAILS });
    assert.deepEqual(condition.ArnLike, { "aws:SourceArn": [TRAILS] });
  });

  it("merges into the statement's ArnLike block; keeps IfExists and the set qualifier", () => {
    assert.deepEqual(
      fixedCondition({
        ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" },
        StringLike: { "aws:SourceArn": TRAILS },
      }),
      { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*", "aws:SourceArn": TRAILS } },
    );
    assert.deepEqual(fixedCondition({ StringLikeIfExists: { "aws:SourceArn": TRAILS } }), {
      ArnLikeIfExists: { "aws:SourceArn": TRAILS },
    });
  });

  it("declines what would widen the key: a Deny, StringNotLike, a partial ARN pattern, the key already under ArnLike", () => {
    assert.match(declined({ StringLike: { "aws:SourceArn": TRAILS } }, "Deny"), /Deny/);
    assert.match(declined({ StringNotLike: { "aws:SourceArn": TRAILS } }), /StringNotLike/);
    assert.match(declined({ StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*" } }), /not a whole ARN pattern/);
    assert.match(
      declined({
        StringLike: { "aws:SourceArn": TRAILS },
        ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/*" },
      }),
      /already compares aws:SourceArn with ArnLike/,
    );
  });

  it("nothing to fix without a wildcard: StringEquals on a literal ARN is as AWS documents it", () => {
    const r = remediateKeyPolicy(
      RULE,
      policy(statement({ StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" } })),
    );
    assert.equal(r.kind, "unchanged");
  });
});
