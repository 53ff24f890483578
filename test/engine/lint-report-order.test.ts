/**
 * lintPolicy's own work (engine/lint/index.ts): the report order (policy-wide findings first, then by
 * statement, then error, warning, info, then as found), for a handful of findings and for many (the two
 * sorts), for statements built in code with indexes the fast ranking cannot hold, and a check that
 * fails, which becomes one lint-check-failed finding in place of what it had found.
 */
import { strict as assert } from "node:assert";
import type { Finding, KeyPolicy, Statement } from "pulumi-kms-guardrails/engine";
import { LINT_CHECKS, LINT_FINDING_KINDS, lintCheckFailed, lintPolicy } from "../../components/src/engine/lint";
import { keyPolicyFromJson } from "./policy-from-json";

/** Four findings of three severities, each from another check: error, warning, warning, info. */
const fourFindings = (i: number): Record<string, unknown> => ({
  Sid: `S${i}`,
  Effect: "Allow",
  NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/R" },
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: {
    IpAddress: { "aws:SourceIp": "10.0.0.0/8" },
    StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
    StringEquals: { "aws:TagKeys": "team" },
  },
});
/** AWS's default statement that enables IAM policies: no findings of its own, none policy-wide. */
const ENABLE_IAM = {
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
};
const PER_STATEMENT = [
  "not-principal-in-allow",
  "source-ip-condition",
  "single-valued-operator-on-multivalued-key",
  "string-operator-on-arn-key",
];

const policyOf = (n: number): KeyPolicy =>
  keyPolicyFromJson({ Statement: Array.from({ length: n }, (_, i) => fourFindings(i)) });

/** `id@index` (or `id@$` for a policy-wide finding), in report order. */
const order = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.id}@${f.statement === undefined ? "$" : String(f.statement.index)}`);

/** The order users get: the policy-wide finding (the key's account is not known), then each statement's four. */
function expected(n: number): string[] {
  const out = ["iam-policies-account-unknown@$"];
  for (let i = 0; i < n; i++) out.push(...PER_STATEMENT.map((id) => `${id}@${i}`));
  return out;
}

describe("lint report order (engine/lint/index.ts)", () => {
  it("the checks find statement by statement per check; the report is by statement, then severity, then as found", () => {
    const policy = policyOf(2);
    // As found: check by check, the policy-wide info among them.
    assert.deepEqual(order(LINT_CHECKS.flatMap((c) => c.run(policy, {}))), [
      "not-principal-in-allow@0",
      "not-principal-in-allow@1",
      "iam-policies-account-unknown@$",
      "source-ip-condition@0",
      "source-ip-condition@1",
      "single-valued-operator-on-multivalued-key@0",
      "single-valued-operator-on-multivalued-key@1",
      "string-operator-on-arn-key@0",
      "string-operator-on-arn-key@1",
    ]);
    assert.deepEqual(order(lintPolicy(policy)), expected(2));
  });

  it("up to 32 findings (the insertion sort) and beyond (the general sort) give the same order", () => {
    for (const n of [1, 3, 7, 8, 9, 12]) {
      const findings = lintPolicy(policyOf(n));
      assert.equal(findings.length, 4 * n + 1);
      assert.deepEqual(order(findings), expected(n), `${n} statements, ${findings.length} findings`);
    }
  });

  it("with no policy-wide finding, statements after the first are still ordered by statement", () => {
    for (const n of [2, 9]) {
      const policy = keyPolicyFromJson({
        Statement: [ENABLE_IAM, ...Array.from({ length: n }, (_, i) => fourFindings(i))],
      });
      const want: string[] = [];
      for (let i = 1; i <= n; i++) want.push(...PER_STATEMENT.map((id) => `${id}@${i}`));
      assert.deepEqual(order(lintPolicy(policy, { keyAccount: "111122223333" })), want, `${n} statements`);
    }
  });

  it("a single finding, and none, are returned as they are", () => {
    const roleOnly = {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/R" },
      Action: "kms:Decrypt",
      Resource: "*",
    };
    assert.deepEqual(order(lintPolicy(keyPolicyFromJson({ Statement: [roleOnly] }), { keyAccount: "111122223333" })), [
      "iam-policies-not-enabled@$",
    ]);
    assert.deepEqual(lintPolicy(keyPolicyFromJson({ Statement: [ENABLE_IAM] }), { keyAccount: "111122223333" }), []);
  });

  describe("statements built in code, with indexes the fast ranking cannot hold", () => {
    /** A CloudTrail statement on an event data store key: a warning found before an error of the same statement. */
    const trailStatement = {
      Sid: "CloudTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Describe*"],
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" },
      },
    };
    const withIndexes = (policy: KeyPolicy, indexes: readonly number[]): KeyPolicy => ({
      ...policy,
      statements: policy.statements.map((s, i): Statement => ({ ...s, index: indexes[i] })),
    });

    it("an index past 2^40, with no policy-wide finding to send the findings to the general sort first", () => {
      const policy = withIndexes(keyPolicyFromJson({ Statement: [trailStatement, ENABLE_IAM] }), [
        2 ** 52,
        2 ** 52 + 2,
      ]);
      assert.deepEqual(order(lintPolicy(policy, { keyAccount: "111122223333", eventDataStoreKey: true })), [
        `source-condition-on-event-data-store-key@${2 ** 52}`,
        `encryption-context-on-wildcard-action@${2 ** 52}`,
        `string-operator-on-arn-key@${2 ** 52}`,
      ]);
    });

    it("indexes that are not integers, none policy-wide: by index, then severity", () => {
      // Ranked as index * 4 + severity, index 0.5's error (2) would tie with index 0.25's warnings (2).
      const policy = withIndexes(
        keyPolicyFromJson({ Statement: [fourFindings(0), fourFindings(1), ENABLE_IAM] }),
        [0.25, 0.5, 0.75],
      );
      assert.deepEqual(order(lintPolicy(policy, { keyAccount: "111122223333" })), [
        ...PER_STATEMENT.map((id) => `${id}@0.25`),
        ...PER_STATEMENT.map((id) => `${id}@0.5`),
      ]);
    });

    it("an index past 2^40 (its rank would lose the severity): the error still comes before the warning", () => {
      const policy = withIndexes(keyPolicyFromJson({ Statement: [trailStatement] }), [2 ** 52]);
      const findings = lintPolicy(policy, { keyAccount: "111122223333", eventDataStoreKey: true });
      assert.deepEqual(order(findings), [
        "iam-policies-not-enabled@$",
        `source-condition-on-event-data-store-key@${2 ** 52}`,
        `encryption-context-on-wildcard-action@${2 ** 52}`,
        `string-operator-on-arn-key@${2 ** 52}`,
      ]);
      const negative = withIndexes(keyPolicyFromJson({ Statement: [trailStatement] }), [-(2 ** 52)]);
      assert.deepEqual(
        order(lintPolicy(negative, { keyAccount: "111122223333", eventDataStoreKey: true })).slice(0, 2),
        [
          `source-condition-on-event-data-store-key@${-(2 ** 52)}`,
          `encryption-context-on-wildcard-action@${-(2 ** 52)}`,
        ],
      );
    });

    it("an index that is not an integer is ordered by index, then severity", () => {
      // Ranked as index * 4 + severity, index 0.25's error (1) would tie with index 0's warnings (1).
      const policy = withIndexes(policyOf(2), [0.25, 0]);
      assert.deepEqual(order(lintPolicy(policy)), [
        "iam-policies-account-unknown@$",
        "not-principal-in-allow@0",
        "source-ip-condition@0",
        "single-valued-operator-on-multivalued-key@0",
        "string-operator-on-arn-key@0",
        "not-principal-in-allow@0.25",
        "source-ip-condition@0.25",
        "single-valued-operator-on-multivalued-key@0.25",
        "string-operator-on-arn-key@0.25",
      ]);
    });
  });

  describe("a check that fails", () => {
    it("drops what the check had found and reports lint-check-failed with the check's source", () => {
      const policy = policyOf(2);
      // source-ip-condition reports statement 0, then fails on statement 1's conditions.
      const broken: KeyPolicy = {
        ...policy,
        statements: [policy.statements[0], { ...policy.statements[1], conditions: null as never }],
      };
      const findings = lintPolicy(broken);
      const failed = findings.filter((f) => f.id === "lint-check-failed");
      const sourceIp = LINT_CHECKS.find((c) => c.id === "source-ip-condition");
      assert.deepEqual(
        failed.find((f) => f.message.startsWith("Check source-ip-condition")),
        {
          id: "lint-check-failed",
          severity: "warning",
          message: "Check source-ip-condition failed: statement.conditions is not an array",
          path: "$",
          fix: { description: "Report the policy to the maintainers of pulumi-kms-guardrails." },
          source: sourceIp?.source,
        },
      );
      assert.deepEqual(
        findings.filter((f) => f.id === "source-ip-condition"),
        [],
      );
      // The checks that did not fail still report both statements.
      assert.deepEqual(order(findings.filter((f) => f.id === "not-principal-in-allow")), [
        "not-principal-in-allow@0",
        "not-principal-in-allow@1",
      ]);
    });

    it("a thrown value that is not an Error is reported as its text; every check, in the checks' order", () => {
      const statements = new Proxy([] as Statement[], {
        get(target, key, receiver) {
          if (key === "length" || key === Symbol.iterator) throw "statements unreadable";
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const policy: KeyPolicy = { version: "2012-10-17", statements, raw: {} };
      assert.deepEqual(
        lintPolicy(policy, { keyAccount: "111122223333", eventDataStoreKey: true }).map((f) => [
          f.id,
          f.path,
          f.message,
          f.source,
        ]),
        LINT_CHECKS.map((c) => ["lint-check-failed", "$", `Check ${c.id} failed: statements unreadable`, c.source]),
      );
    });

    it("lint-check-failed is listed among the finding kinds, last", () => {
      assert.equal(LINT_FINDING_KINDS.at(-1), lintCheckFailed);
      assert.deepEqual(
        LINT_FINDING_KINDS.map((k) => k.id),
        [...LINT_CHECKS.flatMap((c) => [c.id, ...(c.also ?? []).map((a) => a.id)]), "lint-check-failed"],
      );
    });
  });

  it("onlyChecks runs just the named checks", () => {
    const policy = policyOf(1);
    assert.deepEqual(order(lintPolicy(policy, {}, new Set(["source-ip-condition", "string-operator-on-arn-key"]))), [
      "source-ip-condition@0",
      "string-operator-on-arn-key@0",
    ]);
    assert.deepEqual(lintPolicy(policy, {}, new Set()), []);
  });
});
