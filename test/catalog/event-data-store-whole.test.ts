/**
 * The CloudTrail Lake event data store plan, whole: the four statements of seed 003 ("Granting
 * encrypt permissions", "Granting decrypt permissions", "Enable CloudTrail to describe KMS key
 * properties") with the key's ARN as Resource, the notes, every probe field, and the errors.
 */
import { strict as assert } from "node:assert";
import { CatalogInputError, SIDS, SOURCES, eventDataStorePlan, type KeyLocation } from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { assertProbes, assertTargets, errorOf, type ProbeRow } from "./plan-rows";

const KEY_ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY: KeyLocation = { account: "111122223333", region: "us-east-1", keyArn: KEY_ARN };
const USER = "arn:aws:iam::111122223333:user/username";
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };

/** Seed 003's event data store statements, placeholders filled in (the seed's decrypt JSON lacks two commas). */
const SEED_003 = {
  encrypt: {
    Sid: "Allow CloudTrail to encrypt event data store",
    Effect: "Allow",
    Principal: CLOUDTRAIL,
    Action: "kms:GenerateDataKey",
    Resource: KEY_ARN,
  },
  decrypt: {
    Sid: "Allow CloudTrail to decrypt an event data store",
    Effect: "Allow",
    Principal: CLOUDTRAIL,
    Action: "kms:Decrypt",
    Resource: KEY_ARN,
  },
  // "Allow CloudTrail access" without its aws:SourceArn: not supported for event data stores.
  describe: {
    Sid: "Allow CloudTrail access",
    Effect: "Allow",
    Principal: CLOUDTRAIL,
    Action: "kms:DescribeKey",
    Resource: KEY_ARN,
  },
  users: (principals: string | string[]) => ({
    Sid: "Enable user key permissions for event data stores",
    Effect: "Allow",
    Principal: { AWS: principals },
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: KEY_ARN,
  }),
};

const NOTES = [
  "No confused-deputy probe is possible: the CloudTrail User Guide says aws:SourceArn and aws:SourceAccount are not supported " +
    "in key policies for event data stores, so nothing in CloudTrail's request distinguishes this account's store " +
    "from another account's. Use the key for event data stores of this account only.",
  "Sharing this key with a trail voids the trail's confused-deputy protection: the unconditioned CloudTrail " +
    "statements here also allow CloudTrail to encrypt and decrypt for any trail. Use separate keys.",
  "The CloudTrail User Guide says users in other accounts cannot be allowed to decrypt event data store logs; query principals must be " +
    "in the key's account.",
];

const service = (id: string, action: string, grantSid: string, source: ProbeRow["source"], what: string): ProbeRow => ({
  id: `cloudtrail-event-data-store.${id}`,
  expect: "allow",
  who: "cloudtrail.amazonaws.com",
  action,
  context: {},
  grantSid,
  source,
  description: `CloudTrail calls ${action} to ${what} an event data store (no aws:SourceArn or aws:SourceAccount).`,
});
const SERVICE_ROWS = [
  service("encrypt", "kms:GenerateDataKey", SIDS.eventDataStoreEncrypt, SOURCES.cloudTrailEncrypt, "encrypt"),
  service("decrypt", "kms:Decrypt", SIDS.eventDataStoreDecrypt, SOURCES.cloudTrailDecrypt, "decrypt"),
  service(
    "describe-key",
    "kms:DescribeKey",
    SIDS.cloudTrailDescribe,
    SOURCES.cloudTrailDescribe,
    "describe the key of",
  ),
];
const query = (who: string, subject: string): ProbeRow[] =>
  (
    [
      ["generate-data-key", "kms:GenerateDataKey"],
      ["decrypt", "kms:Decrypt"],
    ] as const
  ).map(([id, action]) => ({
    id: `cloudtrail-event-data-store.query.${id}`,
    expect: "allow",
    who,
    action,
    context: {},
    grantSid: SIDS.eventDataStoreUsers,
    subject,
    source: SOURCES.eventDataStoreElements,
    description: `${who} calls ${action} to create, update or query an encrypted event data store.`,
  }));

describe("catalog: CloudTrail Lake event data store, whole plan (seed 003)", () => {
  it("without query principals: seed 003's three CloudTrail statements, the notes, three service probes", () => {
    const plan = eventDataStorePlan({ key: KEY });
    assert.equal(plan.integration, "cloudtrail-event-data-store");
    assert.deepEqual(
      plan.grants.map((g) => g.statement),
      [SEED_003.encrypt, SEED_003.decrypt, SEED_003.describe],
    );
    assert.deepEqual(
      plan.grants.map((g) => [g.purpose, g.source]),
      [
        ["Lets CloudTrail generate data keys to encrypt event data store data.", SOURCES.cloudTrailEncrypt],
        ["Lets CloudTrail decrypt event data store data.", SOURCES.cloudTrailDecrypt],
        ["Lets CloudTrail describe the key's properties for event data stores.", SOURCES.cloudTrailDescribe],
      ],
    );
    assert.deepEqual(plan.notes, NOTES);
    assertProbes(plan, SERVICE_ROWS);
    assertTargets(plan, KEY, KEY_ARN);
  });

  it("query principals: seed 003's user statement; an account id is its root, probed as a role of it; one not known yet is not probed", () => {
    const plan = eventDataStorePlan({
      key: KEY,
      queryPrincipals: [USER, "111122223333", USER, PULUMI_UNKNOWN_SENTINEL],
    });
    assert.deepEqual(
      plan.grants[3].statement,
      SEED_003.users([USER, "arn:aws:iam::111122223333:root", PULUMI_UNKNOWN_SENTINEL]),
    );
    assert.deepEqual(
      [plan.grants[3].purpose, plan.grants[3].source],
      [
        "Lets the named users and roles create, update and query encrypted event data stores.",
        SOURCES.cloudTrailDecrypt,
      ],
    );
    assertProbes(plan, [
      ...SERVICE_ROWS,
      ...query(USER, USER),
      ...query("arn:aws:iam::111122223333:role/ExampleRole", "arn:aws:iam::111122223333:root"),
    ]);
    assert.deepEqual(
      eventDataStorePlan({ key: KEY, queryPrincipals: [USER] }).grants[3].statement,
      SEED_003.users(USER),
    );
  });

  it("errors, word for word: a query principal of another account, one that is no IAM principal, the key's account", () => {
    assert.equal(
      errorOf(() => eventDataStorePlan({ key: KEY, queryPrincipals: ["arn:aws:iam::444455556666:role/Q"] })),
      "Query principal arn:aws:iam::444455556666:role/Q is not in the key's account 111122223333; the CloudTrail User Guide does not allow users in other accounts to decrypt event data store logs. Run queries from the key's account.",
    );
    assert.throws(() => eventDataStorePlan({ key: KEY, queryPrincipals: ["444455556666"] }), CatalogInputError);
    assert.equal(
      errorOf(() => eventDataStorePlan({ key: KEY, queryPrincipals: ["nope"] })),
      'Event data store query principal "nope" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.',
    );
    assert.equal(
      errorOf(() => eventDataStorePlan({ key: { ...KEY, account: "x" } })),
      'The key\'s account must be a 12-digit AWS account id, got "x".',
    );
  });
});
