import { strict as assert } from "node:assert";
import * as pulumi from "@pulumi/pulumi";
import { AuditKey, EncryptedEventDataStore, EncryptedTrail, testing } from "pulumi-kms-guardrails";
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
  probeIds,
  registrationsOf,
  setUp,
  statementsOf,
  configError,
} from "./helpers";

const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit`;
const FOREIGN_KEY = `arn:aws:kms:${REGION}:999988887777:key/11111111-2222-3333-4444-555555555555`;

describe("EncryptedTrail", () => {
  it("creates the trail, its bucket and its key, all parented, with the key wired into trail and bucket", async () => {
    const { registrations } = await setUp();
    const trail = new EncryptedTrail("audit", { keyArgs: { administrators: [ADMIN] } });
    const key = trail.key;
    assert.ok(key !== undefined, "a key is created when none is given");
    const b = trail.bucket;
    await assertParent(
      registrations,
      trail,
      trail.trail,
      key,
      b.bucket,
      b.versioning,
      b.encryption,
      b.publicAccessBlock,
      b.ownershipControls,
      b.policy,
    );
    await assertParent(registrations, key, key.key);

    const keyArn = await known(key.arn);
    const [trailReg, encryptionReg, versioningReg, blockReg] = await registrationsOf(
      registrations,
      trail.trail,
      b.encryption,
      b.versioning,
      b.publicAccessBlock,
    );
    assert.equal(trailReg.inputs.kmsKeyId, keyArn);
    assert.equal(trailReg.inputs.name, "audit");
    assert.equal(trailReg.inputs.s3BucketName, await known(trail.bucketName));
    assert.equal(trailReg.inputs.enableLogFileValidation, true);
    assert.equal(trailReg.inputs.isMultiRegionTrail, true);
    assert.equal(trailReg.inputs.includeGlobalServiceEvents, true);
    assert.deepEqual(encryptionReg.inputs.rules, [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
        bucketKeyEnabled: true,
      },
    ]);
    assert.deepEqual(versioningReg.inputs.versioningConfiguration, { status: "Enabled" });
    for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
      assert.equal(blockReg.inputs[flag], true, flag);
    }
    // The first `pulumi up` succeeds: the trail waits for the bucket policy and the key.
    await assertDependsOn(registrations, trail.trail, b.policy);
    await assertDependsOn(registrations, trail.trail, key.key);
    await assertDependsOn(registrations, b.policy, b.publicAccessBlock);
    // The ARN computed for the key policy is the one AWS gives the trail.
    assert.equal(await known(trail.trailArn), TRAIL_ARN);
    assert.equal(await known(trail.trail.arn), TRAIL_ARN);
  });

  it("writes the documented CloudTrail bucket policy and denies insecure transport", async () => {
    await setUp();
    const trail = new EncryptedTrail("audit", { s3KeyPrefix: "logs" });
    const bucketArn = await known(trail.bucket.bucket.arn);
    const statements = statementsOf(await known(trail.bucket.policy.policy.apply((p) => String(p))));
    const bySid = new Map(statements.map((s) => [s.Sid, s]));
    assert.deepEqual(bySid.get("AWSCloudTrailAclCheck20150319"), {
      Sid: "AWSCloudTrailAclCheck20150319",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:GetBucketAcl",
      Resource: bucketArn,
      Condition: { StringEquals: { "aws:SourceArn": TRAIL_ARN } },
    });
    assert.deepEqual(bySid.get("AWSCloudTrailWrite20150319"), {
      Sid: "AWSCloudTrailWrite20150319",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/logs/AWSLogs/${ACCOUNT}/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": TRAIL_ARN } },
    });
    assert.deepEqual(bySid.get("AllowSSLRequestsOnly")?.Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("renders a key policy in which CloudTrail does its job for this trail only", async () => {
    await setUp();
    const trail = new EncryptedTrail("audit", { logReaders: [READER] });
    const key = trail.key;
    assert.ok(key !== undefined);
    const plans = await known(key.plans);
    assert.ok(probeIds(plans, "allow").includes("cloudtrail-trail.encrypt"));
    assert.ok(
      probeIds(plans, "allow").includes("cloudtrail-trail.decrypt.service"),
      "S3 Bucket Key: CloudTrail decrypts",
    );
    assert.ok(probeIds(plans, "deny").includes("cloudtrail-trail.encrypt.other-trail"));
    const policy = await known(trail.keyPolicy);
    assert.ok(policy !== undefined);
    assertPolicyHolds(policy, plans);
  });

  it("declares its needs on a given AuditKey: two trails, one key, both in its policy", async () => {
    const { registrations } = await setUp();
    const key = new AuditKey("shared", { administrators: [ADMIN] });
    const a = new EncryptedTrail("trail-a", { keyArn: key.arn });
    const b = new EncryptedTrail("trail-b", { keyArn: key.arn, isMultiRegionTrail: false });
    assert.equal(a.key, key);
    assert.equal(b.key, key);
    const policy = await known(key.policy);
    assert.ok(policy.includes(":trail/trail-a") && policy.includes(":trail/trail-b"));
    assertPolicyHolds(policy, await known(key.plans));
    const [regA] = await registrationsOf(registrations, a.trail);
    assert.equal(regA.inputs.kmsKeyId, await known(key.arn));
    assert.equal(registrations.filter((r) => r.type === "aws:kms/key:Key").length, 1, "no second key");
  });

  it("a key that lists the trail in its arguments serves it after an await, also by an ARN output of another call", async () => {
    const { registrations } = await setUp();
    const key = new AuditKey("listed", { cloudTrail: { trails: ["late", "other"] } });
    await nextTurn();
    // As a program in another language passes it: the ARN arrives as a new output, found by value.
    const byValue = key.arn.apply((arn) => arn);
    const warnings = await collectWarnings(async () => {
      const late = new EncryptedTrail("late", { keyArn: key.arn });
      const other = new EncryptedTrail("other", { keyArn: byValue });
      assert.equal(await known(late.keyArn), await known(key.arn));
      assert.equal(await known(other.keyArn), await known(key.arn));
      assert.equal(await known(other.keyPolicy), await known(key.policy));
      await registrationsOf(registrations, late.trail, other.trail);
      await nextTurn();
    });
    assert.deepEqual(
      warnings.filter((w) => w.includes("EncryptedTrail")),
      [],
    );
  });

  it("given a key ARN it cannot change, says so plainly and names the statements the key needs", async () => {
    const { registrations } = await setUp();
    const warnings = await collectWarnings(async () => {
      const trail = new EncryptedTrail("audit", { keyArn: FOREIGN_KEY });
      const [reg] = await registrationsOf(registrations, trail.trail);
      assert.equal(reg.inputs.kmsKeyId, FOREIGN_KEY);
      assert.equal(trail.key, undefined);
      assert.equal(await known(trail.keyPolicy), undefined);
      await nextTurn();
    });
    const warning = warnings.find((w) => w.includes("EncryptedTrail 'audit'"));
    assert.ok(warning !== undefined, warnings.join("\n"));
    assert.match(
      warning,
      /the key arn:aws:kms:.* is not managed by this component, so its key policy cannot be changed here/,
    );
    assert.match(warning, /"Allow CloudTrail to encrypt logs"/);
    assert.match(warning, /policy pack checks/);
    assert.equal(registrations.filter((r) => r.type === "aws:kms/key:Key").length, 0);
  });

  it("organization trail: member accounts' logs may be written under the organization id", async () => {
    const { mocks, registrations } = await setUp();
    const trail = new EncryptedTrail("org", { isOrganizationTrail: true });
    const statements = statementsOf(await known(trail.bucket.policy.policy.apply((p) => String(p))));
    const org = statements.find((s) => s.Sid === "AWSCloudTrailOrganizationWrite20150319");
    assert.match(String(org?.Resource), /\/AWSLogs\/o-exampleorg1\/\*$/);
    assert.ok(mocks.calls.some((c) => c.token === "aws:organizations/getOrganization:getOrganization"));
    const [reg] = await registrationsOf(registrations, trail.trail);
    assert.equal(reg.inputs.isOrganizationTrail, true);
  });

  it("CloudWatch Logs: a log group encrypted with the trail's key, a role pinned to the trail, which waits for the role's policy", async () => {
    const { registrations } = await setUp();
    const trail = new EncryptedTrail("audit", { cloudWatchLogs: { retentionInDays: 90 } });
    const logs = trail.cloudWatchLogs;
    assert.ok(logs !== undefined && trail.key !== undefined);
    await assertParent(registrations, trail, logs.logGroup, logs.role, logs.rolePolicy);
    await assertDependsOn(registrations, trail.trail, logs.rolePolicy);
    const [trailReg, roleReg, groupReg] = await registrationsOf(registrations, trail.trail, logs.role, logs.logGroup);
    assert.equal(trailReg.inputs.cloudWatchLogsGroupArn, `${await known(logs.logGroup.arn)}:*`);
    // The log group's name is fixed, so the key policy names its ARN before either exists.
    const groupArn = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:aws-cloudtrail-logs-audit`;
    assert.equal(groupReg.inputs.name, "aws-cloudtrail-logs-audit");
    assert.equal(groupReg.inputs.kmsKeyId, await known(trail.keyArn));
    await assertDependsOn(registrations, logs.logGroup, trail.key.key);
    const logsStatement = statementsOf(await known(trail.key.policy)).find(
      (s) => s.Sid === "Allow CloudWatch Logs to encrypt log groups",
    );
    assert.deepEqual(logsStatement?.Principal, { Service: `logs.${REGION}.amazonaws.com` });
    assert.deepEqual(logsStatement?.Condition, { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": groupArn } });
    const plans = await known(trail.key.plans);
    assert.ok(probeIds(plans, "allow").includes("cloudwatch-logs.encrypt"));
    assertPolicyHolds(await known(trail.key.policy), plans);
    assert.equal(trailReg.inputs.cloudWatchLogsRoleArn, await known(logs.role.arn));
    assert.match(String(roleReg.inputs.assumeRolePolicy), new RegExp(`"aws:SourceArn":"${TRAIL_ARN}"`));
  });

  describe("misconfigurations fail at construction", () => {
    it("an invalid trail name", async () => {
      await setUp();
      assert.throws(
        () => new EncryptedTrail("Audit Trail"),
        configError(/EncryptedTrail 'Audit Trail': trailName .*Set `trailName`/),
      );
    });
    it("a key that is not a key ARN", async () => {
      await setUp();
      assert.throws(
        () => new EncryptedTrail("audit", { keyArn: "alias/audit" }),
        configError(/EncryptedTrail 'audit': keyArn "alias\/audit" is not a KMS key ARN/),
      );
    });
    it("an organization id without an organization trail", async () => {
      await setUp();
      assert.throws(
        () => new EncryptedTrail("audit", { organizationId: "o-abcdefghij" }),
        configError(/only used by an organization trail: set isOrganizationTrail: true/),
      );
    });
    it("the key of an event data store (its policy cannot carry the trail's aws:SourceArn)", async () => {
      await setUp();
      const lake = new EncryptedEventDataStore("lake");
      assert.ok(lake.key !== undefined);
      const key = lake.key;
      assert.throws(
        () => new EncryptedTrail("audit", { keyArn: key.arn }),
        configError(/cannot serve both CloudTrail trails/),
      );
    });
    it("a key whose policy was rendered without the trail: the key ARN fails, naming what to list", async () => {
      await setUp();
      const key = new AuditKey("early");
      await nextTurn();
      const trail = new EncryptedTrail("late", { keyArn: key.arn });
      assert.equal(trail.key, key);
      const error = await failureOf(trail.keyArn);
      assert.ok(pulumi.ResourceError.isInstance(error), String(error));
      assert.match(
        error.message,
        /EncryptedTrail 'late': the policy of the AuditKey .* list it in the AuditKey's arguments .*cloudtrail-trail/s,
      );
    });
  });

  it("preview: the key policy and the trail's name are known, with nothing created yet", async () => {
    const { registrations } = await setUp({}, true);
    const trail = new EncryptedTrail("audit", { logReaders: [READER] });
    const key = trail.key;
    assert.ok(key !== undefined);
    const policy = await known(key.policy);
    assert.ok(policy.includes(TRAIL_ARN));
    assertPolicyHolds(policy, await known(key.plans));
    assert.equal(await known(trail.trailArn), TRAIL_ARN);
    const [keyReg, trailReg] = await registrationsOf(registrations, key.key, trail.trail);
    assert.equal(keyReg.inputs.policy, policy);
    assert.equal(trailReg.inputs.name, "audit");
    assert.equal((await testing.readOutput(trail.trail.arn, 200)).known, false);
  });
});
