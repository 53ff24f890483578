/**
 * The CloudTrail trail plan, whole: seed 003's trail statements ("Granting encrypt permissions",
 * "Enable CloudTrail to describe KMS key properties", "Granting decrypt permissions", "Allow users in
 * your account to decrypt trail logs with your KMS key", "Allow users in other accounts to decrypt
 * trail logs with your KMS key") in seed 003's scenario (key in 111111111111, Bob, account
 * 222222222222, CloudTrailReadRole), the notes, every probe field (cloudtrail-trail-probes.ts),
 * and every input error word for word.
 */
import { strict as assert } from "node:assert";
import { SIDS, SOURCES, cloudTrailTrailPlan, type KeyLocation, type TrailParams } from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { assertProbes, assertTargets, errorOf, type ProbeRow } from "./plan-rows";

const KEY_ARN = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY: KeyLocation = { account: "111111111111", region: "us-east-1", keyArn: KEY_ARN };
const TRAIL = "arn:aws:cloudtrail:us-east-1:111111111111:trail/trailName";
const BOB = "arn:aws:iam::111111111111:user/Bob";
const READ_ROLE = "arn:aws:iam::111111111111:role/CloudTrailReadRole";
const CLOUDTRAIL = "cloudtrail.amazonaws.com";
const NULL_GUARD = { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } };
const DO_NOT_CHANGE =
  "The CloudTrail User Guide says when you add these sections to an existing key policy, do not change any existing sections; " +
  "if the key is disabled or the policy is wrong, CloudTrail cannot deliver logs.";
const SAME_ACCOUNT_NOTE =
  "Requests by principals in the key's own account are never denied by the key policy alone: the " +
  '"Enable IAM User Permissions" statement delegates them to IAM, so keep their IAM policies as narrow ' +
  "as the statements here. Deny probes are generated only for principals in other accounts.";

/** Seed 003's trail statements, placeholders filled in. */
const SEED_003 = {
  encrypt: (accounts: string[], sourceArn: string | string[]) => ({
    Sid: "Allow CloudTrail to encrypt logs",
    Effect: "Allow",
    Principal: { Service: CLOUDTRAIL },
    Action: "kms:GenerateDataKey*",
    Resource: KEY_ARN,
    Condition: {
      StringLike: {
        "kms:EncryptionContext:aws:cloudtrail:arn":
          accounts.length === 1
            ? `arn:aws:cloudtrail:*:${accounts[0]}:trail/*`
            : accounts.map((a) => `arn:aws:cloudtrail:*:${a}:trail/*`),
      },
      StringEquals: { "aws:SourceArn": sourceArn },
    },
  }),
  describe: (sourceArn: string | string[]) => ({
    Sid: "Allow CloudTrail access",
    Effect: "Allow",
    Principal: { Service: CLOUDTRAIL },
    Action: "kms:DescribeKey",
    Resource: KEY_ARN,
    Condition: { StringEquals: { "aws:SourceArn": sourceArn } },
  }),
  // "Allow CloudTrail to decrypt a trail", with the aws:SourceArn best practice of the other two.
  serviceDecrypt: (sourceArn: string | string[]) => ({
    Sid: "Allow CloudTrail to decrypt a trail",
    Effect: "Allow",
    Principal: { Service: CLOUDTRAIL },
    Action: "kms:Decrypt",
    Resource: KEY_ARN,
    Condition: { StringEquals: { "aws:SourceArn": sourceArn } },
  }),
  logDecrypt: (principals: string | string[]) => ({
    Sid: "Enable CloudTrail log decrypt permissions",
    Effect: "Allow",
    Principal: { AWS: principals },
    Action: "kms:Decrypt",
    Resource: KEY_ARN,
    Condition: NULL_GUARD,
  }),
  crossAccountRead: (principals: string[]) => ({
    Sid: "Enable encrypted CloudTrail log read access",
    Effect: "Allow",
    Principal: { AWS: principals },
    Action: "kms:Decrypt",
    Resource: KEY_ARN,
    Condition: NULL_GUARD,
  }),
};

const logObject = (account: string, region: string) =>
  `arn:aws:s3:::amzn-s3-demo-bucket/AWSLogs/${account}/CloudTrail/${region}/`;
const parts = (arn: string) => {
  const [, , , region, account] = arn.split(":");
  return { region, account };
};
const encryptContext = (arn: string) => ({
  "aws:SourceArn": arn,
  "aws:SourceAccount": parts(arn).account,
  "kms:EncryptionContext:aws:cloudtrail:arn": arn,
  "kms:EncryptionContext:aws:s3:arn": logObject(parts(arn).account, parts(arn).region),
  "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "aws:s3:arn"],
});
const sourceContext = (arn: string) => ({ "aws:SourceArn": arn, "aws:SourceAccount": parts(arn).account });
const bucketKeyContext = (arn: string) => ({
  ...sourceContext(arn),
  "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::amzn-s3-demo-bucket",
  "kms:EncryptionContextKeys": ["aws:s3:arn"],
});

/** The service probes of one trail, its sibling `other` (same account and Region). */
function serviceRows(trail: string, other: string, serviceDecrypt = true): ProbeRow[] {
  const row = (
    id: string,
    expect: "allow" | "deny",
    action: string,
    context: Record<string, unknown>,
    grantSid: string,
    source: ProbeRow["source"],
    description: string,
  ): ProbeRow => ({ id, expect, who: CLOUDTRAIL, action, context, grantSid, subject: trail, source, description });
  const notFor = (action: string) => `CloudTrail calls ${action} for ${other}, a trail the key is not for.`;
  return [
    row(
      "cloudtrail-trail.encrypt",
      "allow",
      "kms:GenerateDataKey",
      encryptContext(trail),
      SIDS.cloudTrailEncrypt,
      SOURCES.cloudTrailEncrypt,
      `CloudTrail calls kms:GenerateDataKey to encrypt log files of trail ${trail}.`,
    ),
    row(
      "cloudtrail-trail.describe-key",
      "allow",
      "kms:DescribeKey",
      sourceContext(trail),
      SIDS.cloudTrailDescribe,
      SOURCES.cloudTrailDescribe,
      `CloudTrail calls kms:DescribeKey for trail ${trail}.`,
    ),
    row(
      "cloudtrail-trail.encrypt.other-trail",
      "deny",
      "kms:GenerateDataKey",
      encryptContext(other),
      SIDS.cloudTrailEncrypt,
      SOURCES.trailElements,
      notFor("kms:GenerateDataKey"),
    ),
    row(
      "cloudtrail-trail.describe-key.other-trail",
      "deny",
      "kms:DescribeKey",
      sourceContext(other),
      SIDS.cloudTrailDescribe,
      SOURCES.cloudTrailDescribe,
      notFor("kms:DescribeKey"),
    ),
    ...(serviceDecrypt
      ? [
          row(
            "cloudtrail-trail.decrypt.service",
            "allow",
            "kms:Decrypt",
            bucketKeyContext(trail),
            SIDS.cloudTrailServiceDecrypt,
            SOURCES.cloudTrailDecrypt,
            `CloudTrail calls kms:Decrypt for trail ${trail} (log bucket with an S3 Bucket Key).`,
          ),
          row(
            "cloudtrail-trail.decrypt.service.other-trail",
            "deny",
            "kms:Decrypt",
            bucketKeyContext(other),
            SIDS.cloudTrailServiceDecrypt,
            SOURCES.trailElements,
            notFor("kms:Decrypt"),
          ),
        ]
      : []),
  ];
}

function strangerRow(arn: string): ProbeRow {
  const { account } = parts(arn);
  return {
    id: "cloudtrail-trail.encrypt.other-account",
    expect: "deny",
    who: CLOUDTRAIL,
    action: "kms:GenerateDataKey",
    context: encryptContext(arn),
    grantSid: SIDS.cloudTrailEncrypt,
    subject: account,
    source: SOURCES.cloudTrailEncrypt,
    description: `CloudTrail calls kms:GenerateDataKey for ${arn}, a trail in account ${account} that the key is not for.`,
  };
}

interface Reader {
  id: string;
  sid: string;
  what: string;
  source: ProbeRow["source"];
}
const LOG_READER: Reader = {
  id: "cloudtrail-trail.decrypt.reader",
  sid: SIDS.cloudTrailLogDecrypt,
  what: "Log reader",
  source: SOURCES.cloudTrailDecryptYourAccount,
};
const READER_ACCOUNT: Reader = {
  id: "cloudtrail-trail.decrypt.cross-account-reader",
  sid: SIDS.cloudTrailCrossAccountRead,
  what: "An identity of reader account",
  source: SOURCES.cloudTrailDecryptDifferentBucket,
};
const READ_ROLE_KIND: Reader = {
  id: "cloudtrail-trail.decrypt.read-role",
  sid: SIDS.cloudTrailCrossAccountRead,
  what: "Read role",
  source: SOURCES.cloudTrailDecryptSameBucket,
};

/** A reader's allow probe (a log file of `sample` through S3), and its deny probe when outside the key's account. */
function readerRows(kind: Reader, who: string, subject: string, sample: string, outside: boolean): ProbeRow[] {
  const via = { "kms:ViaService": "s3.us-east-1.amazonaws.com" };
  const allow: ProbeRow = {
    id: kind.id,
    expect: "allow",
    who,
    action: "kms:Decrypt",
    context: {
      ...via,
      "kms:EncryptionContext:aws:cloudtrail:arn": sample,
      "kms:EncryptionContext:aws:s3:arn": logObject(parts(sample).account, parts(sample).region),
      "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "aws:s3:arn"],
    },
    grantSid: kind.sid,
    subject,
    source: kind.source,
    description: `${kind.what} ${who} calls kms:Decrypt through Amazon S3 to read a log file of ${sample}.`,
  };
  if (!outside) return [allow];
  return [
    allow,
    {
      id: "cloudtrail-trail.decrypt.reader-without-context",
      expect: "deny",
      who,
      action: "kms:Decrypt",
      context: {
        ...via,
        "kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::amzn-s3-demo-bucket/not-a-log-file",
        "kms:EncryptionContextKeys": ["aws:s3:arn"],
      },
      grantSid: kind.sid,
      subject,
      source: SOURCES.cloudTrailDecrypt,
      description: `${kind.what} ${who} calls kms:Decrypt on data without the CloudTrail encryption context.`,
    },
  ];
}

describe("catalog: CloudTrail trail, whole plan (seed 003)", () => {
  it("one trail, Bob and seed 003's other-account readers: every statement of seed 003, the notes, every probe", () => {
    const plan = cloudTrailTrailPlan({
      key: KEY,
      trailArns: [TRAIL, TRAIL],
      logReaders: [BOB, BOB],
      crossAccountReaderAccounts: ["222222222222", "222222222222"],
      crossAccountReadRoles: [READ_ROLE],
    });
    assert.equal(plan.integration, "cloudtrail-trail");
    assert.deepEqual(
      plan.grants.map((g) => g.statement),
      [
        SEED_003.encrypt(["111111111111"], TRAIL),
        SEED_003.describe(TRAIL),
        SEED_003.serviceDecrypt(TRAIL),
        SEED_003.logDecrypt(BOB),
        SEED_003.crossAccountRead(["arn:aws:iam::222222222222:root", READ_ROLE]),
      ],
    );
    assert.deepEqual(
      plan.grants.map((g) => [g.purpose, g.source]),
      [
        [
          "Lets CloudTrail generate data keys to encrypt the named trails' log files, for the named accounts only.",
          SOURCES.cloudTrailEncrypt,
        ],
        ["Lets CloudTrail describe the key's properties for the named trails.", SOURCES.cloudTrailDescribe],
        [
          "Lets CloudTrail decrypt for the named trails, which it needs to create or update a trail on a bucket with an S3 Bucket Key.",
          SOURCES.cloudTrailDecrypt,
        ],
        [
          "Lets the log readers decrypt CloudTrail log files, and only data that CloudTrail encrypted.",
          SOURCES.cloudTrailDecrypt,
        ],
        [
          "Lets other accounts (through their IAM policies) or the read roles they assume decrypt CloudTrail log files only.",
          SOURCES.cloudTrailDecryptOtherAccounts,
        ],
      ],
    );
    // Bob and the read role are in the key's account.
    assert.deepEqual(plan.notes, [DO_NOT_CHANGE, SAME_ACCOUNT_NOTE]);
    assertProbes(plan, [
      ...serviceRows(TRAIL, "arn:aws:cloudtrail:us-east-1:111111111111:trail/other-trail"),
      strangerRow("arn:aws:cloudtrail:us-east-1:999999999999:trail/trailName"),
      ...readerRows(LOG_READER, BOB, BOB, TRAIL, false),
      ...readerRows(
        READER_ACCOUNT,
        "arn:aws:iam::222222222222:role/CloudTrailLogReader",
        "arn:aws:iam::222222222222:root",
        TRAIL,
        true,
      ),
      ...readerRows(READ_ROLE_KIND, READ_ROLE, READ_ROLE, TRAIL, false),
    ]);
    assertTargets(plan, KEY, KEY_ARN);
  });

  it("several trails: one encrypt pattern per account, siblings named apart, the stranger avoids every configured account", () => {
    const a = "arn:aws:cloudtrail:us-east-1:111111111111:trail/a";
    const otherTrail = "arn:aws:cloudtrail:us-east-1:111111111111:trail/other-trail";
    const b = "arn:aws:cloudtrail:eu-west-1:222222222222:trail/b";
    const remote = "arn:aws:iam::999999999999:role/Remote";
    const plan = cloudTrailTrailPlan({
      key: KEY,
      trailArns: [a, otherTrail, b],
      logReaders: [remote],
      serviceDecrypt: false,
    });
    assert.deepEqual(
      plan.grants.map((g) => g.statement),
      [
        SEED_003.encrypt(["111111111111", "222222222222"], [a, otherTrail, b]),
        SEED_003.describe([a, otherTrail, b]),
        SEED_003.logDecrypt(remote),
      ],
    );
    // No reader in the key's account: no same-account note.
    assert.deepEqual(plan.notes, [DO_NOT_CHANGE]);
    const sibling = "arn:aws:cloudtrail:us-east-1:111111111111:trail/other-trail-2";
    assertProbes(plan, [
      ...serviceRows(a, sibling, false),
      ...serviceRows(otherTrail, sibling, false),
      ...serviceRows(b, "arn:aws:cloudtrail:eu-west-1:222222222222:trail/other-trail", false),
      // 999999999999 is the reader's: the stranger takes the next candidate.
      strangerRow("arn:aws:cloudtrail:us-east-1:999999999998:trail/a"),
      ...readerRows(LOG_READER, remote, remote, a, true),
    ]);
  });

  it("a sibling is a trail of the same account and Region only; the stranger avoids the trails' accounts too", () => {
    const here = "arn:aws:cloudtrail:us-east-1:111111111111:trail/a";
    const elsewhere = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/other-trail";
    const remote = "arn:aws:cloudtrail:us-east-1:999999999999:trail/other-trail";
    const plan = cloudTrailTrailPlan({
      key: KEY,
      trailArns: [here, elsewhere, remote],
      encryptionContextAccounts: ["111111111111"],
    });
    // Only a trail of the same account and Region takes the name "other-trail" from the sibling.
    assert.deepEqual(
      plan.probes
        .filter((p) => p.id === "cloudtrail-trail.encrypt.other-trail")
        .map((p) => p.request.context?.["aws:SourceArn"]),
      [
        "arn:aws:cloudtrail:us-east-1:111111111111:trail/other-trail",
        "arn:aws:cloudtrail:eu-west-1:111111111111:trail/other-trail-2",
        "arn:aws:cloudtrail:us-east-1:999999999999:trail/other-trail-2",
      ],
    );
    assert.equal(plan.probes.find((p) => p.id === "cloudtrail-trail.encrypt.other-account")?.subject, "999999999998");
  });

  it("no readers: no reader statement, no same-account note; one reader inside the account brings the note", () => {
    const plan = cloudTrailTrailPlan({ key: KEY, trailArns: [TRAIL] });
    assert.deepEqual(
      plan.grants.map((g) => g.statement),
      [SEED_003.encrypt(["111111111111"], TRAIL), SEED_003.describe(TRAIL), SEED_003.serviceDecrypt(TRAIL)],
    );
    assert.deepEqual(plan.notes, [DO_NOT_CHANGE]);
    const mixed = cloudTrailTrailPlan({
      key: KEY,
      trailArns: [TRAIL],
      logReaders: ["arn:aws:iam::999999999999:role/Remote"],
      crossAccountReadRoles: [READ_ROLE],
    });
    assert.deepEqual(mixed.notes, [DO_NOT_CHANGE, SAME_ACCOUNT_NOTE]);
  });

  it("encryption-context accounts given: the pattern names them, not the trails' accounts", () => {
    const plan = cloudTrailTrailPlan({
      key: KEY,
      trailArns: [TRAIL],
      encryptionContextAccounts: ["111111111111", "222222222222", "222222222222"],
    });
    assert.deepEqual(plan.grants[0].statement, SEED_003.encrypt(["111111111111", "222222222222"], TRAIL));
  });

  it("a trail not known yet: readers sample a trail of the key's account and Region, the stranger too", () => {
    const plan = cloudTrailTrailPlan({ key: KEY, trailArns: [PULUMI_UNKNOWN_SENTINEL], logReaders: [BOB] });
    const sample = "arn:aws:cloudtrail:us-east-1:111111111111:trail/trail";
    const probes = plan.probes.filter(
      (p) => p.id.startsWith("cloudtrail-trail.encrypt.other-account") || p.id.includes("reader"),
    );
    assert.deepEqual(
      probes.map((p) => [p.id, p.description]),
      [
        [
          "cloudtrail-trail.encrypt.other-account",
          "CloudTrail calls kms:GenerateDataKey for arn:aws:cloudtrail:us-east-1:999999999999:trail/trail, a trail in account 999999999999 that the key is not for.",
        ],
        [
          "cloudtrail-trail.decrypt.reader",
          `Log reader ${BOB} calls kms:Decrypt through Amazon S3 to read a log file of ${sample}.`,
        ],
      ],
    );
    // A known trail after an unknown one is the readers' sample.
    const known = cloudTrailTrailPlan({ key: KEY, trailArns: [PULUMI_UNKNOWN_SENTINEL, TRAIL], logReaders: [BOB] });
    assert.equal(
      known.probes.find((p) => p.id === "cloudtrail-trail.decrypt.reader")?.request.context?.[
        "kms:EncryptionContext:aws:cloudtrail:arn"
      ],
      TRAIL,
    );
    // A reader not known yet is written, not probed.
    const unknownReader = cloudTrailTrailPlan({ key: KEY, trailArns: [TRAIL], logReaders: [PULUMI_UNKNOWN_SENTINEL] });
    assert.deepEqual(unknownReader.grants[3].statement, SEED_003.logDecrypt(PULUMI_UNKNOWN_SENTINEL));
    assert.equal(unknownReader.probes.filter((p) => p.id.includes("reader")).length, 0);
  });

  it("input errors, word for word", () => {
    const base: TrailParams = { key: KEY, trailArns: [TRAIL] };
    const cases: [Partial<TrailParams>, string][] = [
      [{ trailArns: [] }, "A CloudTrail trail plan needs at least one trail ARN: aws:SourceArn names the trails."],
      [
        { trailArns: ["x"] },
        '"x" is not a CloudTrail trail ARN; expected arn:PARTITION:cloudtrail:REGION:ACCOUNT:trail/NAME.',
      ],
      [
        { trailArns: ["arn:aws:cloudtrail:us-east-1:111111111111:trail/*"] },
        'Trail ARN "arn:aws:cloudtrail:us-east-1:111111111111:trail/*" has a wildcard; name each trail: aws:SourceArn is the ARN of the trail that uses the key.',
      ],
      [
        { trailArns: ["arn:aws:cloudtrail:us-east-1:1:trail/a"] },
        'The account in trail ARN "arn:aws:cloudtrail:us-east-1:1:trail/a" must be a 12-digit AWS account id, got "1".',
      ],
      [
        { encryptionContextAccounts: ["1"] },
        'An encryption-context account must be a 12-digit AWS account id, got "1".',
      ],
      [
        { logReaders: ["x"] },
        'Log reader "x" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.',
      ],
      [
        { crossAccountReaderAccounts: ["x"] },
        'A cross-account reader account must be a 12-digit AWS account id, got "x".',
      ],
      [
        { crossAccountReadRoles: ["x"] },
        'Cross-account read role "x" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.',
      ],
      [{ key: { ...KEY, account: "x" } }, 'The key\'s account must be a 12-digit AWS account id, got "x".'],
    ];
    for (const [change, message] of cases) {
      assert.equal(
        errorOf(() => cloudTrailTrailPlan({ ...base, ...change })),
        message,
      );
    }
  });
});
