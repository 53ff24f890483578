/**
 * The key-policy parser: every documented AWS example parses clean, every error code has a failing
 * fixture with its path, and the normalized model says what the policy says. Fixtures are data;
 * read the tables to learn what the parser accepts.
 */
import { strict as assert } from "node:assert";
import {
  CONDITION_OPERATORS,
  MAX_KEY_POLICY_BYTES,
  PARSE_ERROR_CODES,
  PULUMI_UNKNOWN_SENTINEL,
  parseOperator,
  parsePolicy,
  suggestOperator,
  type ParseResult,
  type SeedRef,
} from "pulumi-kms-guardrails/engine";

const VERSION = "2012-10-17";
const UNKNOWN = PULUMI_UNKNOWN_SENTINEL;
/** A realistic key ARN to stand in for the documents' placeholders. */
const KEY_ARN = "arn:aws:kms:us-east-2:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/** `path code` of every error, the form the tables below assert. */
function problems(result: ParseResult): string[] {
  return result.errors.map((e) => `${e.path} ${e.code}`);
}

type Fill = readonly (readonly [string | RegExp, string])[];

function applyFill(text: string, fill: Fill = []): string {
  return fill.reduce(
    (t, [from, to]) => (typeof from === "string" ? t.split(from).join(to) : t.replace(from, to)),
    text,
  );
}

/** A document snippet is either a whole policy or one statement, which gets wrapped. */
function asPolicy(text: string): string {
  const value: unknown = JSON.parse(text);
  const isPolicy = typeof value === "object" && value !== null && "Statement" in value;
  return isPolicy ? text : `{"Version": "${VERSION}", "Statement": [${text}]}`;
}

// Placeholders the documents ask the reader to replace, with realistic values. The parser rejects
// the unfilled templates (see `asWritten`): an account id must have 12 digits, a Region code is
// lower-case, a key id is a lower-case UUID.

/**
 * Seed 000 prints `"Resource": "*myKMSKeyARN*"` (Markdown emphasis around the placeholder) and the
 * account principals as `account-id1`..`account-id3`; its policies also have no `Version`, which
 * this parser requires.
 */
const FILL_000_IAM_ROLE: Fill = [
  ['"Id": "Policy_ID",', `"Version": "${VERSION}", "Id": "Policy_ID",`],
  ['"*myKMSKeyARN*"', `"${KEY_ARN}"`],
  ["account-id1", "111111111111"],
  ["account-id2", "222222222222"],
  ["account-id3", "333333333333"],
];
const FILL_000_SERVICE: Fill = [
  ['"Id": "Policy_ID",', `"Version": "${VERSION}", "Id": "Policy_ID",`],
  ['"myKMSKeyARN"', `"${KEY_ARN}"`],
  ["sourceAccountID", "111111111111"],
];
const FILL_002: Fill = [
  ["YOUR-HOME-REGION", "us-east-2"],
  ["YOUR-MANAGEMENT-ACCOUNT-ID", "111111111111"],
  ["YOUR-KMS-KEY-ID", "1234abcd-12ab-34cd-56ef-1234567890ab"],
];
/** Seed 002's example also holds `{ ... YOUR-EXISTING-POLICIES ... }`, a stand-in that is not JSON. */
const FILL_002_EXAMPLE: Fill = [[/\{\s*\.\.\. YOUR-EXISTING-POLICIES \.\.\.\s*\},/, ""], ...FILL_002];
const FILL_003: Fill = [
  ["arn:aws:kms:Region:account_ID:key/key_ID", KEY_ARN],
  ["region:account-id", "us-east-2:111111111111"],
  ["account-id", "111111111111"],
  ["trailName", "management-events"],
];
/**
 * Seed 003's CloudTrailReadRole statement names `arn:aws:iam::11111111111:role/...`: eleven digits,
 * a typo in the document (the scenario's account is 111111111111). AWS would reject the policy.
 */
const FILL_003_READ_ROLE: Fill = [["::11111111111:", "::111111111111:"], ...FILL_003];

interface SeedFixture {
  readonly name: string;
  readonly source: SeedRef;
  /** The block as the document prints it (a missing comma added where noted). */
  readonly text: string;
  readonly fill?: Fill;
  /** `path code` of the errors before filling the placeholders in. */
  readonly asWritten: readonly string[];
}

const SEED_FIXTURES: readonly SeedFixture[] = [
  {
    name: "AWS Config KMS policy with an IAM role",
    source: { seed: "000", section: "Required Permissions for the KMS Key When Using IAM Roles (S3 Bucket Delivery)" },
    text: `{
    "Id": "Policy_ID",
    "Statement": [
        {
            "Sid": "AWSConfigKMSPolicy",
            "Action": [
                "kms:Decrypt",
                "kms:GenerateDataKey"
            ],
            "Effect": "Allow",
            "Resource": "*myKMSKeyARN*",
            "Principal": {
                "AWS": [
                    "account-id1",
                    "account-id2",
                    "account-id3"
                ]
            }
        }
    ]
}`,
    fill: FILL_000_IAM_ROLE,
    asWritten: [
      "$ missing-version",
      "$.Statement[0].Principal.AWS[0] invalid-aws-principal",
      "$.Statement[0].Principal.AWS[1] invalid-aws-principal",
      "$.Statement[0].Principal.AWS[2] invalid-aws-principal",
      "$.Statement[0].Resource resource-never-matches-key",
    ],
  },
  {
    name: "AWS Config KMS policy with the service-linked role",
    source: {
      seed: "000",
      section: "Required Permissions for the KMS Key When Using Service-Linked Roles (S3 Bucket Delivery)",
    },
    text: `{
    "Id": "Policy_ID",
    "Statement": [
        {
            "Sid": "AWSConfigKMSPolicy",
            "Effect": "Allow",
            "Principal": {
                "Service": "config.amazonaws.com"
            },
            "Action": [
                "kms:Decrypt",
                "kms:GenerateDataKey"
            ],
            "Resource": "myKMSKeyARN",
            "Condition": { 
                "StringEquals": {
                    "AWS:SourceAccount": "sourceAccountID"
                }
            }
        }
    ]
}`,
    fill: FILL_000_SERVICE,
    asWritten: ["$ missing-version", "$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Allow Amazon Location to create grants on behalf of authorized users",
    source: { seed: "001", section: "Using encryption context condition keys" },
    text: `{
  "Sid": "Allow Amazon Location to create grants on behalf of authorized users",
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111122223333:role/LocationTeam"
  },
  "Action": "kms:CreateGrant",
  "Resource": "*",
  "Condition": {
    "StringEquals": {
      "kms:ViaService": "geo.us-west-2.amazonaws.com",
      "kms:CallerAccount": "111122223333",
      "kms:EncryptionContext:aws:geo:arn": "arn:aws:geo:us-west-2:111122223333:tracker/SAMPLE-Tracker"
    }
  }
}`,
    asWritten: [],
  },
  {
    name: "Allow CloudTrail to encrypt logs (ArnEquals on aws:SourceArn)",
    source: { seed: "001", section: "Using aws:SourceArn or aws:SourceAccount condition keys" },
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Allow CloudTrail to encrypt logs",
      "Effect": "Allow",
      "Principal": {
        "Service": "cloudtrail.amazonaws.com"
      },
      "Action": "kms:GenerateDataKey",
      "Resource": "*",
      "Condition": {
        "ArnEquals": {
          "aws:SourceArn": [
            "arn:aws:cloudtrail:us-west-2:111122223333:trail/finance"
          ]
        },
        "StringLike": {
          "kms:EncryptionContext:aws:cloudtrail:arn": [
            "arn:aws:cloudtrail:*:111122223333:trail/*"
          ]
        }
      }
    }
  ]
}`,
    asWritten: [],
  },
  {
    name: "Allow Config to use KMS for encryption",
    source: { seed: "002", section: "Update the KMS key policy" },
    text: `{
    "Sid": "Allow Config to use KMS for encryption",
    "Effect": "Allow",
    "Principal": {
        "Service": "config.amazonaws.com"
    },
    "Action": [
        "kms:Decrypt",
        "kms:GenerateDataKey"
    ],
    "Resource": "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID"
}`,
    fill: FILL_002,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Allow CloudTrail to use KMS for encryption",
    source: { seed: "002", section: "Update the KMS key policy" },
    text: `{
    "Sid": "Allow CloudTrail to use KMS for encryption",
    "Effect": "Allow",
    "Principal": {
        "Service": "cloudtrail.amazonaws.com"
    },
    "Action": [
        "kms:GenerateDataKey*",
        "kms:Decrypt"
    ],
    "Resource": "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID",
    "Condition": {
        "StringEquals": {
            "aws:SourceArn": "arn:aws:cloudtrail:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:trail/aws-controltower-BaselineCloudTrail"
        },
        "StringLike": {
            "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:YOUR-MANAGEMENT-ACCOUNT-ID:trail/*"
        }
    }
}`,
    fill: FILL_002,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Example KMS key policy",
    source: { seed: "002", section: "Update the KMS key policy" },
    text: `{
    "Version": "2012-10-17",
    "Id": "CustomKMSPolicy",
    "Statement": [
        {
        ... YOUR-EXISTING-POLICIES ...
        },
        {
            "Sid": "Allow Config to use KMS for encryption",
            "Effect": "Allow",
            "Principal": {
                "Service": "config.amazonaws.com"
            },
            "Action": [
                "kms:Decrypt",
                "kms:GenerateDataKey"
            ],
            "Resource": "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID"
        },
        {
            "Sid": "Allow CloudTrail to use KMS for encryption",
            "Effect": "Allow",
            "Principal": {
                "Service": "cloudtrail.amazonaws.com"
            },
            "Action": [
                "kms:GenerateDataKey*",
                "kms:Decrypt"
              ],
            "Resource": "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID",
            "Condition": {
                "StringEquals": {
                    "aws:SourceArn": "arn:aws:cloudtrail:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:trail/aws-controltower-BaselineCloudTrail"
                },
                "StringLike": {
                    "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:YOUR-MANAGEMENT-ACCOUNT-ID:trail/*"
                }
            }
        }
    ]
}`,
    fill: FILL_002_EXAMPLE,
    asWritten: ["$ invalid-json"],
  },
  {
    name: "Allow CloudTrail to encrypt logs",
    source: { seed: "003", section: "Granting encrypt permissions" },
    text: `{
  "Sid": "Allow CloudTrail to encrypt logs",
  "Effect": "Allow",
  "Principal": {
    "Service": "cloudtrail.amazonaws.com"
  },
  "Action": "kms:GenerateDataKey*",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID",
  "Condition": {
    "StringLike": {
      "kms:EncryptionContext:aws:cloudtrail:arn": [
        "arn:aws:cloudtrail:*:account-id:trail/*"
      ]
    },
    "StringEquals": {
        "aws:SourceArn": "arn:aws:cloudtrail:region:account-id:trail/trailName"
    }
  }
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Allow CloudTrail to encrypt event data store",
    source: { seed: "003", section: "Granting encrypt permissions" },
    text: `{
 "Sid": "Allow CloudTrail to encrypt event data store",
 "Effect": "Allow",
 "Principal": {
   "Service": "cloudtrail.amazonaws.com"
  },
 "Action": "kms:GenerateDataKey",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID"
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Enable CloudTrail Encrypt Permissions (cross-account)",
    source: { seed: "003", section: "Granting encrypt permissions" },
    text: `{
  "Sid": "Enable CloudTrail Encrypt Permissions",
  "Effect": "Allow",
  "Principal": {
    "Service": "cloudtrail.amazonaws.com"
  },
  "Action": "kms:GenerateDataKey*",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID",
  "Condition": {
    "StringLike": {
      "kms:EncryptionContext:aws:cloudtrail:arn": [
        "arn:aws:cloudtrail:*:111111111111:trail/*",
        "arn:aws:cloudtrail:*:222222222222:trail/*"
      ]
    },
    "StringEquals": {
        "aws:SourceArn": "arn:aws:cloudtrail:region:account-id:trail/trailName"
    }
  }
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Enable CloudTrail log decrypt permissions",
    source: { seed: "003", section: "Granting decrypt permissions" },
    text: `{
  "Sid": "Enable CloudTrail log decrypt permissions",
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::account-id:user/username"
  },
  "Action": "kms:Decrypt",
  "Resource": "*",
  "Condition": {
    "Null": {
      "kms:EncryptionContext:aws:cloudtrail:arn": "false"
    }
  }
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Principal.AWS invalid-account-id"],
  },
  {
    name: "Allow CloudTrail to decrypt a trail",
    source: { seed: "003", section: "Granting decrypt permissions" },
    // The document prints `"Action": "kms:Decrypt"` without the comma JSON needs before "Resource"; added.
    text: `{
      "Sid": "Allow CloudTrail to decrypt a trail",
      "Effect": "Allow",
      "Principal": {
          "Service": "cloudtrail.amazonaws.com"
        },
      "Action": "kms:Decrypt",
      "Resource": "*"
}`,
    asWritten: [],
  },
  {
    name: "Enable user key permissions for event data stores",
    source: { seed: "003", section: "Granting decrypt permissions" },
    // The document prints the Sid without the comma JSON needs before "Effect"; added.
    text: `{
      "Sid": "Enable user key permissions for event data stores",
      "Effect": "Allow",
      "Principal": {
          "AWS": "arn:aws:iam::account-id:user/username"
      },
      "Action": [
          "kms:Decrypt",
          "kms:GenerateDataKey"
      ],
      "Resource": "*"
  }`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Principal.AWS invalid-account-id"],
  },
  {
    name: "Allow CloudTrail to decrypt an event data store",
    source: { seed: "003", section: "Granting decrypt permissions" },
    // The document prints `"Action": "kms:Decrypt"` without the comma JSON needs before "Resource"; added.
    text: `{
      "Sid": "Allow CloudTrail to decrypt an event data store",
      "Effect": "Allow",
      "Principal": {
          "Service": "cloudtrail.amazonaws.com"
        },
      "Action": "kms:Decrypt",
      "Resource": "*"
}`,
    asWritten: [],
  },
  {
    name: "Enable CloudTrail log decrypt permissions for Bob",
    source: { seed: "003", section: "Allow users in your account to decrypt trail logs with your KMS key" },
    text: `{
  "Sid": "Enable CloudTrail log decrypt permissions",
  "Effect": "Allow",
  "Principal": {
    "AWS": "arn:aws:iam::111111111111:user/Bob"
  },
  "Action": "kms:Decrypt",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID",
  "Condition": {
    "Null": {
      "kms:EncryptionContext:aws:cloudtrail:arn": "false"
    }
  }
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Enable encrypted CloudTrail log read access (bucket in another account)",
    source: { seed: "003", section: "Allow users of a bucket in a different account to decrypt logs" },
    text: `{
  "Sid": "Enable encrypted CloudTrail log read access",
  "Effect": "Allow",
  "Principal": {
    "AWS": [
      "arn:aws:iam::222222222222:root"
    ]
  },
  "Action": "kms:Decrypt",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID",
  "Condition": {
    "Null": {
      "kms:EncryptionContext:aws:cloudtrail:arn": "false"
    }
  }
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "Enable encrypted CloudTrail log read access (CloudTrailReadRole)",
    source: { seed: "003", section: "Allow users in a different account to decrypt trail logs from your bucket" },
    text: `{
  "Sid": "Enable encrypted CloudTrail log read access",
  "Effect": "Allow",
  "Principal": {
    "AWS": [
      "arn:aws:iam::11111111111:role/CloudTrailReadRole"
    ]
  },
  "Action": "kms:Decrypt",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID",
  "Condition": {
    "Null": {
      "kms:EncryptionContext:aws:cloudtrail:arn": "false"
    }
  }
}`,
    fill: FILL_003_READ_ROLE,
    asWritten: [
      "$.Statement[0].Principal.AWS[0] invalid-account-id",
      "$.Statement[0].Resource resource-never-matches-key",
    ],
  },
  {
    name: "Allow CloudTrail access (DescribeKey)",
    source: { seed: "003", section: "Enable CloudTrail to describe KMS key properties" },
    text: `{
  "Sid": "Allow CloudTrail access",
  "Effect": "Allow",
  "Principal": {
    "Service": "cloudtrail.amazonaws.com"
  },
  "Action": "kms:DescribeKey",
  "Resource": "arn:aws:kms:Region:account_ID:key/key_ID",
  "Condition": {
    "StringEquals": {
        "aws:SourceArn": "arn:aws:cloudtrail:region:account-id:trail/trailName"
    }
  }
}`,
    fill: FILL_003,
    asWritten: ["$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "AWS Config service principal limited to one delivery channel's Region and account",
    source: {
      seed: "000",
      section: "Required Permissions for the KMS Key When Using Service-Linked Roles (S3 Bucket Delivery)",
    },
    // The document gives this ArnLike condition inline, in prose; here it limits the statement above.
    text: `{
  "Sid": "AWSConfigKMSPolicy",
  "Effect": "Allow",
  "Principal": { "Service": "config.amazonaws.com" },
  "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
  "Resource": "*",
  "Condition": { "ArnLike": {"AWS:SourceArn": "arn:aws:config:us-east-1:123456789012:*"} }
}`,
    asWritten: [],
  },
];

/** Seed 003 also prints policies that are not key policies; as key policies they are rejected. */
const NOT_KEY_POLICIES: readonly { name: string; text: string; expected: readonly string[] }[] = [
  {
    name: "Alice's IAM user policy (an identity policy: no Principal)",
    // `key/KeyA` is the document's stand-in for a key id; real key ids are lower-case UUIDs.
    text: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:kms:us-west-2:111111111111:key/KeyA"
    }
  ]
}`,
    expected: ["$.Statement[0] missing-principal", "$.Statement[0].Resource resource-never-matches-key"],
  },
  {
    name: "CloudTrailReadRole trust policy (a role trust policy: sts:AssumeRole, no Resource)",
    text: `{
 "Version": "2012-10-17",
 "Statement": [
   {
     "Sid": "",
     "Effect": "Allow",
     "Principal": {
       "AWS": "arn:aws:iam::222222222222:root"
     },
     "Action": "sts:AssumeRole"
    }
  ]
 }`,
    expected: ["$.Statement[0] missing-resource", "$.Statement[0].Action non-kms-action"],
  },
];

// ---------------------------------------------------------------------------------------------
// Error fixtures: one or more failing inputs per code, with every error they must produce.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Patch = Record<string, Json | undefined>;

const BASE_STATEMENT = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
} as const;

/** A policy whose one statement is the base statement with `patch` applied (`undefined` removes). */
function withStatement(patch: Patch): { [key: string]: Json } {
  const statement: { [key: string]: Json } = { ...BASE_STATEMENT, Principal: { ...BASE_STATEMENT.Principal } };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete statement[key];
    else statement[key] = value;
  }
  return { Version: VERSION, Statement: [statement] };
}

const withCondition = (condition: Json): { [key: string]: Json } => withStatement({ Condition: condition });
const S0 = "$.Statement[0]";

interface ErrorFixture {
  readonly name: string;
  readonly input: unknown;
  /** Every error, as `path code`, in order. */
  readonly expected: readonly string[];
  /** Words the first error's message must contain. */
  readonly message?: string;
}

const manyBadStatements = {
  Version: VERSION,
  Statement: Array.from({ length: 150 }, () => ({ ...BASE_STATEMENT, Effect: "Maybe" })),
};

const ERROR_FIXTURES: readonly ErrorFixture[] = [
  { name: "text that is not JSON", input: "{not json", expected: ["$ invalid-json"], message: "not valid JSON: " },
  {
    name: "a value whose properties cannot be read",
    input: new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("revoked");
        },
      },
    ),
    expected: ["$ unreadable-input"],
    message: "revoked",
  },
  { name: "a JSON array", input: "[]", expected: ["$ not-an-object"] },
  { name: "a number", input: 42, expected: ["$ not-an-object"] },
  { name: "undefined", input: undefined, expected: ["$ not-an-object"] },
  {
    name: "a policy over 32 KB",
    input: withStatement({ Sid: "x".repeat(MAX_KEY_POLICY_BYTES) }),
    expected: ["$ policy-too-large"],
    message: "AWS KMS accepts at most 32768",
  },
  {
    name: "two StringEquals blocks in one Condition",
    input: `{"Version":"${VERSION}","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
      "Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"},"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}]}`,
    expected: [`${S0}.Condition.StringEquals duplicate-json-key`],
    message: "silently lost",
  },
  {
    name: "a duplicate name written with an escape",
    input: `{"Version":"${VERSION}","Statement":{"Sid":"a","\\u0053id":"b","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}}`,
    expected: ["$.Statement.Sid duplicate-json-key"],
  },
  {
    name: "150 broken statements",
    input: manyBadStatements,
    expected: [
      ...Array.from({ length: 100 }, (_, i) => `$.Statement[${i}].Effect invalid-effect`),
      "$ too-many-errors",
    ],
  },
  { name: "no Version", input: { Statement: [BASE_STATEMENT] }, expected: ["$ missing-version"] },
  {
    name: "the 2008 Version",
    input: { Version: "2008-10-17", Statement: [BASE_STATEMENT] },
    expected: ["$.Version invalid-version"],
  },
  {
    name: "a numeric Id",
    input: { Version: VERSION, Id: 7, Statement: [BASE_STATEMENT] },
    expected: ["$.Id invalid-id"],
  },
  {
    name: "a misspelled top-level element",
    input: { Version: VERSION, Statements: [BASE_STATEMENT] },
    expected: ["$.Statements unknown-policy-element", "$ missing-statement"],
    message: 'did you mean "Statement"',
  },
  { name: "no Statement", input: { Version: VERSION }, expected: ["$ missing-statement"] },
  { name: "an empty Statement", input: { Version: VERSION, Statement: [] }, expected: ["$.Statement empty-statement"] },
  {
    name: "a string Statement",
    input: { Version: VERSION, Statement: "x" },
    expected: ["$.Statement invalid-statement"],
  },
  {
    name: "a statement that is not an object",
    input: { Version: VERSION, Statement: [BASE_STATEMENT, 5] },
    expected: ["$.Statement[1] invalid-statement-entry"],
  },
  {
    name: "a misspelled statement element",
    input: withStatement({ Efect: "Deny" }),
    expected: [`${S0}.Efect unknown-statement-element`],
    message: 'did you mean "Effect"',
  },
  { name: "no Effect", input: withStatement({ Effect: undefined }), expected: [`${S0} missing-effect`] },
  {
    name: "a lower-case Effect",
    input: withStatement({ Effect: "allow" }),
    expected: [`${S0}.Effect invalid-effect`],
    message: 'write "Allow"',
  },
  { name: "a numeric Sid", input: withStatement({ Sid: 1 }), expected: [`${S0}.Sid invalid-sid`] },
  {
    name: "two statements with one Sid",
    input: { Version: VERSION, Statement: [BASE_STATEMENT, BASE_STATEMENT] },
    expected: ["$.Statement[1].Sid duplicate-sid"],
  },
  { name: "no Principal", input: withStatement({ Principal: undefined }), expected: [`${S0} missing-principal`] },
  {
    name: "Principal and NotPrincipal",
    input: withStatement({ NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" } }),
    expected: [`${S0}.NotPrincipal principal-and-notprincipal`],
  },
  {
    name: "a Principal written as a bare ARN",
    input: withStatement({ Principal: "arn:aws:iam::111122223333:root" }),
    expected: [`${S0}.Principal invalid-principal`],
  },
  {
    name: "an empty Principal object",
    input: withStatement({ Principal: {} }),
    expected: [`${S0}.Principal invalid-principal`],
  },
  {
    name: "a misspelled principal type",
    input: withStatement({ Principal: { Aws: "111122223333" } }),
    expected: [`${S0}.Principal.Aws unknown-principal-type`],
    message: 'did you mean "AWS"',
  },
  {
    name: "an empty principal list",
    input: withStatement({ Principal: { AWS: [] } }),
    expected: [`${S0}.Principal.AWS invalid-principal-value`],
  },
  {
    name: "a numeric principal",
    input: withStatement({ Principal: { AWS: [111122223333] } }),
    expected: [`${S0}.Principal.AWS[0] invalid-principal-value`],
  },
  {
    name: "an IAM ARN that is no identity",
    input: withStatement({
      Principal: { AWS: ["arn:aws:iam::123:someone", "arn:aws:iam::111122223333:group/admins"] },
    }),
    expected: [`${S0}.Principal.AWS[0] invalid-aws-principal`, `${S0}.Principal.AWS[1] invalid-aws-principal`],
  },
  {
    name: "a wildcard inside a principal ARN",
    input: withStatement({ Principal: { AWS: "arn:aws:iam::111122223333:role/*" } }),
    expected: [`${S0}.Principal.AWS wildcard-in-principal`],
    message: "aws:PrincipalArn",
  },
  {
    name: "short account ids",
    input: withStatement({ Principal: { AWS: ["12345", "arn:aws:iam::11111111111:role/CloudTrailReadRole"] } }),
    expected: [`${S0}.Principal.AWS[0] invalid-account-id`, `${S0}.Principal.AWS[1] invalid-account-id`],
  },
  {
    name: "service principals without a domain or with a wildcard",
    input: withStatement({ Principal: { Service: ["cloudtrail", "*.amazonaws.com"] } }),
    expected: [
      `${S0}.Principal.Service[0] invalid-service-principal`,
      `${S0}.Principal.Service[1] invalid-service-principal`,
    ],
  },
  {
    name: "a role ARN as a federated principal",
    input: withStatement({ Principal: { Federated: "arn:aws:iam::111122223333:role/x" } }),
    expected: [`${S0}.Principal.Federated invalid-federated-principal`],
  },
  {
    name: "a short canonical user id",
    input: withStatement({ Principal: { CanonicalUser: "abc" } }),
    expected: [`${S0}.Principal.CanonicalUser invalid-canonical-user`],
  },
  { name: "no Action", input: withStatement({ Action: undefined }), expected: [`${S0} missing-action`] },
  {
    name: "Action and NotAction",
    input: withStatement({ NotAction: "kms:Decrypt" }),
    expected: [`${S0}.NotAction action-and-notaction`],
  },
  { name: "a numeric Action", input: withStatement({ Action: 5 }), expected: [`${S0}.Action invalid-action-value`] },
  {
    name: "an empty Action list",
    input: withStatement({ Action: [] }),
    expected: [`${S0}.Action invalid-action-value`],
  },
  {
    name: "an action without a service prefix",
    input: withStatement({ Action: "Decrypt" }),
    expected: [`${S0}.Action malformed-action`],
  },
  {
    name: "another service's action",
    input: withStatement({ Action: ["kms:Decrypt", "s3:GetObject"] }),
    expected: [`${S0}.Action[1] non-kms-action`],
    message: "never applies",
  },
  {
    name: "a misspelled KMS action",
    input: withStatement({ Action: "kms:Decrpyt" }),
    expected: [`${S0}.Action unknown-kms-action`],
    message: 'did you mean "kms:Decrypt"',
  },
  {
    name: "a KMS pattern that matches nothing",
    input: withStatement({ Action: "kms:Foo*" }),
    expected: [`${S0}.Action kms-action-pattern-matches-nothing`],
  },
  { name: "no Resource", input: withStatement({ Resource: undefined }), expected: [`${S0} missing-resource`] },
  {
    name: "Resource and NotResource",
    input: withStatement({ NotResource: KEY_ARN }),
    expected: [`${S0}.NotResource resource-and-notresource`],
  },
  {
    name: "an object Resource",
    input: withStatement({ Resource: {} }),
    expected: [`${S0}.Resource invalid-resource-value`],
  },
  {
    // AWS's old default CloudTrail key policy carried an S3 ARN on its root statement.
    name: "resources that can never be this key",
    input: withStatement({
      Resource: [
        "arn:aws:s3:::bucket/*",
        "arn:aws:kms:us-east-1:111122223333:alias/cloudtrail",
        "arn:aws:kms:*:*:alias/*",
        "myKMSKeyARN",
      ],
    }),
    expected: [
      `${S0}.Resource[0] resource-never-matches-key`,
      `${S0}.Resource[1] resource-never-matches-key`,
      `${S0}.Resource[2] resource-never-matches-key`,
      `${S0}.Resource[3] resource-never-matches-key`,
    ],
    message: 'service "s3"',
  },
  {
    // IAM User Guide, "IAM policy elements: Variables and tags", "Resource element": variables only
    // after the fifth colon; before it the text stays as written, and no key ARN contains it.
    name: "a policy variable before the fifth colon of Resource",
    input: withStatement({ Resource: "arn:aws:kms:*:${aws:PrincipalAccount}:key/*" }),
    expected: [`${S0}.Resource resource-never-matches-key`],
    message: "${aws:PrincipalAccount} stands before the fifth colon",
  },
  { name: "a string Condition", input: withCondition("x"), expected: [`${S0}.Condition invalid-condition`] },
  {
    name: "a Condition nested inside Condition",
    input: withCondition({ Condition: { StringEquals: { "aws:SourceAccount": "111122223333" } } }),
    expected: [`${S0}.Condition.Condition nested-condition-block`],
    message: "nothing it contains limits access",
  },
  {
    name: "a misspelled operator",
    input: withCondition({ StringEqual: { "aws:SourceAccount": "111122223333" } }),
    expected: [`${S0}.Condition.StringEqual unknown-condition-operator`],
    message: 'did you mean "StringEquals"',
  },
  {
    name: "an operator in the wrong case",
    input: withCondition({ "forAnyValue:stringLikeIfExists": { "aws:SourceAccount": "111122223333" } }),
    expected: [`${S0}.Condition["forAnyValue:stringLikeIfExists"] condition-operator-case`],
    message: '"ForAnyValue:StringLikeIfExists"',
  },
  {
    name: "NullIfExists",
    input: withCondition({ NullIfExists: { "aws:SourceArn": "false" } }),
    expected: [`${S0}.Condition.NullIfExists null-ifexists`],
  },
  {
    name: "an operator mapped to a string",
    input: withCondition({ StringEquals: "aws:SourceAccount" }),
    expected: [`${S0}.Condition.StringEquals invalid-condition-operator-block`],
  },
  {
    name: "condition keys without a prefix or with a stray space",
    input: withCondition({ StringEquals: { SourceAccount: "111122223333", "aws:SourceArn ": "arn:aws:x" } }),
    expected: [
      `${S0}.Condition.StringEquals.SourceAccount invalid-condition-key`,
      `${S0}.Condition.StringEquals["aws:SourceArn "] invalid-condition-key`,
    ],
  },
  {
    name: "null, object and nested-array condition values",
    input: withCondition({
      StringEquals: { "aws:SourceAccount": [null, {}, ["111122223333"]], "aws:SourceArn": null },
    }),
    expected: [
      `${S0}.Condition.StringEquals["aws:SourceAccount"][0] invalid-condition-value`,
      `${S0}.Condition.StringEquals["aws:SourceAccount"][1] invalid-condition-value`,
      `${S0}.Condition.StringEquals["aws:SourceAccount"][2] invalid-condition-value`,
      `${S0}.Condition.StringEquals["aws:SourceArn"] invalid-condition-value`,
    ],
  },
  {
    name: "a number JSON cannot hold",
    input: withCondition({ NumericLessThan: { "kms:GrantOperations": Number.NaN } }),
    expected: [`${S0}.Condition.NumericLessThan["kms:GrantOperations"] invalid-condition-value`],
  },
  {
    name: "an empty list of values",
    input: withCondition({ StringEquals: { "aws:SourceAccount": [] } }),
    expected: [`${S0}.Condition.StringEquals["aws:SourceAccount"] empty-condition-values`],
  },
  {
    name: "a Null value that is not true or false",
    input: withCondition({ Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "no" } }),
    expected: [`${S0}.Condition.Null["kms:EncryptionContext:aws:cloudtrail:arn"] invalid-null-value`],
  },
  {
    name: "a Bool value that is not true or false",
    input: withCondition({ Bool: { "aws:SecureTransport": "yes" } }),
    expected: [`${S0}.Condition.Bool["aws:SecureTransport"] invalid-bool-value`],
  },
  {
    name: "a Numeric value that is not a number",
    input: withCondition({ NumericLessThanEquals: { "aws:MultiFactorAuthAge": "ten" } }),
    expected: [`${S0}.Condition.NumericLessThanEquals["aws:MultiFactorAuthAge"] invalid-numeric-value`],
  },
  {
    name: "Date values that are not dates",
    input: withCondition({ DateLessThan: { "aws:CurrentTime": ["yesterday", "2025-13-01T00:00:00Z"] } }),
    expected: [
      `${S0}.Condition.DateLessThan["aws:CurrentTime"][0] invalid-date-value`,
      `${S0}.Condition.DateLessThan["aws:CurrentTime"][1] invalid-date-value`,
    ],
  },
  {
    name: "IpAddress values that are not addresses",
    input: withCondition({ NotIpAddress: { "aws:SourceIp": ["10.0.0.300", "10.0.0.0/33", "2001:db8:::1"] } }),
    expected: [
      `${S0}.Condition.NotIpAddress["aws:SourceIp"][0] invalid-ip-value`,
      `${S0}.Condition.NotIpAddress["aws:SourceIp"][1] invalid-ip-value`,
      `${S0}.Condition.NotIpAddress["aws:SourceIp"][2] invalid-ip-value`,
    ],
  },
  {
    name: "a Binary value that is not base64",
    input: withCondition({ BinaryEquals: { "aws:x": "not base64!" } }),
    expected: [`${S0}.Condition.BinaryEquals["aws:x"] invalid-binary-value`],
  },
  {
    name: "an account id under ArnEquals",
    input: withCondition({ ArnEquals: { "aws:SourceArn": "111122223333" } }),
    expected: [`${S0}.Condition.ArnEquals["aws:SourceArn"] invalid-arn-value`],
  },
];

/** Condition values each family accepts. */
const GOOD_CONDITIONS: readonly { name: string; condition: Json }[] = [
  {
    name: "dates: ISO 8601 forms and epoch seconds",
    condition: {
      DateGreaterThan: { "aws:CurrentTime": ["2025-01-31", "2025-01-31T00:00:00Z", "2025-01-31T10:20:30.123+02:00"] },
      DateLessThanEquals: { "aws:EpochTime": [1700000000, "1700000000"] },
    },
  },
  {
    name: "addresses and CIDR blocks, IPv4 and IPv6",
    condition: { IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "198.51.100.7", "2001:db8::/32", "::1"] } },
  },
  { name: "numbers", condition: { NumericLessThan: { "kms:x": [5, "5.5", "-1", "1e3"] } } },
  {
    name: "booleans",
    condition: { Bool: { "aws:SecureTransport": [true, "false"] }, Null: { "aws:SourceArn": false } },
  },
  { name: "base64", condition: { BinaryEquals: { "aws:x": "QmluYXJ5VmFsdWU=" } } },
  {
    name: "ARN patterns",
    condition: { ArnLike: { "aws:SourceArn": ["arn:aws:cloudtrail:*:111122223333:trail/*", "*", "ar*"] } },
  },
  {
    name: "qualifiers and IfExists",
    condition: {
      "ForAnyValue:StringLike": { "kms:EncryptionContextKeys": "aws:cloudtrail:*" },
      "ForAllValues:StringEquals": { "kms:GrantOperations": ["Decrypt", "Encrypt"] },
      StringEqualsIfExists: { "kms:ViaService": "s3.us-east-1.amazonaws.com" },
      "ForAnyValue:StringNotEqualsIgnoreCaseIfExists": { "aws:PrincipalTag/team": "x" },
    },
  },
  {
    name: "strings of any content, numbers and booleans as strings",
    condition: { StringEquals: { "aws:x": ["", 7, true] } },
  },
];

/** Principals, actions and resources the parser must accept. */
const GOOD_ELEMENTS: readonly { name: string; patch: Patch }[] = [
  {
    // A variable in the resource part, after the fifth colon, is substituted from the request.
    name: "a policy variable in the resource part of Resource (key/${aws:PrincipalTag/KeyId})",
    patch: {
      Resource: [
        "arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/KeyId}",
        "arn:aws:kms:us-east-1:111122223333:key/${aws:PrincipalTag/KeyId, 'none'}",
      ],
    },
  },
  {
    name: "every AWS principal form",
    patch: {
      Principal: {
        AWS: [
          "*",
          "111122223333",
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::111122223333:user/division_abc/subdivision_xyz/Bob",
          "arn:aws:iam::111122223333:role/service-role/ConfigRole",
          "arn:aws-cn:sts::111122223333:assumed-role/Admin/session@example.com",
          "arn:aws-us-gov:sts::111122223333:federated-user/Carol",
        ],
      },
    },
  },
  {
    name: "services, federation and canonical users",
    patch: {
      Principal: {
        Service: ["cloudtrail.amazonaws.com", "logs.us-east-1.amazonaws.com", "ec2.amazonaws.com.cn"],
        Federated: ["cognito-identity.amazonaws.com", "arn:aws:iam::111122223333:saml-provider/Okta"],
        CanonicalUser: "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
      },
    },
  },
  { name: "Principal *", patch: { Principal: "*" } },
  {
    name: "KMS actions and patterns in any case",
    patch: { Action: ["*", "kms:*", "KMS:decrypt", "kms:GenerateDataKey*", "kms:ReEncrypt?rom", "k*:Describe*"] },
  },
  {
    name: "key ARNs and patterns that can match one",
    patch: {
      Resource: [
        KEY_ARN,
        "arn:aws:kms:*",
        "arn:aws:kms:*:111122223333:key/*",
        "arn:aws:kms:us-*:1111222233??:key/mrk-*",
        "arn:*:kms:eu-west-1:111122223333:*",
        "*:key/*",
      ],
    },
  },
  {
    name: "NotResource that names another service (excludes nothing)",
    patch: { Resource: undefined, NotResource: "arn:aws:s3:::b" },
  },
  { name: "NotAction in a Deny", patch: { Action: undefined, NotAction: "kms:ScheduleKeyDeletion", Effect: "Deny" } },
];

// ---------------------------------------------------------------------------------------------

describe("parsePolicy", () => {
  describe("the AWS documents' examples (seeds 000-003)", () => {
    for (const fixture of SEED_FIXTURES) {
      it(`${fixture.source.seed}: ${fixture.name} parses with no errors`, () => {
        const result = parsePolicy(asPolicy(applyFill(fixture.text, fixture.fill)));
        assert.deepEqual(problems(result), []);
        assert.equal(result.valid, true);
        assert.ok(result.policy !== undefined && result.policy.statements.length > 0);
      });
      it(`${fixture.source.seed}: ${fixture.name}, as printed: ${fixture.asWritten.length} error(s), all placeholders`, () => {
        // Seed 002's example is not JSON until its `{ ... YOUR-EXISTING-POLICIES ... }` is removed.
        const text = fixture.text.includes("YOUR-EXISTING-POLICIES") ? fixture.text : asPolicy(fixture.text);
        assert.deepEqual(problems(parsePolicy(text)), fixture.asWritten);
      });
    }
    for (const fixture of NOT_KEY_POLICIES) {
      it(`003: ${fixture.name} is not a key policy`, () => {
        assert.deepEqual(problems(parsePolicy(fixture.text)), fixture.expected);
      });
    }
  });

  describe("errors: every code has a failing fixture", () => {
    for (const fixture of ERROR_FIXTURES) {
      it(`${fixture.name}: ${[...new Set(fixture.expected.map((e) => e.split(" ")[1]))].join(", ")}`, () => {
        const result = parsePolicy(fixture.input);
        assert.deepEqual(problems(result), fixture.expected);
        assert.equal(result.valid, false);
        if (fixture.message !== undefined)
          assert.ok(result.errors[0].message.includes(fixture.message), result.errors[0].message);
      });
    }
    it("covers every documented code", () => {
      const covered = new Set(ERROR_FIXTURES.flatMap((f) => f.expected.map((e) => e.split(" ")[1])));
      assert.deepEqual(
        PARSE_ERROR_CODES.filter((code) => !covered.has(code)),
        [],
      );
    });
    it("codes are kebab-case and messages are sentences", () => {
      for (const fixture of ERROR_FIXTURES) {
        for (const error of parsePolicy(fixture.input).errors) {
          assert.match(error.code, /^[a-z]+(?:-[a-z0-9]+)*$/);
          assert.match(error.message, /^\S.*[.?]$/s, error.message);
          assert.ok(error.path.startsWith("$"));
        }
      }
    });
    it("includes the JSON.parse message for text that is not JSON", () => {
      const [error] = parsePolicy('{"Version": }').errors;
      let expected = "";
      try {
        JSON.parse('{"Version": }');
      } catch (e) {
        expected = (e as Error).message;
      }
      assert.ok(error.message.includes(expected), error.message);
    });
  });

  describe("accepts", () => {
    for (const { name, condition } of GOOD_CONDITIONS) {
      it(`condition values: ${name}`, () => {
        assert.deepEqual(problems(parsePolicy(withCondition(condition))), []);
      });
    }
    for (const { name, patch } of GOOD_ELEMENTS) {
      it(name, () => {
        assert.deepEqual(problems(parsePolicy(withStatement(patch))), []);
      });
    }
    it("every IAM condition operator, with IfExists and set qualifiers", () => {
      const condition: Record<string, Json> = {};
      const sample: Record<string, Json> = {
        String: "x",
        Numeric: 1,
        Date: "2025-01-01T00:00:00Z",
        Bool: true,
        Binary: "QQ==",
        IpAddress: "10.0.0.0/8",
        Arn: "arn:aws:iam::111122223333:root",
        Null: false,
      };
      for (const [base, traits] of CONDITION_OPERATORS) {
        const names =
          base === "Null" ? [base] : [base, `${base}IfExists`, `ForAnyValue:${base}`, `ForAllValues:${base}IfExists`];
        for (const name of names) condition[name] = { "aws:x": sample[traits.family] };
      }
      const result = parsePolicy(withCondition(condition));
      assert.deepEqual(problems(result), []);
      assert.equal(result.policy?.statements[0].conditions.length, 26 * 4 + 1);
    });
    it("a policy of exactly 32 768 bytes, counting UTF-8 bytes rather than characters", () => {
      const base = JSON.stringify(withStatement({ Sid: "" }));
      const exact = JSON.stringify(withStatement({ Sid: "x".repeat(MAX_KEY_POLICY_BYTES - base.length) }));
      assert.equal(exact.length, MAX_KEY_POLICY_BYTES);
      assert.deepEqual(problems(parsePolicy(exact)), []);
      // "é" is two bytes: the same character count is now over the limit.
      const accented = exact.replace("x", "é");
      assert.equal(accented.length, MAX_KEY_POLICY_BYTES);
      assert.deepEqual(problems(parsePolicy(accented)), ["$ policy-too-large"]);
    });
  });

  describe("the normalized model", () => {
    const cloudTrail = SEED_FIXTURES.find((f) => f.name === "Allow CloudTrail to encrypt logs") as SeedFixture;

    it("represents principals, actions, resources and conditions as written", () => {
      const result = parsePolicy(asPolicy(applyFill(cloudTrail.text, cloudTrail.fill)));
      const [statement] = result.policy?.statements ?? [];
      assert.deepEqual(
        { ...statement, raw: undefined },
        {
          index: 0,
          sid: "Allow CloudTrail to encrypt logs",
          effect: "Allow",
          principal: { any: false, aws: [], service: ["cloudtrail.amazonaws.com"], federated: [], canonicalUser: [] },
          action: ["kms:GenerateDataKey*"],
          resource: [KEY_ARN],
          conditions: [
            {
              operator: {
                raw: "StringLike",
                base: "StringLike",
                family: "String",
                ifExists: false,
                negated: false,
                wildcard: true,
                ignoreCase: false,
              },
              key: "kms:EncryptionContext:aws:cloudtrail:arn",
              keyLower: "kms:encryptioncontext:aws:cloudtrail:arn",
              values: ["arn:aws:cloudtrail:*:111111111111:trail/*"],
              path: '$.Statement[0].Condition.StringLike["kms:EncryptionContext:aws:cloudtrail:arn"]',
            },
            {
              operator: {
                raw: "StringEquals",
                base: "StringEquals",
                family: "String",
                ifExists: false,
                negated: false,
                wildcard: false,
                ignoreCase: false,
              },
              key: "aws:SourceArn",
              keyLower: "aws:sourcearn",
              values: ["arn:aws:cloudtrail:us-east-2:111111111111:trail/management-events"],
              path: '$.Statement[0].Condition.StringEquals["aws:SourceArn"]',
            },
          ],
          path: "$.Statement[0]",
          raw: undefined,
        },
      );
      assert.equal(result.policy?.version, VERSION);
    });

    it('makes "*" and {"AWS": "*"} the same principal', () => {
      const star = parsePolicy(withStatement({ Principal: "*" })).policy?.statements[0].principal;
      const awsStar = parsePolicy(withStatement({ Principal: { AWS: ["*", "111122223333"] } })).policy?.statements[0]
        .principal;
      assert.deepEqual(star, { any: true, aws: [], service: [], federated: [], canonicalUser: [] });
      assert.deepEqual(awsStar, { any: true, aws: ["111122223333"], service: [], federated: [], canonicalUser: [] });
    });

    it("stringifies numbers and booleans the way AWS compares them", () => {
      const result = parsePolicy(
        withCondition({ NumericLessThan: { "kms:x": [5, 1.5] }, Bool: { "aws:SecureTransport": true } }),
      );
      const values = result.policy?.statements[0].conditions.map((c) => c.values);
      assert.deepEqual(values, [["5", "1.5"], ["true"]]);
    });

    it("reads a single statement object as statement 0 at $.Statement", () => {
      const result = parsePolicy({ Version: VERSION, Statement: BASE_STATEMENT });
      assert.deepEqual(problems(result), []);
      assert.equal(result.policy?.statements[0].index, 0);
      assert.equal(result.policy?.statements[0].path, "$.Statement");
    });

    it("keeps broken statements it can read, with their index, so tools can point at them", () => {
      const result = parsePolicy({
        Version: VERSION,
        Statement: [
          { ...BASE_STATEMENT, Sid: "a", Resource: "arn:aws:s3:::b/*" },
          { Effect: 1 },
          { ...BASE_STATEMENT, Sid: "c" },
        ],
      });
      assert.equal(result.valid, false);
      assert.deepEqual(
        result.policy?.statements.map((s) => [s.index, s.sid, s.resource]),
        [
          [0, "a", ["arn:aws:s3:::b/*"]],
          [2, "c", ["*"]],
        ],
      );
    });

    it("represents an operator written in the wrong case as the operator meant", () => {
      const result = parsePolicy(withCondition({ stringequals: { "AWS:SourceAccount": "111122223333" } }));
      const [clause] = result.policy?.statements[0].conditions ?? [];
      assert.equal(clause.operator.base, "StringEquals");
      assert.equal(clause.operator.raw, "stringequals");
      assert.equal(clause.keyLower, "aws:sourceaccount");
    });

    it("returns no policy when there is no usable Statement", () => {
      assert.equal(parsePolicy({ Version: VERSION }).policy, undefined);
      assert.equal(parsePolicy({ Version: VERSION, Statement: [] }).policy, undefined);
      assert.equal(parsePolicy("[]").policy, undefined);
    });

    it("gives the same answer for text and for the decoded value", () => {
      for (const fixture of [...ERROR_FIXTURES.filter((f) => typeof f.input === "object"), ...GOOD_ELEMENTS]) {
        const value = "input" in fixture ? fixture.input : withStatement(fixture.patch);
        let text: string | undefined;
        try {
          text = JSON.stringify(value);
        } catch {
          continue; // the unreadable proxy
        }
        if (text === undefined || text.includes("null")) continue; // NaN becomes null in text
        const fromText = parsePolicy(text);
        const fromValue = parsePolicy(value);
        assert.deepEqual(fromText.errors, fromValue.errors);
        assert.deepEqual(fromText.policy?.statements, fromValue.policy?.statements);
      }
    });
  });

  describe("unknown values (Pulumi preview)", () => {
    it("a whole policy not known yet is valid, with nothing to check", () => {
      assert.deepEqual(parsePolicy(UNKNOWN), { errors: [], valid: true, unknownPaths: ["$"] });
      assert.deepEqual(parsePolicy(JSON.stringify(UNKNOWN)), { errors: [], valid: true, unknownPaths: ["$"] });
    });

    it("lists unknown strings in document order and skips the checks that need them", () => {
      const policy = {
        Version: VERSION,
        Statement: [
          {
            Sid: UNKNOWN,
            Effect: "Allow",
            Principal: { AWS: [UNKNOWN, "111122223333"], Service: UNKNOWN },
            Action: UNKNOWN,
            Resource: [UNKNOWN],
            Condition: {
              ArnEquals: { "aws:SourceArn": UNKNOWN },
              IpAddress: { "aws:SourceIp": [UNKNOWN] },
              [UNKNOWN]: { "aws:x": "y" },
            },
          },
          { ...BASE_STATEMENT, Effect: UNKNOWN },
        ],
      };
      const expected = [
        "$.Statement[0].Sid",
        "$.Statement[0].Principal.AWS[0]",
        "$.Statement[0].Principal.Service",
        "$.Statement[0].Action",
        "$.Statement[0].Resource[0]",
        '$.Statement[0].Condition.ArnEquals["aws:SourceArn"]',
        '$.Statement[0].Condition.IpAddress["aws:SourceIp"][0]',
        `$.Statement[0].Condition["${UNKNOWN}"]`,
        "$.Statement[1].Effect",
      ];
      for (const input of [policy, JSON.stringify(policy), JSON.stringify(policy, null, 2)]) {
        const result = parsePolicy(input);
        assert.deepEqual(problems(result), []);
        assert.deepEqual(result.unknownPaths, expected);
        // A statement whose Effect is unknown cannot be represented yet.
        assert.equal(result.policy?.statements.length, 1);
        assert.deepEqual(result.policy?.statements[0].action, [UNKNOWN]);
      }
    });

    it("recognizes the sentinel written with escapes", () => {
      const escaped = `\\u00${UNKNOWN.charCodeAt(0).toString(16)}${UNKNOWN.slice(1)}`;
      const text = `{"Version":"${VERSION}","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"${escaped}"}]}`;
      const result = parsePolicy(text);
      assert.deepEqual(problems(result), []);
      assert.deepEqual(result.unknownPaths, ["$.Statement[0].Resource"]);
    });
  });

  describe("robustness", () => {
    const deep = (depth: number, open: string, close: string): string => open.repeat(depth) + close.repeat(depth);

    it("survives documents nested 100 000 levels deep, as text and as values", () => {
      for (const text of [deep(100_000, "[", "]"), `{"a":${deep(100_000, '{"b":', "}").replace(/:}/, ":1}")}}`]) {
        const result = parsePolicy(text);
        assert.equal(result.valid, false);
      }
      let value: unknown = UNKNOWN;
      for (let i = 0; i < 100_000; i++) value = { Statement: [value] };
      const result = parsePolicy({ Version: VERSION, Statement: [{ ...BASE_STATEMENT, Condition: value }] });
      assert.equal(result.valid, false);
      assert.equal(result.unknownPaths.length, 1);
      assert.ok(
        result.unknownPaths[0].startsWith("$.Statement[0].Condition.Statement[0]") &&
          result.unknownPaths[0].endsWith("…"),
      );
      const text = JSON.stringify({
        Version: VERSION,
        Statement: [{ ...BASE_STATEMENT, Sid: deep(50_000, "[", "]") }],
      });
      assert.deepEqual(problems(parsePolicy(text)), ["$ policy-too-large"]);
    });

    it("survives circular and shared values", () => {
      const statement: Record<string, unknown> = { ...BASE_STATEMENT };
      statement.Condition = { StringEquals: { "aws:x": statement } };
      const result = parsePolicy({ Version: VERSION, Statement: [statement, statement] });
      assert.deepEqual(problems(result), [
        '$.Statement[0].Condition.StringEquals["aws:x"] invalid-condition-value',
        '$.Statement[1].Condition.StringEquals["aws:x"] invalid-condition-value',
        "$.Statement[1].Sid duplicate-sid",
      ]);
    });

    it("survives hostile values: getters that throw, symbols, bigints, functions", () => {
      const inputs: unknown[] = [
        Object.defineProperty({ Version: VERSION }, "Statement", {
          enumerable: true,
          get() {
            throw Object.defineProperty(new Error("x"), "message", {
              get() {
                throw new Error("y");
              },
            });
          },
        }),
        { Version: VERSION, Statement: [{ ...BASE_STATEMENT, Sid: Symbol("s"), Action: 10n }] },
        () => 1,
        Symbol("policy"),
        new Uint8Array(4),
        new Date(0),
        Object.create(null),
      ];
      for (const input of inputs) {
        const result = parsePolicy(input);
        assert.equal(result.valid, false);
        assert.equal(result.errors.length > 0, true);
      }
    });

    // Speed and growth are measured by `npm run bench` (parse of 20,000 statements), not here.
    it("parses 10,000 statements, capping the errors it reports", () => {
      const text = JSON.stringify({
        Version: VERSION,
        Statement: Array.from({ length: 10_000 }, (_, i) => ({ ...BASE_STATEMENT, Sid: `s${i}`, Bad: 1 })),
      });
      const result = parsePolicy(text);
      assert.equal(result.errors.length, 101);
      assert.equal(result.policy?.statements.length, 10_000);
    });
  });
});

describe("condition operators", () => {
  it("knows the 27 IAM operators and their traits", () => {
    assert.equal(CONDITION_OPERATORS.size, 27);
    assert.deepEqual(parseOperator("ForAnyValue:StringNotLikeIfExists"), {
      raw: "ForAnyValue:StringNotLikeIfExists",
      base: "StringNotLike",
      family: "String",
      qualifier: "ForAnyValue",
      ifExists: true,
      negated: true,
      wildcard: true,
      ignoreCase: false,
    });
    const traits = (name: string) => {
      const op = parseOperator(name);
      return op && [op.family, op.negated, op.wildcard, op.ignoreCase];
    };
    assert.deepEqual(traits("ArnEquals"), ["Arn", false, true, false]);
    assert.deepEqual(traits("ArnNotEquals"), ["Arn", true, true, false]);
    assert.deepEqual(traits("StringNotEqualsIgnoreCase"), ["String", true, false, true]);
    assert.deepEqual(traits("NotIpAddress"), ["IpAddress", true, false, false]);
    assert.deepEqual(traits("DateNotEquals"), ["Date", true, false, false]);
    assert.deepEqual(traits("Null"), ["Null", false, false, false]);
  });

  it("accepts only the documented spelling", () => {
    for (const name of [
      "NullIfExists",
      "stringEquals",
      "StringEqual",
      "ForAnyValues:StringLike",
      "IfExists",
      "",
      "Foo:Bool",
    ]) {
      assert.equal(parseOperator(name), undefined, name);
    }
  });

  it("suggests the documented spelling", () => {
    assert.equal(suggestOperator("StringEqual"), "StringEquals");
    assert.equal(suggestOperator("stringequals"), "StringEquals");
    assert.equal(suggestOperator("ForAnyValues:StringLike"), "ForAnyValue:StringLike");
    assert.equal(suggestOperator("ArnLikeIfexists"), "ArnLikeIfExists");
    assert.equal(suggestOperator("NullIfExists"), "Null");
    assert.equal(suggestOperator("Completely different"), undefined);
    assert.equal(suggestOperator("x".repeat(100_000)), undefined);
  });
});
