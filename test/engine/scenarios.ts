/**
 * The evaluator's behaviour as data (STYLE.md, "Scenario tests as data"): a key policy as JSON, a
 * request, the verdict AWS KMS would reach and the Sid of the statement that decides it. Every
 * documented example of the seed documents is here, then one group per feature of the evaluator.
 * `decidingSid` is the Sid of the first deciding statement (`null`: nothing decides, e.g. an
 * implicit deny); omitted when the row does not pin it.
 */
import { PULUMI_UNKNOWN_SENTINEL, UNKNOWN, type Request, type Verdict } from "pulumi-kms-guardrails/engine";
import { contextScenarios } from "./scenarios-context";
import { decisionScenarios } from "./scenarios-decisions";
import { organizationScenarios } from "./scenarios-organization";
import { partialValues } from "./scenarios-partial";
import { reasonScenarios } from "./scenarios-reasons";
import { statementScenarios } from "./scenarios-statements";

export interface Scenario {
  readonly name: string;
  /** The key policy document, as JSON (run through `parsePolicy`). */
  readonly policy: unknown;
  readonly request: Request;
  readonly expect: Verdict;
  readonly decidingSid?: string | null;
  /**
   * Sentences the decision must contain, each exactly: the reason, a statement's explanation or a
   * condition's. Explanations are what users read, so rows pin them where they tell operators apart.
   */
  readonly because?: readonly string[];
  readonly note?: string;
}

// ---------------------------------------------------------------------------------------------
// Shared fixtures
// ---------------------------------------------------------------------------------------------

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const aws = (arn: string) => ({ kind: "aws", arn }) as const;
const service = (name: string) => ({ kind: "service", service: name }) as const;
const anonymous = { kind: "anonymous" } as const;

/** Seed 003's accounts: the key and its trails in A, a second account B. */
const A = "111111111111";
const B = "222222222222";
const C = "333333333333";
const KEY_A = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TRAIL_A = `arn:aws:cloudtrail:us-east-2:${A}:trail/management-events`;
const TRAIL_B = `arn:aws:cloudtrail:us-east-2:${B}:trail/org-events`;
const CT_CONTEXT = "kms:EncryptionContext:aws:cloudtrail:arn";

const enableIam = (account: string) => ({
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: "kms:*",
  Resource: "*",
});

/** Seed 003: a trail key with every documented statement (encrypt for A and B, decrypt, describe). */
const CLOUDTRAIL_TRAIL_KEY = doc(
  enableIam(A),
  {
    Sid: "Enable CloudTrail Encrypt Permissions",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:GenerateDataKey*",
    Resource: KEY_A,
    Condition: {
      StringLike: { [CT_CONTEXT]: [`arn:aws:cloudtrail:*:${A}:trail/*`, `arn:aws:cloudtrail:*:${B}:trail/*`] },
      StringEquals: { "aws:SourceArn": TRAIL_A },
    },
  },
  {
    Sid: "Enable CloudTrail log decrypt permissions",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${A}:user/Bob` },
    Action: "kms:Decrypt",
    Resource: KEY_A,
    Condition: { Null: { [CT_CONTEXT]: "false" } },
  },
  {
    Sid: "Enable encrypted CloudTrail log read access",
    Effect: "Allow",
    Principal: { AWS: [`arn:aws:iam::${B}:root`] },
    Action: "kms:Decrypt",
    Resource: KEY_A,
    Condition: { Null: { [CT_CONTEXT]: "false" } },
  },
  {
    Sid: "Allow CloudTrail access",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:DescribeKey",
    Resource: KEY_A,
    Condition: { StringEquals: { "aws:SourceArn": TRAIL_A } },
  },
);

/** Seed 003, "Allow CloudTrail to encrypt logs" alone (single account, `StringLike` + `StringEquals`). */
const CLOUDTRAIL_ENCRYPT = doc({
  Sid: "Allow CloudTrail to encrypt logs",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:GenerateDataKey*",
  Resource: KEY_A,
  Condition: {
    StringLike: { [CT_CONTEXT]: [`arn:aws:cloudtrail:*:${A}:trail/*`] },
    StringEquals: { "aws:SourceArn": TRAIL_A },
  },
});

/** Seed 003: service decrypt statement (trails and event data stores print the same statement). */
const CLOUDTRAIL_DECRYPT = doc({
  Sid: "Allow CloudTrail to decrypt a trail",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:Decrypt",
  Resource: "*",
});

/** Seed 003, "Required KMS key policy elements for event data stores": no aws:Source* conditions. */
const EVENT_DATA_STORE_KEY = doc(
  {
    Sid: "Allow CloudTrail to encrypt event data store",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:GenerateDataKey",
    Resource: KEY_A,
  },
  {
    Sid: "Enable user key permissions for event data stores",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${A}:user/username` },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: "*",
  },
  {
    Sid: "Allow CloudTrail to decrypt an event data store",
    Effect: "Allow",
    Principal: { Service: "cloudtrail.amazonaws.com" },
    Action: "kms:Decrypt",
    Resource: "*",
  },
);

/**
 * The key policy CloudTrail itself creates for an event data store ("Default KMS key policy created
 * in CloudTrail console", section "Default KMS key policy for CloudTrail Lake event data stores",
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/default-kms-key-policy.html#default-kms-key-policy-eds):
 * CloudTrail gets GenerateDataKey and Decrypt without conditions, and no DescribeKey. The page's
 * first Sid is a JavaScript template (`Created ${new Date().toUTCString()}`), here one such date.
 */
const CLOUDTRAIL_DEFAULT_EVENT_DATA_STORE_KEY = {
  Version: "2012-10-17",
  Id: "Key policy created by CloudTrail",
  Statement: [
    {
      Sid: "The key created by CloudTrail to encrypt event data stores. Created Mon, 01 Jul 2024 09:30:00 GMT",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
    },
    { ...enableIam(A), Sid: "Enable IAM user permissions" },
    {
      Sid: "Enable user to have permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:role/LakeQueries` },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
    },
  ],
};
const CLOUDTRAIL_DEFAULT_EDS_SID =
  "The key created by CloudTrail to encrypt event data stores. Created Mon, 01 Jul 2024 09:30:00 GMT";

/** Seed 003, "Allow users in a different account to decrypt trail logs from your bucket". */
const READ_ROLE_KEY = (account: string) =>
  doc({
    Sid: "Enable encrypted CloudTrail log read access",
    Effect: "Allow",
    Principal: { AWS: [`arn:aws:iam::${account}:role/CloudTrailReadRole`] },
    Action: "kms:Decrypt",
    Resource: KEY_A,
    Condition: { Null: { [CT_CONTEXT]: "false" } },
  });

/** Seed 001's account, tracker and trail. */
const L = "111122223333";
const TRACKER = `arn:aws:geo:us-west-2:${L}:tracker/SAMPLE-Tracker`;
const KEY_L = `arn:aws:kms:us-west-2:${L}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const LOCATION_KEY = (principal: string) =>
  doc({
    Sid: "Allow Amazon Location to create grants on behalf of authorized users",
    Effect: "Allow",
    Principal: { AWS: principal },
    Action: "kms:CreateGrant",
    Resource: "*",
    Condition: {
      StringEquals: {
        "kms:ViaService": "geo.us-west-2.amazonaws.com",
        "kms:CallerAccount": L,
        "kms:EncryptionContext:aws:geo:arn": TRACKER,
      },
    },
  });
const LOCATION_TEAM = `arn:aws:sts::${L}:assumed-role/LocationTeam/alice`;
const locationContext = {
  "kms:ViaService": "geo.us-west-2.amazonaws.com",
  "kms:EncryptionContext:aws:geo:arn": TRACKER,
};
const FINANCE_TRAIL = `arn:aws:cloudtrail:us-west-2:${L}:trail/finance`;
/** Seed 001, "Using aws:SourceArn or aws:SourceAccount condition keys". */
const FINANCE_KEY = doc({
  Sid: "Allow CloudTrail to encrypt logs",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:GenerateDataKey",
  Resource: "*",
  Condition: {
    ArnEquals: { "aws:SourceArn": [FINANCE_TRAIL] },
    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": [`arn:aws:cloudtrail:*:${L}:trail/*`] },
  },
});

/** Seed 000's accounts. */
const CFG = "123456789012";
const CFG2 = "210987654321";
const CFG3 = "345678901234";
const KEY_CFG = `arn:aws:kms:us-east-1:${CFG}:key/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
const CONFIG_IAM_ROLE_KEY = {
  Id: "Policy_ID",
  Statement: [
    {
      Sid: "AWSConfigKMSPolicy",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Effect: "Allow",
      Resource: KEY_CFG,
      Principal: { AWS: [CFG, CFG2, CFG3] },
    },
  ],
};
const CONFIG_SERVICE_KEY = {
  Id: "Policy_ID",
  Statement: [
    {
      Sid: "AWSConfigKMSPolicy",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: KEY_CFG,
      Condition: { StringEquals: { "AWS:SourceAccount": CFG } },
    },
  ],
};
const CONFIG_SOURCE_ARN_KEY = doc({
  Sid: "AWSConfigKMSPolicy",
  Effect: "Allow",
  Principal: { Service: "config.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: KEY_CFG,
  Condition: { ArnLike: { "AWS:SourceArn": `arn:aws:config:us-east-1:${CFG}:*` } },
});

/** Seed 002's management account and home Region. */
const M = "444455556666";
const KEY_M = `arn:aws:kms:us-east-1:${M}:key/11112222-3333-4444-5555-666677778888`;
const BASELINE_TRAIL = `arn:aws:cloudtrail:us-east-1:${M}:trail/aws-controltower-BaselineCloudTrail`;
const CONTROL_TOWER_KEY = {
  Version: "2012-10-17",
  Id: "CustomKMSPolicy",
  Statement: [
    enableIam(M),
    {
      Sid: "Allow Config to use KMS for encryption",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: KEY_M,
    },
    {
      Sid: "Allow CloudTrail to use KMS for encryption",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
      Resource: KEY_M,
      Condition: {
        StringEquals: { "aws:SourceArn": BASELINE_TRAIL },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${M}:trail/*` },
      },
    },
  ],
};

/** Landing zone 4.0: the seed 002 policy split into a key per integration (each keeps its own statement). */
const controlTowerKeyWith = (sid: string) => ({
  ...CONTROL_TOWER_KEY,
  Statement: CONTROL_TOWER_KEY.Statement.filter((st) => st.Sid === sid || st.Sid === "Enable IAM User Permissions"),
});
const CONTROL_TOWER_CLOUDTRAIL_KEY = controlTowerKeyWith("Allow CloudTrail to use KMS for encryption");
const CONTROL_TOWER_CONFIG_KEY = controlTowerKeyWith("Allow Config to use KMS for encryption");

/** A generic key for the feature groups: root delegation plus one statement under test. */
const K = "555555555555";
const KEY_K = `arn:aws:kms:eu-west-1:${K}:key/mrk-0000000000000000000000000000000f`;
const USER = `arn:aws:iam::${K}:user/carol`;
const ADMIN_SESSION = `arn:aws:sts::${K}:assumed-role/Admin/ops-session`;
/** An Allow for carol's Decrypt; `extra` overrides elements, `undefined` removes one. */
const allow = (Sid: string, extra: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries({
      Sid,
      Effect: "Allow",
      Principal: { AWS: USER },
      Action: "kms:Decrypt",
      Resource: "*",
      ...extra,
    }).filter(([, v]) => v !== undefined),
  );
const decrypt = (context: Request["context"] = {}, principal: Request["principal"] = aws(USER)): Request => ({
  principal,
  action: "kms:Decrypt",
  resource: KEY_K,
  context,
});
/** A single Allow for carol's Decrypt with one condition block. */
const withCondition = (condition: unknown) => doc(allow("Conditional", { Condition: condition }));

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

const seed003: Scenario[] = [
  {
    name: "003 encrypt: CloudTrail writes the trail's logs with its SourceArn and encryption context",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
  {
    name: "003 encrypt: GenerateDataKey* also covers GenerateDataKeyWithoutPlaintext",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKeyWithoutPlaintext",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
  {
    name: "003 encrypt: another trail's SourceArn is denied",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-2:${A}:trail/other`, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 encrypt: another account's encryption context is denied",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_B },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 encrypt: without aws:SourceArn the StringEquals fails",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 encrypt: without the encryption context the StringLike fails",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 encrypt: kms:Encrypt is not GenerateDataKey*",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:Encrypt",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 encrypt: condition keys are case-insensitive in the request, encryption-context part included",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "AWS:SOURCEARN": TRAIL_A, "KMS:ENCRYPTIONCONTEXT:AWS:CLOUDTRAIL:ARN": TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
  {
    name: "003 encrypt: a config.amazonaws.com request does not match the CloudTrail service principal",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 cross-account encrypt: account B's trail context is allowed (listed in the EncryptionContext)",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_B },
    },
    expect: "allowed",
    decidingSid: "Enable CloudTrail Encrypt Permissions",
  },
  {
    name: "003 cross-account encrypt: an unlisted account C trail context is denied",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: `arn:aws:cloudtrail:us-east-2:${C}:trail/x` },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 decrypt: Bob reads logs (encryption context present) by the key policy alone",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: aws(`arn:aws:iam::${A}:user/Bob`),
      action: "kms:Decrypt",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Enable CloudTrail log decrypt permissions",
  },
  {
    name: "003 decrypt: without the encryption context the Null guard fails; only the IAM delegation remains",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: { principal: aws(`arn:aws:iam::${A}:user/Bob`), action: "kms:Decrypt", resource: KEY_A },
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "003 decrypt other account: Alice in B needs her own IAM policy too",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: aws(`arn:aws:iam::${B}:user/Alice`),
      action: "kms:Decrypt",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_B },
    },
    expect: "needs-iam",
    decidingSid: "Enable encrypted CloudTrail log read access",
  },
  {
    name: "003 decrypt other account: Alice without encryption context is denied",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: { principal: aws(`arn:aws:iam::${B}:user/Alice`), action: "kms:Decrypt", resource: KEY_A },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 decrypt other account: account B may not encrypt",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: aws(`arn:aws:iam::${B}:user/Alice`),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_B },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 decrypt other account: B's root is a cross-account caller, so IAM in B must allow it too",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: aws(`arn:aws:iam::${B}:root`),
      action: "kms:Decrypt",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_B },
    },
    expect: "needs-iam",
    decidingSid: "Enable encrypted CloudTrail log read access",
  },
  {
    name: "003 describe: CloudTrail describes the key for its trail",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:DescribeKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail access",
  },
  {
    name: "003 describe: for another trail it may not",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:DescribeKey",
      resource: KEY_A,
      context: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-2:${A}:trail/other` },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 trail key: the key account's root is allowed everything",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: { principal: aws(`arn:aws:iam::${A}:root`), action: "kms:ScheduleKeyDeletion", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "003 trail key: an admin session in A is delegated to IAM",
    policy: CLOUDTRAIL_TRAIL_KEY,
    request: { principal: aws(`arn:aws:sts::${A}:assumed-role/Admin/s1`), action: "kms:PutKeyPolicy", resource: KEY_A },
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "003 service decrypt: CloudTrail may decrypt trail logs",
    policy: CLOUDTRAIL_DECRYPT,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:Decrypt", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to decrypt a trail",
  },
  {
    name: "003 Bob only: a request for another key does not match the key ARN in Resource",
    policy: doc({
      Sid: "Enable CloudTrail log decrypt permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:user/Bob` },
      Action: "kms:Decrypt",
      Resource: KEY_A,
      Condition: { Null: { [CT_CONTEXT]: "false" } },
    }),
    request: {
      principal: aws(`arn:aws:iam::${A}:user/Bob`),
      action: "kms:Decrypt",
      resource: `arn:aws:kms:us-east-2:${A}:key/ffffffff-0000-0000-0000-000000000000`,
      context: { [CT_CONTEXT]: TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "003 Bob only: without a resource in the request any key ARN in Resource matches",
    policy: doc({
      Sid: "Enable CloudTrail log decrypt permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:user/Bob` },
      Action: "kms:Decrypt",
      Resource: KEY_A,
      Condition: { Null: { [CT_CONTEXT]: "false" } },
    }),
    request: {
      principal: aws(`arn:aws:iam::${A}:user/Bob`),
      action: "kms:Decrypt",
      context: { [CT_CONTEXT]: TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Enable CloudTrail log decrypt permissions",
  },
  {
    name: "003 read role: a session of CloudTrailReadRole decrypts by the key policy alone",
    policy: READ_ROLE_KEY(A),
    request: {
      principal: aws(`arn:aws:sts::${A}:assumed-role/CloudTrailReadRole/reader-from-b`),
      action: "kms:Decrypt",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Enable encrypted CloudTrail log read access",
  },
  {
    name: "003 read role as printed: the 11-digit account in the AWS example matches nobody",
    policy: READ_ROLE_KEY("11111111111"),
    request: {
      principal: aws(`arn:aws:sts::${A}:assumed-role/CloudTrailReadRole/reader-from-b`),
      action: "kms:Decrypt",
      resource: KEY_A,
      context: { [CT_CONTEXT]: TRAIL_A },
    },
    expect: "denied-implicit",
    decidingSid: null,
    note: "The document's `arn:aws:iam::11111111111:role/CloudTrailReadRole` has 11 digits (a typo).",
  },
  {
    name: "003 event data store: CloudTrail encrypts without any aws:Source* condition",
    policy: EVENT_DATA_STORE_KEY,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt event data store",
  },
  {
    name: "003 event data store: the named user decrypts",
    policy: EVENT_DATA_STORE_KEY,
    request: { principal: aws(`arn:aws:iam::${A}:user/username`), action: "kms:Decrypt", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Enable user key permissions for event data stores",
  },
  {
    name: "003 event data store: the named user generates data keys",
    policy: EVENT_DATA_STORE_KEY,
    request: { principal: aws(`arn:aws:iam::${A}:user/username`), action: "kms:GenerateDataKey", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Enable user key permissions for event data stores",
  },
  {
    name: "003 event data store: CloudTrail decrypts",
    policy: EVENT_DATA_STORE_KEY,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:Decrypt", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to decrypt an event data store",
  },
  {
    name: "003 event data store: CloudTrail may not GenerateDataKeyPair (only GenerateDataKey is listed)",
    policy: EVENT_DATA_STORE_KEY,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:GenerateDataKeyPair", resource: KEY_A },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "CloudTrail's default event data store key: CloudTrail encrypts, no source condition needed",
    policy: CLOUDTRAIL_DEFAULT_EVENT_DATA_STORE_KEY,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_A },
    expect: "allowed",
    decidingSid: CLOUDTRAIL_DEFAULT_EDS_SID,
  },
  {
    name: "CloudTrail's default event data store key: CloudTrail decrypts",
    policy: CLOUDTRAIL_DEFAULT_EVENT_DATA_STORE_KEY,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:Decrypt", resource: KEY_A },
    expect: "allowed",
    decidingSid: CLOUDTRAIL_DEFAULT_EDS_SID,
  },
  {
    name: "CloudTrail's default event data store key: no statement grants CloudTrail DescribeKey",
    policy: CLOUDTRAIL_DEFAULT_EVENT_DATA_STORE_KEY,
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:DescribeKey", resource: KEY_A },
    expect: "denied-implicit",
    decidingSid: null,
    note: "The pack reports this as a practice finding (advisory by default): CloudTrail Lake works with this policy.",
  },
  {
    name: "CloudTrail's default event data store key: the query role's GenerateDataKey is its own grant",
    policy: CLOUDTRAIL_DEFAULT_EVENT_DATA_STORE_KEY,
    request: { principal: aws(`arn:aws:iam::${A}:role/LakeQueries`), action: "kms:GenerateDataKey", resource: KEY_A },
    expect: "allowed",
    decidingSid: "Enable user to have permissions",
  },
];

const seed001: Scenario[] = [
  {
    name: "001 Location: CreateGrant through geo for the tracker is allowed to the LocationTeam session",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: { principal: aws(LOCATION_TEAM), action: "kms:CreateGrant", resource: KEY_L, context: locationContext },
    expect: "allowed",
    decidingSid: "Allow Amazon Location to create grants on behalf of authorized users",
    note: "kms:CallerAccount is derived from the caller's account.",
  },
  {
    name: "001 Location: a role with a path matches its session (session ARNs drop the path)",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/teams/geo/LocationTeam`),
    request: { principal: aws(LOCATION_TEAM), action: "kms:CreateGrant", resource: KEY_L, context: locationContext },
    expect: "allowed",
    decidingSid: "Allow Amazon Location to create grants on behalf of authorized users",
  },
  {
    name: "001 Location: without kms:ViaService (a direct call) the grant is denied",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: {
      principal: aws(LOCATION_TEAM),
      action: "kms:CreateGrant",
      resource: KEY_L,
      context: { "kms:EncryptionContext:aws:geo:arn": TRACKER },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 Location: through geo in another Region is denied",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: {
      principal: aws(LOCATION_TEAM),
      action: "kms:CreateGrant",
      resource: KEY_L,
      context: { ...locationContext, "kms:ViaService": "geo.us-east-1.amazonaws.com" },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 Location: another tracker's encryption context is denied",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: {
      principal: aws(LOCATION_TEAM),
      action: "kms:CreateGrant",
      resource: KEY_L,
      context: { ...locationContext, "kms:EncryptionContext:aws:geo:arn": `arn:aws:geo:us-west-2:${L}:tracker/Other` },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 Location: an explicitly given kms:CallerAccount wins over the derived one",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: {
      principal: aws(LOCATION_TEAM),
      action: "kms:CreateGrant",
      resource: KEY_L,
      context: { ...locationContext, "kms:CallerAccount": B },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 Location: another role's session is not the principal",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: {
      principal: aws(`arn:aws:sts::${L}:assumed-role/Other/alice`),
      action: "kms:CreateGrant",
      resource: KEY_L,
      context: locationContext,
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 Location: the statement covers CreateGrant only",
    policy: LOCATION_KEY(`arn:aws:iam::${L}:role/LocationTeam`),
    request: { principal: aws(LOCATION_TEAM), action: "kms:Decrypt", resource: KEY_L, context: locationContext },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 CloudTrail finance: the finance trail's SourceArn and context are allowed",
    policy: FINANCE_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_L,
      context: { "aws:SourceArn": FINANCE_TRAIL, [CT_CONTEXT]: FINANCE_TRAIL },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
  {
    name: "001 CloudTrail finance: ArnEquals matches each ARN element; trail/finance2 is another trail",
    policy: FINANCE_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_L,
      context: { "aws:SourceArn": `${FINANCE_TRAIL}2`, [CT_CONTEXT]: FINANCE_TRAIL },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 CloudTrail finance: a SourceArn that is not an ARN never matches ArnEquals",
    policy: FINANCE_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_L,
      context: { "aws:SourceArn": "trail/finance", [CT_CONTEXT]: FINANCE_TRAIL },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 CloudTrail finance: a trail in the same account in another Region matches the StringLike",
    policy: FINANCE_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_L,
      context: { "aws:SourceArn": FINANCE_TRAIL, [CT_CONTEXT]: `arn:aws:cloudtrail:eu-west-1:${L}:trail/finance` },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
  {
    name: "001 DescribeKey with an encryption-context condition is denied: DescribeKey carries no context",
    policy: doc({
      Sid: "DescribeWithContext",
      Effect: "Allow",
      Principal: { AWS: USER },
      Action: ["kms:DescribeKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:app": "billing" } },
    }),
    request: {
      principal: aws(USER),
      action: "kms:DescribeKey",
      resource: KEY_K,
      context: { "kms:EncryptionContext:app": "billing" },
    },
    expect: "denied-implicit",
    decidingSid: null,
    note: "The request's context is dropped: DescribeKey does not support kms:EncryptionContext:*.",
  },
  {
    name: "001 the same statement allows Decrypt, which carries the context",
    policy: doc({
      Sid: "DescribeWithContext",
      Effect: "Allow",
      Principal: { AWS: USER },
      Action: ["kms:DescribeKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:app": "billing" } },
    }),
    request: decrypt({ "kms:EncryptionContext:app": "billing" }),
    expect: "allowed",
    decidingSid: "DescribeWithContext",
  },
  {
    name: "001 DescribeKey with a kms:EncryptionContextKeys condition is denied too",
    policy: doc({
      Sid: "DescribeWithContextKeys",
      Effect: "Allow",
      Principal: { AWS: USER },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "app" } },
    }),
    request: {
      principal: aws(USER),
      action: "kms:DescribeKey",
      resource: KEY_K,
      context: { "kms:EncryptionContextKeys": ["app"] },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "001 DescribeKey under an encryption-context Deny is not denied by it (the key never applies)",
    policy: doc(enableIam(K), {
      Sid: "DenyWrongContext",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "forbidden" } },
    }),
    request: {
      principal: aws(`arn:aws:iam::${K}:root`),
      action: "kms:DescribeKey",
      resource: KEY_K,
      context: { "kms:EncryptionContextKeys": ["forbidden"] },
    },
    expect: "allowed",
    decidingSid: "Enable IAM User Permissions",
  },
];

const seed000: Scenario[] = [
  {
    name: "000 IAM role delivery: a role session in a listed account is delegated to IAM",
    policy: CONFIG_IAM_ROLE_KEY,
    request: {
      principal: aws(`arn:aws:sts::${CFG}:assumed-role/config-role/AWSConfig`),
      action: "kms:GenerateDataKey",
      resource: KEY_CFG,
    },
    expect: "needs-iam",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "000 IAM role delivery: a role in another listed account needs IAM in its own account",
    policy: CONFIG_IAM_ROLE_KEY,
    request: {
      principal: aws(`arn:aws:sts::${CFG2}:assumed-role/config-role/AWSConfig`),
      action: "kms:Decrypt",
      resource: KEY_CFG,
    },
    expect: "needs-iam",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "000 IAM role delivery: an unlisted account is denied",
    policy: CONFIG_IAM_ROLE_KEY,
    request: {
      principal: aws(`arn:aws:sts::${C}:assumed-role/config-role/AWSConfig`),
      action: "kms:GenerateDataKey",
      resource: KEY_CFG,
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "000 IAM role delivery: the key account's root named by its bare account id is allowed",
    policy: CONFIG_IAM_ROLE_KEY,
    request: { principal: aws(`arn:aws:iam::${CFG}:root`), action: "kms:Decrypt", resource: KEY_CFG },
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "000 IAM role delivery: Encrypt is not in the statement",
    policy: CONFIG_IAM_ROLE_KEY,
    request: { principal: aws(`arn:aws:iam::${CFG3}:user/ops`), action: "kms:Encrypt", resource: KEY_CFG },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "000 service principal: AWS:SourceAccount in the policy matches aws:SourceAccount in the request",
    policy: CONFIG_SERVICE_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_CFG,
      context: { "aws:SourceAccount": CFG },
    },
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "000 service principal: Decrypt on behalf of the source account is allowed",
    policy: CONFIG_SERVICE_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:Decrypt",
      resource: KEY_CFG,
      context: { "aws:SourceAccount": CFG },
    },
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "000 service principal: on behalf of another account it is denied (confused deputy)",
    policy: CONFIG_SERVICE_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_CFG,
      context: { "aws:SourceAccount": C },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "000 service principal: without aws:SourceAccount it is denied",
    policy: CONFIG_SERVICE_KEY,
    request: { principal: service("config.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_CFG },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "000 service principal: for another key the Resource does not match",
    policy: CONFIG_SERVICE_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: `arn:aws:kms:us-east-1:${CFG}:key/00000000-0000-0000-0000-000000000000`,
      context: { "aws:SourceAccount": CFG },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "000 SourceArn: the delivery channel ARN arn:aws:config:us-east-1:ACCOUNT:* matches the ArnLike",
    policy: CONFIG_SOURCE_ARN_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_CFG,
      context: { "aws:SourceArn": `arn:aws:config:us-east-1:${CFG}:*` },
    },
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "000 SourceArn: a delivery channel in us-west-2 is denied",
    policy: CONFIG_SOURCE_ARN_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_CFG,
      context: { "aws:SourceArn": `arn:aws:config:us-west-2:${CFG}:*` },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
];

const seed002: Scenario[] = [
  {
    name: "002 Control Tower: Config encrypts with the landing zone key",
    policy: CONTROL_TOWER_KEY,
    request: { principal: service("config.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_M },
    expect: "allowed",
    decidingSid: "Allow Config to use KMS for encryption",
  },
  {
    name: "002 Control Tower: Config may not use another key",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: service("config.amazonaws.com"),
      action: "kms:Decrypt",
      resource: `arn:aws:kms:us-east-1:${M}:key/99999999-3333-4444-5555-666677778888`,
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "002 Control Tower: CloudTrail encrypts for the BaselineCloudTrail",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_M,
      context: { "aws:SourceArn": BASELINE_TRAIL, [CT_CONTEXT]: BASELINE_TRAIL },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to use KMS for encryption",
  },
  {
    name: "002 Control Tower: CloudTrail decrypts with the trail's encryption context",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:Decrypt",
      resource: KEY_M,
      context: { "aws:SourceArn": BASELINE_TRAIL, [CT_CONTEXT]: BASELINE_TRAIL },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to use KMS for encryption",
  },
  {
    name: "002 Control Tower: CloudTrail for another trail is denied",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_M,
      context: { "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${M}:trail/other`, [CT_CONTEXT]: BASELINE_TRAIL },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "002 Control Tower: a member account's trail context is denied",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_M,
      context: { "aws:SourceArn": BASELINE_TRAIL, [CT_CONTEXT]: `arn:aws:cloudtrail:us-east-1:${C}:trail/member` },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "002 Control Tower: CloudTrail DescribeKey is not granted by the statements Control Tower adds",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:DescribeKey",
      resource: KEY_M,
      context: { "aws:SourceArn": BASELINE_TRAIL },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "002 Control Tower: an administrator in the management account is delegated to IAM",
    policy: CONTROL_TOWER_KEY,
    request: {
      principal: aws(`arn:aws:sts::${M}:assumed-role/AWSControlTowerExecution/s`),
      action: "kms:DescribeKey",
      resource: KEY_M,
    },
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  // Landing zone 4.0 ("Step 2: Launch your landing zone using the AWS Control Tower APIs"): a key per
  // integration, each with its own statement of seed 002. The CloudTrail key does not serve Config.
  {
    name: "002 Control Tower 4.0: the CloudTrail key (CloudTrail statement only) does not let Config encrypt",
    policy: CONTROL_TOWER_CLOUDTRAIL_KEY,
    request: { principal: service("config.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_M },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "002 Control Tower 4.0: the CloudTrail key lets CloudTrail encrypt for the BaselineCloudTrail",
    policy: CONTROL_TOWER_CLOUDTRAIL_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_M,
      context: { "aws:SourceArn": BASELINE_TRAIL, [CT_CONTEXT]: BASELINE_TRAIL },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to use KMS for encryption",
  },
  {
    name: "002 Control Tower 4.0: the Config key (Config statement only) lets Config decrypt",
    policy: CONTROL_TOWER_CONFIG_KEY,
    request: { principal: service("config.amazonaws.com"), action: "kms:Decrypt", resource: KEY_M },
    expect: "allowed",
    decidingSid: "Allow Config to use KMS for encryption",
  },
  {
    name: "002 Control Tower 4.0: the Config key does not let CloudTrail encrypt for the BaselineCloudTrail",
    policy: CONTROL_TOWER_CONFIG_KEY,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_M,
      context: { "aws:SourceArn": BASELINE_TRAIL, [CT_CONTEXT]: BASELINE_TRAIL },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
];

const principals: Scenario[] = [
  {
    name: "principal: an IAM user named by ARN in the key's account is allowed directly",
    policy: doc(allow("Carol", {})),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
  },
  {
    name: "principal: another user is not",
    policy: doc(allow("Carol", {})),
    request: decrypt({}, aws(`arn:aws:iam::${K}:user/dave`)),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: 'principal: "*" allows an IAM identity of the key account directly',
    policy: doc(allow("Everyone", { Principal: "*" })),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Everyone",
  },
  {
    name: 'principal: {"AWS": "*"} matches service principals too',
    policy: doc(allow("Everyone", { Principal: { AWS: "*" } })),
    request: { principal: service("logs.eu-west-1.amazonaws.com"), action: "kms:Decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Everyone",
  },
  {
    name: 'principal: "*" matches anonymous callers',
    policy: doc(allow("Everyone", { Principal: "*" })),
    request: { principal: anonymous, action: "kms:Decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Everyone",
  },
  {
    name: 'principal: "*" for a caller of another account still needs IAM there (seed 004)',
    policy: doc(allow("Everyone", { Principal: "*" })),
    request: decrypt({}, aws(`arn:aws:iam::${B}:user/eve`)),
    expect: "needs-iam",
    decidingSid: "Everyone",
  },
  {
    name: "principal: an account principal does not match anonymous callers",
    policy: doc(enableIam(K)),
    request: { principal: anonymous, action: "kms:Decrypt", resource: KEY_K },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "principal: a bare account id delegates a user to IAM",
    policy: doc(allow("Account", { Principal: { AWS: K } })),
    request: decrypt(),
    expect: "needs-iam",
    decidingSid: "Account",
  },
  {
    name: "principal: an account principal of another partition does not match",
    policy: doc(allow("Account", { Principal: { AWS: `arn:aws-cn:iam::${K}:root` } })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "principal: the role ARN itself as caller matches the role",
    policy: doc(allow("Admin", { Principal: { AWS: `arn:aws:iam::${K}:role/Admin` } })),
    request: decrypt({}, aws(`arn:aws:iam::${K}:role/Admin`)),
    expect: "allowed",
    decidingSid: "Admin",
  },
  {
    name: "principal: a session ARN in the policy matches only that session",
    policy: doc(allow("Session", { Principal: { AWS: ADMIN_SESSION } })),
    request: decrypt({}, aws(`arn:aws:sts::${K}:assumed-role/Admin/other-session`)),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "principal: a role of the same name in another account does not match the session",
    policy: doc(allow("Admin", { Principal: { AWS: `arn:aws:iam::${B}:role/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "principal: service principals compare without case",
    policy: doc(allow("Logs", { Principal: { Service: "Logs.EU-West-1.AmazonAWS.com" } })),
    request: { principal: service("logs.eu-west-1.amazonaws.com"), action: "kms:Decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Logs",
  },
  {
    name: "principal: a service principal does not match an IAM identity",
    policy: doc(allow("Logs", { Principal: { Service: "logs.eu-west-1.amazonaws.com" } })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "principal: a Federated principal never matches an IAM identity",
    policy: doc(allow("Federated", { Principal: { Federated: "cognito-identity.amazonaws.com" } })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "principal: a deleted principal shown as its unique id matches nobody",
    policy: doc(allow("Deleted", { Principal: { AWS: "AROAEXAMPLEID1234567" } })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "key account: keyAccount given explicitly makes a named user cross-account",
    policy: doc(allow("Carol", {})),
    request: { principal: aws(USER), action: "kms:Decrypt", keyAccount: B },
    expect: "needs-iam",
    decidingSid: "Carol",
  },
  {
    name: "key account: taken from the key ARN in the request",
    policy: doc(allow("Carol", {})),
    request: { principal: aws(USER), action: "kms:Decrypt", resource: `arn:aws:kms:eu-west-1:${B}:key/abc` },
    expect: "needs-iam",
    decidingSid: "Carol",
  },
  {
    name: "key account: without key ARN or keyAccount the caller's account is assumed",
    policy: doc(allow("Carol", {})),
    request: { principal: aws(USER), action: "kms:Decrypt" },
    expect: "allowed",
    decidingSid: "Carol",
  },
];

const notPrincipal: Scenario[] = [
  {
    name: "NotPrincipal: a Deny excepting a role does not except the role's sessions",
    policy: doc(enableIam(K), {
      Sid: "DenyAllButAdmin",
      Effect: "Deny",
      NotPrincipal: { AWS: `arn:aws:iam::${K}:role/Admin` },
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: { principal: aws(ADMIN_SESSION), action: "kms:ScheduleKeyDeletion", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "DenyAllButAdmin",
    note: "IAM User Guide, NotPrincipal: list the session (or the account) to exclude an assumed-role caller.",
  },
  {
    name: "NotPrincipal: listing the session excepts it",
    policy: doc(enableIam(K), {
      Sid: "DenyAllButAdmin",
      Effect: "Deny",
      NotPrincipal: { AWS: [`arn:aws:iam::${K}:role/Admin`, ADMIN_SESSION] },
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: { principal: aws(ADMIN_SESSION), action: "kms:ScheduleKeyDeletion", resource: KEY_K },
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "NotPrincipal: listing the account excepts every identity in it",
    policy: doc(enableIam(K), {
      Sid: "DenyOtherAccounts",
      Effect: "Deny",
      NotPrincipal: { AWS: `arn:aws:iam::${K}:root` },
      Action: "kms:*",
      Resource: "*",
    }),
    request: { principal: aws(ADMIN_SESSION), action: "kms:Decrypt", resource: KEY_K },
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "NotPrincipal: a caller of an unlisted account is denied",
    policy: doc(enableIam(K), allow("CrossAccount", { Principal: { AWS: B } }), {
      Sid: "DenyOtherAccounts",
      Effect: "Deny",
      NotPrincipal: { AWS: `arn:aws:iam::${K}:root` },
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt({}, aws(`arn:aws:iam::${B}:user/eve`)),
    expect: "denied-explicit",
    decidingSid: "DenyOtherAccounts",
  },
  {
    name: "NotPrincipal: an Allow applies to everyone not listed",
    policy: doc({
      Sid: "AllBut",
      Effect: "Allow",
      NotPrincipal: { AWS: `arn:aws:iam::${K}:user/dave` },
      Action: "kms:Decrypt",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "AllBut",
  },
  {
    name: "NotPrincipal: the listed user is not allowed",
    policy: doc({
      Sid: "AllBut",
      Effect: "Allow",
      NotPrincipal: { AWS: `arn:aws:iam::${K}:user/dave` },
      Action: "kms:Decrypt",
      Resource: "*",
    }),
    request: decrypt({}, aws(`arn:aws:iam::${K}:user/dave`)),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "NotPrincipal: a Deny excepting CloudTrail denies Config",
    policy: doc(
      {
        Sid: "Services",
        Effect: "Allow",
        Principal: { Service: ["cloudtrail.amazonaws.com", "config.amazonaws.com"] },
        Action: "kms:GenerateDataKey",
        Resource: "*",
      },
      {
        Sid: "OnlyCloudTrail",
        Effect: "Deny",
        NotPrincipal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey",
        Resource: "*",
      },
    ),
    request: { principal: service("config.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "OnlyCloudTrail",
  },
  {
    name: "NotPrincipal: and leaves CloudTrail allowed",
    policy: doc(
      {
        Sid: "Services",
        Effect: "Allow",
        Principal: { Service: ["cloudtrail.amazonaws.com", "config.amazonaws.com"] },
        Action: "kms:GenerateDataKey",
        Resource: "*",
      },
      {
        Sid: "OnlyCloudTrail",
        Effect: "Deny",
        NotPrincipal: { Service: "cloudtrail.amazonaws.com" },
        Action: "kms:GenerateDataKey",
        Resource: "*",
      },
    ),
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:GenerateDataKey", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Services",
  },
];

const verdicts: Scenario[] = [
  {
    name: "deny: an applying Deny overrides the Allow",
    policy: doc(enableIam(K), {
      Sid: "NoDeletion",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: { principal: aws(`arn:aws:iam::${K}:root`), action: "kms:ScheduleKeyDeletion", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "NoDeletion",
  },
  {
    name: "deny: a Deny for another action leaves the Allow",
    policy: doc(enableIam(K), {
      Sid: "NoDeletion",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: { principal: aws(`arn:aws:iam::${K}:root`), action: "kms:Decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "deny: a Deny with nothing allowed is still explicit",
    policy: doc({ Sid: "NoDeletion", Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }),
    request: decrypt(),
    expect: "denied-explicit",
    decidingSid: "NoDeletion",
  },
  {
    name: "deny: StringNotEquals on the derived aws:PrincipalAccount denies outsiders",
    policy: doc(allow("Everyone", { Principal: "*" }), {
      Sid: "OnlyOurAccount",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:PrincipalAccount": K } },
    }),
    request: decrypt({}, aws(`arn:aws:iam::${B}:user/eve`)),
    expect: "denied-explicit",
    decidingSid: "OnlyOurAccount",
  },
  {
    name: "deny: and lets the key account's identities through",
    policy: doc(allow("Everyone", { Principal: "*" }), {
      Sid: "OnlyOurAccount",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:PrincipalAccount": K } },
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Everyone",
  },
  {
    name: "deny: a service principal has no aws:PrincipalAccount, so the negated operator denies it",
    policy: doc(allow("Everyone", { Principal: "*" }), {
      Sid: "OnlyOurAccount",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:PrincipalAccount": K } },
    }),
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:Decrypt", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "OnlyOurAccount",
  },
  {
    name: "deny: aws:PrincipalIsAWSService exempts services from a network Deny (seed 004 VPC note)",
    policy: doc(allow("Everyone", { Principal: "*" }), {
      Sid: "OnlyThroughVpce",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" },
        Bool: { "aws:PrincipalIsAWSService": "false" },
      },
    }),
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:Decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Everyone",
  },
  {
    name: "deny: the same Deny stops a user outside the endpoint",
    policy: doc(allow("Everyone", { Principal: "*" }), {
      Sid: "OnlyThroughVpce",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: {
        StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" },
        Bool: { "aws:PrincipalIsAWSService": "false" },
      },
    }),
    request: decrypt({ "aws:SourceVpce": "vpce-99999999" }),
    expect: "denied-explicit",
    decidingSid: "OnlyThroughVpce",
  },
  {
    name: "verdict: a direct Allow wins over an account delegation for the same caller",
    policy: doc(enableIam(K), allow("Carol", {})),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
  },
  {
    name: "verdict: nothing matches at all",
    policy: doc(allow("Carol", {})),
    request: { principal: aws(USER), action: "kms:Encrypt", resource: KEY_K },
    expect: "denied-implicit",
    decidingSid: null,
  },
];

const actionsAndResources: Scenario[] = [
  {
    name: "action: ? matches one character and * the rest",
    policy: doc(allow("Wild", { Action: "kms:Gen?rateDataKey*" })),
    request: { principal: aws(USER), action: "kms:GenerateDataKeyPairWithoutPlaintext", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Wild",
  },
  {
    name: "action: names compare without case",
    policy: doc(allow("Upper", { Action: "KMS:DECRYPT" })),
    request: { principal: aws(USER), action: "kms:decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Upper",
  },
  {
    name: 'action: "*" matches every action',
    policy: doc(allow("Star", { Action: "*" })),
    request: { principal: aws(USER), action: "kms:TagResource", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Star",
  },
  {
    name: "NotAction: an Allow covers everything but the listed actions",
    policy: doc({
      Sid: "AllButDelete",
      Effect: "Allow",
      Principal: { AWS: USER },
      NotAction: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "AllButDelete",
  },
  {
    name: "NotAction: the listed action is not allowed",
    policy: doc({
      Sid: "AllButDelete",
      Effect: "Allow",
      Principal: { AWS: USER },
      NotAction: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: { principal: aws(USER), action: "kms:ScheduleKeyDeletion", resource: KEY_K },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "NotAction: a Deny of everything but reading denies Encrypt",
    policy: doc(allow("Star", { Action: "kms:*" }), {
      Sid: "ReadOnly",
      Effect: "Deny",
      Principal: { AWS: USER },
      NotAction: ["kms:Decrypt", "kms:Describe*"],
      Resource: "*",
    }),
    request: { principal: aws(USER), action: "kms:Encrypt", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "ReadOnly",
  },
  {
    name: "NotAction: and leaves DescribeKey allowed",
    policy: doc(allow("Star", { Action: "kms:*" }), {
      Sid: "ReadOnly",
      Effect: "Deny",
      Principal: { AWS: USER },
      NotAction: ["kms:Decrypt", "kms:Describe*"],
      Resource: "*",
    }),
    request: { principal: aws(USER), action: "kms:DescribeKey", resource: KEY_K },
    expect: "allowed",
    decidingSid: "Star",
  },
  {
    name: "resource: a wildcard key ARN matches keys of its account",
    policy: doc(allow("Keys", { Resource: `arn:aws:kms:*:${K}:key/*` })),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Keys",
  },
  {
    name: "resource: and not keys of another account",
    policy: doc(allow("Keys", { Resource: `arn:aws:kms:*:${K}:key/*` })),
    request: { principal: aws(USER), action: "kms:Decrypt", resource: `arn:aws:kms:eu-west-1:${B}:key/abc` },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "resource: an alias ARN is not the key",
    policy: doc(allow("Alias", { Resource: `arn:aws:kms:eu-west-1:${K}:alias/app` })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "resource: without a key in the request an alias ARN does not count as the key",
    policy: doc(allow("Alias", { Resource: `arn:aws:kms:eu-west-1:${K}:alias/app` })),
    request: { principal: aws(USER), action: "kms:Decrypt" },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "NotResource: every key but the listed one",
    policy: doc(allow("OtherKeys", { Resource: undefined, NotResource: `arn:aws:kms:eu-west-1:${K}:key/other` })),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "OtherKeys",
  },
  {
    name: "NotResource: the listed key is excluded",
    policy: doc(allow("OtherKeys", { Resource: undefined, NotResource: KEY_K })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    // IAM User Guide, "IAM policy elements: Variables and tags", "Resource element": variables only
    // "in the resource portion of the ARN ... after the fifth colon"; in the account part it is text.
    name: "resource: a variable before the fifth colon is literal text and never matches",
    policy: doc(allow("OwnAccountKeys", { Resource: "arn:aws:kms:*:${aws:PrincipalAccount}:key/*" })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "resource: without Version 2012-10-17 the variable is literal text",
    policy: {
      Version: "2008-10-17",
      Statement: [allow("OwnAccountKeys", { Resource: `arn:aws:kms:eu-west-1:${K}:key/\${aws:PrincipalTag/KeyId}` })],
    },
    request: decrypt({ "aws:PrincipalTag/KeyId": KEY_K.split("/")[1] }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    // Same page: a variable in the resource part is substituted from the request.
    name: "resource: a variable in the resource part (key/${aws:PrincipalTag/KeyId}) resolves from the caller",
    policy: doc(allow("TaggedKey", { Resource: `arn:aws:kms:eu-west-1:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt({ "aws:PrincipalTag/KeyId": KEY_K.split("/")[1] }),
    expect: "allowed",
    decidingSid: "TaggedKey",
  },
  {
    name: "resource: and a caller tagged with another key id does not get this one",
    policy: doc(allow("TaggedKey", { Resource: `arn:aws:kms:eu-west-1:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt({ "aws:PrincipalTag/KeyId": "mrk-00000000000000000000000000000001" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "resource: an untagged caller does not either (a variable without a value matches nothing)",
    policy: doc(allow("TaggedKey", { Resource: `arn:aws:kms:eu-west-1:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
];

const conditions: Scenario[] = [
  // String operators.
  {
    name: "StringEquals is case-sensitive on values",
    policy: withCondition({ StringEquals: { "aws:PrincipalTag/team": "Finance" } }),
    request: decrypt({ "aws:PrincipalTag/team": "finance" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "StringEqualsIgnoreCase is not",
    policy: withCondition({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "Finance" } }),
    request: decrypt({ "aws:PrincipalTag/team": "finance" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "StringNotEqualsIgnoreCase fails on a case-variant of the value",
    policy: withCondition({ StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "Finance" } }),
    request: decrypt({ "aws:PrincipalTag/team": "FINANCE" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "StringNotEquals holds for another value",
    policy: withCondition({ StringNotEquals: { "aws:PrincipalTag/team": "Finance" } }),
    request: decrypt({ "aws:PrincipalTag/team": "Ops" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "StringNotEquals holds when the key is absent",
    policy: withCondition({ StringNotEquals: { "aws:PrincipalTag/team": "Finance" } }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "values are ORed: any listed value matches",
    policy: withCondition({ StringEquals: { "aws:PrincipalTag/team": ["Ops", "Finance"] } }),
    request: decrypt({ "aws:PrincipalTag/team": "Finance" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "keys are ANDed: one failing key fails the statement",
    policy: withCondition({ StringEquals: { "aws:PrincipalTag/team": "Finance", "aws:RequestedRegion": "eu-west-1" } }),
    request: decrypt({ "aws:PrincipalTag/team": "Finance", "aws:RequestedRegion": "us-east-1" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "operators are ANDed too",
    policy: withCondition({
      StringEquals: { "aws:PrincipalTag/team": "Finance" },
      StringLike: { "aws:RequestedRegion": "eu-*" },
    }),
    request: decrypt({ "aws:PrincipalTag/team": "Finance", "aws:RequestedRegion": "eu-central-1" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "StringLike ? matches exactly one character",
    policy: withCondition({ StringLike: { "aws:RequestedRegion": "eu-west-?" } }),
    request: decrypt({ "aws:RequestedRegion": "eu-west-10" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "StringEquals treats * literally",
    policy: withCondition({ StringEquals: { "aws:RequestedRegion": "eu-*" } }),
    request: decrypt({ "aws:RequestedRegion": "eu-west-1" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "StringNotLike denies a matching value",
    policy: withCondition({ StringNotLike: { "aws:RequestedRegion": "us-*" } }),
    request: decrypt({ "aws:RequestedRegion": "us-east-1" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "StringLike across colons: * spans ARN parts in a String operator",
    policy: withCondition({ StringLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:trail/finance" } }),
    request: decrypt({ "aws:SourceArn": FINANCE_TRAIL }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  // Arn operators.
  {
    name: "ArnLike: * does not span ARN parts; a five-part pattern matches nothing",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:trail/finance" } }),
    request: decrypt({ "aws:SourceArn": FINANCE_TRAIL }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ArnLike: wildcards per part",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-*:*:trail/fin*" } }),
    request: decrypt({ "aws:SourceArn": FINANCE_TRAIL }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ArnEquals accepts wildcards like ArnLike",
    policy: withCondition({ ArnEquals: { "aws:SourceArn": `arn:aws:cloudtrail:*:${L}:trail/*` } }),
    request: decrypt({ "aws:SourceArn": FINANCE_TRAIL }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ArnLike is case-sensitive",
    policy: withCondition({ ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${L}:trail/Finance` } }),
    request: decrypt({ "aws:SourceArn": FINANCE_TRAIL }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ArnNotLike holds when the key is absent",
    policy: withCondition({ ArnNotLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${L}:trail/*` } }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ArnNotEquals fails for a matching ARN",
    policy: withCondition({ ArnNotEquals: { "aws:SourceArn": `arn:aws:cloudtrail:*:${L}:trail/*` } }),
    request: decrypt({ "aws:SourceArn": FINANCE_TRAIL }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  // Null, Bool.
  {
    name: "Null true: holds when the key is absent",
    policy: withCondition({ Null: { "aws:SourceVpce": "true" } }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "Null true: fails when the key is present",
    policy: withCondition({ Null: { "aws:SourceVpce": "true" } }),
    request: decrypt({ "aws:SourceVpce": "vpce-1a2b3c4d" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "Bool: true matches true",
    policy: withCondition({ Bool: { "aws:SecureTransport": "true" } }),
    request: decrypt({ "aws:SecureTransport": "true" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "Bool: a Deny on insecure transport",
    policy: doc(allow("Carol", {}), {
      Sid: "DenyInsecure",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    }),
    request: decrypt({ "aws:SecureTransport": "false" }),
    expect: "denied-explicit",
    decidingSid: "DenyInsecure",
  },
  {
    name: "BoolIfExists: holds when the key is absent",
    policy: withCondition({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "BoolIfExists: and checks the value when present",
    policy: withCondition({ BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } }),
    request: decrypt({ "aws:MultiFactorAuthPresent": "false" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "StringEqualsIfExists: kms:ViaService absent passes",
    policy: withCondition({ StringEqualsIfExists: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "StringEqualsIfExists: another service fails",
    policy: withCondition({ StringEqualsIfExists: { "kms:ViaService": "s3.eu-west-1.amazonaws.com" } }),
    request: decrypt({ "kms:ViaService": "ec2.eu-west-1.amazonaws.com" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  // Numeric.
  {
    name: "NumericLessThan: a Deny on short deletion windows",
    policy: doc(enableIam(K), {
      Sid: "MinimumWindow",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
      Condition: { NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" } },
    }),
    request: {
      principal: aws(`arn:aws:iam::${K}:root`),
      action: "kms:ScheduleKeyDeletion",
      resource: KEY_K,
      context: { "kms:ScheduleKeyDeletionPendingWindowInDays": "7" },
    },
    expect: "denied-explicit",
    decidingSid: "MinimumWindow",
  },
  {
    name: "NumericLessThan: 30 days is not less than 30",
    policy: doc(enableIam(K), {
      Sid: "MinimumWindow",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
      Condition: { NumericLessThan: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" } },
    }),
    request: {
      principal: aws(`arn:aws:iam::${K}:root`),
      action: "kms:ScheduleKeyDeletion",
      resource: KEY_K,
      context: { "kms:ScheduleKeyDeletionPendingWindowInDays": "30" },
    },
    expect: "allowed",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "NumericEquals compares numbers, not text",
    policy: withCondition({ NumericEquals: { "aws:MultiFactorAuthAge": "3600" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "3600.0" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "NumericNotEquals holds for another number",
    policy: withCondition({ NumericNotEquals: { "aws:MultiFactorAuthAge": "0" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "12" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "NumericLessThanEquals at the bound",
    policy: withCondition({ NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "3600" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "NumericGreaterThan below the bound fails",
    policy: withCondition({ NumericGreaterThan: { "aws:MultiFactorAuthAge": "3600" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "60" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "NumericGreaterThanEquals at the bound",
    policy: withCondition({ NumericGreaterThanEquals: { "aws:MultiFactorAuthAge": "60" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "60" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "Numeric: a request value that is not a number never matches",
    policy: withCondition({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "soon" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  // Date.
  {
    name: "DateLessThan with an ISO 8601 bound",
    policy: withCondition({ DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    request: decrypt({ "aws:CurrentTime": "2029-12-31T23:59:59Z" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "DateGreaterThan with an epoch bound against an ISO request value",
    policy: withCondition({ DateGreaterThan: { "aws:CurrentTime": "1893456000" } }),
    request: decrypt({ "aws:CurrentTime": "2029-12-31T23:59:59Z" }),
    expect: "denied-implicit",
    decidingSid: null,
    note: "1893456000 is 2030-01-01T00:00:00Z.",
  },
  {
    name: "DateEquals: the same instant in another zone and as epoch seconds",
    policy: withCondition({ DateEquals: { "aws:EpochTime": "2030-01-01T01:00:00+01:00" } }),
    request: decrypt({ "aws:EpochTime": "1893456000" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "DateNotEquals fails for the same instant",
    policy: withCondition({ DateNotEquals: { "aws:CurrentTime": "2030-01-01" } }),
    request: decrypt({ "aws:CurrentTime": "2030-01-01T00:00:00Z" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "DateLessThanEquals at the bound",
    policy: withCondition({ DateLessThanEquals: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    request: decrypt({ "aws:CurrentTime": "2030-01-01T00:00:00.000Z" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "DateGreaterThanEquals before the bound fails",
    policy: withCondition({ DateGreaterThanEquals: { "aws:CurrentTime": "2030-01-01T00:00:00Z" } }),
    request: decrypt({ "aws:CurrentTime": "2029-06-01T00:00:00Z" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  // IP addresses.
  {
    name: "IpAddress: an IPv4 address inside the CIDR",
    policy: withCondition({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    request: decrypt({ "aws:SourceIp": "203.0.113.77" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "IpAddress: outside the CIDR",
    policy: withCondition({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    request: decrypt({ "aws:SourceIp": "203.0.114.1" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "IpAddress: IPv6 CIDR",
    policy: withCondition({ IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] } }),
    request: decrypt({ "aws:SourceIp": "2001:db8:85a3::8a2e:370:7334" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "NotIpAddress: a Deny outside the corporate range",
    policy: doc(allow("Carol", {}), {
      Sid: "CorporateOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/22" } },
    }),
    request: decrypt({ "aws:SourceIp": "192.0.2.10" }),
    expect: "denied-explicit",
    decidingSid: "CorporateOnly",
  },
  {
    name: "NotIpAddress: and not inside it",
    policy: doc(allow("Carol", {}), {
      Sid: "CorporateOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/22" } },
    }),
    request: decrypt({ "aws:SourceIp": "198.51.103.255" }),
    expect: "allowed",
    decidingSid: "Carol",
  },
  {
    name: "NotIpAddress: a request through a VPC endpoint has no aws:SourceIp, so the Deny applies (seed 004)",
    policy: doc(allow("Carol", {}), {
      Sid: "CorporateOnly",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { NotIpAddress: { "aws:SourceIp": "198.51.100.0/22" } },
    }),
    request: decrypt({ "aws:SourceVpce": "vpce-1a2b3c4d", "aws:VpcSourceIp": "10.0.0.5" }),
    expect: "denied-explicit",
    decidingSid: "CorporateOnly",
  },
  // Binary.
  {
    name: "BinaryEquals compares base64 values",
    policy: withCondition({ BinaryEquals: { "aws:PrincipalTag/blob": "QmluYXJ5VmFsdWU=" } }),
    request: decrypt({ "aws:PrincipalTag/blob": "QmluYXJ5VmFsdWU=" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "BinaryEquals: another value fails",
    policy: withCondition({ BinaryEquals: { "aws:PrincipalTag/blob": "QmluYXJ5VmFsdWU=" } }),
    request: decrypt({ "aws:PrincipalTag/blob": "T3RoZXI=" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  // Set operators on the multivalued kms:EncryptionContextKeys.
  {
    name: "ForAnyValue: one request value matching suffices",
    policy: withCondition({ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["aws:s3:arn", "aws:cloudtrail:arn"] }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ForAnyValue: no value matching fails",
    policy: withCondition({ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["aws:s3:arn"] }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ForAnyValue: an absent key fails",
    policy: withCondition({ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } }),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ForAnyValue: an empty list fails",
    policy: withCondition({ "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } }),
    request: decrypt({ "kms:EncryptionContextKeys": [] }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ForAnyValue:StringNotEquals holds when some value matches none of the policy values",
    policy: withCondition({ "ForAnyValue:StringNotEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "extra"] }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ForAnyValue:StringNotEquals fails when every value is listed",
    policy: withCondition({ "ForAnyValue:StringNotEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["aws:cloudtrail:arn"] }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ForAnyValue:StringLike matches with wildcards",
    policy: withCondition({ "ForAnyValue:StringLike": { "kms:EncryptionContextKeys": "aws:*:arn" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["tenant", "aws:s3:arn"] }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ForAllValues: every value listed",
    policy: withCondition({
      "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "tenant"] },
    }),
    request: decrypt({ "kms:EncryptionContextKeys": ["tenant", "aws:cloudtrail:arn"] }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ForAllValues: an unlisted value fails",
    policy: withCondition({ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn"] } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["aws:cloudtrail:arn", "extra"] }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "ForAllValues: an absent key holds (no values to fail)",
    policy: withCondition({ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn"] } }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ForAllValues: an empty list holds",
    policy: withCondition({ "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": ["aws:cloudtrail:arn"] } }),
    request: decrypt({ "kms:EncryptionContextKeys": [] }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "ForAllValues:StringNotLike: no value may match the pattern",
    policy: withCondition({ "ForAllValues:StringNotLike": { "kms:EncryptionContextKeys": "aws:*" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["tenant", "aws:s3:arn"] }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "single-valued operator on a one-element list compares that element",
    policy: withCondition({ StringEquals: { "kms:EncryptionContextKeys": "tenant" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["tenant"] }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  // Policy variables.
  {
    name: "variable: ${aws:username} resolves for an IAM user",
    policy: withCondition({ StringEquals: { "kms:EncryptionContext:owner": "${aws:username}" } }),
    request: decrypt({ "kms:EncryptionContext:owner": "carol" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "variable: another owner does not match",
    policy: withCondition({ StringEquals: { "kms:EncryptionContext:owner": "${aws:username}" } }),
    request: decrypt({ "kms:EncryptionContext:owner": "dave" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "variable: unresolvable for a role session (no aws:username), so the value does not match",
    policy: doc(
      allow("Conditional", {
        Principal: { AWS: `arn:aws:iam::${K}:role/Admin` },
        Condition: { StringEquals: { "kms:EncryptionContext:owner": "${aws:username}" } },
      }),
    ),
    request: decrypt({ "kms:EncryptionContext:owner": "${aws:username}" }, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "variable: a default value stands in for an absent key",
    policy: doc(
      allow("Conditional", {
        Principal: { AWS: `arn:aws:iam::${K}:role/Admin` },
        Condition: { StringEquals: { "kms:EncryptionContext:owner": "${aws:username, 'shared'}" } },
      }),
    ),
    request: decrypt({ "kms:EncryptionContext:owner": "shared" }, aws(ADMIN_SESSION)),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "variable: ${*} is a literal asterisk in StringLike",
    policy: withCondition({ StringLike: { "aws:PrincipalTag/label": "a${*}b" } }),
    request: decrypt({ "aws:PrincipalTag/label": "axb" }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "variable: ${*} matches the asterisk itself",
    policy: withCondition({ StringLike: { "aws:PrincipalTag/label": "a${*}b" } }),
    request: decrypt({ "aws:PrincipalTag/label": "a*b" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "variable: ${?} and ${$} are literal characters",
    policy: withCondition({ StringEquals: { "aws:PrincipalTag/label": "why${?}${$}" } }),
    request: decrypt({ "aws:PrincipalTag/label": "why?$" }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "variable: in ArnLike, resolved before the ARN is split",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalAccount}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/main` }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "variable: the caller's own account does not match another account's trail",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalAccount}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${B}:trail/main` }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    // Its role's, not the session's: a role pattern matches. (The exact role ARN needs the role's
    // path, which the session ARN does not carry: see the aws:PrincipalArn rows of requestContext.)
    name: "derived keys: aws:PrincipalArn of a session is its role's ARN",
    policy: doc(
      allow("ByPrincipalArn", {
        Principal: "*",
        Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/*` } },
      }),
    ),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "allowed",
    decidingSid: "ByPrincipalArn",
  },
  {
    name: "derived keys: aws:PrincipalType of an IAM user is User, not AssumedRole",
    policy: doc(
      allow("Sessions", { Principal: "*", Condition: { StringEquals: { "aws:PrincipalType": "AssumedRole" } } }),
    ),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "derived keys: aws:PrincipalServiceName for a service principal",
    policy: doc(
      allow("ServiceName", {
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" } },
      }),
    ),
    request: { principal: service("cloudtrail.amazonaws.com"), action: "kms:Decrypt", resource: KEY_K },
    expect: "allowed",
    decidingSid: "ServiceName",
  },
];

const undecidable: Scenario[] = [
  {
    name: "unknown: an Allow condition on a value not known yet",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": UNKNOWN, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "undecidable",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
  {
    name: "unknown: irrelevant when another condition of the statement already fails",
    policy: CLOUDTRAIL_ENCRYPT,
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": UNKNOWN, [CT_CONTEXT]: TRAIL_B },
    },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "unknown: a Deny condition not known yet, with nothing allowed, is still a denial",
    policy: doc({
      Sid: "DenyOutsideVpce",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
    }),
    request: decrypt({ "aws:SourceVpce": UNKNOWN }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "unknown: a Deny condition not known yet, with an Allow, is undecidable",
    policy: doc(allow("Carol", {}), {
      Sid: "DenyOutsideVpce",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
    }),
    request: decrypt({ "aws:SourceVpce": UNKNOWN }),
    expect: "undecidable",
    decidingSid: "DenyOutsideVpce",
  },
  {
    name: "unknown: a Deny that applies anyway decides",
    policy: doc(allow("Carol", { Condition: { StringEquals: { "aws:SourceVpce": "vpce-1a2b3c4d" } } }), {
      Sid: "NoDecrypt",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:Decrypt",
      Resource: "*",
    }),
    request: decrypt({ "aws:SourceVpce": UNKNOWN }),
    expect: "denied-explicit",
    decidingSid: "NoDecrypt",
  },
  {
    name: "unknown: the Pulumi sentinel as a principal of the only Allow",
    policy: doc(allow("Pending", { Principal: { AWS: PULUMI_UNKNOWN_SENTINEL } })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Pending",
  },
  {
    name: "unknown: the sentinel among condition values does not matter when another value matches",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [PULUMI_UNKNOWN_SENTINEL, K] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "unknown: the sentinel as the only condition value the request could match",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [PULUMI_UNKNOWN_SENTINEL] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "unknown: the sentinel as Resource of the only Allow",
    policy: doc(allow("PendingKey", { Resource: PULUMI_UNKNOWN_SENTINEL })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "PendingKey",
  },
  {
    name: "unknown: the sentinel in a statement for another action is not reached",
    policy: doc(allow("Carol", {}), {
      Sid: "PendingDeny",
      Effect: "Deny",
      Principal: { AWS: PULUMI_UNKNOWN_SENTINEL },
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
  },
  {
    name: "unknown: an account delegation plus a pending principal could be allowed or needs-iam",
    policy: doc(allow("Mixed", { Principal: { AWS: [`arn:aws:iam::${K}:root`, PULUMI_UNKNOWN_SENTINEL] } })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Mixed",
  },
  {
    name: "ambiguous: several values against a single-valued operator",
    policy: withCondition({ StringEquals: { "kms:EncryptionContextKeys": "tenant" } }),
    request: decrypt({ "kms:EncryptionContextKeys": ["tenant", "aws:s3:arn"] }),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "invalid: an unknown condition operator in the only Allow",
    policy: withCondition({ StringEqualz: { "aws:SourceAccount": K } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "invalid: an unknown operator in a Deny that could apply",
    policy: doc(allow("Carol", {}), {
      Sid: "BrokenDeny",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEqualz: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
    }),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "BrokenDeny",
  },
  {
    name: "invalid: an Allow without Principal",
    policy: doc({ Sid: "NoPrincipal", Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "NoPrincipal",
  },
  {
    name: "invalid: an Effect that is neither Allow nor Deny",
    policy: doc(allow("Carol", {}), {
      Sid: "Maybe",
      Effect: "Perhaps",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Maybe",
  },
  {
    name: "invalid: a broken statement for another action does not matter",
    policy: doc(allow("Carol", {}), {
      Sid: "Broken",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
      Condition: { StringEqualz: { "aws:SourceVpce": "x" } },
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
  },
  {
    name: "invalid: a Numeric value that is not a number in the only Allow",
    policy: withCondition({ NumericLessThan: { "aws:MultiFactorAuthAge": "an hour" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "10" }),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "unknown: an Effect not known yet, in a statement that could apply",
    policy: doc(allow("Carol", {}), {
      Sid: "PendingEffect",
      Effect: PULUMI_UNKNOWN_SENTINEL,
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "PendingEffect",
  },
  {
    name: "unknown: an Effect not known yet, in a statement for another action",
    policy: doc(allow("Carol", {}), {
      Sid: "PendingEffect",
      Effect: PULUMI_UNKNOWN_SENTINEL,
      Principal: "*",
      Action: "kms:ScheduleKeyDeletion",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
  },
  {
    name: "unknown: a whole Condition not known yet in the only Allow",
    policy: withCondition(PULUMI_UNKNOWN_SENTINEL),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "unknown: an operator block not known yet",
    policy: withCondition({ StringEquals: PULUMI_UNKNOWN_SENTINEL }),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "invalid: a null among the values does not matter when another value matches",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [null, K] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "invalid: a null among the values decides when no other value matches",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [null, K] } }),
    request: decrypt({ "aws:SourceAccount": B }),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "invalid: a Condition nested in Condition limits nothing AWS would accept",
    policy: withCondition({ Condition: { StringEquals: { "aws:SourceAccount": K } } }),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Conditional",
  },
  {
    name: "JSON text: the policy may be given as the JSON string a stack holds",
    policy: JSON.stringify(CLOUDTRAIL_ENCRYPT),
    request: {
      principal: service("cloudtrail.amazonaws.com"),
      action: "kms:GenerateDataKey",
      resource: KEY_A,
      context: { "aws:SourceArn": TRAIL_A, [CT_CONTEXT]: TRAIL_A },
    },
    expect: "allowed",
    decidingSid: "Allow CloudTrail to encrypt logs",
  },
];

// ---------------------------------------------------------------------------------------------
// Operator semantics, value by value (issue 18: each row kills a mutant a verdict table missed)
// ---------------------------------------------------------------------------------------------

/**
 * Numeric and Date operators at their boundary: a request value below, equal to and above the
 * policy value, as the IAM User Guide's "Numeric condition operators" and "Date condition
 * operators" define each comparison. `[below, equal, above]`: whether the condition holds.
 */
const COMPARISONS: readonly (readonly [string, readonly [boolean, boolean, boolean]])[] = [
  ["Equals", [false, true, false]],
  ["NotEquals", [true, false, true]],
  ["LessThan", [true, false, false]],
  ["LessThanEquals", [true, true, false]],
  ["GreaterThan", [false, false, true]],
  ["GreaterThanEquals", [false, true, true]],
];
const ORDERED_FAMILIES = [
  { family: "Numeric", key: "aws:MultiFactorAuthAge", policy: "3600", values: ["3599", "3600", "3601"] },
  {
    family: "Date",
    key: "aws:CurrentTime",
    policy: "2026-01-01T00:00:00Z",
    // The equal value as epoch seconds: the operators compare instants, not text.
    values: ["2025-12-31T23:59:59Z", "1767225600", "2026-01-01T00:00:01Z"],
  },
] as const;

const orderedOperators: Scenario[] = ORDERED_FAMILIES.flatMap(({ family, key, policy, values }) =>
  COMPARISONS.flatMap(([comparison, holds]) => {
    const op = `${family}${comparison}`;
    const negated = comparison === "NotEquals";
    const rows: Scenario[] = values.map((value, i) => ({
      name: `${family}: ${value} against ${op} ${policy} ${holds[i] ? "holds" : "fails"}`,
      policy: withCondition({ [op]: { [key]: policy } }),
      request: decrypt({ [key]: value }),
      expect: holds[i] ? "allowed" : "denied-implicit",
      decidingSid: holds[i] ? "Conditional" : null,
      because: [
        negated
          ? holds[i]
            ? `${key} = ${value} does not satisfy ${policy}, so ${op} holds`
            : `${key} = ${value} satisfies ${policy}, so ${op} fails`
          : `${key} = ${value} ${holds[i] ? "satisfies" : "does not satisfy"} ${op} ${policy}`,
      ],
    }));
    rows.push(
      {
        name: `${family}: an absent key ${negated ? "satisfies the negated" : "fails"} ${op}`,
        policy: withCondition({ [op]: { [key]: policy } }),
        request: decrypt(),
        expect: negated ? "allowed" : "denied-implicit",
        because: [negated ? `${key} is absent, so the negated ${op} holds` : `${key} is absent; ${op} requires it`],
      },
      {
        name: `${family}: an absent key satisfies ${op}IfExists`,
        policy: withCondition({ [`${op}IfExists`]: { [key]: policy } }),
        request: decrypt(),
        expect: "allowed",
        decidingSid: "Conditional",
        because: [`${key} is absent, so ${op}IfExists holds`],
      },
      {
        name: `${family}: a present key is compared by ${op}IfExists`,
        policy: withCondition({ [`${op}IfExists`]: { [key]: policy } }),
        request: decrypt({ [key]: values[holds[2] ? 0 : 2] }),
        expect: holds[holds[2] ? 0 : 2] ? "allowed" : "denied-implicit",
      },
    );
    return rows;
  }),
);

const LOG_GROUP = `arn:aws:logs:eu-west-1:${K}:log-group`;

const valueSemantics: Scenario[] = [
  {
    name: "Numeric: a request value that is not a number satisfies no comparison",
    policy: withCondition({ NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "soon" }),
    expect: "denied-implicit",
    because: ["aws:MultiFactorAuthAge = soon does not satisfy NumericLessThan 3600"],
  },
  {
    name: "Numeric: a policy value that is not a number cannot be judged",
    policy: withCondition({ NumericLessThan: { "aws:MultiFactorAuthAge": "an hour" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "60" }),
    expect: "undecidable",
    because: [
      "aws:MultiFactorAuthAge = 60 against an hour cannot be judged (the policy value an hour is not a number)",
    ],
  },
  {
    name: "Numeric: one of two policy values satisfied is enough, and the explanation names it",
    policy: withCondition({ NumericEquals: { "aws:MultiFactorAuthAge": ["10", "20"] } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "20.0" }),
    expect: "allowed",
    because: ["aws:MultiFactorAuthAge = 20.0 satisfies NumericEquals 20"],
  },
  {
    name: "Numeric: no policy value satisfied lists them all",
    policy: withCondition({ NumericEquals: { "aws:MultiFactorAuthAge": ["10", "20"] } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "15" }),
    expect: "denied-implicit",
    because: ["aws:MultiFactorAuthAge = 15 does not satisfy NumericEquals [10, 20]"],
  },
  {
    name: "Date: a policy value that is not a date cannot be judged",
    policy: withCondition({ DateLessThan: { "aws:CurrentTime": "tomorrow" } }),
    request: decrypt({ "aws:CurrentTime": "2026-01-01T00:00:00Z" }),
    expect: "undecidable",
    because: [
      "aws:CurrentTime = 2026-01-01T00:00:00Z against tomorrow cannot be judged (the policy value tomorrow is not an ISO 8601 date or epoch seconds)",
    ],
  },
  {
    name: "Date: a request value that is not a date satisfies no comparison",
    policy: withCondition({ DateGreaterThan: { "aws:CurrentTime": "2026-01-01T00:00:00Z" } }),
    request: decrypt({ "aws:CurrentTime": "later" }),
    expect: "denied-implicit",
  },
  // Gap 2: the negated Arn operators reach definite verdicts both ways.
  ...(["ArnNotLike", "ArnNotEquals"] as const).flatMap((op): Scenario[] => [
    {
      name: `${op}: a SourceArn outside the pattern satisfies it`,
      policy: withCondition({ [op]: { "aws:SourceArn": `arn:aws:cloudtrail:*:${K}:trail/*` } }),
      request: decrypt({ "aws:SourceArn": `arn:aws:config:eu-west-1:${K}:config-rule/r` }),
      expect: "allowed",
      decidingSid: "Conditional",
      because: [
        `aws:SourceArn = arn:aws:config:eu-west-1:${K}:config-rule/r does not match arn:aws:cloudtrail:*:${K}:trail/*, so ${op} holds`,
      ],
    },
    {
      name: `${op}: a SourceArn the pattern matches fails it`,
      policy: withCondition({ [op]: { "aws:SourceArn": `arn:aws:cloudtrail:*:${K}:trail/*` } }),
      request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/audit` }),
      expect: "denied-implicit",
      decidingSid: null,
      because: [
        `aws:SourceArn = arn:aws:cloudtrail:eu-west-1:${K}:trail/audit matches arn:aws:cloudtrail:*:${K}:trail/*, so ${op} fails`,
      ],
    },
    {
      name: `${op}: in a Deny, another account's trail is denied explicitly`,
      policy: doc(allow("Decrypt", {}), {
        Sid: "Only our trails",
        Effect: "Deny",
        Principal: "*",
        Action: "kms:*",
        Resource: "*",
        Condition: { [op]: { "aws:SourceArn": `arn:aws:cloudtrail:*:${K}:trail/*` } },
      }),
      request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${B}:trail/audit` }),
      expect: "denied-explicit",
      decidingSid: "Only our trails",
    },
  ]),
  // Gap 5: the resource part of an ARN keeps its colons.
  {
    name: "Arn: colons inside the resource part are compared, not cut off (log-group:a is not log-group:b)",
    policy: withCondition({ ArnEquals: { "aws:SourceArn": `${LOG_GROUP}:a` } }),
    request: decrypt({ "aws:SourceArn": `${LOG_GROUP}:b` }),
    expect: "denied-implicit",
    because: [`aws:SourceArn = ${LOG_GROUP}:b does not match ${LOG_GROUP}:a`],
  },
  {
    name: "Arn: the same resource part with its colons matches",
    policy: withCondition({ ArnEquals: { "aws:SourceArn": `${LOG_GROUP}:a` } }),
    request: decrypt({ "aws:SourceArn": `${LOG_GROUP}:a` }),
    expect: "allowed",
    because: [`aws:SourceArn = ${LOG_GROUP}:a matches ${LOG_GROUP}:a`],
  },
  {
    name: "Arn: a wildcard in the resource part spans its colons",
    policy: withCondition({ ArnLike: { "aws:SourceArn": `${LOG_GROUP}:a:*` } }),
    request: decrypt({ "aws:SourceArn": `${LOG_GROUP}:a:log-stream:s1` }),
    expect: "allowed",
  },
  {
    name: "Arn: a wildcard in one part does not reach into the next",
    policy: withCondition({ ArnLike: { "aws:SourceArn": `arn:aws:logs:*:${K}:log-group:a` } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:logs:eu-west-1:x:${K}:log-group:a` }),
    expect: "denied-implicit",
  },
  {
    name: "Arn: a request value that is not an ARN matches nothing",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:logs:*" } }),
    request: decrypt({ "aws:SourceArn": "logs:eu-west-1:x:y:z:w" }),
    expect: "denied-implicit",
  },
  {
    name: "Arn: a policy value that is not an ARN matches nothing, not even itself",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "trail/*" } }),
    request: decrypt({ "aws:SourceArn": "trail/*" }),
    expect: "denied-implicit",
  },
  {
    name: "Arn: ARN comparison is case-sensitive",
    policy: withCondition({ ArnEquals: { "aws:SourceArn": `${LOG_GROUP}:a` } }),
    request: decrypt({ "aws:SourceArn": `${LOG_GROUP}:A` }),
    expect: "denied-implicit",
  },
  // Gap 6: Null with an invalid value.
  {
    name: "Null: an invalid value beside a valid one that fails is undecidable",
    policy: withCondition({ Null: { "aws:SourceAccount": ["false", "maybe"] } }),
    request: decrypt(),
    expect: "undecidable",
    because: [
      "aws:SourceAccount is absent, but Null [false, maybe] cannot be judged (the policy value maybe is not true or false)",
    ],
  },
  {
    name: "Null: two invalid values are both named",
    policy: withCondition({ Null: { "aws:SourceAccount": ["maybe", "perhaps"] } }),
    request: decrypt(),
    expect: "undecidable",
    because: [
      "aws:SourceAccount is absent, but Null [maybe, perhaps] cannot be judged (the policy value maybe is not true or false; perhaps is not true or false)",
    ],
  },
  {
    name: "Null: an invalid value before a valid one that fails is undecidable too",
    policy: withCondition({ Null: { "aws:SourceAccount": ["maybe", "false"] } }),
    request: decrypt(),
    expect: "undecidable",
  },
  {
    name: "Null: a valid value that holds decides, whatever the invalid one beside it",
    policy: withCondition({ Null: { "aws:SourceAccount": ["true", "maybe"] } }),
    request: decrypt(),
    expect: "allowed",
    because: ["aws:SourceAccount is absent, as Null [true, maybe] requires"],
  },
  {
    name: "Null: an invalid value after the one that holds still decides",
    policy: withCondition({ Null: { "aws:SourceAccount": ["maybe", "true"] } }),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "Null: false with the key present holds",
    policy: withCondition({ Null: { "aws:SourceAccount": "false" } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "allowed",
    because: ["aws:SourceAccount is present, as Null false requires"],
  },
  {
    name: "Null: true with the key present fails",
    policy: withCondition({ Null: { "aws:SourceAccount": "true" } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "denied-implicit",
    because: ["aws:SourceAccount is present; Null true requires it absent"],
  },
  {
    name: "Null: false with the key absent fails",
    policy: withCondition({ Null: { "aws:SourceAccount": "false" } }),
    request: decrypt(),
    expect: "denied-implicit",
    because: ["aws:SourceAccount is absent; Null false requires it present"],
  },
  // Gap 7: an empty value list is no value.
  {
    name: "empty list: a key given with no values is absent for StringEquals",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": K } }),
    request: decrypt({ "aws:SourceAccount": [] }),
    expect: "denied-implicit",
    because: ["aws:SourceAccount is absent; StringEquals requires it"],
  },
  {
    name: "empty list: a key given with no values is absent for StringNotEquals",
    policy: withCondition({ StringNotEquals: { "aws:SourceAccount": K } }),
    request: decrypt({ "aws:SourceAccount": [] }),
    expect: "allowed",
    because: ["aws:SourceAccount is absent, so the negated StringNotEquals holds"],
  },
  {
    name: "empty list: a key given with no values is absent for Null",
    policy: withCondition({ Null: { "aws:SourceAccount": "true" } }),
    request: decrypt({ "aws:SourceAccount": [] }),
    expect: "allowed",
  },
  {
    name: "empty list: ForAllValues holds for a key given with no values",
    policy: withCondition({ "ForAllValues:StringEquals": { "aws:TagKeys": "team" } }),
    request: decrypt({ "aws:TagKeys": [] }),
    expect: "allowed",
    because: ["aws:TagKeys is absent, so ForAllValues:StringEquals holds for its (no) values"],
  },
  // Gap 8: set operators with a negated comparison.
  {
    name: "ForAnyValue: a negated operator on an absent key is false (no value to satisfy it)",
    policy: withCondition({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": "team" } }),
    request: decrypt(),
    expect: "denied-implicit",
    because: ["aws:TagKeys is absent; ForAnyValue:StringNotEquals needs at least one value"],
  },
  {
    name: "ForAllValues: a negated operator on an absent key is true",
    policy: withCondition({ "ForAllValues:StringNotEquals": { "aws:TagKeys": "team" } }),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "ForAnyValue: a negated operator holds when one value matches none of the policy values",
    policy: withCondition({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["team", "cost"] } }),
    request: decrypt({ "aws:TagKeys": ["team", "owner"] }),
    expect: "allowed",
    because: ["aws:TagKeys value owner satisfies ForAnyValue:StringNotEquals [team, cost]"],
  },
  {
    name: "ForAnyValue: a negated operator fails when every value matches a policy value",
    policy: withCondition({ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["team", "cost"] } }),
    request: decrypt({ "aws:TagKeys": ["team", "cost"] }),
    expect: "denied-implicit",
    because: ["no value of aws:TagKeys [team, cost] satisfies ForAnyValue:StringNotEquals [team, cost]"],
  },
  {
    name: "ForAllValues: a negated operator fails on the first value a policy value matches",
    policy: withCondition({ "ForAllValues:StringNotEquals": { "aws:TagKeys": ["team"] } }),
    request: decrypt({ "aws:TagKeys": ["owner", "team"] }),
    expect: "denied-implicit",
    because: [
      "aws:TagKeys value team does not satisfy ForAllValues:StringNotEquals team; ForAllValues requires every value to",
    ],
  },
  {
    name: "ForAllValues: every value satisfying the operator holds",
    policy: withCondition({ "ForAllValues:StringLike": { "aws:TagKeys": ["team*", "cost"] } }),
    request: decrypt({ "aws:TagKeys": ["team-a", "cost"] }),
    expect: "allowed",
    because: ["every value of aws:TagKeys [team-a, cost] satisfies ForAllValues:StringLike [team*, cost]"],
  },
  {
    name: "ForAnyValue: a value not known yet among values that fail is undecidable",
    policy: withCondition({ "ForAnyValue:NumericLessThan": { "aws:MultiFactorAuthAge": "oops" } }),
    request: decrypt({ "aws:MultiFactorAuthAge": ["1", "2"] }),
    expect: "undecidable",
    because: ["aws:MultiFactorAuthAge [1, 2] against oops cannot be judged (the policy value oops is not a number)"],
  },
  {
    name: "single-valued operator: several request values are ambiguous",
    policy: withCondition({ StringEquals: { "aws:TagKeys": "team" } }),
    request: decrypt({ "aws:TagKeys": ["team", "cost"] }),
    expect: "undecidable",
    because: ["aws:TagKeys has 2 values but StringEquals compares a single value; use ForAnyValue: or ForAllValues:"],
  },
  // The string, Bool, IP and Binary families, each way.
  {
    name: "StringEqualsIgnoreCase: case does not matter",
    policy: withCondition({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "Audit" } }),
    request: decrypt({ "aws:PrincipalTag/team": "AUDIT" }),
    expect: "allowed",
    because: ["aws:PrincipalTag/team = AUDIT matches Audit"],
  },
  {
    name: "StringEquals: case matters",
    policy: withCondition({ StringEquals: { "aws:PrincipalTag/team": "Audit" } }),
    request: decrypt({ "aws:PrincipalTag/team": "AUDIT" }),
    expect: "denied-implicit",
    because: ["aws:PrincipalTag/team = AUDIT does not match Audit"],
  },
  {
    name: "StringNotEqualsIgnoreCase: the same text in another case fails it",
    policy: withCondition({ StringNotEqualsIgnoreCase: { "aws:PrincipalTag/team": "Audit" } }),
    request: decrypt({ "aws:PrincipalTag/team": "audit" }),
    expect: "denied-implicit",
    because: ["aws:PrincipalTag/team = audit matches Audit, so StringNotEqualsIgnoreCase fails"],
  },
  {
    name: "StringEquals: * is a plain character",
    policy: withCondition({ StringEquals: { "aws:PrincipalTag/team": "a*" } }),
    request: decrypt({ "aws:PrincipalTag/team": "ab" }),
    expect: "denied-implicit",
  },
  {
    name: "StringNotLike: a value outside the pattern holds",
    policy: withCondition({ StringNotLike: { "aws:PrincipalTag/team": "aud*" } }),
    request: decrypt({ "aws:PrincipalTag/team": "ops" }),
    expect: "allowed",
    because: ["aws:PrincipalTag/team = ops does not match aud*, so StringNotLike holds"],
  },
  {
    name: "StringLike: ? stands for exactly one character",
    policy: withCondition({ StringLike: { "aws:PrincipalTag/team": "a?c" } }),
    request: decrypt({ "aws:PrincipalTag/team": "abbc" }),
    expect: "denied-implicit",
  },
  {
    name: "Bool: true matches True",
    policy: withCondition({ Bool: { "aws:SecureTransport": "true" } }),
    request: decrypt({ "aws:SecureTransport": " True" }),
    expect: "allowed",
    because: ["aws:SecureTransport =  True matches true"],
  },
  {
    name: "Bool: false does not match true",
    policy: withCondition({ Bool: { "aws:SecureTransport": "false" } }),
    request: decrypt({ "aws:SecureTransport": "true" }),
    expect: "denied-implicit",
  },
  {
    name: "Bool: a policy value other than true or false cannot be judged",
    policy: withCondition({ Bool: { "aws:SecureTransport": "yes" } }),
    request: decrypt({ "aws:SecureTransport": "true" }),
    expect: "undecidable",
    because: ["aws:SecureTransport = true against yes cannot be judged (the policy value yes is not true or false)"],
  },
  {
    name: "IpAddress: inside the block",
    policy: withCondition({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    request: decrypt({ "aws:SourceIp": "203.0.113.9" }),
    expect: "allowed",
    because: ["aws:SourceIp = 203.0.113.9 is in 203.0.113.0/24"],
  },
  {
    name: "IpAddress: outside the block",
    policy: withCondition({ IpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    request: decrypt({ "aws:SourceIp": "198.51.100.1" }),
    expect: "denied-implicit",
    because: ["aws:SourceIp = 198.51.100.1 is not in 203.0.113.0/24"],
  },
  {
    name: "NotIpAddress: inside the block fails",
    policy: withCondition({ NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    request: decrypt({ "aws:SourceIp": "203.0.113.9" }),
    expect: "denied-implicit",
    because: ["aws:SourceIp = 203.0.113.9 is in 203.0.113.0/24, so NotIpAddress fails"],
  },
  {
    name: "NotIpAddress: outside the block holds",
    policy: withCondition({ NotIpAddress: { "aws:SourceIp": "203.0.113.0/24" } }),
    request: decrypt({ "aws:SourceIp": "198.51.100.1" }),
    expect: "allowed",
    because: ["aws:SourceIp = 198.51.100.1 is not in 203.0.113.0/24, so NotIpAddress holds"],
  },
  {
    name: "IpAddress: a policy value that is not an address cannot be judged",
    policy: withCondition({ IpAddress: { "aws:SourceIp": "intranet" } }),
    request: decrypt({ "aws:SourceIp": "10.0.0.1" }),
    expect: "undecidable",
    because: [
      "aws:SourceIp = 10.0.0.1 against intranet cannot be judged (the policy value intranet is not an IPv4 or IPv6 address or CIDR block)",
    ],
  },
  {
    name: "BinaryEquals: the same bytes in base64 match",
    policy: withCondition({ BinaryEquals: { "aws:PrincipalTag/blob": "QmluYXJ5" } }),
    request: decrypt({ "aws:PrincipalTag/blob": " QmluYXJ5 " }),
    expect: "allowed",
  },
  {
    name: "BinaryEquals: other bytes do not",
    policy: withCondition({ BinaryEquals: { "aws:PrincipalTag/blob": "QmluYXJ5" } }),
    request: decrypt({ "aws:PrincipalTag/blob": "QmluYXJ6" }),
    expect: "denied-implicit",
  },
  {
    name: "a value not known yet in the request is undecidable, and says so",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": K } }),
    request: decrypt({ "aws:SourceAccount": UNKNOWN }),
    expect: "undecidable",
    because: ["aws:SourceAccount is not known yet"],
  },
  {
    name: "a policy value not known yet is undecidable when no other value matches",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [PULUMI_UNKNOWN_SENTINEL, B] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "undecidable",
    because: [
      `aws:SourceAccount = ${K} against [${PULUMI_UNKNOWN_SENTINEL}, ${B}] cannot be judged (the policy value ${PULUMI_UNKNOWN_SENTINEL} is not known yet)`,
    ],
  },
  {
    name: "a policy value not known yet does not matter when another value matches",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [PULUMI_UNKNOWN_SENTINEL, K] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "allowed",
    because: [`aws:SourceAccount = ${K} matches ${K}`],
  },
  {
    name: "a DescribeKey request never carries an encryption context, and the explanation says so",
    policy: doc(
      allow("Describe", {
        Action: "kms:DescribeKey",
        Condition: { StringEquals: { "kms:EncryptionContext:dept": "finance" } },
      }),
    ),
    request: { ...decrypt({ "kms:EncryptionContext:dept": "finance" }), action: "kms:DescribeKey" },
    expect: "denied-implicit",
    because: [
      "kms:EncryptionContext:dept is absent (kms:DescribeKey requests never carry it); StringEquals requires it",
    ],
  },
];

// Gap 9: policy variables in String and Arn operators (IAM User Guide, "IAM policy elements:
// Variables and tags").
const policyVariables: Scenario[] = [
  {
    name: "variables: ArnLike with the caller's account substituted matches its trail",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalAccount}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/audit` }),
    expect: "allowed",
    decidingSid: "Conditional",
  },
  {
    name: "variables: ArnLike with the caller's account substituted rejects another account's trail",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalAccount}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${B}:trail/audit` }),
    expect: "denied-implicit",
    because: [
      `aws:SourceArn = arn:aws:cloudtrail:eu-west-1:${B}:trail/audit does not match arn:aws:cloudtrail:*:\${aws:PrincipalAccount}:trail/*`,
    ],
  },
  {
    name: "variables: ArnEquals compares the substituted ARN part by part",
    policy: withCondition({
      ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:${aws:PrincipalAccount}:trail/a:b" },
    }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/a:b` }),
    expect: "allowed",
  },
  {
    name: "variables: ArnEquals with a variable rejects a different resource part",
    policy: withCondition({
      ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:${aws:PrincipalAccount}:trail/a:b" },
    }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/a:c` }),
    expect: "denied-implicit",
  },
  {
    name: "variables: a substituted value's * is a plain character in ArnLike",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalTag/acct}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/a`, "aws:PrincipalTag/acct": "*" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: ArnLike with a variable against a request value that is not an ARN",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalAccount}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": "trail/audit" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: ArnLike whose substituted value is not an ARN matches nothing",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "${aws:PrincipalTag/arn}" } }),
    request: decrypt({ "aws:SourceArn": "trail/audit", "aws:PrincipalTag/arn": "trail/audit" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: a variable whose value is not known yet is undecidable (ArnLike)",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalTag/acct}:trail/*" } }),
    request: decrypt({
      "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/a`,
      "aws:PrincipalTag/acct": UNKNOWN,
    }),
    expect: "undecidable",
  },
  {
    name: "variables: an unresolvable variable does not match (ArnLike)",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalTag/acct}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/a` }),
    expect: "denied-implicit",
  },
  {
    name: "variables: an unresolvable variable in a negated Arn operator holds",
    policy: withCondition({ ArnNotLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalTag/acct}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:eu-west-1:${K}:trail/a` }),
    expect: "allowed",
  },
  {
    name: "variables: StringLike keeps the policy's wildcards around a substituted user name",
    policy: withCondition({ StringLike: { "aws:RequestTag/owner": "${aws:username}-*" } }),
    request: decrypt({ "aws:RequestTag/owner": "carol-1" }),
    expect: "allowed",
  },
  {
    name: "variables: StringLike with a substituted user name rejects another owner",
    policy: withCondition({ StringLike: { "aws:RequestTag/owner": "${aws:username}-*" } }),
    request: decrypt({ "aws:RequestTag/owner": "dave-1" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: StringLike without wildcards compares the substituted text exactly",
    policy: withCondition({ StringLike: { "aws:RequestTag/owner": "team-${aws:username}" } }),
    request: decrypt({ "aws:RequestTag/owner": "team-carol" }),
    expect: "allowed",
  },
  {
    name: "variables: a substituted value's * is a plain character in StringLike",
    policy: withCondition({ StringLike: { "aws:RequestTag/owner": "team-${aws:PrincipalTag/team}" } }),
    request: decrypt({ "aws:RequestTag/owner": "team-x", "aws:PrincipalTag/team": "*" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: ${*} is a literal * in StringLike",
    policy: withCondition({ StringLike: { "aws:RequestTag/owner": "a${*}b" } }),
    request: decrypt({ "aws:RequestTag/owner": "axb" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: ${*} matches the literal *",
    policy: withCondition({ StringLike: { "aws:RequestTag/owner": "a${*}b" } }),
    request: decrypt({ "aws:RequestTag/owner": "a*b" }),
    expect: "allowed",
  },
  {
    name: "variables: StringEqualsIgnoreCase compares the substituted text in any case",
    policy: withCondition({ StringEqualsIgnoreCase: { "aws:RequestTag/owner": "${aws:username}" } }),
    request: decrypt({ "aws:RequestTag/owner": "CAROL" }),
    expect: "allowed",
  },
  {
    name: "variables: StringEquals compares the substituted text case-sensitively",
    policy: withCondition({ StringEquals: { "aws:RequestTag/owner": "${aws:username}" } }),
    request: decrypt({ "aws:RequestTag/owner": "CAROL" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: StringLikeIgnoreCase-like matching through StringNotLike with a variable",
    policy: withCondition({ StringNotLike: { "aws:RequestTag/owner": "${aws:username}*" } }),
    request: decrypt({ "aws:RequestTag/owner": "carol-2" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: a variable whose value is not known yet is undecidable (StringEquals)",
    policy: withCondition({ StringEquals: { "aws:RequestTag/owner": "${aws:PrincipalTag/owner}" } }),
    request: decrypt({ "aws:RequestTag/owner": "carol", "aws:PrincipalTag/owner": UNKNOWN }),
    expect: "undecidable",
  },
  {
    name: "variables: an absent key without a default does not match",
    policy: withCondition({ StringEquals: { "aws:RequestTag/owner": "${aws:PrincipalTag/owner}" } }),
    request: decrypt({ "aws:RequestTag/owner": "carol" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: an absent key takes its default",
    policy: withCondition({ StringEquals: { "aws:RequestTag/owner": "${aws:PrincipalTag/owner, 'nobody'}" } }),
    request: decrypt({ "aws:RequestTag/owner": "nobody" }),
    expect: "allowed",
  },
  {
    name: "variables: a multivalued key is not substituted",
    policy: withCondition({ StringEquals: { "aws:RequestTag/owner": "${aws:PrincipalTag/owner}" } }),
    request: decrypt({ "aws:RequestTag/owner": "carol", "aws:PrincipalTag/owner": ["carol", "dave"] }),
    expect: "denied-implicit",
  },
  {
    name: "variables: only Version 2012-10-17 substitutes; elsewhere ${...} is text",
    policy: {
      Version: "2008-10-17",
      Statement: [allow("Conditional", { Condition: { StringEquals: { "aws:RequestTag/owner": "${aws:username}" } } })],
    },
    request: decrypt({ "aws:RequestTag/owner": "carol" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: in Version 2008-10-17 the text ${aws:username} matches itself",
    policy: {
      Version: "2008-10-17",
      Statement: [allow("Conditional", { Condition: { StringEquals: { "aws:RequestTag/owner": "${aws:username}" } } })],
    },
    request: decrypt({ "aws:RequestTag/owner": "${aws:username}" }),
    expect: "allowed",
  },
];

// Gaps 3 and 4: account principals.
const accountPrincipals: Scenario[] = [
  {
    name: "principal: the account's root ARN names the root caller directly",
    policy: doc(allow("Root", { Principal: { AWS: `arn:aws:iam::${K}:root` } })),
    request: decrypt({}, aws(`arn:aws:iam::${K}:root`)),
    expect: "allowed",
    decidingSid: "Root",
    because: [`"Root" applies: the principal names arn:aws:iam::${K}:root, it covers kms:Decrypt on ${KEY_K}.`],
  },
  {
    name: "principal: a bare account id names the root caller directly",
    policy: doc(allow("Root", { Principal: { AWS: K } })),
    request: decrypt({}, aws(K)),
    expect: "allowed",
    because: [`"Root" applies: the principal names arn:aws:iam::${K}:root, it covers kms:Decrypt on ${KEY_K}.`],
  },
  {
    name: "principal: the account's root ARN delegates a user of the account to IAM",
    policy: doc(allow("Root", { Principal: { AWS: `arn:aws:iam::${K}:root` } })),
    request: decrypt(),
    expect: "needs-iam",
    because: [
      `"Root" applies: the principal is account ${K}, which delegates to its IAM policies, it covers kms:Decrypt on ${KEY_K}.`,
    ],
  },
  {
    name: "principal: an account root in another partition does not match",
    policy: doc(allow("Root", { Principal: { AWS: `arn:aws-cn:iam::${K}:root` } })),
    request: decrypt(),
    expect: "denied-implicit",
  },
  {
    name: "principal: a bare account id matches the account in any partition",
    policy: doc(allow("Root", { Principal: { AWS: K } })),
    request: decrypt({}, aws(`arn:aws-us-gov:iam::${K}:user/carol`)),
    expect: "needs-iam",
  },
  {
    name: "principal: another account's root does not match",
    policy: doc(allow("Root", { Principal: { AWS: `arn:aws:iam::${B}:root` } })),
    request: decrypt(),
    expect: "denied-implicit",
  },
  {
    name: "principal: an account match beside an entry not known yet stays a match (cross-account caller)",
    policy: doc(allow("Mixed", { Principal: { AWS: [PULUMI_UNKNOWN_SENTINEL, `arn:aws:iam::${B}:root`] } })),
    request: decrypt({}, aws(`arn:aws:iam::${B}:user/dave`)),
    expect: "needs-iam",
    decidingSid: "Mixed",
  },
  {
    name: "principal: an account match beside an entry not known yet could still be a direct one",
    policy: doc(allow("Mixed", { Principal: { AWS: [PULUMI_UNKNOWN_SENTINEL, `arn:aws:iam::${K}:root`] } })),
    request: decrypt(),
    expect: "undecidable",
    because: [
      `"Mixed" applies: the principal is account ${K}, which delegates to its IAM policies, it covers kms:Decrypt on ${KEY_K}.`,
    ],
  },
  {
    name: "principal: an entry not known yet, and no match, is undecidable",
    policy: doc(allow("Mixed", { Principal: { AWS: [PULUMI_UNKNOWN_SENTINEL, `arn:aws:iam::${B}:root`] } })),
    request: decrypt(),
    expect: "undecidable",
  },
  {
    name: "principal: an exact user ARN after an entry not known yet matches directly",
    policy: doc(allow("Mixed", { Principal: { AWS: [PULUMI_UNKNOWN_SENTINEL, USER] } })),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "principal: a role names its sessions, but only in its own account",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${B}:role/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
  },
  {
    name: "principal: a role names its sessions, but only in its own partition",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws-cn:iam::${K}:role/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
  },
  {
    name: "principal: a role with a path names its sessions by name",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${K}:role/ops/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "allowed",
  },
  {
    name: "principal: a role does not name another role's sessions",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${K}:role/Admin` } })),
    request: decrypt({}, aws(`arn:aws:sts::${K}:assumed-role/Auditor/ops-session`)),
    expect: "denied-implicit",
  },
  {
    name: "principal: a role names the role ARN itself",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${K}:role/Admin` } })),
    request: decrypt({}, aws(`arn:aws:iam::${K}:role/Admin`)),
    expect: "allowed",
  },
  {
    name: "principal: a deleted principal's unique id matches nobody",
    policy: doc(allow("Deleted", { Principal: { AWS: "AROAEXAMPLEID1234567" } })),
    request: decrypt(),
    expect: "denied-implicit",
  },
  {
    name: "principal: a service principal is compared ignoring case",
    policy: doc(allow("Service", { Principal: { Service: "CloudTrail.amazonaws.com" } })),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "allowed",
  },
  {
    name: "principal: a service principal not known yet is undecidable for a service caller",
    policy: doc(allow("Service", { Principal: { Service: [PULUMI_UNKNOWN_SENTINEL, "config.amazonaws.com"] } })),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "undecidable",
  },
  {
    name: "principal: a listed service decides despite one not known yet",
    policy: doc(allow("Service", { Principal: { Service: [PULUMI_UNKNOWN_SENTINEL, "cloudtrail.amazonaws.com"] } })),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "allowed",
  },
  {
    name: "principal: an AWS principal does not name a service caller",
    policy: doc(allow("Aws", { Principal: { AWS: `arn:aws:iam::${K}:root` } })),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "denied-implicit",
  },
  {
    name: "principal: a service principal does not name an anonymous caller",
    policy: doc(allow("Service", { Principal: { Service: "cloudtrail.amazonaws.com" } })),
    request: decrypt({}, anonymous),
    expect: "denied-implicit",
  },
  {
    name: "NotPrincipal: an account excludes its users in every partition the id names",
    policy: doc(
      {
        Sid: "Deny others",
        Effect: "Deny",
        NotPrincipal: { AWS: K },
        Action: "kms:*",
        Resource: "*",
      },
      allow("Decrypt", {}),
    ),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "NotPrincipal: an account root ARN of another partition does not exclude the caller",
    policy: doc(
      {
        Sid: "Deny others",
        Effect: "Deny",
        NotPrincipal: { AWS: `arn:aws-cn:iam::${K}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      allow("Decrypt", {}),
    ),
    request: decrypt(),
    expect: "denied-explicit",
    decidingSid: "Deny others",
  },
  {
    name: "NotPrincipal: an entry not known yet leaves the exclusion open",
    policy: doc(
      {
        Sid: "Deny others",
        Effect: "Deny",
        NotPrincipal: { AWS: [PULUMI_UNKNOWN_SENTINEL] },
        Action: "kms:*",
        Resource: "*",
      },
      allow("Decrypt", {}),
    ),
    request: decrypt(),
    expect: "undecidable",
  },
  {
    name: "NotPrincipal: a listed user ARN after an entry not known yet is excluded",
    policy: doc(
      {
        Sid: "Deny others",
        Effect: "Deny",
        NotPrincipal: { AWS: [PULUMI_UNKNOWN_SENTINEL, USER] },
        Action: "kms:*",
        Resource: "*",
      },
      allow("Decrypt", {}),
    ),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "NotPrincipal: a listed service is excluded, another service is not",
    policy: doc(
      {
        Sid: "Deny other services",
        Effect: "Deny",
        NotPrincipal: { Service: "config.amazonaws.com" },
        Action: "kms:*",
        Resource: "*",
      },
      allow("Services", { Principal: { Service: ["config.amazonaws.com", "cloudtrail.amazonaws.com"] } }),
    ),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "denied-explicit",
  },
  {
    name: "NotPrincipal: a service not known yet leaves a service caller's exclusion open",
    policy: doc(
      {
        Sid: "Deny other services",
        Effect: "Deny",
        NotPrincipal: { Service: PULUMI_UNKNOWN_SENTINEL },
        Action: "kms:*",
        Resource: "*",
      },
      allow("Services", { Principal: { Service: "cloudtrail.amazonaws.com" } }),
    ),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "undecidable",
  },
];

/** Principal entries the table did not reach: wildcards, malformed entries, exact ARNs, NotPrincipal lists. */
const principalEntries: Scenario[] = [
  {
    name: "principal: a role ARN with a wildcard is rejected by AWS, so whether it names the caller is unknown",
    policy: doc(allow("Roles", { Principal: { AWS: `arn:aws:iam::${K}:role/*` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "undecidable",
    because: [
      `"Roles" may apply: principal arn:aws:iam::${K}:role/* uses a wildcard, which AWS rejects in a principal.`,
    ],
  },
  {
    name: "principal: a ? wildcard is rejected as well",
    policy: doc(allow("Users", { Principal: { AWS: `arn:aws:iam::${K}:user/caro?` } })),
    request: decrypt(),
    expect: "undecidable",
    because: [
      `"Users" may apply: principal arn:aws:iam::${K}:user/caro? uses a wildcard, which AWS rejects in a principal.`,
    ],
  },
  {
    name: "principal: an entry that is neither an account id nor an ARN leaves the match unknown",
    policy: doc(allow("Typo", { Principal: { AWS: "carol" } })),
    request: decrypt(),
    expect: "undecidable",
    because: [`"Typo" may apply: principal carol is neither an account id nor an ARN.`],
  },
  {
    name: "principal: an entry not known yet says so",
    policy: doc(allow("Pending", { Principal: { AWS: PULUMI_UNKNOWN_SENTINEL } })),
    request: decrypt(),
    expect: "undecidable",
    because: [`"Pending" may apply: a principal is not known yet.`],
  },
  {
    name: "principal: a service principal not known yet says so",
    policy: doc(allow("PendingService", { Principal: { Service: PULUMI_UNKNOWN_SENTINEL } })),
    request: decrypt({}, service("cloudtrail.amazonaws.com")),
    expect: "undecidable",
    because: [`"PendingService" may apply: a service principal is not known yet.`],
  },
  {
    name: "principal: a user ARN names that user only, not a role session of the same name",
    policy: doc(allow("User", { Principal: { AWS: `arn:aws:iam::${K}:user/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
    because: [`"User" does not apply: the principal does not name ${ADMIN_SESSION}.`],
  },
  {
    name: "principal: a user ARN names that user directly",
    policy: doc(allow("User", { Principal: { AWS: USER } })),
    request: decrypt(),
    expect: "allowed",
    because: [`"User" applies: the principal names ${USER}, it covers kms:Decrypt on ${KEY_K}.`],
  },
  {
    name: "principal: a role ARN with a path names the role's sessions",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${K}:role/team/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "allowed",
  },
  {
    name: "principal: a role ARN does not name another role's sessions",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${K}:role/Reader` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
  },
  {
    name: "principal: a role ARN of another account does not name a session of the same role name",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${B}:role/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
  },
  {
    name: "principal: a deleted principal (unique id) names nobody",
    policy: doc(allow("Deleted", { Principal: { AWS: "AROAEXAMPLEEXAMPLE1234" } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
  },
  {
    name: "principal: an entry not known yet does not name an anonymous caller",
    policy: doc(allow("Pending", { Principal: { AWS: PULUMI_UNKNOWN_SENTINEL } })),
    request: { principal: anonymous, action: "kms:Decrypt", resource: KEY_K },
    expect: "denied-implicit",
    because: [`"Pending" does not apply: the principal does not name an anonymous caller.`],
  },
  {
    name: "principal: the first entry not known is the one the explanation names",
    policy: doc(allow("Mixed", { Principal: { AWS: [USER, PULUMI_UNKNOWN_SENTINEL] } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "undecidable",
    because: [`"Mixed" may apply: a principal is not known yet.`],
  },
  {
    name: "principal: the service entry not known is the one the explanation names",
    policy: doc(allow("Services", { Principal: { Service: ["cloudtrail.amazonaws.com", PULUMI_UNKNOWN_SENTINEL] } })),
    request: decrypt({}, service("config.amazonaws.com")),
    expect: "undecidable",
    because: [`"Services" may apply: a service principal is not known yet.`],
  },
  {
    name: "principal: a user ARN does not name another user of the same account",
    policy: doc(allow("Bob", { Principal: { AWS: `arn:aws:iam::${K}:user/bob` } })),
    request: decrypt(),
    expect: "denied-implicit",
  },
  {
    name: "principal: only an IAM ARN names an account root",
    policy: doc(allow("Not IAM", { Principal: { AWS: `arn:aws:sts::${K}:root` } })),
    request: decrypt(),
    expect: "denied-implicit",
  },
  {
    name: "principal: only an IAM ARN names a role",
    policy: doc(allow("Not IAM", { Principal: { AWS: `arn:aws:sts::${K}:role/Admin` } })),
    request: decrypt({}, aws(ADMIN_SESSION)),
    expect: "denied-implicit",
  },
  {
    name: 'NotPrincipal: "*" excepts everyone, so the Deny applies to nobody',
    policy: doc(enableIam(K), {
      Sid: "DenyNobody",
      Effect: "Deny",
      NotPrincipal: { AWS: "*" },
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "NotPrincipal: an entry not known yet does not except an anonymous caller",
    policy: doc(allow("Anyone", { Principal: "*" }), {
      Sid: "DenyOthers",
      Effect: "Deny",
      NotPrincipal: { AWS: PULUMI_UNKNOWN_SENTINEL },
      Action: "kms:*",
      Resource: "*",
    }),
    request: { principal: anonymous, action: "kms:Decrypt", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "DenyOthers",
    because: [
      `"DenyOthers" applies: an anonymous caller is not excluded by NotPrincipal, it covers kms:Decrypt on ${KEY_K}.`,
    ],
  },
  {
    name: "NotPrincipal: listing a user excepts that user",
    policy: doc(allow("Carol", {}), {
      Sid: "DenyOthers",
      Effect: "Deny",
      NotPrincipal: { AWS: USER },
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
    because: [`"DenyOthers" does not apply: NotPrincipal excludes ${USER}.`],
  },
  {
    name: "NotPrincipal: listing a role excepts a caller named by the role's ARN",
    policy: doc(allow("Role", { Principal: { AWS: `arn:aws:iam::${K}:role/Admin` } }), {
      Sid: "DenyOthers",
      Effect: "Deny",
      NotPrincipal: { AWS: `arn:aws:iam::${K}:role/Admin` },
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt({}, aws(`arn:aws:iam::${K}:role/Admin`)),
    expect: "allowed",
    decidingSid: "Role",
  },
  {
    name: "NotPrincipal: a deleted principal (unique id) excepts nobody",
    policy: doc(allow("Carol", {}), {
      Sid: "DenyOthers",
      Effect: "Deny",
      NotPrincipal: { AWS: "AIDAEXAMPLEEXAMPLE1234" },
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "denied-explicit",
    decidingSid: "DenyOthers",
  },
  {
    name: "NotPrincipal: an account root in another partition does not except the caller",
    policy: doc(allow("Carol", {}), {
      Sid: "DenyOthers",
      Effect: "Deny",
      NotPrincipal: { AWS: `arn:aws-cn:iam::${K}:root` },
      Action: "kms:*",
      Resource: "*",
    }),
    request: decrypt(),
    expect: "denied-explicit",
    decidingSid: "DenyOthers",
  },
];

/** Condition values the parser keeps but cannot represent, and what the explanation says of them. */
const conditionValueEdges: Scenario[] = [
  {
    name: "values: a null beside a value that does not match is undecidable, and the explanation names it",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [B, null] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "undecidable",
    because: [
      `aws:SourceAccount = ${K} against ${B} cannot be judged (the policy value (invalid value) is not a string, number or boolean)`,
    ],
  },
  {
    name: "values: a null beside the value that matches still decides",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": [K, null] } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "allowed",
  },
  {
    name: "values: a policy variable not known yet cannot be judged, and nothing is blamed on the policy value",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": "${aws:PrincipalTag/team}" } }),
    request: decrypt({ "aws:SourceAccount": K, "aws:PrincipalTag/team": UNKNOWN }),
    expect: "undecidable",
    because: [`aws:SourceAccount = ${K} against \${aws:PrincipalTag/team} cannot be judged`],
  },
  {
    name: "Null: a value written with spaces around true still means true",
    policy: withCondition({ Null: { "aws:SourceAccount": " true " } }),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "Numeric: a policy value with spaces around the number is that number",
    policy: withCondition({ NumericEquals: { "aws:MultiFactorAuthAge": " 3600 " } }),
    request: decrypt({ "aws:MultiFactorAuthAge": "3600" }),
    expect: "allowed",
  },
  {
    name: "Bool: a policy value with spaces around true is true",
    policy: withCondition({ Bool: { "aws:SecureTransport": " true " } }),
    request: decrypt({ "aws:SecureTransport": "true" }),
    expect: "allowed",
  },
  {
    name: "BinaryEquals: the same bytes with and without base64 padding match",
    policy: withCondition({ BinaryEquals: { "aws:PrincipalTag/blob": "QUI=" } }),
    request: decrypt({ "aws:PrincipalTag/blob": "QUI" }),
    expect: "allowed",
  },
  {
    name: "variable: StringEquals keeps a * beside a variable literal",
    policy: withCondition({ StringEquals: { "kms:EncryptionContext:owner": "${aws:username}-*" } }),
    request: decrypt({ "kms:EncryptionContext:owner": "carol-reports" }),
    expect: "denied-implicit",
  },
  {
    name: "variable: StringEquals with a variable is case-sensitive",
    policy: withCondition({ StringEquals: { "kms:EncryptionContext:owner": "${aws:username}" } }),
    request: decrypt({ "kms:EncryptionContext:owner": "Carol" }),
    expect: "denied-implicit",
  },
  {
    name: "variable: StringEqualsIgnoreCase with a variable still needs the same text",
    policy: withCondition({ StringEqualsIgnoreCase: { "kms:EncryptionContext:owner": "${aws:username}" } }),
    request: decrypt({ "kms:EncryptionContext:owner": "Dave" }),
    expect: "denied-implicit",
  },
  {
    name: "StringEqualsIgnoreCase still needs the same text",
    policy: withCondition({ StringEqualsIgnoreCase: { "aws:PrincipalTag/team": "Finance" } }),
    request: decrypt({ "aws:PrincipalTag/team": "Ops" }),
    expect: "denied-implicit",
  },
  {
    name: "ArnLike: a pattern of five parts matches no value, not even one of five parts",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:iam::*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:iam::${K}` }),
    expect: "denied-implicit",
  },
  {
    name: "variable: ArnLike with a variable is case-sensitive",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalTag/acct}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${K}:TRAIL/t`, "aws:PrincipalTag/acct": K }),
    expect: "denied-implicit",
  },
  {
    name: "variable: StringEqualsIgnoreCase with a variable ignores case",
    policy: withCondition({ StringEqualsIgnoreCase: { "kms:EncryptionContext:owner": "${aws:username}" } }),
    request: decrypt({ "kms:EncryptionContext:owner": "Carol" }),
    expect: "allowed",
  },
  {
    name: "variable: ArnLike with a variable does not match a request value that is not an ARN",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:${aws:PrincipalTag/acct}:trail/*" } }),
    request: decrypt({ "aws:SourceArn": "trail/t", "aws:PrincipalTag/acct": K }),
    expect: "denied-implicit",
  },
  {
    name: "variable: ArnLike with a variable that does not make an ARN matches nothing",
    policy: withCondition({ ArnLike: { "aws:SourceArn": "${aws:PrincipalTag/acct}" } }),
    request: decrypt({ "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${K}:trail/t`, "aws:PrincipalTag/acct": K }),
    expect: "denied-implicit",
  },
  {
    name: "ArnEquals: a policy value that is not an ARN matches nothing, even itself",
    policy: withCondition({ ArnEquals: { "aws:SourceArn": "trail/t" } }),
    request: decrypt({ "aws:SourceArn": "trail/t" }),
    expect: "denied-implicit",
  },
  {
    name: "ArnEquals: a value with six parts that does not start with arn: is not an ARN",
    policy: withCondition({ ArnEquals: { "aws:SourceArn": "urn:aws:cloudtrail:us-east-1:1:trail/t" } }),
    request: decrypt({ "aws:SourceArn": "urn:aws:cloudtrail:us-east-1:1:trail/t" }),
    expect: "denied-implicit",
  },
];

/** Resource and Action entries: key ARN patterns when the request names no key, variables, case. */
const resourceAndActionEntries: Scenario[] = [
  ...(
    [
      [`arn:aws:kms:*:${K}:key/*`, "allowed"],
      [`arn:aws:kms:eu-west-1:${K}:*`, "allowed"],
      [`arn:aws:kms:eu-west-1:${K}:k?y/*`, "allowed"],
      [`arn:aws:kms:eu-west-1:${K}:alias/reports`, "denied-implicit"],
      [`arn:aws:kms:eu-west-1:${K}:a*/reports`, "denied-implicit"],
      ["arn:aws:s3:::reports/*", "denied-implicit"],
      ["key/*", "denied-implicit"],
    ] as const
  ).map(([resource, expect]): Scenario => ({
    name: `resource: without a key in the request, ${resource} ${expect === "allowed" ? "can" : "cannot"} denote the key`,
    policy: doc(allow("Keys", { Resource: resource })),
    request: { principal: aws(USER), action: "kms:Decrypt" },
    expect,
  })),
  {
    // Variables only in the resource part, after the fifth colon (IAM, "Variables and tags").
    name: "resource: an ARN pattern with a variable resolves against the request's key",
    policy: doc(allow("Own key", { Resource: `arn:aws:kms:*:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt({ "aws:PrincipalTag/KeyId": KEY_K.split("/")[1] }),
    expect: "allowed",
  },
  {
    name: "resource: an ARN pattern with a variable of another value does not match",
    policy: doc(allow("Tagged key", { Resource: `arn:aws:kms:*:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt({ "aws:PrincipalTag/KeyId": "mrk-00000000000000000000000000000001" }),
    expect: "denied-implicit",
  },
  {
    name: "resource: an ARN pattern with a variable the request lacks matches nothing",
    policy: doc(allow("Tagged key", { Resource: `arn:aws:kms:*:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt(),
    expect: "denied-implicit",
  },
  {
    name: "resource: an ARN pattern with a variable not known yet is undecidable",
    policy: doc(allow("Tagged key", { Resource: `arn:aws:kms:*:${K}:key/\${aws:PrincipalTag/KeyId}` })),
    request: decrypt({ "aws:PrincipalTag/KeyId": UNKNOWN }),
    expect: "undecidable",
  },
  {
    name: "resource: NotResource listing another key covers this one",
    policy: doc(allow("Others", { Resource: undefined, NotResource: `arn:aws:kms:*:${B}:key/*` })),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "resource: NotResource listing this key does not cover it",
    policy: doc(allow("Others", { Resource: undefined, NotResource: `arn:aws:kms:*:${K}:key/*` })),
    request: decrypt(),
    expect: "denied-implicit",
    because: [`"Others" does not apply: ${KEY_K} is not covered by its NotResource.`],
  },
  {
    name: "action: names match whatever their case",
    policy: doc(allow("Mixed case", { Action: "KMS:DECRYPT" })),
    request: decrypt(),
    expect: "allowed",
  },
  {
    name: "action: NotAction with an entry not known yet is undecidable",
    policy: doc(allow("Pending", { Action: undefined, NotAction: PULUMI_UNKNOWN_SENTINEL })),
    request: decrypt(),
    expect: "undecidable",
    because: [`"Pending" may apply: kms:Decrypt is perhaps covered by its NotAction.`],
  },
  {
    name: "action: NotAction listing the action does not cover it",
    policy: doc(allow("Others", { Action: undefined, NotAction: "kms:Decrypt" })),
    request: decrypt(),
    expect: "denied-implicit",
    because: [`"Others" does not apply: kms:Decrypt is not covered by its NotAction.`],
  },
];

/** The sentence each statement's trace carries: which part decided, how many conditions held. */
const statementExplanations: Scenario[] = [
  {
    name: "explanation: one condition that holds is named as such",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": K } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "allowed",
    because: [
      `"Conditional" applies: the principal names ${USER}, it covers kms:Decrypt on ${KEY_K}, and its condition holds.`,
    ],
  },
  {
    name: "explanation: several conditions that hold are counted",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": K }, Bool: { "aws:SecureTransport": "true" } }),
    request: decrypt({ "aws:SourceAccount": K, "aws:SecureTransport": "true" }),
    expect: "allowed",
    because: [
      `"Conditional" applies: the principal names ${USER}, it covers kms:Decrypt on ${KEY_K}, and all 2 conditions hold.`,
    ],
  },
  {
    name: "explanation: a statement without a Sid is named by its position",
    policy: doc(enableIam(K), allow("", { Sid: undefined })),
    request: decrypt(),
    expect: "allowed",
    because: [`statement #1 applies: the principal names ${USER}, it covers kms:Decrypt on ${KEY_K}.`],
  },
  {
    name: "explanation: a request without a key is about the key the policy is attached to",
    policy: doc(allow("Carol", {})),
    request: { principal: aws(USER), action: "kms:Decrypt" },
    expect: "allowed",
    because: [`"Carol" applies: the principal names ${USER}, it covers kms:Decrypt on the key.`],
  },
  {
    name: "explanation: a Resource not known yet perhaps covers the key",
    policy: doc(allow("Pending", { Resource: PULUMI_UNKNOWN_SENTINEL })),
    request: decrypt(),
    expect: "undecidable",
    because: [`"Pending" may apply: ${KEY_K} is perhaps covered by its Resource.`],
  },
  {
    name: "explanation: an Action not known yet perhaps covers the action",
    policy: doc(allow("Pending", { Action: PULUMI_UNKNOWN_SENTINEL })),
    request: decrypt(),
    expect: "undecidable",
    because: [`"Pending" may apply: kms:Decrypt is perhaps covered by its Action.`],
  },
  {
    name: "explanation: a condition that fails is the reason the statement does not apply",
    policy: withCondition({ StringEquals: { "aws:SourceAccount": B } }),
    request: decrypt({ "aws:SourceAccount": K }),
    expect: "denied-implicit",
    because: [`"Conditional" does not apply: aws:SourceAccount = ${K} does not match ${B}.`],
  },
  {
    name: "explanation: the action outside the statement's Action is the reason",
    policy: doc(allow("Encrypt only", { Action: "kms:Encrypt" })),
    request: decrypt(),
    expect: "denied-implicit",
    because: [`"Encrypt only" does not apply: kms:Decrypt is not covered by its Action.`],
  },
  {
    name: "explanation: another key in Resource is the reason",
    policy: doc(allow("Other key", { Resource: `arn:aws:kms:eu-west-1:${B}:key/*` })),
    request: decrypt(),
    expect: "denied-implicit",
    because: [`"Other key" does not apply: ${KEY_K} is not covered by its Resource.`],
  },
];

/**
 * The request context AWS builds for a KMS call (issue 13 class 4). IAM User Guide, "AWS global
 * condition context keys" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html):
 * aws:ResourceAccount "is always included in the request context for most service actions" and is
 * the account that owns the resource (the key); aws:RequestedRegion "is always included" (a KMS call
 * goes to the key's Region). aws:PrincipalArn: "For IAM roles, the request context returns the ARN of
 * the role", whose path a session ARN does not carry.
 */
const ROLE_ADMIN_WITH_PATH = `arn:aws:iam::${K}:role/admins/Admin`;
/** Account delegation (needs-iam) limited by a condition on aws:PrincipalArn. */
const rootWith = (condition: unknown) =>
  doc({ ...enableIam(K), Sid: "Delegate", Action: "kms:Decrypt", Condition: condition });
const sessionDecrypt = (context: Request["context"] = {}) => decrypt(context, aws(ADMIN_SESSION));
const OWN_ACCOUNT_ONLY = {
  Sid: "OwnAccountOnly",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:*",
  Resource: "*",
  Condition: { StringNotEquals: { "aws:ResourceAccount": "${aws:PrincipalAccount}" } },
};
const DENY_IN_KEY_ACCOUNT = {
  Sid: "DenyInKeyAccount",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: { StringEquals: { "aws:ResourceAccount": K } },
};

const ONLY_EUROPE = {
  Sid: "OnlyEurope",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:*",
  Resource: "*",
  Condition: { StringNotLike: { "aws:RequestedRegion": "eu-*" } },
};

const requestContext: Scenario[] = [
  {
    name: "aws:ResourceAccount: an explicit Deny keyed on the key's account applies",
    policy: doc(enableIam(K), DENY_IN_KEY_ACCOUNT),
    request: decrypt(),
    expect: "denied-explicit",
    decidingSid: "DenyInKeyAccount",
    because: [`aws:ResourceAccount = ${K} matches ${K}`],
  },
  {
    name: "aws:ResourceAccount: given as keyAccount when the request names no key ARN",
    policy: doc(enableIam(K), DENY_IN_KEY_ACCOUNT),
    request: { principal: aws(USER), action: "kms:Decrypt", keyAccount: K },
    expect: "denied-explicit",
    decidingSid: "DenyInKeyAccount",
  },
  {
    name: "aws:ResourceAccount: unknown, not absent, when nothing tells the key's account",
    policy: doc(enableIam(K), DENY_IN_KEY_ACCOUNT),
    request: { principal: aws(USER), action: "kms:Decrypt" },
    expect: "undecidable",
    because: ["aws:ResourceAccount is not known yet"],
  },
  {
    name: "aws:ResourceAccount: unknown while the key's account is not known (preview)",
    policy: doc(enableIam(K), DENY_IN_KEY_ACCOUNT),
    request: {
      principal: aws(USER),
      action: "kms:Decrypt",
      keyAccount: PULUMI_UNKNOWN_SENTINEL,
      keyRegion: "eu-west-1",
    },
    expect: "undecidable",
  },
  {
    name: "aws:ResourceAccount: the perimeter Deny (StringNotEquals ${aws:PrincipalAccount}) spares the key's own account",
    policy: doc(allow("Carol", {}), OWN_ACCOUNT_ONLY),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "Carol",
    because: [`aws:ResourceAccount = ${K} matches \${aws:PrincipalAccount}, so StringNotEquals fails`],
  },
  {
    name: "aws:ResourceAccount: and stops a caller from another account",
    policy: doc(allow("Others", { Principal: { AWS: `arn:aws:iam::${B}:root` } }), OWN_ACCOUNT_ONLY),
    request: { principal: aws(`arn:aws:iam::${B}:user/dave`), action: "kms:Decrypt", resource: KEY_K },
    expect: "denied-explicit",
    decidingSid: "OwnAccountOnly",
  },
  {
    name: "aws:ResourceAccount: a value the request gives wins",
    policy: doc(enableIam(K), DENY_IN_KEY_ACCOUNT),
    request: decrypt({ "aws:ResourceAccount": B }),
    expect: "needs-iam",
  },
  {
    name: "aws:RequestedRegion: the key's Region, from its ARN",
    policy: doc(enableIam(K), ONLY_EUROPE),
    request: decrypt(),
    expect: "needs-iam",
    because: ["aws:RequestedRegion = eu-west-1 matches eu-*, so StringNotLike fails"],
  },
  {
    name: "aws:RequestedRegion: from keyRegion when the key ARN is not known",
    policy: doc(enableIam(K), ONLY_EUROPE),
    request: { principal: aws(USER), action: "kms:Decrypt", keyAccount: K, keyRegion: "us-east-1" },
    expect: "denied-explicit",
    decidingSid: "OnlyEurope",
  },
  {
    name: "aws:RequestedRegion: unknown when nothing tells the key's Region",
    policy: doc(enableIam(K), ONLY_EUROPE),
    request: { principal: aws(USER), action: "kms:Decrypt", keyAccount: K },
    expect: "undecidable",
  },
  // aws:PrincipalArn of a role session: the role's ARN, path included; the session ARN has no path.
  {
    name: "aws:PrincipalArn: a session's role path is unknown, so a path pattern is undecidable",
    policy: rootWith({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/admins/*` } }),
    request: sessionDecrypt(),
    expect: "undecidable",
    because: [
      `aws:PrincipalArn is the ARN of role Admin with its path, which the session ARN does not carry; ArnLike arn:aws:iam::${K}:role/admins/* depends on the path`,
    ],
  },
  {
    name: "aws:PrincipalArn: so is the role's ARN without a path (the role may have one)",
    policy: rootWith({ ArnEquals: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/Admin` } }),
    request: sessionDecrypt(),
    expect: "undecidable",
  },
  {
    name: "aws:PrincipalArn: the request giving the role ARN decides it",
    policy: rootWith({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/admins/*` } }),
    request: sessionDecrypt({ "aws:PrincipalArn": ROLE_ADMIN_WITH_PATH }),
    expect: "needs-iam",
    decidingSid: "Delegate",
  },
  {
    name: "aws:PrincipalArn: a caller given as the role's ARN carries its path",
    policy: rootWith({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/admins/*` } }),
    request: decrypt({}, aws(ROLE_ADMIN_WITH_PATH)),
    expect: "needs-iam",
    decidingSid: "Delegate",
  },
  {
    name: "aws:PrincipalArn: a pattern whose * takes any path is decided for a session",
    policy: rootWith({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/*` } }),
    request: sessionDecrypt(),
    expect: "needs-iam",
    decidingSid: "Delegate",
  },
  {
    name: "aws:PrincipalArn: so is a StringLike pattern ending in the role's name",
    policy: rootWith({ StringLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/*Admin` } }),
    request: sessionDecrypt(),
    expect: "needs-iam",
  },
  {
    name: "aws:PrincipalArn: a role of another account never matches, whatever the path",
    policy: rootWith({ ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${B}:role/admins/*` } }),
    request: sessionDecrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "aws:PrincipalArn: nor another role's name",
    policy: rootWith({ StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/admins/Auditor` } }),
    request: sessionDecrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    // StringEquals takes * as a character: no role ARN named Admin ends in "/*", whatever its path.
    // Read as StringLike it would match the roles under admins/ and depend on the path (issue 18,
    // conditions.ts's `comparison === "like"`).
    name: "aws:PrincipalArn: StringEquals with a * matches no session of another name, whatever the path",
    policy: rootWith({ StringEquals: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/admins/*` } }),
    request: sessionDecrypt(),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "aws:PrincipalArn: a Deny on a path leaves a session's verdict open",
    policy: doc(enableIam(K), {
      Sid: "NoBreakGlass",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${K}:role/breakglass/*` } },
    }),
    request: sessionDecrypt(),
    expect: "undecidable",
  },
];

export const SCENARIOS: readonly Scenario[] = [
  ...seed003,
  ...seed001,
  ...seed000,
  ...seed002,
  ...principals,
  ...notPrincipal,
  ...verdicts,
  ...actionsAndResources,
  ...conditions,
  ...undecidable,
  ...partialValues,
  ...orderedOperators,
  ...valueSemantics,
  ...policyVariables,
  ...accountPrincipals,
  ...principalEntries,
  ...conditionValueEdges,
  ...resourceAndActionEntries,
  ...statementExplanations,
  ...organizationScenarios,
  ...statementScenarios,
  ...reasonScenarios,
  ...requestContext,
  ...decisionScenarios,
  ...contextScenarios,
];
