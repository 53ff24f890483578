import { strict as assert } from "node:assert";
import { AuditKey, ConfigDelivery, EncryptedTrail, testing, type ConfigRoleMode } from "pulumi-kms-guardrails";
import {
  ACCOUNT,
  ADMIN,
  REGION,
  assertDependsOn,
  assertParent,
  assertPolicyHolds,
  collectWarnings,
  known,
  nextTurn,
  probeIds,
  registrationsOf,
  setUp,
  statementsOf,
  configError,
} from "./helpers";

/** The statement granting `config.amazonaws.com`, parsed. */
function configServiceStatement(policy: string): Record<string, unknown> | undefined {
  return statementsOf(policy).find((s) => JSON.stringify(s.Principal).includes("config.amazonaws.com"));
}

describe("ConfigDelivery", () => {
  it("service-linked role: recorder, channel with the key, bucket, recorder on; parented and ordered", async () => {
    const { registrations } = await setUp();
    const config = new ConfigDelivery("config", {
      keyArgs: { administrators: [ADMIN] },
      createServiceLinkedRole: true,
    });
    const key = config.key;
    const role = config.serviceLinkedRole;
    assert.ok(key !== undefined && role !== undefined);
    const b = config.bucket;
    await assertParent(
      registrations,
      config,
      key,
      role,
      config.recorder,
      config.deliveryChannel,
      config.recorderStatus,
      b.bucket,
      b.policy,
    );
    const keyArn = await known(key.arn);
    const [roleReg, recorderReg, channelReg, statusReg, encryptionReg] = await registrationsOf(
      registrations,
      role,
      config.recorder,
      config.deliveryChannel,
      config.recorderStatus,
      b.encryption,
    );
    assert.equal(roleReg.inputs.awsServiceName, "config.amazonaws.com");
    assert.equal(
      recorderReg.inputs.roleArn,
      `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
    );
    assert.deepEqual(recorderReg.inputs.recordingGroup, { allSupported: true, includeGlobalResourceTypes: true });
    assert.equal(channelReg.inputs.s3KmsKeyArn, keyArn);
    assert.equal(channelReg.inputs.s3BucketName, await known(config.bucketName));
    assert.equal(statusReg.inputs.isEnabled, true);
    assert.equal(statusReg.inputs.name, "config");
    assert.deepEqual(encryptionReg.inputs.rules, [
      {
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn },
        bucketKeyEnabled: true,
      },
    ]);
    await assertDependsOn(registrations, config.recorder, role);
    await assertDependsOn(registrations, config.deliveryChannel, config.recorder);
    await assertDependsOn(registrations, config.deliveryChannel, b.policy);
    await assertDependsOn(registrations, config.recorderStatus, config.deliveryChannel);
  });

  it("writes the documented Config bucket policy, limited to this account", async () => {
    await setUp();
    const config = new ConfigDelivery("config", { s3KeyPrefix: "config" });
    const bucketArn = await known(config.bucket.bucket.arn);
    const statements = statementsOf(await known(config.bucket.policy.policy.apply((p) => String(p))));
    const bySid = new Map(statements.map((s) => [s.Sid, s]));
    const source = { StringEquals: { "AWS:SourceAccount": ACCOUNT } };
    assert.deepEqual(bySid.get("AWSConfigBucketPermissionsCheck")?.Action, "s3:GetBucketAcl");
    assert.deepEqual(bySid.get("AWSConfigBucketPermissionsCheck")?.Condition, source);
    assert.deepEqual(bySid.get("AWSConfigBucketExistenceCheck")?.Action, "s3:ListBucket");
    assert.deepEqual(bySid.get("AWSConfigBucketExistenceCheck")?.Condition, source);
    assert.deepEqual(bySid.get("AWSConfigBucketDelivery"), {
      Sid: "AWSConfigBucketDelivery",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${bucketArn}/config/AWSLogs/${ACCOUNT}/Config/*`,
      Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "AWS:SourceAccount": ACCOUNT } },
    });
    assert.ok(bySid.has("AllowSSLRequestsOnly"));
  });

  it("service-linked role key policy: config.amazonaws.com for this account and Region's channels only", async () => {
    await setUp();
    const config = new ConfigDelivery("config");
    assert.ok(config.key !== undefined);
    const [policy, plans] = await Promise.all([known(config.key.policy), known(config.key.plans)]);
    assert.deepEqual(configServiceStatement(policy)?.Condition, {
      StringEquals: { "AWS:SourceAccount": ACCOUNT },
      ArnLike: { "AWS:SourceArn": `arn:aws:config:${REGION}:${ACCOUNT}:*` },
    });
    assert.ok(probeIds(plans, "deny").includes("config-service-linked-role.generate-data-key.other-account"));
    assertPolicyHolds(policy, plans);
  });

  it("service-linked role without pinning; by default the role already in the account is used", async () => {
    const { registrations } = await setUp();
    const config = new ConfigDelivery("config", { pinSourceArn: false });
    assert.equal(config.serviceLinkedRole, undefined);
    assert.ok(config.key !== undefined);
    const policy = await known(config.key.policy);
    assert.deepEqual(configServiceStatement(policy)?.Condition, { StringEquals: { "AWS:SourceAccount": ACCOUNT } });
    assertPolicyHolds(policy, await known(config.key.plans));
    const [recorderReg] = await registrationsOf(registrations, config.recorder);
    assert.match(
      String(recorderReg.inputs.roleArn),
      /:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/,
    );
    assert.equal(registrations.filter((r) => r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole").length, 0);
  });

  it("IAM role: AWS_ConfigRole plus delivery permissions; the key grants the account principal (any partition)", async () => {
    const { registrations } = await setUp({ partition: "aws-us-gov", region: "us-gov-west-1" });
    const config = new ConfigDelivery("config", { mode: "iam-role" });
    const role = config.role;
    const key = config.key;
    assert.ok(role !== undefined && key !== undefined);
    await assertParent(registrations, config, role);
    // The channel waits for the role's policies: once it is registered, they are.
    await registrationsOf(registrations, config.deliveryChannel);
    const attachment = registrations.find((r) => r.type === "aws:iam/rolePolicyAttachment:RolePolicyAttachment");
    assert.equal(attachment?.inputs.policyArn, "arn:aws-us-gov:iam::aws:policy/service-role/AWS_ConfigRole");
    const [roleReg, recorderReg] = await registrationsOf(registrations, role, config.recorder);
    assert.match(String(roleReg.inputs.assumeRolePolicy), new RegExp(`"AWS:SourceAccount":"${ACCOUNT}"`));
    assert.equal(recorderReg.inputs.roleArn, await known(role.arn));
    const delivery = registrations.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy");
    assert.ok(String(delivery?.inputs.policy).includes(await known(key.arn)), "the role may use the key");
    const [policy, plans] = await Promise.all([known(key.policy), known(key.plans)]);
    assert.equal(configServiceStatement(policy), undefined, "no service principal in IAM role mode");
    assert.ok(plans.some((p) => p.integration === "config-iam-role"));
    assert.ok(policy.includes(`arn:aws-us-gov:iam::${ACCOUNT}:root`));
    assertPolicyHolds(policy, plans);
  });

  it("shares an AuditKey with a trail: one policy, both integrations, all probes hold", async () => {
    await setUp();
    const key = new AuditKey("audit", { administrators: [ADMIN] });
    new EncryptedTrail("trail", { keyArn: key.arn });
    const config = new ConfigDelivery("config", { keyArn: key.arn });
    assert.equal(config.key, key);
    const plans = await known(key.plans);
    assert.deepEqual(
      plans.map((p) => p.integration),
      ["account-root", "key-administrators", "cloudtrail-trail", "config-service-linked-role"],
    );
    assertPolicyHolds(await known(key.policy), plans);
  });

  it("given a key ARN it cannot change, warns and leaves the check to the policy pack", async () => {
    const { registrations } = await setUp();
    const foreign = `arn:aws:kms:${REGION}:999988887777:key/abcd`;
    const warnings = await collectWarnings(async () => {
      const config = new ConfigDelivery("config", { keyArn: foreign });
      const [reg] = await registrationsOf(registrations, config.deliveryChannel);
      assert.equal(reg.inputs.s3KmsKeyArn, foreign);
      await nextTurn();
    });
    assert.ok(
      warnings.some((w) => /ConfigDelivery 'config': .*cannot be changed here.*"AWSConfigKMSPolicy"/s.test(w)),
      warnings.join("\n"),
    );
  });

  describe("misconfigurations fail at construction", () => {
    it("an unknown mode", async () => {
      await setUp();
      assert.throws(
        () => new ConfigDelivery("config", { mode: "role" as ConfigRoleMode }),
        configError(/ConfigDelivery 'config': mode "role": use "service-linked-role" or "iam-role"/),
      );
    });
    it("service-linked-role options with an IAM role", async () => {
      await setUp();
      assert.throws(
        () => new ConfigDelivery("config", { mode: "iam-role", pinSourceArn: true }),
        configError(/apply to the service-linked role only/),
      );
    });
    it("a key that is not a key ARN", async () => {
      await setUp();
      assert.throws(() => new ConfigDelivery("config", { keyArn: "my-key" }), configError(/is not a KMS key ARN/));
    });
  });

  it("preview: the key policy is fully known", async () => {
    const { registrations } = await setUp({}, true);
    const config = new ConfigDelivery("config");
    assert.ok(config.key !== undefined);
    const policy = await known(config.key.policy);
    assertPolicyHolds(policy, await known(config.key.plans));
    const [keyReg] = await registrationsOf(registrations, config.key.key);
    assert.equal(keyReg.inputs.policy, policy);
    assert.equal((await testing.readOutput(config.key.arn, 200)).known, false);
  });
});
