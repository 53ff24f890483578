import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AuditKey, testing } from "pulumi-kms-guardrails";
import {
  ACCOUNT,
  ADMIN,
  READER,
  REGION,
  assertDependsOn,
  assertParent,
  assertPolicyHolds,
  collectWarnings,
  failureOf,
  known,
  nextTurn,
  registrationsOf,
  setUp,
  statementsOf,
} from "./helpers";

const USER = `arn:aws:iam::${ACCOUNT}:role/App`;
const MEMBER_TRAIL = "arn:aws:cloudtrail:eu-west-1:222233334444:trail/member";

/** A ResourceError whose message names the component and matches `pattern`. */
const configError = (name: string, pattern: RegExp) => (error: unknown) => {
  assert.ok(pulumi.ResourceError.isInstance(error), `not a ResourceError: ${String(error)}`);
  assert.match(error.message, new RegExp(`AuditKey '${name}'`));
  assert.match(error.message, pattern);
  return true;
};

describe("AuditKey", () => {
  it("creates a symmetric, rotating, single-Region key and alias, parented to the component", async () => {
    const { registrations } = await setUp();
    const key = new AuditKey("audit-key", { administrators: [ADMIN], alias: "audit" });
    assert.ok(key.alias !== undefined);
    await assertParent(registrations, key, key.key, key.alias);
    await assertDependsOn(registrations, key.alias, key.key);
    const [registration] = await registrationsOf(registrations, key.key);
    assert.equal(registration.inputs.enableKeyRotation, true);
    assert.equal(registration.inputs.multiRegion, false);
    assert.equal(registration.inputs.keyUsage, "ENCRYPT_DECRYPT");
    assert.equal(registration.inputs.customerMasterKeySpec, "SYMMETRIC_DEFAULT");
    assert.equal(registration.inputs.bypassPolicyLockoutSafetyCheck, false);
    assert.equal(registration.inputs.policy, await known(key.policy));
    assert.match(await known(key.arn), /^arn:aws:kms:us-east-1:123456789012:key\/[0-9a-f-]{36}$/);
    assert.equal(await known(key.aliasName), "alias/audit");
  });

  it("is multi-Region only when asked", async () => {
    const { registrations } = await setUp();
    const key = new AuditKey("replicated", { multiRegion: true });
    const [registration] = await registrationsOf(registrations, key.key);
    assert.equal(registration.inputs.multiRegion, true);
    assert.equal(await known(key.aliasName), undefined);
  });

  it("renders personas and integrations through the catalog: documented jobs allowed, confused deputies denied", async () => {
    await setUp();
    const key = new AuditKey("everything", {
      administrators: [ADMIN],
      users: [USER],
      cloudTrail: {
        trails: ["audit", MEMBER_TRAIL],
        logReaders: [READER],
        crossAccountReaderAccounts: ["222233334444"],
        crossAccountReadRoles: [`arn:aws:iam::${ACCOUNT}:role/CloudTrailReadRole`],
      },
      config: { mode: "service-linked-role", sourceRegions: [REGION] },
      serviceGrants: [
        {
          principal: USER,
          actions: ["kms:CreateGrant"],
          viaService: `geo.${REGION}.amazonaws.com`,
          encryptionContext: { "aws:geo:arn": `arn:aws:geo:${REGION}:${ACCOUNT}:tracker/t` },
        },
      ],
    });
    const [policy, plans] = await Promise.all([known(key.policy), known(key.plans)]);
    assert.deepEqual(
      plans.map((p) => p.integration),
      [
        "account-root",
        "key-administrators",
        "key-users",
        "cloudtrail-trail",
        "config-service-linked-role",
        "service-grant",
      ],
    );
    assert.equal(statementsOf(policy)[0].Sid, "Enable IAM User Permissions");
    assert.ok(policy.includes(`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit`), "trail name resolved to its ARN");
    assert.ok(policy.includes(MEMBER_TRAIL));
    assert.ok(policy.includes("role/CloudTrailReadRole"));
    assertPolicyHolds(policy, plans);
  });

  it("puts the user's statements first, verbatim and in order", async () => {
    await setUp();
    const mine = [
      {
        Effect: "Allow",
        Sid: "Enable IAM User Permissions",
        Principal: { AWS: ADMIN },
        Resource: "*",
        Action: "kms:Describe*",
      },
      {
        Sid: "Break glass",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/BreakGlass` },
        Action: "kms:*",
        Resource: "*",
      },
    ];
    const key = new AuditKey("mine", { extraStatements: mine, cloudTrail: { trails: ["audit"] } });
    const statements = statementsOf(await known(key.policy));
    assert.equal(JSON.stringify(statements.slice(0, 2)), JSON.stringify(mine));
    assert.ok(statements.length > 2);
    assertPolicyHolds(await known(key.policy), await known(key.plans));
  });

  it("takes outputs wherever a user would pass them", async () => {
    await setUp();
    const key = new AuditKey("outputs", {
      administrators: pulumi.output([ADMIN]),
      cloudTrail: { trails: [pulumi.output("audit")], logReaders: pulumi.output([READER]) },
      extraStatements: pulumi.output([]),
    });
    const policy = await known(key.policy);
    assert.ok(policy.includes(ADMIN) && policy.includes(READER) && policy.includes("trail/audit"));
  });

  it("collects declarations made in the constructing turn; a later one is an error saying what to do", async () => {
    await setUp();
    const key = new AuditKey("sealed");
    key.addIntegration({ kind: "cloudtrail-trail", trails: ["early"] }, "EncryptedTrail 'early'");
    await nextTurn();
    assert.throws(
      () => key.addIntegration({ kind: "cloudtrail-trail", trails: ["late"] }, "EncryptedTrail 'late'"),
      configError(
        "sealed",
        /EncryptedTrail 'late' declared .* after the key policy was rendered.*cloudTrail: \{ trails/s,
      ),
    );
    const policy = await known(key.policy);
    assert.ok(policy.includes("trail/early") && !policy.includes("trail/late"));
  });

  describe("misconfigurations fail at construction", () => {
    const cases: [string, () => AuditKey, RegExp][] = [
      ["an empty trail list", () => new AuditKey("bad", { cloudTrail: { trails: [] } }), /trail list is empty/],
      [
        "an event data store ARN as a trail (it cannot use aws:SourceArn)",
        () =>
          new AuditKey("bad", {
            cloudTrail: { trails: [`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:eventdatastore/abc`] },
          }),
        /event data store, not a trail.*cannot use aws:SourceArn/s,
      ],
      [
        "trails and an event data store on one key",
        () => new AuditKey("bad", { cloudTrail: { trails: ["audit"] }, eventDataStore: {} }),
        /cannot serve both CloudTrail trails .* event data store/s,
      ],
      ["a reserved alias", () => new AuditKey("bad", { alias: "alias/aws/s3" }), /reserved/],
      [
        "an assumed-role session as administrator",
        () => new AuditKey("bad", { administrators: [`arn:aws:sts::${ACCOUNT}:assumed-role/Admin/me`] }),
        /assumed-role session; name the role/,
      ],
      ["an invalid trail name", () => new AuditKey("bad", { cloudTrail: { trails: ["-audit"] } }), /starts and ends/],
      [
        "a malformed cross-account reader account",
        () => new AuditKey("bad", { cloudTrail: { trails: ["audit"], crossAccountReaderAccounts: ["2222"] } }),
        /not a 12-digit account id/,
      ],
    ];
    for (const [what, construct, pattern] of cases) {
      it(what, async () => {
        await setUp();
        assert.throws(construct, configError("bad", pattern));
      });
    }

    it("a value known only later is checked when it resolves, before the key is created", async () => {
      await setUp();
      const key = new AuditKey("later", { cloudTrail: { trails: pulumi.output([] as string[]) } });
      const error = await failureOf(key.policy);
      assert.match(error?.message ?? "", /AuditKey 'later': .*trail list is empty/);
    });
  });

  it("fails at preview when an extra statement stops an integration, naming the statement to add", async () => {
    await setUp();
    const key = new AuditKey("denied", {
      cloudTrail: { trails: ["audit"] },
      extraStatements: [
        {
          Sid: "NoServices",
          Effect: "Deny",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    });
    const error = await failureOf(key.policy);
    assert.match(
      error?.message ?? "",
      /AuditKey 'denied': the key policy would not let an integration do its documented job/,
    );
    assert.match(error?.message ?? "", /denied by Statement\[0\] "NoServices".*Allow CloudTrail to encrypt logs/s);
  });

  it("warns when an extra statement lets a confused deputy through", async () => {
    await setUp();
    const warnings = await collectWarnings(async () => {
      const key = new AuditKey("open", {
        cloudTrail: { trails: ["audit"] },
        extraStatements: [
          {
            Sid: "AllTrails",
            Effect: "Allow",
            Principal: { Service: "cloudtrail.amazonaws.com" },
            Action: "kms:GenerateDataKey*",
            Resource: "*",
          },
        ],
      });
      await known(key.policy);
    });
    assert.ok(
      warnings.some(
        (w) =>
          w.includes("AuditKey 'open': the key policy does not do what its plans expect") &&
          w.includes(
            "CloudTrail calls kms:GenerateDataKey for arn:aws:cloudtrail:us-east-1:123456789012:trail/other-trail, a trail the key is not for",
          ),
      ),
      warnings.join("\n"),
    );
  });

  it("preview: the key policy is fully known although the key's ARN is not", async () => {
    const { registrations } = await setUp({}, true);
    const key = new AuditKey("preview", {
      administrators: [ADMIN],
      cloudTrail: { trails: ["audit"], logReaders: [READER] },
      config: { mode: "service-linked-role" },
    });
    const policy = await known(key.policy);
    assertPolicyHolds(policy, await known(key.plans));
    const [registration] = await registrationsOf(registrations, key.key);
    assert.equal(registration.inputs.policy, policy, "the engine receives the policy itself, not an unknown");
    assert.equal((await testing.readOutput(key.arn, 200)).known, false, "the mocks behave like the engine in preview");
  });
});
