/**
 * Pass and fail fixtures per lint check: a policy (or one statement, wrapped into a policy), lint
 * options, and the JSON paths at which the check must report. A passing fixture expects none.
 * Only the findings of the check under test are compared; the seed examples compare everything.
 */
import { PULUMI_UNKNOWN_SENTINEL, type LintOptions } from "pulumi-kms-guardrails/engine";

export interface CheckFixture {
  readonly name: string;
  readonly json: unknown;
  readonly options?: LintOptions;
  /** Paths of the check's findings, in order; empty for a passing fixture. */
  readonly paths: readonly string[];
}

export interface CheckFixtures {
  readonly id: string;
  readonly fixtures: readonly CheckFixture[];
}

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

const allow = (principal: unknown, action: unknown, condition?: unknown): Record<string, unknown> => ({
  Effect: "Allow",
  Principal: principal,
  Action: action,
  Resource: "*",
  ...(condition !== undefined ? { Condition: condition } : {}),
});

const deny = (action: unknown, condition: unknown): Record<string, unknown> => ({
  Effect: "Deny",
  Principal: "*",
  Action: action,
  Resource: "*",
  Condition: condition,
});

const ENABLE_IAM = { Sid: "Enable IAM User Permissions", ...allow({ AWS: "arn:aws:iam::111122223333:root" }, "kms:*") };
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };
const CONFIG = { Service: "config.amazonaws.com" };
const CT_CONTEXT = {
  StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
};
const TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/management-events";
const ORG = "o-a1b2c3d4e5";

const pass = (name: string, json: unknown, options?: LintOptions): CheckFixture => ({ name, json, options, paths: [] });
const fail = (name: string, json: unknown, paths: string[], options?: LintOptions): CheckFixture => ({
  name,
  json,
  options,
  paths,
});

export const CHECK_FIXTURES: readonly CheckFixtures[] = [
  {
    id: "public-principal-unconditioned",
    fixtures: [
      fail('Principal "*" without a condition', allow("*", "kms:Decrypt"), ["$.Statement[0].Principal"]),
      fail('{"AWS": "*"} without a condition', allow({ AWS: "*" }, "kms:*"), ["$.Statement[0].Principal"]),
      fail(
        "IfExists does not limit",
        allow("*", "kms:Decrypt", { StringEqualsIfExists: { "kms:CallerAccount": "111122223333" } }),
        ["$.Statement[0].Principal"],
      ),
      fail(
        "a negated operator does not limit",
        allow("*", "kms:Decrypt", { StringNotEquals: { "kms:CallerAccount": "444455556666" } }),
        ["$.Statement[0].Principal"],
      ),
      fail("a bare * value does not limit", allow("*", "kms:Decrypt", { StringLike: { "kms:CallerAccount": "*" } }), [
        "$.Statement[0].Principal",
      ]),
      fail(
        "ForAllValues does not limit (true when the key is absent)",
        allow("*", "kms:Decrypt", { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
        ["$.Statement[0].Principal"],
      ),
      fail(
        "a Condition nested in Condition does not limit",
        allow("*", "kms:Decrypt", { Condition: { StringEquals: { "kms:CallerAccount": "111122223333" } } }),
        ["$.Statement[0].Principal"],
      ),
      fail(
        "a network condition does not limit who calls",
        allow("*", "kms:Decrypt", { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
        ["$.Statement[0].Principal"],
      ),
      fail(
        "a service principal beside * does not help",
        allow({ AWS: "*", Service: "cloudtrail.amazonaws.com" }, "kms:Decrypt"),
        ["$.Statement[0].Principal"],
      ),
      fail(
        "a pattern that matches every account's roles (decided by the evaluator)",
        allow("*", "kms:Decrypt", { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } }),
        ["$.Statement[0].Principal"],
      ),
      pass(
        "a value not known yet (preview) is taken as limiting",
        allow("*", "kms:Decrypt", { StringEquals: { "kms:CallerAccount": PULUMI_UNKNOWN_SENTINEL } }),
      ),
      pass(
        "kms:CallerAccount and kms:ViaService (CloudTrail console default)",
        allow({ AWS: "*" }, "kms:CreateAlias", {
          StringEquals: { "kms:ViaService": "ec2.us-east-1.amazonaws.com", "kms:CallerAccount": "111122223333" },
        }),
      ),
      pass(
        "aws:PrincipalOrgID",
        allow("*", ["kms:Decrypt", "kms:DescribeKey"], { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } }),
      ),
      pass(
        "ArnLike aws:PrincipalArn within an account",
        allow("*", "kms:Decrypt", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" } }),
      ),
      pass(
        "keys are case-insensitive",
        allow("*", "kms:Decrypt", { StringEquals: { "KMS:CALLERACCOUNT": "111122223333" } }),
      ),
      pass("a Deny", { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }),
      pass("named principals", allow({ AWS: "arn:aws:iam::111122223333:role/Admin" }, "kms:*")),
    ],
  },
  {
    id: "not-principal-in-allow",
    fixtures: [
      fail(
        "Allow with NotPrincipal",
        {
          Effect: "Allow",
          NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/Blocked" },
          Action: "kms:*",
          Resource: "*",
        },
        ["$.Statement[0].NotPrincipal"],
      ),
      pass("Deny with NotPrincipal", {
        Effect: "Deny",
        NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/Admin" },
        Action: "kms:ScheduleKeyDeletion",
        Resource: "*",
      }),
    ],
  },
  {
    id: "iam-policies-not-enabled",
    fixtures: [
      fail(
        "no statement for the account",
        { Statement: [allow({ AWS: "arn:aws:iam::111122223333:role/Admin" }, "kms:*")] },
        ["$.Statement"],
        { keyAccount: "111122223333" },
      ),
      fail(
        "the account statement has a condition",
        { Statement: [allow({ AWS: "111122223333" }, "kms:*", { Bool: { "aws:MultiFactorAuthPresent": "true" } })] },
        ["$.Statement"],
        { keyAccount: "111122223333" },
      ),
      fail(
        "the account statement is not kms:*",
        { Statement: [allow({ AWS: "111122223333" }, "kms:Decrypt")] },
        ["$.Statement"],
        {
          keyAccount: "111122223333",
        },
      ),
      fail("another account is enabled", { Statement: [ENABLE_IAM] }, ["$.Statement"], { keyAccount: "444455556666" }),
      fail(
        "account inferred from the key ARN in Resource",
        { Statement: [{ ...allow(CLOUDTRAIL, "kms:DescribeKey"), Resource: KEY }] },
        ["$.Statement"],
      ),
      fail("account taken from keyArn", { Statement: [allow(CLOUDTRAIL, "kms:DescribeKey")] }, ["$.Statement"], {
        keyArn: KEY,
      }),
      pass("Enable IAM User Permissions", { Statement: [ENABLE_IAM] }, { keyAccount: "111122223333" }),
      pass(
        "keyAccount given as the root ARN",
        { Statement: [ENABLE_IAM] },
        { keyAccount: "arn:aws:iam::111122223333:root" },
      ),
      pass(
        "account id principal and Action *",
        { Statement: [allow({ AWS: "111122223333" }, "*")] },
        { keyAccount: "111122223333" },
      ),
      pass("account inferred from Resource", { Statement: [{ ...ENABLE_IAM, Resource: KEY }] }),
    ],
  },
  {
    id: "iam-policies-account-unknown",
    fixtures: [
      fail("no keyAccount and Resource *", { Statement: [ENABLE_IAM] }, ["$"]),
      fail(
        "key ARNs of two accounts",
        {
          Statement: [
            { ...ENABLE_IAM, Resource: KEY },
            { ...ENABLE_IAM, Resource: "arn:aws:kms:us-east-1:444455556666:key/x" },
          ],
        },
        ["$"],
      ),
      pass("keyAccount given", { Statement: [ENABLE_IAM] }, { keyAccount: "111122223333" }),
    ],
  },
  {
    id: "encryption-context-on-unsupported-action",
    fixtures: [
      fail("DescribeKey with an encryption context condition", allow(CLOUDTRAIL, "kms:DescribeKey", CT_CONTEXT), [
        "$.Statement[0].Action",
      ]),
      fail(
        "the unsupported entry of an Action list",
        allow(CLOUDTRAIL, ["kms:Decrypt", "kms:DescribeKey"], CT_CONTEXT),
        ["$.Statement[0].Action[1]"],
      ),
      fail(
        "two unsupported entries of an Action list: one cause, one finding",
        allow(CLOUDTRAIL, ["kms:DescribeKey", "kms:Decrypt", "kms:GetKeyPolicy"], CT_CONTEXT),
        ["$.Statement[0].Action"],
      ),
      fail(
        "Null false on EncryptionContextKeys",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:GetPublicKey", {
          Null: { "kms:EncryptionContextKeys": "false" },
        }),
        ["$.Statement[0].Action"],
      ),
      fail(
        "a pattern covering only unsupported actions",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Get*", {
          "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" },
        }),
        ["$.Statement[0].Action"],
      ),
      pass(
        "kms:* covers the cryptographic operations (its other actions are the wildcard kind)",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:*", CT_CONTEXT),
      ),
      pass(
        "the CloudWatch Logs page's kms:Describe* (the wildcard kind: never an error)",
        allow(
          { Service: "logs.us-east-1.amazonaws.com" },
          ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          { ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:*" } },
        ),
      ),
      fail(
        "a NotAction that leaves only actions without an encryption context",
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:role/R" },
          NotAction: [
            "kms:Encrypt",
            "kms:Decrypt",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:CreateGrant",
            "kms:RetireGrant",
          ],
          Resource: "*",
          Condition: CT_CONTEXT,
        },
        ["$.Statement[0].NotAction"],
      ),
      pass("GenerateDataKey* and Decrypt", allow(CLOUDTRAIL, ["kms:GenerateDataKey*", "kms:Decrypt"], CT_CONTEXT)),
      pass("CreateGrant", allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:CreateGrant", CT_CONTEXT)),
      pass(
        "IfExists does not deny",
        allow(CLOUDTRAIL, "kms:DescribeKey", {
          StringLikeIfExists: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*" },
        }),
      ),
      pass(
        "Null true does not deny",
        allow(CLOUDTRAIL, "kms:DescribeKey", { Null: { "kms:EncryptionContextKeys": "true" } }),
      ),
      pass("a Deny", deny("kms:DescribeKey", CT_CONTEXT)),
    ],
  },
  {
    // Class 3 of issue 13: a wildcard whose other actions never match, in a statement that works.
    id: "encryption-context-on-wildcard-action",
    fixtures: [
      fail(
        "the CloudWatch Logs page's statement: kms:Describe* beside the cryptographic wildcards",
        allow(
          { Service: "logs.us-east-1.amazonaws.com" },
          ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
          {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:app",
            },
          },
        ),
        ["$.Statement[0].Action[4]"],
      ),
      fail(
        "two wildcards beside the cryptographic wildcards: one cause, one finding",
        allow(
          { Service: "logs.us-east-1.amazonaws.com" },
          ["kms:Encrypt*", "kms:Describe*", "kms:Decrypt*", "kms:List*"],
          {
            ArnEquals: {
              "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:log-group:app",
            },
          },
        ),
        ["$.Statement[0].Action"],
      ),
      fail(
        "kms:* under an encryption context condition",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:*", CT_CONTEXT),
        ["$.Statement[0].Action"],
      ),
      fail(
        "a NotAction that leaves non-cryptographic actions in",
        {
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::111122223333:role/R" },
          NotAction: "kms:ScheduleKeyDeletion",
          Resource: "*",
          Condition: CT_CONTEXT,
        },
        ["$.Statement[0].NotAction"],
      ),
      pass("GenerateDataKey* and Decrypt", allow(CLOUDTRAIL, ["kms:GenerateDataKey*", "kms:Decrypt"], CT_CONTEXT)),
      pass("a named DescribeKey (the error kind)", allow(CLOUDTRAIL, ["kms:Decrypt", "kms:DescribeKey"], CT_CONTEXT)),
      pass("kms:Get* alone: the statement allows nothing (the error kind)", allow(CLOUDTRAIL, "kms:Get*", CT_CONTEXT)),
      pass(
        "kms:* under IfExists",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:*", {
          StringLikeIfExists: { "kms:EncryptionContext:aws:cloudtrail:arn": "arn:aws:cloudtrail:*" },
        }),
      ),
      pass("kms:* in a Deny", deny("kms:*", CT_CONTEXT)),
    ],
  },
  {
    id: "service-principal-without-source-condition",
    fixtures: [
      fail("no condition", allow(CONFIG, ["kms:Decrypt", "kms:GenerateDataKey"]), ["$.Statement[0].Principal.Service"]),
      fail("only an encryption context condition", allow(CLOUDTRAIL, "kms:GenerateDataKey*", CT_CONTEXT), [
        "$.Statement[0].Principal.Service",
      ]),
      fail("IfExists", allow(CLOUDTRAIL, "kms:Decrypt", { ArnLikeIfExists: { "aws:SourceArn": TRAIL } }), [
        "$.Statement[0].Principal.Service",
      ]),
      fail("negated", allow(CONFIG, "kms:Decrypt", { StringNotEquals: { "aws:SourceAccount": "444455556666" } }), [
        "$.Statement[0].Principal.Service",
      ]),
      fail("bare *", allow(CLOUDTRAIL, "kms:Decrypt", { ArnLike: { "aws:SourceArn": "*" } }), [
        "$.Statement[0].Principal.Service",
      ]),
      fail(
        "eventDataStoreKey exempts only CloudTrail",
        allow(CONFIG, "kms:Decrypt"),
        ["$.Statement[0].Principal.Service"],
        { eventDataStoreKey: true },
      ),
      pass(
        "ArnEquals aws:SourceArn",
        allow(CLOUDTRAIL, "kms:GenerateDataKey", { ArnEquals: { "aws:SourceArn": TRAIL } }),
      ),
      pass(
        "ArnLike aws:SourceArn",
        allow(CONFIG, "kms:Decrypt", { ArnLike: { "AWS:SourceArn": "arn:aws:config:us-east-1:111122223333:*" } }),
      ),
      pass(
        "StringEquals aws:SourceAccount, any case",
        allow(CONFIG, "kms:Decrypt", { StringEquals: { "AWS:SOURCEACCOUNT": "111122223333" } }),
      ),
      pass(
        "StringLike aws:SourceArn",
        allow(CLOUDTRAIL, "kms:Decrypt", {
          StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:111122223333:trail/*" },
        }),
      ),
      pass("CloudTrail on an event data store key", allow(CLOUDTRAIL, "kms:GenerateDataKey"), {
        eventDataStoreKey: true,
      }),
      // Organization-wide keys (IAM User Guide, "The confused deputy problem", "Cross-service confused
      // deputy prevention": aws:SourceOrgID and aws:SourceOrgPaths beside aws:SourceArn/aws:SourceAccount).
      // The shape of a public Terraform organization-trail key: CloudTrail limited by aws:SourceOrgID only.
      pass(
        "StringEquals aws:SourceOrgID (organization trail key)",
        allow(CLOUDTRAIL, ["kms:GenerateDataKey*", "kms:Decrypt"], { StringEquals: { "aws:SourceOrgID": ORG } }),
      ),
      pass(
        "ForAnyValue:StringLike aws:SourceOrgPaths",
        allow(CONFIG, ["kms:Decrypt", "kms:GenerateDataKey"], {
          "ForAnyValue:StringLike": { "aws:SourceOrgPaths": `${ORG}/r-ab12/ou-ab12-11111111/*` },
        }),
      ),
      fail(
        "StringNotEquals aws:SourceOrgID admits every other organization",
        allow(CONFIG, "kms:GenerateDataKey", { StringNotEquals: { "aws:SourceOrgID": "o-zzzzzzzzzz" } }),
        ["$.Statement[0].Principal.Service"],
      ),
      fail(
        "StringEqualsIfExists aws:SourceOrgID admits requests without it",
        allow(CONFIG, "kms:GenerateDataKey", { StringEqualsIfExists: { "aws:SourceOrgID": ORG } }),
        ["$.Statement[0].Principal.Service"],
      ),
      // "Encrypt log data in CloudWatch Logs using AWS Key Management Service": the log group's ARN.
      pass(
        "CloudWatch Logs limited to one account's log groups by kms:EncryptionContext:aws:logs:arn",
        allow({ Service: "logs.us-east-1.amazonaws.com" }, ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"], {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:*" },
        }),
      ),
      fail(
        "CloudWatch Logs limited to log groups of any account",
        allow({ Service: "logs.us-east-1.amazonaws.com" }, "kms:GenerateDataKey*", {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:*:*:log-group:/aws/vpc-flow-logs/*" },
        }),
        ["$.Statement[0].Principal.Service"],
      ),
      fail(
        "the logs encryption context does not protect another service in the statement",
        allow({ Service: ["logs.us-east-1.amazonaws.com", "s3.amazonaws.com"] }, "kms:GenerateDataKey*", {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:us-east-1:111122223333:*" },
        }),
        ["$.Statement[0].Principal.Service"],
      ),
      pass("not a service principal", allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt")),
    ],
  },
  {
    id: "source-condition-on-event-data-store-key",
    fixtures: [
      fail(
        "aws:SourceArn on an event data store key",
        allow(CLOUDTRAIL, "kms:GenerateDataKey", { ArnEquals: { "aws:SourceArn": TRAIL } }),
        ['$.Statement[0].Condition.ArnEquals["aws:SourceArn"]'],
        { eventDataStoreKey: true },
      ),
      pass(
        "aws:SourceArn on a trail key",
        allow(CLOUDTRAIL, "kms:GenerateDataKey", { ArnEquals: { "aws:SourceArn": TRAIL } }),
      ),
      pass("no source condition on an event data store key", allow(CLOUDTRAIL, "kms:Decrypt"), {
        eventDataStoreKey: true,
      }),
    ],
  },
  {
    id: "vpc-condition-without-service-exception",
    fixtures: [
      fail(
        "Deny outside a VPC endpoint",
        deny("kms:*", { StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } }),
        ['$.Statement[0].Condition.StringNotEquals["aws:SourceVpce"]'],
      ),
      fail(
        "Deny outside a VPC, IfExists",
        deny(["kms:Decrypt", "kms:GenerateDataKey"], { StringNotEqualsIfExists: { "aws:SourceVpc": "vpc-1a2b3c4d" } }),
        ['$.Statement[0].Condition.StringNotEqualsIfExists["aws:SourceVpc"]'],
      ),
      pass(
        "exempts service principals",
        deny("kms:*", {
          StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
          Bool: { "aws:PrincipalIsAWSService": "false" },
        }),
      ),
      pass(
        "exempts requests through services",
        deny("kms:*", {
          StringNotEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" },
          BoolIfExists: { "aws:ViaAWSService": "false" },
        }),
      ),
      pass(
        "requires kms:ViaService to be absent",
        deny("kms:*", { StringNotEquals: { "aws:SourceVpc": "vpc-1a2b3c4d" }, Null: { "kms:ViaService": "true" } }),
      ),
      pass(
        "an Allow is not a Deny",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          StringEquals: { "aws:SourceVpce": "vpce-1" },
        }),
      ),
    ],
  },
  {
    id: "source-ip-condition",
    fixtures: [
      fail("Deny by source IP", deny("kms:*", { NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }), [
        '$.Statement[0].Condition.NotIpAddress["aws:SourceIp"]',
      ]),
      fail(
        "Allow by source IP, any case",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          IpAddress: { "aws:sourceip": "203.0.113.7" },
        }),
        ['$.Statement[0].Condition.IpAddress["aws:sourceip"]'],
      ),
      pass(
        "VPC endpoint condition",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          StringEquals: { "aws:SourceVpce": "vpce-1" },
        }),
      ),
    ],
  },
  {
    id: "single-valued-operator-on-multivalued-key",
    fixtures: [
      fail(
        "StringEquals on kms:EncryptionContextKeys",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          StringEquals: { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" },
        }),
        ['$.Statement[0].Condition.StringEquals["kms:EncryptionContextKeys"]'],
      ),
      fail(
        "StringLike on aws:CalledVia",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          StringLike: { "aws:CalledVia": "athena.*" },
        }),
        ['$.Statement[0].Condition.StringLike["aws:CalledVia"]'],
      ),
      pass(
        "ForAnyValue",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" },
        }),
      ),
      pass(
        "Null",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          Null: { "kms:EncryptionContextKeys": "false" },
        }),
      ),
      pass(
        "single-valued key",
        allow({ AWS: "arn:aws:iam::111122223333:role/R" }, "kms:Decrypt", {
          StringEquals: { "kms:CallerAccount": "111122223333" },
        }),
      ),
    ],
  },
  {
    id: "string-operator-on-arn-key",
    fixtures: [
      fail(
        "StringEquals aws:SourceArn",
        allow(CLOUDTRAIL, "kms:Decrypt", { StringEquals: { "aws:SourceArn": TRAIL } }),
        ['$.Statement[0].Condition.StringEquals["aws:SourceArn"]'],
      ),
      fail(
        "StringLike aws:PrincipalArn",
        allow({ AWS: "111122223333" }, "kms:Decrypt", {
          StringLike: { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/*" },
        }),
        ['$.Statement[0].Condition.StringLike["aws:PrincipalArn"]'],
      ),
      pass("ArnEquals aws:SourceArn", allow(CLOUDTRAIL, "kms:Decrypt", { ArnEquals: { "aws:SourceArn": TRAIL } })),
      pass("StringLike on the encryption context (a String key)", allow(CLOUDTRAIL, "kms:Decrypt", CT_CONTEXT)),
    ],
  },
];
