/**
 * AWS Classic (`@pulumi/aws` v6 and v7) type tokens -> normalized model. Property names are the
 * SDK's camelCase inputs and outputs; v7 adds a per-resource `region` input.
 */
import type { BucketEncryption, BucketEncryptionModel, BucketModel, KeyModel } from "../model/types";
import {
  firstOf,
  isSentinel,
  isUnknown,
  readBoolean,
  readPath,
  readString,
  unknownValue,
  type RawProps,
  type UnknownValue,
} from "../model/values";
import {
  dependencies,
  encryptionRule,
  firstRule,
  keyReference,
  logGroupArnOf,
  policyDocument,
  regionOf,
} from "./common";
import { landingZoneModel } from "./landing-zone";
import type { Adapter, KeyPolicyFields, RawResource } from "./types";

const KEY_FIELDS: KeyPolicyFields = { policy: "policy", keyArn: "arn", keyArnMayBeId: false };
const KEY_POLICY_FIELDS: KeyPolicyFields = { policy: "policy", keyArn: "keyId", keyArnMayBeId: true };

export const AWS_CLASSIC_KEY_POLICY_FIELDS: ReadonlyMap<string, KeyPolicyFields> = new Map([
  ["aws:kms/key:Key", KEY_FIELDS],
  ["aws:kms/replicaKey:ReplicaKey", KEY_FIELDS],
  ["aws:kms/keyPolicy:KeyPolicy", KEY_POLICY_FIELDS],
]);

function key(resource: RawResource, replica: boolean): KeyModel {
  const p = resource.props;
  return {
    ref: resource.ref,
    family: "aws",
    replica,
    arn: readString(p, KEY_FIELDS.keyArn),
    keyId: readString(p, "keyId"),
    region: regionOf(resource),
    enabled: firstOf(readBoolean(p, "isEnabled"), readBoolean(p, "enabled")),
    keyUsage: readString(p, "keyUsage"),
    keySpec: firstOf(readString(p, "keySpec"), readString(p, "customerMasterKeySpec")),
    // A replica key is a multi-Region key by definition.
    multiRegion: replica ? true : readBoolean(p, "multiRegion"),
    document: policyDocument(p, KEY_FIELDS.policy),
  };
}

/**
 * Default encryption declared inline on a bucket. v6 `Bucket`: `serverSideEncryptionConfiguration.rule`;
 * v6 `BucketV2` and v7 `Bucket`: `serverSideEncryptionConfigurations[0].rules[0]`.
 */
function inlineBucketEncryption(resource: RawResource): BucketEncryption | UnknownValue | undefined {
  const p: RawProps = resource.props;
  const single = readPath(p, ["serverSideEncryptionConfiguration", "rule"], "serverSideEncryptionConfiguration");
  if (single !== undefined) {
    return encryptionRule(resource, single, "serverSideEncryptionConfiguration", "serverSideEncryptionConfiguration");
  }
  const list = p.serverSideEncryptionConfigurations;
  if (isSentinel(list)) return unknownValue("serverSideEncryptionConfigurations");
  const configuration = firstRule(list);
  if (configuration === undefined || isSentinel(configuration)) {
    return configuration === undefined ? undefined : unknownValue("serverSideEncryptionConfigurations");
  }
  const rules = readPath(configuration as RawProps, ["rules"], "serverSideEncryptionConfigurations");
  if (isUnknown(rules)) return rules;
  return encryptionRule(
    resource,
    firstRule(rules),
    "serverSideEncryptionConfigurations",
    "serverSideEncryptionConfigurations",
  );
}

export const AWS_CLASSIC_ADAPTERS: ReadonlyMap<string, Adapter> = new Map<string, Adapter>([
  ["aws:kms/key:Key", (r) => ({ kind: "key", value: key(r, false) })],
  ["aws:kms/replicaKey:ReplicaKey", (r) => ({ kind: "key", value: key(r, true) })],
  [
    "aws:kms/keyPolicy:KeyPolicy",
    (r) => ({
      kind: "key-policy",
      value: {
        ref: r.ref,
        keyReference: readString(r.props, KEY_POLICY_FIELDS.keyArn),
        keyDependencies: dependencies(r, KEY_POLICY_FIELDS.keyArn),
        document: policyDocument(r.props, KEY_POLICY_FIELDS.policy),
      },
    }),
  ],
  [
    "aws:kms/alias:Alias",
    (r) => ({
      kind: "alias",
      value: {
        ref: r.ref,
        name: readString(r.props, "name"),
        arn: readString(r.props, "arn"),
        targetKeyReference: firstOf(readString(r.props, "targetKeyArn"), readString(r.props, "targetKeyId")),
        targetDependencies: dependencies(r, "targetKeyId"),
      },
    }),
  ],
  [
    "aws:cloudtrail/trail:Trail",
    (r) => ({
      kind: "trail",
      value: {
        ref: r.ref,
        family: "aws",
        name: readString(r.props, "name"),
        arn: readString(r.props, "arn"),
        region: firstOf(readString(r.props, "homeRegion"), regionOf(r)),
        key: keyReference(r, "kmsKeyId"),
        bucketName: readString(r.props, "s3BucketName"),
        bucketDependencies: dependencies(r, "s3BucketName"),
        organizationTrail: readBoolean(r.props, "isOrganizationTrail"),
      },
    }),
  ],
  [
    "aws:cloudtrail/eventDataStore:EventDataStore",
    (r) => ({
      kind: "event-data-store",
      value: {
        ref: r.ref,
        family: "aws",
        name: readString(r.props, "name"),
        arn: readString(r.props, "arn"),
        region: regionOf(r),
        key: keyReference(r, "kmsKeyId"),
      },
    }),
  ],
  [
    "aws:cfg/deliveryChannel:DeliveryChannel",
    (r) => ({
      kind: "delivery-channel",
      value: {
        ref: r.ref,
        family: "aws",
        name: readString(r.props, "name"),
        region: regionOf(r),
        key: keyReference(r, "s3KmsKeyArn"),
        bucketName: readString(r.props, "s3BucketName"),
      },
    }),
  ],
  [
    "aws:cloudwatch/logGroup:LogGroup",
    (r) => ({
      kind: "log-group",
      value: {
        ref: r.ref,
        family: "aws",
        name: readString(r.props, "name"),
        arn: logGroupArnOf(r),
        region: regionOf(r),
        key: keyReference(r, "kmsKeyId"),
      },
    }),
  ],
  [
    "aws:cfg/recorder:Recorder",
    (r) => ({
      kind: "recorder",
      value: { ref: r.ref, roleArn: readString(r.props, "roleArn"), roleDependencies: dependencies(r, "roleArn") },
    }),
  ],
  [
    "aws:iam/serviceLinkedRole:ServiceLinkedRole",
    (r) => ({
      kind: "service-linked-role",
      value: { ref: r.ref, serviceName: readString(r.props, "awsServiceName"), arn: readString(r.props, "arn") },
    }),
  ],
  [
    "aws:controltower/landingZone:LandingZone",
    (r) => ({ kind: "landing-zone", value: landingZoneModel(r, "aws", "manifestJson", r.props.manifestJson) }),
  ],
  ["aws:s3/bucket:Bucket", (r) => ({ kind: "bucket", value: bucket(r) })],
  ["aws:s3/bucketV2:BucketV2", (r) => ({ kind: "bucket", value: bucket(r) })],
  [
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    (r) => ({ kind: "bucket-encryption", value: bucketEncryption(r) }),
  ],
  [
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    (r) => ({ kind: "bucket-encryption", value: bucketEncryption(r) }),
  ],
]);

function bucket(r: RawResource): BucketModel {
  return { ref: r.ref, name: readString(r.props, "bucket"), encryption: inlineBucketEncryption(r) };
}

function bucketEncryption(r: RawResource): BucketEncryptionModel {
  const rules = r.props.rules;
  return {
    ref: r.ref,
    bucketName: readString(r.props, "bucket"),
    bucketDependencies: dependencies(r, "bucket"),
    encryption: isSentinel(rules) ? unknownValue("rules") : encryptionRule(r, firstRule(rules), "rules", "rules"),
  };
}
