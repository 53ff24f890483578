/**
 * Every key-policy statement AWS documents in the seed documents, as written (three of seed 003's
 * statements lack a comma in the document; they are given here as valid JSON), with the findings the
 * linter must report on each when linted alone without options. None may be an error.
 *
 * Linted alone, a statement has no key account to check IAM enablement against, hence the
 * `iam-policies-account-unknown` info on each; `lint.test.ts` also lints them inside a full policy.
 */
import type { LintOptions } from "pulumi-kms-guardrails/engine";

export interface ExpectedFinding {
  readonly id: string;
  readonly path: string;
}

export interface SeedExample {
  readonly seed: "000" | "001" | "002" | "003";
  readonly name: string;
  /** A policy document, or a single statement to be wrapped in one. */
  readonly json: unknown;
  readonly options?: LintOptions;
  readonly expected: readonly ExpectedFinding[];
}

const UNKNOWN_ACCOUNT: ExpectedFinding = { id: "iam-policies-account-unknown", path: "$" };
const noSourceCondition = (i = 0): ExpectedFinding => ({
  id: "service-principal-without-source-condition",
  path: `$.Statement[${i}].Principal.Service`,
});
const stringEqualsSourceArn = (i = 0): ExpectedFinding => ({
  id: "string-operator-on-arn-key",
  path: `$.Statement[${i}].Condition.StringEquals["aws:SourceArn"]`,
});

const CONTROL_TOWER_CONFIG = {
  Sid: "Allow Config to use KMS for encryption",
  Effect: "Allow",
  Principal: { Service: "config.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID",
};

const CONTROL_TOWER_CLOUDTRAIL = {
  Sid: "Allow CloudTrail to use KMS for encryption",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
  Resource: "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID",
  Condition: {
    StringEquals: {
      "aws:SourceArn":
        "arn:aws:cloudtrail:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:trail/aws-controltower-BaselineCloudTrail",
    },
    StringLike: {
      "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:YOUR-MANAGEMENT-ACCOUNT-ID:trail/*",
    },
  },
};

const EVENT_DATA_STORE_ENCRYPT = {
  Sid: "Allow CloudTrail to encrypt event data store",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:GenerateDataKey",
  Resource: "arn:aws:kms:Region:account_ID:key/key_ID",
};

const EVENT_DATA_STORE_DECRYPT = {
  Sid: "Allow CloudTrail to decrypt an event data store",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:Decrypt",
  Resource: "*",
};

const cloudTrailLogDecrypt = (sid: string, principal: string | string[]): unknown => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { AWS: principal },
  Action: "kms:Decrypt",
  Resource: "arn:aws:kms:Region:account_ID:key/key_ID",
  Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
});

export const SEED_EXAMPLES: readonly SeedExample[] = [
  {
    seed: "000",
    name: "AWS Config, IAM role delivery",
    json: {
      Id: "Policy_ID",
      Statement: [
        {
          Sid: "AWSConfigKMSPolicy",
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Effect: "Allow",
          Resource: "*myKMSKeyARN*",
          Principal: { AWS: ["account-id1", "account-id2", "account-id3"] },
        },
      ],
    },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "000",
    name: "AWS Config, service-linked role delivery",
    json: {
      Id: "Policy_ID",
      Statement: [
        {
          Sid: "AWSConfigKMSPolicy",
          Effect: "Allow",
          Principal: { Service: "config.amazonaws.com" },
          Action: ["kms:Decrypt", "kms:GenerateDataKey"],
          Resource: "myKMSKeyARN",
          Condition: { StringEquals: { "AWS:SourceAccount": "sourceAccountID" } },
        },
      ],
    },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "001",
    name: "Allow Amazon Location to create grants on behalf of authorized users",
    json: {
      Sid: "Allow Amazon Location to create grants on behalf of authorized users",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/LocationTeam" },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: {
        StringEquals: {
          "kms:ViaService": "geo.us-west-2.amazonaws.com",
          "kms:CallerAccount": "111122223333",
          "kms:EncryptionContext:aws:geo:arn": "arn:aws:geo:us-west-2:111122223333:tracker/SAMPLE-Tracker",
        },
      },
    },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "001",
    name: "Allow CloudTrail to encrypt logs (ArnEquals aws:SourceArn)",
    json: {
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Allow CloudTrail to encrypt logs",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey",
          Resource: "*",
          Condition: {
            ArnEquals: { "aws:SourceArn": ["arn:aws:cloudtrail:us-west-2:111122223333:trail/finance"] },
            StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*:111122223333:trail/*"] },
          },
        },
      ],
    },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "002",
    name: "Control Tower: AWS Config policy statement",
    json: CONTROL_TOWER_CONFIG,
    expected: [UNKNOWN_ACCOUNT, noSourceCondition()],
  },
  {
    seed: "002",
    name: "Control Tower: CloudTrail policy statement",
    json: CONTROL_TOWER_CLOUDTRAIL,
    expected: [UNKNOWN_ACCOUNT, stringEqualsSourceArn()],
  },
  {
    seed: "002",
    name: "Control Tower: example KMS key policy (without the existing policies)",
    json: { Version: "2012-10-17", Id: "CustomKMSPolicy", Statement: [CONTROL_TOWER_CONFIG, CONTROL_TOWER_CLOUDTRAIL] },
    expected: [UNKNOWN_ACCOUNT, noSourceCondition(0), stringEqualsSourceArn(1)],
  },
  {
    seed: "003",
    name: "Allow CloudTrail to encrypt logs",
    json: {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "arn:aws:kms:Region:account_ID:key/key_ID",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*:account-id:trail/*"] },
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:region:account-id:trail/trailName" },
      },
    },
    expected: [UNKNOWN_ACCOUNT, stringEqualsSourceArn()],
  },
  {
    seed: "003",
    name: "Allow CloudTrail to encrypt event data store",
    json: EVENT_DATA_STORE_ENCRYPT,
    expected: [UNKNOWN_ACCOUNT, noSourceCondition()],
  },
  {
    seed: "003",
    name: "Allow CloudTrail to encrypt event data store (eventDataStoreKey)",
    json: EVENT_DATA_STORE_ENCRYPT,
    options: { eventDataStoreKey: true },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Enable CloudTrail Encrypt Permissions (another account encrypts)",
    json: {
      Sid: "Enable CloudTrail Encrypt Permissions",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "arn:aws:kms:Region:account_ID:key/key_ID",
      Condition: {
        StringLike: {
          "kms:EncryptionContext:aws:cloudtrail:arn": [
            "arn:aws:cloudtrail:*:111111111111:trail/*",
            "arn:aws:cloudtrail:*:222222222222:trail/*",
          ],
        },
        StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:region:account-id:trail/trailName" },
      },
    },
    expected: [UNKNOWN_ACCOUNT, stringEqualsSourceArn()],
  },
  {
    seed: "003",
    name: "Enable CloudTrail log decrypt permissions (user)",
    json: {
      Sid: "Enable CloudTrail log decrypt permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::account-id:user/username" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
    },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Allow CloudTrail to decrypt a trail",
    json: {
      Sid: "Allow CloudTrail to decrypt a trail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:Decrypt",
      Resource: "*",
    },
    expected: [UNKNOWN_ACCOUNT, noSourceCondition()],
  },
  {
    seed: "003",
    name: "Enable user key permissions for event data stores",
    json: {
      Sid: "Enable user key permissions for event data stores",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::account-id:user/username" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
    },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Allow CloudTrail to decrypt an event data store",
    json: EVENT_DATA_STORE_DECRYPT,
    expected: [UNKNOWN_ACCOUNT, noSourceCondition()],
  },
  {
    seed: "003",
    name: "Allow CloudTrail to decrypt an event data store (eventDataStoreKey)",
    json: EVENT_DATA_STORE_DECRYPT,
    options: { eventDataStoreKey: true },
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Enable CloudTrail log decrypt permissions (Bob, same account)",
    json: cloudTrailLogDecrypt("Enable CloudTrail log decrypt permissions", "arn:aws:iam::111111111111:user/Bob"),
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Enable encrypted CloudTrail log read access (bucket in another account)",
    json: cloudTrailLogDecrypt("Enable encrypted CloudTrail log read access", ["arn:aws:iam::222222222222:root"]),
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Enable encrypted CloudTrail log read access (CloudTrailReadRole)",
    // The document's account id has 11 digits; kept as written.
    json: cloudTrailLogDecrypt("Enable encrypted CloudTrail log read access", [
      "arn:aws:iam::11111111111:role/CloudTrailReadRole",
    ]),
    expected: [UNKNOWN_ACCOUNT],
  },
  {
    seed: "003",
    name: "Allow CloudTrail access (DescribeKey)",
    json: {
      Sid: "Allow CloudTrail access",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "arn:aws:kms:Region:account_ID:key/key_ID",
      Condition: { StringEquals: { "aws:SourceArn": "arn:aws:cloudtrail:region:account-id:trail/trailName" } },
    },
    expected: [UNKNOWN_ACCOUNT, stringEqualsSourceArn()],
  },
];

/**
 * The key policy the CloudTrail console creates (CloudTrail User Guide, "Default KMS key policy
 * created in CloudTrail console", which seed 003 points to), for account 111111111111. Not a seed
 * document itself: it is the `Principal: "*"` + `kms:CallerAccount` / `kms:ViaService` case that
 * `public-principal-unconditioned` must accept.
 */
export const CLOUDTRAIL_CONSOLE_DEFAULT_POLICY = {
  Version: "2012-10-17",
  Id: "Key policy created by CloudTrail",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111111111111:root", "arn:aws:iam::111111111111:user/username"] },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringEquals: { "AWS:SourceArn": "arn:aws:cloudtrail:us-east-1:111111111111:trail/management-events" },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
      },
    },
    {
      Sid: "Allow CloudTrail to describe key",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
    },
    {
      Sid: "Allow principals in the account to decrypt log files",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": "111111111111" },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
      },
    },
    {
      Sid: "Allow alias creation during setup",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: "kms:CreateAlias",
      Resource: "*",
      Condition: {
        StringEquals: { "kms:ViaService": "ec2.us-east-1.amazonaws.com", "kms:CallerAccount": "111111111111" },
      },
    },
    {
      Sid: "Enable cross account log decryption",
      Effect: "Allow",
      Principal: { AWS: "*" },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "*",
      Condition: {
        StringEquals: { "kms:CallerAccount": "111111111111" },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111111111111:trail/*" },
      },
    },
  ],
};

export const CLOUDTRAIL_CONSOLE_DEFAULT_EXPECTED: readonly ExpectedFinding[] = [
  { id: "string-operator-on-arn-key", path: '$.Statement[1].Condition.StringEquals["AWS:SourceArn"]' },
  { id: "service-principal-without-source-condition", path: "$.Statement[2].Principal.Service" },
];
