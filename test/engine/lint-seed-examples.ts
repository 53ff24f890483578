/**
 * The linter's expectations on every key-policy statement AWS prints in the seed documents. The
 * statements are not written here: each is test/fixtures/seed-examples.ts's fixture of that id
 * (`seedStatement`, `seedExamplePolicy`; the documents' whole policies are linted as policies),
 * with the document's placeholders put back over the fixture's key ARN and, where the document uses
 * them, its trail, account and Region (`PLACEHOLDERS`), so that the JSON linted is the document's
 * but for a few values the substitution cannot reach (the `username` of seed 003's user ARNs, seed
 * 000's `account-id2`, `account-id3`), which stay the fixture's, and the missing commas the fixture
 * adds. What is here is the findings the linter must report on each, linted alone without options.
 * None may be an error.
 *
 * Linted alone, a statement has no key account to check IAM enablement against, hence the
 * `iam-policies-account-unknown` info on each; `lint.test.ts` also lints them inside a full policy.
 */
import type { LintOptions } from "pulumi-kms-guardrails/engine";
import {
  SEED_EXAMPLE_POLICIES,
  seedExample,
  seedExamplePolicy,
  seedStatement,
  type SeedExample as StatementFixture,
  type SeedValues,
} from "../fixtures/seed-examples";

export interface ExpectedFinding {
  readonly id: string;
  readonly path: string;
}

export interface LintSeedExample {
  readonly seed: StatementFixture["seed"];
  readonly name: string;
  /** The ids of the statement fixtures (test/fixtures/seed-examples.ts) `json` holds, in order. */
  readonly fixtures: readonly string[];
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

/**
 * The documents' placeholders, by fixture id or seed. The key ARN is the one that matters: from a
 * real key ARN in `Resource` the linter would learn the key's account and, the statement being
 * alone, report `iam-policies-not-enabled` instead of `iam-policies-account-unknown`; the document's
 * placeholder leaves the account unknown, which is what these expectations are about. Seed 001
 * prints concrete values and no key ARN.
 */
const PLACEHOLDERS_003: SeedValues = {
  keyArn: "arn:aws:kms:Region:account_ID:key/key_ID",
  trail: "arn:aws:cloudtrail:region:account-id:trail/trailName",
};
const PLACEHOLDERS: Readonly<Record<string, SeedValues>> = {
  "000-config-iam-role": { keyArn: "*myKMSKeyARN*" },
  "000-config-service-linked-role": { keyArn: "myKMSKeyARN", account: "sourceAccountID" },
  // The text gives the condition with 123456789012, the fixture's account: only the key is a placeholder.
  "000-config-service-linked-role-source-arn": { keyArn: "myKMSKeyARN" },
  "002": {
    keyArn: "arn:aws:kms:YOUR-HOME-REGION:YOUR-MANAGEMENT-ACCOUNT-ID:key/YOUR-KMS-KEY-ID",
    account: "YOUR-MANAGEMENT-ACCOUNT-ID",
    region: "YOUR-HOME-REGION",
  },
  // Seed 003 prints account-id in some statements and 111111111111 in others: the account stays
  // unless the statement's own entry says otherwise.
  "003": PLACEHOLDERS_003,
  "003-trail-encrypt": { ...PLACEHOLDERS_003, account: "account-id" },
  "003-trail-log-decrypt": { ...PLACEHOLDERS_003, account: "account-id" },
  "003-event-data-store-users": { ...PLACEHOLDERS_003, account: "account-id" },
  // The document prints the role's account with 11 digits; the fixture corrects it.
  "003-trail-log-decrypt-same-bucket": { ...PLACEHOLDERS_003, account: "11111111111" },
};
const placeholders = (id: string): SeedValues => PLACEHOLDERS[id] ?? PLACEHOLDERS[id.slice(0, 3)] ?? {};

/** Statement fixture `id`, placeholders put back, linted alone. */
function statement(
  name: string,
  id: string,
  expected: readonly ExpectedFinding[],
  options?: LintOptions,
): LintSeedExample {
  const fixture = seedExample(id);
  return {
    seed: fixture.seed,
    name,
    fixtures: [id],
    json: seedStatement(id, placeholders(id)),
    ...(options !== undefined ? { options } : {}),
    expected,
  };
}

/**
 * Example policy `id` (SEED_EXAMPLE_POLICIES), placeholders put back; `fixturesOnly` drops the
 * statements that are not fixtures (seed 002's YOUR-EXISTING-POLICIES).
 */
function policy(name: string, id: string, expected: readonly ExpectedFinding[], fixturesOnly = false): LintSeedExample {
  const found = SEED_EXAMPLE_POLICIES.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no seed example policy ${id}`);
  const fixtures = found.statements.filter((s): s is string => s !== undefined);
  const doc = seedExamplePolicy(id, placeholders(fixtures[0] ?? ""));
  return {
    seed: found.seed,
    name,
    fixtures,
    json: fixturesOnly ? { ...doc, Statement: doc.Statement.filter((_, i) => found.statements[i] !== undefined) } : doc,
    expected,
  };
}

export const SEED_EXAMPLES: readonly LintSeedExample[] = [
  policy("AWS Config, IAM role delivery", "000-config-iam-role-policy", [UNKNOWN_ACCOUNT]),
  policy("AWS Config, service-linked role delivery", "000-config-service-linked-role-policy", [UNKNOWN_ACCOUNT]),
  statement(
    "AWS Config, service-linked role delivery, with the AWS:SourceArn condition",
    "000-config-service-linked-role-source-arn",
    [UNKNOWN_ACCOUNT],
  ),
  statement("Allow Amazon Location to create grants on behalf of authorized users", "001-location-create-grants", [
    UNKNOWN_ACCOUNT,
  ]),
  policy("Allow CloudTrail to encrypt logs (ArnEquals aws:SourceArn)", "001-cloudtrail-encrypt-policy", [
    UNKNOWN_ACCOUNT,
  ]),
  statement("Control Tower: AWS Config policy statement", "002-config", [UNKNOWN_ACCOUNT, noSourceCondition()]),
  statement("Control Tower: CloudTrail policy statement", "002-cloudtrail", [UNKNOWN_ACCOUNT, stringEqualsSourceArn()]),
  policy(
    "Control Tower: example KMS key policy (without the existing policies)",
    "002-example-kms-key-policy",
    [UNKNOWN_ACCOUNT, noSourceCondition(0), stringEqualsSourceArn(1)],
    true,
  ),
  statement("Allow CloudTrail to encrypt logs", "003-trail-encrypt", [UNKNOWN_ACCOUNT, stringEqualsSourceArn()]),
  statement("Allow CloudTrail to encrypt event data store", "003-event-data-store-encrypt", [
    UNKNOWN_ACCOUNT,
    noSourceCondition(),
  ]),
  statement(
    "Allow CloudTrail to encrypt event data store (eventDataStoreKey)",
    "003-event-data-store-encrypt",
    [UNKNOWN_ACCOUNT],
    { eventDataStoreKey: true },
  ),
  statement("Enable CloudTrail Encrypt Permissions (another account encrypts)", "003-trail-encrypt-cross-account", [
    UNKNOWN_ACCOUNT,
    stringEqualsSourceArn(),
  ]),
  statement("Enable CloudTrail log decrypt permissions (user)", "003-trail-log-decrypt", [UNKNOWN_ACCOUNT]),
  statement("Allow CloudTrail to decrypt a trail", "003-trail-service-decrypt", [UNKNOWN_ACCOUNT, noSourceCondition()]),
  statement("Enable user key permissions for event data stores", "003-event-data-store-users", [UNKNOWN_ACCOUNT]),
  statement("Allow CloudTrail to decrypt an event data store", "003-event-data-store-service-decrypt", [
    UNKNOWN_ACCOUNT,
    noSourceCondition(),
  ]),
  statement(
    "Allow CloudTrail to decrypt an event data store (eventDataStoreKey)",
    "003-event-data-store-service-decrypt",
    [UNKNOWN_ACCOUNT],
    { eventDataStoreKey: true },
  ),
  statement("Enable CloudTrail log decrypt permissions (Bob, same account)", "003-trail-log-decrypt-your-account", [
    UNKNOWN_ACCOUNT,
  ]),
  statement(
    "Enable encrypted CloudTrail log read access (bucket in another account)",
    "003-trail-log-decrypt-different-bucket",
    [UNKNOWN_ACCOUNT],
  ),
  // The document's 11-digit account id, put back by PLACEHOLDERS.
  statement("Enable encrypted CloudTrail log read access (CloudTrailReadRole)", "003-trail-log-decrypt-same-bucket", [
    UNKNOWN_ACCOUNT,
  ]),
  statement("Allow CloudTrail access (DescribeKey)", "003-trail-describe-key", [
    UNKNOWN_ACCOUNT,
    stringEqualsSourceArn(),
  ]),
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
