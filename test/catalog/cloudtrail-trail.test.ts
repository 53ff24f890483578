import { strict as assert } from "node:assert";
import {
  CatalogInputError,
  PolicyStatementJson,
  SIDS,
  cloudTrailTrailPlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { assertGolden, dropCondition, mutate, outcomes, probeIds, satisfiedById, withAccountRoot } from "./golden";

const KEY: KeyLocation = {
  account: "111111111111",
  region: "us-west-2",
  keyArn: "arn:aws:kms:us-west-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
};
const FINANCE = "arn:aws:cloudtrail:us-west-2:111111111111:trail/finance";
const PARTNER = "arn:aws:cloudtrail:eu-west-1:222222222222:trail/partner-audit";

/**
 * Seed 003's scenario: the plan and its policy with the account root. Built in each test, not at
 * load: a plan built outside any test covers every builder mutant statically, and Stryker then
 * reruns the whole spec for each of them.
 */
function scenario() {
  const plan = cloudTrailTrailPlan({
    key: KEY,
    trailArns: [FINANCE],
    logReaders: ["arn:aws:iam::111111111111:user/Bob"],
    crossAccountReaderAccounts: ["222222222222"],
    crossAccountReadRoles: ["arn:aws:iam::111111111111:role/CloudTrailReadRole"],
  });
  return { plan, doc: withAccountRoot(KEY, plan) };
}

describe("catalog: CloudTrail trail (seed 003)", () => {
  it("has the documented statements, Sids verbatim, in document order", () => {
    const { plan } = scenario();
    assert.deepEqual(
      plan.grants.map((g) => g.statement.Sid),
      [
        "Allow CloudTrail to encrypt logs",
        "Allow CloudTrail access",
        "Allow CloudTrail to decrypt a trail",
        "Enable CloudTrail log decrypt permissions",
        "Enable encrypted CloudTrail log read access",
      ],
    );
    assert.deepEqual(plan.grants[0].statement, {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: KEY.keyArn,
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
        StringEquals: { "aws:SourceArn": FINANCE },
      },
    });
    assert.deepEqual(plan.grants[4].statement.Principal, {
      AWS: ["arn:aws:iam::222222222222:root", "arn:aws:iam::111111111111:role/CloudTrailReadRole"],
    });
    assert.ok(plan.grants.every((g) => "seed" in g.source && g.source.seed === "003"));
  });

  it("names its probes with stable ids", () => {
    const { plan } = scenario();
    assert.deepEqual(probeIds(plan), [
      "cloudtrail-trail.encrypt",
      "cloudtrail-trail.describe-key",
      "cloudtrail-trail.encrypt.other-trail",
      "cloudtrail-trail.describe-key.other-trail",
      "cloudtrail-trail.decrypt.service",
      "cloudtrail-trail.decrypt.service.other-trail",
      "cloudtrail-trail.encrypt.other-account",
      "cloudtrail-trail.decrypt.reader",
      "cloudtrail-trail.decrypt.cross-account-reader",
      "cloudtrail-trail.decrypt.reader-without-context",
      "cloudtrail-trail.decrypt.read-role",
    ]);
    for (const p of plan.probes.filter((x) => x.expect === "allow")) {
      assert.ok(
        plan.grants.some((g) => g.statement.Sid === p.grantSid),
        `${p.id} names a grant of the plan`,
      );
    }
  });

  it("golden: with the account root, every allow probe is allowed and every deny probe denied", () => {
    const { plan, doc } = scenario();
    assertGolden(doc, plan);
  });

  it("sends the request context CloudTrail sends", () => {
    const { plan } = scenario();
    const encrypt = plan.probes.find((p) => p.id === "cloudtrail-trail.encrypt");
    assert.deepEqual(encrypt?.request.context, {
      "aws:SourceArn": FINANCE,
      "aws:SourceAccount": "111111111111",
      "kms:EncryptionContext:aws:cloudtrail:arn": FINANCE,
      "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/111111111111/CloudTrail/us-west-2/",
      "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "aws:s3:arn"],
    });
    assert.deepEqual(encrypt?.request.principal, { kind: "service", service: "cloudtrail.amazonaws.com" });
  });

  describe("mutations that must fail", () => {
    it("without aws:SourceArn on encrypt, another trail of the account can encrypt", () => {
      const { plan, doc } = scenario();
      const broken = mutate(doc, SIDS.cloudTrailEncrypt, (s) => dropCondition(s, "aws:SourceArn"));
      const results = outcomes(broken, plan);
      assert.deepEqual(satisfiedById(results, "cloudtrail-trail.encrypt.other-trail"), [false]);
      assert.deepEqual(satisfiedById(results, "cloudtrail-trail.encrypt"), [true]);
    });

    it("without the encryption-context pattern, only aws:SourceArn still stops other accounts", () => {
      const { plan, doc } = scenario();
      const broken = mutate(doc, SIDS.cloudTrailEncrypt, (s) =>
        dropCondition(s, "kms:EncryptionContext:aws:cloudtrail:arn"),
      );
      assert.deepEqual(satisfiedById(outcomes(broken, plan), "cloudtrail-trail.encrypt.other-account"), [true]);
      const worse = mutate(broken, SIDS.cloudTrailEncrypt, (s) => dropCondition(s, "aws:SourceArn"));
      assert.deepEqual(satisfiedById(outcomes(worse, plan), "cloudtrail-trail.encrypt.other-account"), [false]);
    });

    it("without aws:SourceArn on DescribeKey or on CloudTrail's decrypt, other trails get them", () => {
      const { plan, doc } = scenario();
      const describe = mutate(doc, SIDS.cloudTrailDescribe, (s) => dropCondition(s, "aws:SourceArn"));
      assert.deepEqual(satisfiedById(outcomes(describe, plan), "cloudtrail-trail.describe-key.other-trail"), [false]);
      const decrypt = mutate(doc, SIDS.cloudTrailServiceDecrypt, (s) => dropCondition(s, "aws:SourceArn"));
      assert.deepEqual(satisfiedById(outcomes(decrypt, plan), "cloudtrail-trail.decrypt.service.other-trail"), [false]);
    });

    it("without the Null guard, a cross-account reader decrypts anything", () => {
      const { plan, doc } = scenario();
      const broken = mutate(doc, SIDS.cloudTrailCrossAccountRead, (s) =>
        dropCondition(s, "kms:EncryptionContext:aws:cloudtrail:arn"),
      );
      assert.deepEqual(satisfiedById(outcomes(broken, plan), "cloudtrail-trail.decrypt.reader-without-context"), [
        false,
      ]);
    });

    it("an encryption-context condition on DescribeKey denies it (seed 001)", () => {
      const { plan, doc } = scenario();
      const broken = mutate(doc, SIDS.cloudTrailDescribe, (s: PolicyStatementJson) => {
        s.Condition = {
          ...s.Condition,
          StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
        };
      });
      assert.deepEqual(satisfiedById(outcomes(broken, plan), "cloudtrail-trail.describe-key"), [false]);
    });
  });

  it("several trails in several accounts: each encrypts, an unlisted account does not", () => {
    const multi = cloudTrailTrailPlan({ key: KEY, trailArns: [FINANCE, PARTNER], serviceDecrypt: false });
    assert.deepEqual(multi.grants[0].statement.Condition, {
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn": [
          "arn:aws:cloudtrail:*:111111111111:trail/*",
          "arn:aws:cloudtrail:*:222222222222:trail/*",
        ],
      },
      StringEquals: { "aws:SourceArn": [FINANCE, PARTNER] },
    });
    const results = assertGolden(withAccountRoot(KEY, multi), multi);
    assert.deepEqual(satisfiedById(results, "cloudtrail-trail.encrypt"), [true, true]);
    assert.equal(
      results.find((o) => o.probe.id === "cloudtrail-trail.encrypt.other-account")?.probe.subject,
      "999999999999",
    );
  });

  it("organization trail: the management account's trail is the context, the key may be elsewhere", () => {
    const logArchiveKey: KeyLocation = { account: "333333333333", region: "us-east-1" };
    const orgTrail = "arn:aws:cloudtrail:us-east-1:444444444444:trail/org-trail";
    const org = cloudTrailTrailPlan({ key: logArchiveKey, trailArns: [orgTrail] });
    assert.deepEqual(org.grants[0].statement.Condition?.StringLike, {
      "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:444444444444:trail/*",
    });
    assert.equal(org.grants[0].statement.Resource, "*");
    assertGolden(withAccountRoot(logArchiveKey, org), org);
  });

  it("a value Pulumi does not know yet makes the probes undecidable, not wrong", () => {
    const preview = cloudTrailTrailPlan({ key: KEY, trailArns: [PULUMI_UNKNOWN_SENTINEL] });
    const results = outcomes(withAccountRoot(KEY, preview), preview);
    assert.deepEqual(satisfiedById(results, "cloudtrail-trail.encrypt"), ["unknown"]);
  });

  it("refuses trail ARNs it cannot pin", () => {
    assert.throws(() => cloudTrailTrailPlan({ key: KEY, trailArns: [] }), CatalogInputError);
    assert.throws(
      () => cloudTrailTrailPlan({ key: KEY, trailArns: ["arn:aws:cloudtrail:us-west-2:111111111111:trail/*"] }),
      /wildcard/,
    );
    assert.throws(() => cloudTrailTrailPlan({ key: KEY, trailArns: ["finance"] }), /not a CloudTrail trail ARN/);
  });
});
