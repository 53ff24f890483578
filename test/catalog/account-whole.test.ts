/**
 * The account root and the KMS default key policy's personas, whole: the statements (the default
 * key policy's Sids and actions, seed 004 "IAM policies"), purposes, notes, every probe field, and
 * the principal errors word for word.
 */
import { strict as assert } from "node:assert";
import {
  CatalogInputError,
  SIDS,
  SOURCES,
  accountRootGrant,
  accountRootPlan,
  keyAdministratorsPlan,
  keyUsersPlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { assertProbes, assertTargets, errorOf, type ProbeRow } from "./plan-rows";

const KEY: KeyLocation = { account: "111122223333", region: "us-east-1" };
const LOCAL = "arn:aws:iam::111122223333:role/Local";
const REMOTE = "arn:aws:iam::444455556666:role/Remote";
const IAM = SOURCES.iamPolicies;
const CROSS = SOURCES.crossAccount;
const SAME_ACCOUNT_NOTE =
  "Requests by principals in the key's own account are never denied by the key policy alone: the " +
  '"Enable IAM User Permissions" statement delegates them to IAM, so keep their IAM policies as narrow ' +
  "as the statements here. Deny probes are generated only for principals in other accounts.";

function row(
  id: string,
  expect: "allow" | "deny",
  who: string,
  action: string,
  description: string,
  more: Partial<ProbeRow> = {},
): ProbeRow {
  return { id, expect, who, action, context: {}, ...more, source: more.source ?? CROSS, description } as ProbeRow;
}

describe("catalog: account root and personas, whole plans (seed 004)", () => {
  it("account root: the statement, its purpose and three probes, in the key's partition", () => {
    const key: KeyLocation = { partition: "aws-us-gov", account: "111122223333", region: "us-gov-west-1" };
    const plan = accountRootPlan({ key });
    const root = "arn:aws-us-gov:iam::111122223333:root";
    assert.equal(plan.integration, "account-root");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: "Enable IAM User Permissions",
          Effect: "Allow",
          Principal: { AWS: root },
          Action: "kms:*",
          Resource: "*",
        },
        purpose: "Lets IAM policies in the key's account grant access to the key, and keeps the key manageable.",
        source: IAM,
      },
    ]);
    assert.deepEqual(accountRootGrant(key), plan.grants[0]);
    assert.deepEqual(plan.notes, []);
    const sid = SIDS.enableIamUserPermissions;
    assertProbes(plan, [
      row(
        "account-root.iam-delegation",
        "allow",
        "arn:aws-us-gov:iam::111122223333:role/ExampleRole",
        "kms:DescribeKey",
        "A role in the key's account 111122223333 calls kms:DescribeKey; its IAM policies decide.",
        { grantSid: sid, source: IAM },
      ),
      row(
        "account-root.manage-policy",
        "allow",
        root,
        "kms:PutKeyPolicy",
        "The root of account 111122223333 calls kms:PutKeyPolicy, so the key never becomes unmanageable.",
        { grantSid: sid, source: IAM },
      ),
      row(
        "account-root.other-account",
        "deny",
        "arn:aws-us-gov:iam::999999999999:role/ExampleRole",
        "kms:Decrypt",
        "A role in unrelated account 999999999999 calls kms:Decrypt on the key.",
      ),
    ]);
    assertTargets(plan, key);
  });

  it("account root: the stranger is never the key's own account", () => {
    const plan = accountRootPlan({ key: { account: "999999999999", region: "us-east-1" } });
    assert.equal(
      plan.probes[2].request.principal.kind === "aws" && plan.probes[2].request.principal.arn,
      "arn:aws:iam::999999999998:role/ExampleRole",
    );
  });

  it("account root: the key's account must be an account id", () => {
    assert.equal(
      errorOf(() => accountRootPlan({ key: { ...KEY, account: "1111" } })),
      'The key\'s account must be a 12-digit AWS account id, got "1111".',
    );
  });

  it("key administrators: the default policy's statement; administer for each, use denied only outside the account", () => {
    const plan = keyAdministratorsPlan({
      key: KEY,
      principals: [LOCAL, "444455556666", LOCAL, PULUMI_UNKNOWN_SENTINEL],
    });
    const admins = [LOCAL, "arn:aws:iam::444455556666:root", PULUMI_UNKNOWN_SENTINEL];
    assert.equal(plan.integration, "key-administrators");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: "Allow access for Key Administrators",
          Effect: "Allow",
          Principal: { AWS: admins },
          Action: [
            "kms:Create*",
            "kms:Describe*",
            "kms:Enable*",
            "kms:List*",
            "kms:Put*",
            "kms:Update*",
            "kms:Revoke*",
            "kms:Disable*",
            "kms:Get*",
            "kms:Delete*",
            "kms:TagResource",
            "kms:UntagResource",
            "kms:ScheduleKeyDeletion",
            "kms:CancelKeyDeletion",
            "kms:RotateKeyOnDemand",
          ],
          Resource: "*",
        },
        purpose: "Lets the key administrators manage the key without using it for cryptography.",
        source: IAM,
      },
    ]);
    assert.deepEqual(plan.notes, [SAME_ACCOUNT_NOTE]);
    const sid = SIDS.keyAdministrators;
    const remote = "arn:aws:iam::444455556666:role/ExampleRole";
    // The principal not known yet has no probe.
    assertProbes(plan, [
      row(
        "key-administrators.administer",
        "allow",
        LOCAL,
        "kms:ScheduleKeyDeletion",
        `Key administrator ${LOCAL} calls kms:ScheduleKeyDeletion.`,
        {
          grantSid: sid,
          subject: LOCAL,
          source: IAM,
        },
      ),
      row(
        "key-administrators.administer",
        "allow",
        remote,
        "kms:ScheduleKeyDeletion",
        `Key administrator ${remote} calls kms:ScheduleKeyDeletion.`,
        {
          grantSid: sid,
          subject: "arn:aws:iam::444455556666:root",
          source: IAM,
        },
      ),
      row(
        "key-administrators.use",
        "deny",
        remote,
        "kms:Decrypt",
        `Key administrator ${remote} calls kms:Decrypt, which administrators are not given.`,
        { grantSid: sid, subject: "arn:aws:iam::444455556666:root" },
      ),
    ]);
    assertTargets(plan, KEY);
  });

  it("key users: the default policy's two statements; use and grant for each, misuse denied only outside the account", () => {
    const plan = keyUsersPlan({ key: KEY, principals: [LOCAL, REMOTE] });
    assert.equal(plan.integration, "key-users");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: "Allow use of the key",
          Effect: "Allow",
          Principal: { AWS: [LOCAL, REMOTE] },
          Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
          Resource: "*",
        },
        purpose: "Lets the key users encrypt, decrypt and generate data keys with the key.",
        source: CROSS,
      },
      {
        statement: {
          Sid: "Allow attachment of persistent resources",
          Effect: "Allow",
          Principal: { AWS: [LOCAL, REMOTE] },
          Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
          Resource: "*",
          Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        },
        purpose: "Lets the key users give AWS services that they use grants on the key, and nothing else.",
        source: CROSS,
      },
    ]);
    assert.deepEqual(plan.notes, [SAME_ACCOUNT_NOTE]);
    const use = SIDS.keyUsers;
    const grants = SIDS.keyUsersGrants;
    const forAws = { "kms:GrantIsForAWSResource": "true" };
    const rows = (who: string): ProbeRow[] => [
      row("key-users.decrypt", "allow", who, "kms:Decrypt", `Key user ${who} calls kms:Decrypt.`, {
        grantSid: use,
        subject: who,
      }),
      row(
        "key-users.create-grant",
        "allow",
        who,
        "kms:CreateGrant",
        `Key user ${who} calls kms:CreateGrant for an AWS service (kms:GrantIsForAWSResource true).`,
        { grantSid: grants, subject: who, context: forAws },
      ),
    ];
    assertProbes(plan, [
      ...rows(LOCAL),
      ...rows(REMOTE),
      row(
        "key-users.create-grant.not-for-aws-resource",
        "deny",
        REMOTE,
        "kms:CreateGrant",
        `Key user ${REMOTE} calls kms:CreateGrant directly, not for an AWS service.`,
        { grantSid: grants, subject: REMOTE, context: { "kms:GrantIsForAWSResource": "false" } },
      ),
      row(
        "key-users.administer",
        "deny",
        REMOTE,
        "kms:ScheduleKeyDeletion",
        `Key user ${REMOTE} calls kms:ScheduleKeyDeletion, which users are not given.`,
        { grantSid: use, subject: REMOTE },
      ),
    ]);
    assertTargets(plan, KEY);
  });

  it("principal errors name the persona, word for word", () => {
    const cases: [(principals: string[]) => unknown, string][] = [
      [(principals) => keyAdministratorsPlan({ key: KEY, principals }), "Key administrator"],
      [(principals) => keyUsersPlan({ key: KEY, principals }), "Key user"],
    ];
    for (const [plan, what] of cases) {
      assert.equal(
        errorOf(() => plan(["arn:aws:s3:::bucket"])),
        `${what} "arn:aws:s3:::bucket" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.`,
      );
      assert.throws(() => plan(["arn:aws:iam::111122223333:role/*"]), CatalogInputError);
    }
  });
});
