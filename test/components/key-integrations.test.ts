// Pure modules, imported by path: no Pulumi runtime is loaded (about 0.8 s saved).
import { strict as assert } from "node:assert";
import { integrationConflict, type ResolvedKeyIntegration } from "../../components/src/components/key-integrations";
import { integrationProblems, trailEntryProblem } from "../../components/src/components/key-integration-problems";
import { planKeyPolicy, renderKeyPolicy, verifyKeyPolicy } from "../../components/src/components/key-policy-render";
import { cloudTrailBucketStatements, configBucketStatements } from "../../components/src/components/bucket-policies";
import { principalProblem, trailNameProblem } from "../../components/src/components/names";

const context = { account: "123456789012", region: "us-east-1", partition: "aws" };
const trail = (name: string, account = context.account, region = context.region) =>
  `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;

describe("key integrations (how an AuditKey merges what it is asked for)", () => {
  it("merges trail declarations: ARNs united, context accounts kept per declaration, any Bucket Key decrypt wins", () => {
    const integrations: ResolvedKeyIntegration[] = [
      { kind: "cloudtrail-trail", trails: ["audit"], serviceDecrypt: false },
      {
        kind: "cloudtrail-trail",
        trails: [trail("member", "222233334444")],
        encryptionContextAccounts: ["333344445555"],
      },
      { kind: "cloudtrail-trail", trails: ["audit"], serviceDecrypt: true },
    ];
    const [, trailPlan] = planKeyPolicy(context, integrations);
    const json = JSON.stringify(trailPlan.grants.map((g) => g.statement));
    assert.ok(json.includes(trail("audit")) && json.includes(trail("member", "222233334444")));
    // The first declaration keeps its default (its trails' account) beside the explicit list.
    assert.ok(json.includes("arn:aws:cloudtrail:*:123456789012:trail/*"));
    assert.ok(json.includes("arn:aws:cloudtrail:*:333344445555:trail/*"));
    assert.ok(!json.includes("arn:aws:cloudtrail:*:222233334444:trail/*"), "explicit accounts replace the default");
    assert.ok(trailPlan.grants.some((g) => g.statement.Sid === "Allow CloudTrail to decrypt a trail"));
  });

  it("pins Config's AWS:SourceArn only when every declaration gave Regions", () => {
    const pinned = renderKeyPolicy(context, [
      { kind: "config-service-linked-role", sourceRegions: ["us-east-1"] },
      { kind: "config-service-linked-role", sourceRegions: ["eu-west-1"] },
    ]).json;
    assert.ok(
      pinned.includes("arn:aws:config:us-east-1:123456789012:*") &&
        pinned.includes("arn:aws:config:eu-west-1:123456789012:*"),
    );
    const unpinned = renderKeyPolicy(context, [
      { kind: "config-service-linked-role", sourceRegions: ["us-east-1"] },
      { kind: "config-service-linked-role" },
    ]).json;
    assert.ok(!unpinned.includes("AWS:SourceArn"), "a channel declared without Regions must keep working");
    assert.ok(unpinned.includes('"AWS:SourceAccount":"123456789012"'));
  });

  it("orders plans: account root, personas, services; user statements first", () => {
    const user = { Sid: "Mine", Effect: "Deny", Principal: "*", Action: "kms:ScheduleKeyDeletion", Resource: "*" };
    const rendered = renderKeyPolicy(
      context,
      [
        { kind: "config-iam-role" },
        { kind: "key-users", principals: ["arn:aws:iam::123456789012:role/App"] },
        { kind: "key-administrators", principals: ["arn:aws:iam::123456789012:role/Admin"] },
      ],
      [user],
    );
    assert.deepEqual(
      rendered.plans.map((p) => p.integration),
      ["account-root", "key-administrators", "key-users", "config-iam-role"],
    );
    assert.deepEqual(rendered.document.Statement[0], user);
    // The user's Deny stops the administrators' documented job: a choice, reported but not refused.
    const verification = verifyKeyPolicy(rendered);
    assert.deepEqual(verification.errors, []);
    assert.match(
      verification.warnings.join(),
      /Key administrator .* calls kms:ScheduleKeyDeletion\. The key policy must allow this, but a Deny statement refuses it\. It is denied by Statement\[0\] "Mine"/s,
    );
  });

  it("refuses a user statement that stops a service integration", () => {
    const user = {
      Sid: "NoConfig",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: "kms:GenerateDataKey",
      Resource: "*",
    };
    const verification = verifyKeyPolicy(renderKeyPolicy(context, [{ kind: "config-iam-role" }], [user]));
    assert.match(
      verification.errors.join(),
      /AWS Config's IAM role .* a Deny statement refuses it\. It is denied by Statement\[0\] "NoConfig"/s,
    );
  });

  it("refuses a trail and an event data store on one key, and a Control Tower key for a store", () => {
    assert.match(
      integrationConflict(["cloudtrail-trail", "cloudtrail-event-data-store"]) ?? "",
      /the CloudTrail User Guide says/,
    );
    assert.ok(integrationConflict(["control-tower", "cloudtrail-event-data-store"]) !== undefined);
    assert.equal(integrationConflict(["cloudtrail-trail", "config-iam-role", "control-tower"]), undefined);
    assert.throws(
      () =>
        planKeyPolicy(context, [
          { kind: "cloudtrail-trail", trails: ["a1b"] },
          { kind: "cloudtrail-event-data-store" },
        ]),
      /cannot serve both/,
    );
  });

  it("reports the problems of known values, leaving outputs for later", () => {
    assert.deepEqual(
      integrationProblems({ kind: "key-users", principals: ["123456789012", "arn:aws:iam::123456789012:user/Bob"] }),
      [],
    );
    assert.match(
      integrationProblems({ kind: "key-users", principals: ["bob"] }).join(),
      /users: bob is not an account id/,
    );
    assert.match(
      integrationProblems({ kind: "config-iam-role", accounts: ["1234"] }).join(),
      /not a 12-digit account id/,
    );
    assert.match(integrationProblems({ kind: "cloudtrail-trail", trails: [] }).join(), /trail list is empty/);
    assert.match(trailEntryProblem("arn:aws:s3:::bucket") ?? "", /not a CloudTrail trail ARN/);
    assert.equal(trailEntryProblem(trail("audit")), undefined);
  });

  it("checks names the way AWS does", () => {
    assert.equal(trailNameProblem("audit-trail_1.x"), undefined);
    for (const bad of ["ab", "a b", "-ab", "ab-", "a--b", "10.0.0.1", "x".repeat(129)]) {
      assert.ok(trailNameProblem(bad) !== undefined, bad);
    }
    assert.equal(principalProblem("arn:aws-us-gov:iam::123456789012:root"), undefined);
    assert.match(principalProblem("arn:aws:sts::123456789012:assumed-role/R/s") ?? "", /name the role instead/);
  });
});

describe("log bucket policies (as CloudTrail and Config document them)", () => {
  const bucketArn = "arn:aws:s3:::logs";
  it("CloudTrail: ACL check and write pinned to the trail; organization trails also write under the organization", () => {
    const statements = cloudTrailBucketStatements({
      bucketArn,
      trailArn: trail("org"),
      account: context.account,
      s3KeyPrefix: "/prefix/",
      organizationId: "o-abcdefghij",
    });
    assert.deepEqual(
      statements.map((s) => [s.Sid, s.Action, s.Resource]),
      [
        ["AWSCloudTrailAclCheck20150319", "s3:GetBucketAcl", bucketArn],
        ["AWSCloudTrailWrite20150319", "s3:PutObject", `${bucketArn}/prefix/AWSLogs/123456789012/*`],
        ["AWSCloudTrailOrganizationWrite20150319", "s3:PutObject", `${bucketArn}/prefix/AWSLogs/o-abcdefghij/*`],
      ],
    );
    for (const s of statements) assert.equal(s.Condition?.StringEquals["aws:SourceArn"], trail("org"));
  });

  it("Config: ACL check, existence check and delivery, each for the delivering account", () => {
    const statements = configBucketStatements({ bucketArn, account: context.account });
    assert.deepEqual(
      statements.map((s) => s.Action),
      ["s3:GetBucketAcl", "s3:ListBucket", "s3:PutObject"],
    );
    assert.equal(statements[2].Resource, `${bucketArn}/AWSLogs/123456789012/Config/*`);
    assert.equal(statements[2].Condition?.StringEquals["s3:x-amz-acl"], "bucket-owner-full-control");
    for (const s of statements) assert.equal(s.Condition?.StringEquals["AWS:SourceAccount"], context.account);
  });
});
