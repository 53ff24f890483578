/**
 * What users read from the one-rule checks: not-principal-in-allow, source-ip-condition,
 * single-valued-operator-on-multivalued-key, string-operator-on-arn-key and
 * source-condition-on-event-data-store-key. Whole findings are compared (message, path, statement,
 * fix, source), and the edges of each rule's scope are pinned by passing cases.
 */
import { strict as assert } from "node:assert";
import type { LintOptions } from "pulumi-kms-guardrails/engine";
import { seedStatement } from "../fixtures/seed-examples";
import { allow, deny, findingsOf, lintJson } from "./lint-area-helper";

const ACCOUNT = { keyAccount: "111122223333" };
const ROLE = { AWS: "arn:aws:iam::111122223333:role/R" };
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };

describe("lint text: not-principal-in-allow", () => {
  it("says who is granted, at the NotPrincipal element, with the Deny alternative", () => {
    const json = {
      Sid: "All but Blocked",
      Effect: "Allow",
      NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/Blocked" },
      Action: "kms:*",
      Resource: "*",
    };
    assert.deepEqual(findingsOf("not-principal-in-allow", json, ACCOUNT), [
      {
        id: "not-principal-in-allow",
        severity: "error",
        message:
          'Statement "All but Blocked" combines Allow with NotPrincipal: it grants the key to every identity in ' +
          "every AWS account except the ones listed.",
        path: "$.Statement[0].NotPrincipal",
        statement: { index: 0, sid: "All but Blocked" },
        fix: {
          description:
            "Name the principals that need the key in Principal. To exclude principals, use Deny with a condition " +
            "on aws:PrincipalArn instead.",
        },
        source: { seed: "004", section: "Cross-account access" },
      },
    ]);
  });

  it("reports each Allow with NotPrincipal, by its own index, and no Allow with Principal", () => {
    const notPrincipal = { Effect: "Allow", NotPrincipal: ROLE, Action: "kms:Decrypt", Resource: "*" };
    const findings = findingsOf("not-principal-in-allow", {
      Statement: [allow(ROLE, "kms:*"), notPrincipal, { ...notPrincipal, Effect: "Deny" }, notPrincipal],
    });
    assert.deepEqual(
      findings.map((f) => [f.path, f.statement]),
      [
        ["$.Statement[1].NotPrincipal", { index: 1 }],
        ["$.Statement[3].NotPrincipal", { index: 3 }],
      ],
    );
    assert.match(findings[0].message, /^Statement\[1\] combines Allow with NotPrincipal/);
  });
});

describe("lint text: source-ip-condition", () => {
  it("names the key, the operator and the effect the condition fails to enforce", () => {
    const json = deny("*", "kms:*", { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } });
    assert.deepEqual(findingsOf("source-ip-condition", json, ACCOUNT), [
      {
        id: "source-ip-condition",
        severity: "warning",
        message:
          "Statement[0] uses aws:SourceIp (NotIpAddress), which is not effective for requests that come through a " +
          "VPC endpoint: such requests carry no public source IP, so the Deny does not do what it says.",
        path: '$.Statement[0].Condition.NotIpAddress["aws:SourceIp"]',
        statement: { index: 0 },
        fix: {
          description: "Restrict by VPC endpoint or VPC instead of by IP address.",
          json: { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } },
        },
        source: { seed: "004", section: "VPC endpoint" },
      },
    ]);
  });

  it("an Allow: the key as written, one finding per clause, none for other keys", () => {
    const json = allow(ROLE, "kms:Decrypt", {
      IpAddress: { "AWS:SOURCEIP": "203.0.113.7" },
      NotIpAddress: { "aws:SourceIp": "203.0.113.8" },
      StringEquals: { "aws:SourceVpce": "vpce-1" },
    });
    const findings = findingsOf("source-ip-condition", json, ACCOUNT);
    assert.deepEqual(
      findings.map((f) => f.message.slice(0, f.message.indexOf(","))),
      ["Statement[0] uses AWS:SOURCEIP (IpAddress)", "Statement[0] uses aws:SourceIp (NotIpAddress)"],
    );
    assert.match(findings[0].message, /so the Allow does not do what it says\.$/);
  });
});

describe("lint text: single-valued-operator-on-multivalued-key", () => {
  it("names the key and the operator, and proposes ForAnyValue with the clause's values", () => {
    const json = allow(ROLE, "kms:Decrypt", {
      StringLikeIfExists: { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "aws:logs:arn"] },
    });
    assert.deepEqual(findingsOf("single-valued-operator-on-multivalued-key", json, ACCOUNT), [
      {
        id: "single-valued-operator-on-multivalued-key",
        severity: "warning",
        message:
          "Statement[0] compares the multivalued key kms:EncryptionContextKeys with StringLikeIfExists, without " +
          "ForAnyValue or ForAllValues: say whether any or every value in the request must match.",
        path: '$.Statement[0].Condition.StringLikeIfExists["kms:EncryptionContextKeys"]',
        statement: { index: 0 },
        fix: {
          description:
            "Use ForAnyValue:StringLikeIfExists (at least one value matches) or ForAllValues:StringLikeIfExists " +
            "(every value matches; also true when the key is absent, so pair it with a Null check in an Allow).",
          json: {
            "ForAnyValue:StringLikeIfExists": { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "aws:logs:arn"] },
          },
        },
        source: {
          seed: "001",
          section: "Using encryption context condition keys",
          anchor: "least-privilege-encryption-context",
        },
      },
    ]);
  });

  it("ForAllValues and Null state the question; single-valued keys have none", () => {
    const json = allow(ROLE, "kms:Decrypt", {
      "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" },
      Null: { "aws:CalledVia": "false" },
      StringEquals: { "kms:CallerAccount": "111122223333", "aws:CalledVia": "athena.amazonaws.com" },
    });
    assert.deepEqual(
      findingsOf("single-valued-operator-on-multivalued-key", json, ACCOUNT).map((f) => f.path),
      ['$.Statement[0].Condition.StringEquals["aws:CalledVia"]'],
    );
  });
});

describe("lint text: string-operator-on-arn-key", () => {
  it("AWS's Control Tower CloudTrail statement: StringEquals aws:SourceArn, ArnEquals proposed with its value", () => {
    const json = seedStatement("002-cloudtrail");
    const trail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/aws-controltower-BaselineCloudTrail";
    assert.deepEqual(findingsOf("string-operator-on-arn-key", json, ACCOUNT), [
      {
        id: "string-operator-on-arn-key",
        severity: "info",
        message:
          'Statement "Allow CloudTrail to use KMS for encryption" compares the ARN key aws:SourceArn with ' +
          "StringEquals; ArnEquals matches each ARN element separately.",
        path: '$.Statement[0].Condition.StringEquals["aws:SourceArn"]',
        statement: { index: 0, sid: "Allow CloudTrail to use KMS for encryption" },
        fix: { description: "Use ArnEquals for aws:SourceArn.", json: { ArnEquals: { "aws:SourceArn": [trail] } } },
        source: {
          seed: "001",
          section: "Using aws:SourceArn or aws:SourceAccount condition keys",
          anchor: "least-privilege-source-arn",
        },
      },
    ]);
  });

  it("keeps the qualifier and IfExists; a String operator with no Arn twin gets the general advice", () => {
    const json = allow(CLOUDTRAIL, "kms:Decrypt", {
      "ForAnyValue:StringNotLikeIfExists": { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
      StringEqualsIgnoreCase: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/R" },
    });
    const findings = findingsOf("string-operator-on-arn-key", json, ACCOUNT);
    assert.deepEqual(
      findings.map((f) => [f.message, f.fix]),
      [
        [
          "Statement[0] compares the ARN key aws:SourceArn with ForAnyValue:StringNotLikeIfExists; " +
            "ForAnyValue:ArnNotLikeIfExists matches each ARN element separately.",
          {
            description: "Use ForAnyValue:ArnNotLikeIfExists for aws:SourceArn.",
            json: {
              "ForAnyValue:ArnNotLikeIfExists": { "aws:SourceArn": ["arn:aws:cloudtrail:*:111122223333:trail/*"] },
            },
          },
        ],
        [
          "Statement[0] compares the ARN key aws:PrincipalArn with StringEqualsIgnoreCase; an Arn operator matches " +
            "each ARN element separately.",
          { description: "Use ArnEquals or ArnLike for aws:PrincipalArn." },
        ],
      ],
    );
  });

  it("maps every String operator to its Arn twin", () => {
    const ops = ["StringEquals", "StringLike", "StringNotEquals", "StringNotLike"];
    const json = allow(
      ROLE,
      "kms:Decrypt",
      Object.fromEntries(ops.map((op) => [op, { "aws:SourceArn": "arn:aws:s3:::b" }])),
    );
    assert.deepEqual(
      findingsOf("string-operator-on-arn-key", json, ACCOUNT).map((f) => f.fix?.description),
      ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike"].map((op) => `Use ${op} for aws:SourceArn.`),
    );
  });

  it("no finding for Arn operators or for String keys", () => {
    const json = allow(CLOUDTRAIL, "kms:Decrypt", {
      ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
      StringEquals: { "aws:SourceAccount": "111122223333" },
    });
    assert.deepEqual(findingsOf("string-operator-on-arn-key", json, ACCOUNT), []);
  });
});

describe("lint text: source-condition-on-event-data-store-key", () => {
  const EDS = { ...ACCOUNT, eventDataStoreKey: true };

  it("one finding per source clause a CloudTrail statement requires, naming the key as written", () => {
    const json = {
      Sid: "CT",
      ...allow({ Service: ["s3.amazonaws.com", "CloudTrail.amazonaws.com"] }, "kms:GenerateDataKey*", {
        StringEquals: { "aws:SourceAccount": "111122223333" },
        ArnLike: { "AWS:SourceArn": "arn:aws:cloudtrail:*:111122223333:eventdatastore/*" },
      }),
    };
    const message = (key: string): string =>
      `Statement "CT" requires ${key} for CloudTrail, but the key encrypts an event data store and CloudTrail Lake ` +
      "requests do not support that condition key: CloudTrail cannot use the key.";
    const fix = {
      description:
        "Remove the aws:SourceArn / aws:SourceAccount condition from the CloudTrail statement, or give trails and " +
        "event data stores separate keys.",
    };
    const source = {
      seed: "003",
      section: "Required KMS key policy elements for event data stores",
      anchor: "required-kms-key-policy-eventdatastores",
    };
    assert.deepEqual(findingsOf("source-condition-on-event-data-store-key", json, EDS), [
      {
        id: "source-condition-on-event-data-store-key",
        severity: "error",
        message: message("aws:SourceAccount"),
        path: '$.Statement[0].Condition.StringEquals["aws:SourceAccount"]',
        statement: { index: 0, sid: "CT" },
        fix,
        source,
      },
      {
        id: "source-condition-on-event-data-store-key",
        severity: "error",
        message: message("AWS:SourceArn"),
        path: '$.Statement[0].Condition.ArnLike["AWS:SourceArn"]',
        statement: { index: 0, sid: "CT" },
        fix,
        source,
      },
    ]);
  });

  it("only clauses false without the key: Null false requires it; true, IfExists, negation, ForAllValues do not", () => {
    const paths = (condition: unknown): string[] =>
      findingsOf(
        "source-condition-on-event-data-store-key",
        allow(CLOUDTRAIL, "kms:GenerateDataKey", condition),
        EDS,
      ).map((f) => f.path);
    assert.deepEqual(paths({ Null: { "aws:SourceArn": "false" } }), ['$.Statement[0].Condition.Null["aws:SourceArn"]']);
    assert.deepEqual(paths({ Null: { "aws:SourceArn": "FALSE" } }), ['$.Statement[0].Condition.Null["aws:SourceArn"]']);
    assert.deepEqual(paths({ Null: { "aws:SourceArn": "true" } }), []);
    assert.deepEqual(paths({ Null: { "aws:SourceArn": ["false", "true"] } }), []);
    assert.deepEqual(paths({ StringEqualsIfExists: { "aws:SourceAccount": "111122223333" } }), []);
    assert.deepEqual(paths({ StringNotEquals: { "aws:SourceAccount": "444455556666" } }), []);
    assert.deepEqual(paths({ "ForAllValues:StringEquals": { "aws:SourceAccount": "111122223333" } }), []);
    assert.deepEqual(paths({ "ForAnyValue:StringEquals": { "aws:SourceAccount": "111122223333" } }), [
      '$.Statement[0].Condition["ForAnyValue:StringEquals"]["aws:SourceAccount"]',
    ]);
    assert.deepEqual(paths({ StringEquals: { "aws:SourceOrgID": "o-a1b2c3d4e5" } }), []);
  });

  it("not for other services, not in a Deny, not without the option", () => {
    const condition = { StringEquals: { "aws:SourceAccount": "111122223333" } };
    const count = (json: unknown, options: LintOptions = EDS): number =>
      findingsOf("source-condition-on-event-data-store-key", json, options).length;
    assert.equal(count(allow({ Service: "config.amazonaws.com" }, "kms:Decrypt", condition)), 0);
    assert.equal(count(deny(CLOUDTRAIL, "kms:Decrypt", condition)), 0);
    assert.equal(count(allow(CLOUDTRAIL, "kms:Decrypt", condition), ACCOUNT), 0);
    assert.equal(count(allow(CLOUDTRAIL, "kms:Decrypt", condition), { ...ACCOUNT, eventDataStoreKey: false }), 0);
    assert.equal(count(allow(CLOUDTRAIL, "kms:Decrypt", condition)), 1);
  });
});

describe("lint: checks on an Allow with NotPrincipal (no Principal block)", () => {
  it("report what applies and do not fail", () => {
    const json = {
      Effect: "Allow",
      NotPrincipal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-1:111122223333:trail/t" } },
    };
    for (const options of [{ keyAccount: "111122223333" }, { keyAccount: "111122223333", eventDataStoreKey: true }]) {
      assert.deepEqual(
        lintJson(json, options).map((f) => f.id),
        ["iam-policies-not-enabled", "not-principal-in-allow", "string-operator-on-arn-key"],
      );
    }
  });
});
