import { strict as assert } from "node:assert";
import { lintPolicy, type Finding, type KeyPolicy, type LintOptions } from "pulumi-kms-guardrails/engine";
import { LINT_CHECKS, LINT_FINDING_KINDS } from "../../components/src/engine/lint";
import { SEED_EXAMPLES as STATEMENT_FIXTURES } from "../fixtures/seed-examples";
import { CHECK_FIXTURES } from "./lint-fixtures";
import {
  CLOUDTRAIL_CONSOLE_DEFAULT_EXPECTED,
  CLOUDTRAIL_CONSOLE_DEFAULT_POLICY,
  SEED_EXAMPLES,
  type ExpectedFinding,
} from "./lint-seed-examples";
import { keyPolicyFromJson } from "./policy-from-json";

/** The public contract: finding ids and their severities. */
const PUBLIC_IDS: Record<string, Finding["severity"]> = {
  "public-principal-unconditioned": "error",
  "service-principal-without-source-condition": "warning",
  "encryption-context-on-unsupported-action": "error",
  "encryption-context-on-wildcard-action": "warning",
  "iam-policies-not-enabled": "error",
  "iam-policies-account-unknown": "info",
  "source-ip-condition": "warning",
  "vpc-condition-without-service-exception": "warning",
  "string-operator-on-arn-key": "info",
  "single-valued-operator-on-multivalued-key": "warning",
  "not-principal-in-allow": "error",
  "source-condition-on-event-data-store-key": "error",
  "lint-check-failed": "warning",
};

/** A statement alone becomes a one-statement policy, as it would be pasted into a key policy. */
function asPolicyDocument(json: unknown): unknown {
  return typeof json === "object" && json !== null && "Statement" in json ? json : { Statement: [json] };
}

function lint(json: unknown, options?: LintOptions): Finding[] {
  const policy: KeyPolicy = keyPolicyFromJson(asPolicyDocument(json));
  return lintPolicy(policy, options);
}

const idsAndPaths = (findings: readonly Finding[]): ExpectedFinding[] =>
  findings.map((f) => ({ id: f.id, path: f.path })).sort((a, b) => (a.id + a.path).localeCompare(b.id + b.path));

describe("lint: finding kinds", () => {
  it("are exactly the public ids, with their severities", () => {
    assert.deepEqual(Object.fromEntries(LINT_FINDING_KINDS.map((k) => [k.id, k.severity])), PUBLIC_IDS);
    assert.equal(new Set(LINT_FINDING_KINDS.map((k) => k.id)).size, LINT_FINDING_KINDS.length);
  });

  it("each cite a seed section and carry a fix", () => {
    for (const kind of LINT_FINDING_KINDS) {
      assert.match(kind.source.seed, /^00[0-4]$/, kind.id);
      assert.ok(kind.source.section.length > 0, kind.id);
      assert.ok(kind.description.length > 0, kind.id);
      assert.ok(kind.fix.description.length > 0, kind.id);
    }
  });

  it("every check has pass and fail fixtures", () => {
    for (const check of LINT_CHECKS) {
      for (const id of [check.id, ...(check.also ?? []).map((k) => k.id)]) {
        const fixtures = CHECK_FIXTURES.find((c) => c.id === id)?.fixtures ?? [];
        assert.ok(
          fixtures.some((f) => f.paths.length > 0),
          `${id} has a failing fixture`,
        );
        assert.ok(
          fixtures.some((f) => f.paths.length === 0),
          `${id} has a passing fixture`,
        );
      }
    }
  });
});

for (const { id, fixtures } of CHECK_FIXTURES) {
  describe(`lint: ${id}`, () => {
    for (const fixture of fixtures) {
      it(`${fixture.paths.length > 0 ? "fails" : "passes"}: ${fixture.name}`, () => {
        const findings = lint(fixture.json, fixture.options).filter((f) => f.id === id);
        assert.deepEqual(
          findings.map((f) => f.path),
          fixture.paths,
        );
        for (const f of findings) {
          assert.equal(f.severity, PUBLIC_IDS[id]);
          assert.ok(f.fix !== undefined && f.fix.description.length > 0);
          assert.ok(f.source.section.length > 0);
        }
      });
    }
  });
}

describe("lint: AWS's documented examples (seeds 000-003)", () => {
  it("cover every statement fixture of test/fixtures/seed-examples.ts", () => {
    const linted = new Set(SEED_EXAMPLES.flatMap((e) => e.fixtures));
    assert.deepEqual(
      STATEMENT_FIXTURES.map((e) => e.id).filter((id) => !linted.has(id)),
      [],
    );
  });

  for (const example of SEED_EXAMPLES) {
    it(`seed ${example.seed}: ${example.name}`, () => {
      const findings = lint(example.json, example.options);
      assert.deepEqual(
        findings.filter((f) => f.severity === "error"),
        [],
      );
      assert.deepEqual(idsAndPaths(findings), idsAndPaths(example.expected.map((e) => ({ ...e }) as Finding)));
    });
  }

  it("all of them in one key policy with the IAM statement: no error, no unknown account", () => {
    const statements = SEED_EXAMPLES.filter((e) => e.options === undefined).flatMap((e) => {
      const doc = asPolicyDocument(e.json) as { Statement: unknown[] };
      return doc.Statement;
    });
    const policy = {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: "111122223333" },
          Action: "kms:*",
          Resource: "*",
        },
        ...statements,
      ],
    };
    const findings = lint(policy, { keyAccount: "111122223333" });
    assert.deepEqual(
      findings.filter((f) => f.severity === "error" || f.id === "iam-policies-account-unknown"),
      [],
    );
    assert.ok(findings.some((f) => f.id === "service-principal-without-source-condition"));
    assert.ok(findings.some((f) => f.id === "string-operator-on-arn-key"));
  });

  it("the CloudTrail console's default key policy: Principal * limited by kms:CallerAccount / kms:ViaService", () => {
    const findings = lint(CLOUDTRAIL_CONSOLE_DEFAULT_POLICY, { keyAccount: "111111111111" });
    assert.deepEqual(
      idsAndPaths(findings),
      idsAndPaths(CLOUDTRAIL_CONSOLE_DEFAULT_EXPECTED.map((e) => ({ ...e }) as Finding)),
    );
  });
});

describe("lint: findings", () => {
  it("name the statement by Sid, or by index without one", () => {
    const open = (json: unknown): Finding => {
      const found = lint(json, { keyAccount: "111122223333" }).find((f) => f.id === "public-principal-unconditioned");
      assert.ok(found);
      return found;
    };
    const bySid = open({ Sid: "Open", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" });
    assert.match(bySid.message, /Statement "Open"/);
    assert.deepEqual(bySid.statement, { index: 0, sid: "Open" });
    const byIndex = open({ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" });
    assert.match(byIndex.message, /Statement\[0\]/);
    assert.deepEqual(byIndex.statement, { index: 0 });
  });

  it("cite the seed section the rule comes from", () => {
    const [f] = lint({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }).filter(
      (x) => x.id === "public-principal-unconditioned",
    );
    assert.deepEqual(f.source, { seed: "004", section: "Cross-account access" });
  });

  it("iam-policies-not-enabled proposes the Enable IAM User Permissions statement", () => {
    const [f] = lint(
      { Effect: "Allow", Principal: { AWS: "arn:aws-cn:iam::111122223333:role/R" }, Action: "kms:*", Resource: "*" },
      {
        keyAccount: "arn:aws-cn:iam::111122223333:root",
      },
    );
    assert.equal(f.id, "iam-policies-not-enabled");
    assert.deepEqual(f.fix?.json, {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws-cn:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    });
  });

  it("encryption-context-on-unsupported-action proposes the action in its own statement without the condition", () => {
    const findings = lint(
      {
        Sid: "CloudTrail",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" },
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
        },
      },
      { keyAccount: "111122223333" },
    );
    const f = findings.find((x) => x.id === "encryption-context-on-unsupported-action");
    assert.equal(f?.path, "$.Statement[0].Action[1]");
    assert.deepEqual(f?.fix?.json, {
      Sid: "CloudTrail for DescribeKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" } },
    });
  });

  it("string-operator-on-arn-key proposes the matching Arn operator", () => {
    const f = lint(
      {
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:Decrypt",
        Resource: "*",
        Condition: {
          StringNotEqualsIfExists: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" },
        },
      },
      { keyAccount: "111122223333" },
    ).find((x) => x.id === "string-operator-on-arn-key");
    assert.deepEqual(f?.fix?.json, {
      ArnNotEqualsIfExists: { "aws:SourceArn": ["arn:aws:cloudtrail:us-east-1:111122223333:trail/t"] },
    });
  });

  it("are ordered: policy-wide first, then by statement, errors before warnings", () => {
    const findings = lint({
      Statement: [
        { Effect: "Allow", Principal: { Service: "config.amazonaws.com" }, Action: "kms:Decrypt", Resource: "*" },
        {
          Effect: "Allow",
          Principal: "*",
          Action: "kms:Decrypt",
          Resource: "*",
          Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
        },
      ],
    });
    assert.deepEqual(
      findings.map((f) => f.id),
      [
        "iam-policies-account-unknown",
        "service-principal-without-source-condition",
        "public-principal-unconditioned",
        "source-ip-condition",
      ],
    );
  });

  it("a policy without statements only lacks the IAM statement", () => {
    const empty: KeyPolicy = { version: "2012-10-17", statements: [], raw: { Version: "2012-10-17", Statement: [] } };
    assert.deepEqual(
      lintPolicy(empty, { keyAccount: "111122223333" }).map((f) => f.id),
      ["iam-policies-not-enabled"],
    );
  });

  it("never throws: a check that fails becomes a lint-check-failed finding", () => {
    // A statement missing its `conditions` array: not what the parser produces, but callers may
    // build policies by hand.
    const broken = { index: 0, effect: "Allow", principal: undefined, path: "$.Statement[0]", raw: {} };
    const policy = { statements: [broken], raw: {} } as unknown as KeyPolicy;
    const findings = lintPolicy(policy, { keyAccount: "111122223333" });
    assert.ok(findings.some((f) => f.id === "lint-check-failed"));
    for (const f of findings.filter((x) => x.id === "lint-check-failed")) {
      assert.equal(f.severity, "warning");
      assert.match(f.message, /^Check [a-z-]+ failed: /);
    }
  });
});
