import { strict as assert } from "node:assert";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { testing } from "pulumi-kms-guardrails";

const options = { account: "111122223333", region: "eu-central-1", partition: "aws" };

async function withMocks(mocksOptions: testing.GuardrailsMocksOptions, preview = false) {
  const mocks = new testing.GuardrailsMocks(mocksOptions);
  await pulumi.runtime.setMocks(mocks, "mocks-test", preview ? "preview" : "update", preview);
  return { mocks, registrations: testing.recordRegistrations() };
}

async function value<T>(output: pulumi.Output<T>): Promise<T> {
  const reading = await testing.readOutput(output, 5000);
  assert.ok(reading.known, "unknown");
  return reading.value;
}

describe("GuardrailsMocks", () => {
  it("answers caller identity, Region, partition and organization from its options", async () => {
    const { mocks } = await withMocks({
      ...options,
      partition: "aws-cn",
      region: "cn-north-1",
      organizationId: "o-abcdefghij",
    });
    assert.equal((await value(aws.getCallerIdentityOutput())).accountId, "111122223333");
    assert.equal((await value(aws.getRegionOutput())).region, "cn-north-1");
    assert.equal((await value(aws.getPartitionOutput())).dnsSuffix, "amazonaws.com.cn");
    const org = await value(aws.organizations.getOrganizationOutput());
    assert.equal(org.id, "o-abcdefghij");
    assert.equal(org.masterAccountId, "111122223333");
    assert.deepEqual(mocks.unansweredCalls, []);
  });

  it("records invokes nobody answers, and takes answers for others", async () => {
    const { mocks } = await withMocks({
      ...options,
      calls: { "aws:index/getAvailabilityZones:getAvailabilityZones": () => ({ names: ["eu-central-1a"] }) },
    });
    assert.deepEqual((await value(aws.getAvailabilityZonesOutput())).names, ["eu-central-1a"]);
    await value(aws.ec2.getVpcOutput({ default: true }).apply(() => "done"));
    assert.deepEqual(mocks.unansweredCalls, ["aws:ec2/getVpc:getVpc"]);
  });

  it("computes the ARNs and ids AWS computes, the same on every run", async () => {
    await withMocks(options);
    const key = new aws.kms.Key("k", {});
    const alias = new aws.kms.Alias("a", { name: "alias/audit", targetKeyId: key.keyId });
    const trail = new aws.cloudtrail.Trail("t", { name: "audit", s3BucketName: "b" });
    const store = new aws.cloudtrail.EventDataStore("s", {});
    const bucket = new aws.s3.Bucket("logs", {});
    const role = new aws.iam.Role("r", { name: "reader", assumeRolePolicy: "{}" });
    const linked = new aws.iam.ServiceLinkedRole("slr", { awsServiceName: "config.amazonaws.com" });
    const group = new aws.cloudwatch.LogGroup("g", { name: "trail" });
    const recorder = new aws.cfg.Recorder("rec", { roleArn: "arn" });
    const keyArn = await value(key.arn);
    assert.match(
      keyArn,
      /^arn:aws:kms:eu-central-1:111122223333:key\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.equal(keyArn.split("/")[1], await value(key.keyId));
    assert.equal(await value(alias.arn), "arn:aws:kms:eu-central-1:111122223333:alias/audit");
    assert.equal(await value(alias.targetKeyArn), keyArn);
    assert.equal(await value(trail.arn), "arn:aws:cloudtrail:eu-central-1:111122223333:trail/audit");
    assert.match(
      await value(store.arn),
      /^arn:aws:cloudtrail:eu-central-1:111122223333:eventdatastore\/[0-9a-f-]{36}$/,
    );
    const bucketName = await value(bucket.bucket);
    assert.match(bucketName, /^logs-[0-9a-f]{8}$/);
    assert.equal(await value(bucket.arn), `arn:aws:s3:::${bucketName}`);
    assert.equal(await value(role.arn), "arn:aws:iam::111122223333:role/reader");
    assert.equal(
      await value(linked.arn),
      "arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig",
    );
    assert.equal(await value(group.arn), "arn:aws:logs:eu-central-1:111122223333:log-group:trail");
    assert.equal(await value(recorder.id), "rec");

    await withMocks(options);
    assert.equal(await value(new aws.kms.Key("k", {}).arn), keyArn, "stable ids");
  });

  it("in preview, like the engine, a created resource's computed outputs are unknown; its inputs are not", async () => {
    await withMocks(options, true);
    const trail = new aws.cloudtrail.Trail("t", { name: "audit", s3BucketName: "b" });
    assert.equal((await testing.readOutput(trail.arn, 200)).known, false);
    assert.equal(await value(trail.name), "audit");

    await withMocks({ ...options, knownOutputsInPreview: true }, true);
    const known = new aws.cloudtrail.Trail("t", { name: "audit", s3BucketName: "b" });
    assert.equal(await value(known.arn), "arn:aws:cloudtrail:eu-central-1:111122223333:trail/audit");
  });

  it("records registrations with parent, dependencies and inputs (unknowns as the sentinel)", async () => {
    const { registrations } = await withMocks(options, true);
    const parent = new pulumi.ComponentResource("test:index:Parent", "p");
    const key = new aws.kms.Key("k", {}, { parent });
    const alias = new aws.kms.Alias("a", { name: "alias/x", targetKeyId: key.keyId }, { parent, dependsOn: [key] });
    const [parentUrn, keyUrn] = await Promise.all([value(parent.urn), value(key.urn), value(alias.urn)]);
    const record = registrations.find((r) => r.type === "aws:kms/alias:Alias");
    assert.ok(record !== undefined);
    assert.equal(record.parent, parentUrn);
    assert.ok(record.dependencies.includes(keyUrn));
    assert.deepEqual(record.propertyDependencies.targetKeyId, [keyUrn]);
    assert.equal(record.inputs.targetKeyId, "04da6b54-80e4-46f7-96ec-b56ff0331ba9");
    assert.equal(record.custom, true);
  });
});
