/**
 * AWS Native (`@pulumi/aws-native`, the CloudFormation registry schema) type tokens -> normalized
 * model. Key policies are objects (`keyPolicy`), the landing zone manifest is an object (`manifest`).
 */
import type { BucketEncryption, KeyModel } from "../model/types";
import { isUnknown, readBoolean, readPath, readString, type UnknownValue } from "../model/values";
import { landingZoneModel } from "./landing-zone";
import {
  dependencies,
  encryptionRule,
  firstRule,
  keyReference,
  logGroupArnOf,
  policyDocument,
  regionOf,
} from "./common";
import type { Adapter, KeyPolicyFields, RawResource } from "./types";

const KEY_FIELDS: KeyPolicyFields = { policy: "keyPolicy", keyArn: "arn", keyArnMayBeId: false };

export const AWS_NATIVE_KEY_POLICY_FIELDS: ReadonlyMap<string, KeyPolicyFields> = new Map([
  ["aws-native:kms:Key", KEY_FIELDS],
  ["aws-native:kms:ReplicaKey", KEY_FIELDS],
]);

function key(resource: RawResource, replica: boolean): KeyModel {
  const p = resource.props;
  return {
    ref: resource.ref,
    family: "aws-native",
    replica,
    arn: readString(p, KEY_FIELDS.keyArn),
    keyId: readString(p, "keyId"),
    region: regionOf(resource),
    enabled: readBoolean(p, "enabled"),
    keyUsage: readString(p, "keyUsage"),
    keySpec: readString(p, "keySpec"),
    multiRegion: replica ? true : readBoolean(p, "multiRegion"),
    document: policyDocument(p, KEY_FIELDS.policy),
  };
}

/** `bucketEncryption.serverSideEncryptionConfiguration[0]`. */
function bucketEncryption(resource: RawResource): BucketEncryption | UnknownValue | undefined {
  const field = "bucketEncryption";
  const list = readPath(resource.props, [field, "serverSideEncryptionConfiguration"], field);
  if (isUnknown(list)) return list;
  return encryptionRule(resource, firstRule(list), field, field);
}

export const AWS_NATIVE_ADAPTERS: ReadonlyMap<string, Adapter> = new Map<string, Adapter>([
  ["aws-native:kms:Key", (r) => ({ kind: "key", value: key(r, false) })],
  ["aws-native:kms:ReplicaKey", (r) => ({ kind: "key", value: key(r, true) })],
  [
    "aws-native:kms:Alias",
    (r) => ({
      kind: "alias",
      value: {
        ref: r.ref,
        name: readString(r.props, "aliasName"),
        arn: undefined,
        targetKeyReference: readString(r.props, "targetKeyId"),
        targetDependencies: dependencies(r, "targetKeyId"),
      },
    }),
  ],
  [
    "aws-native:cloudtrail:Trail",
    (r) => ({
      kind: "trail",
      value: {
        ref: r.ref,
        family: "aws-native",
        name: readString(r.props, "trailName"),
        arn: readString(r.props, "arn"),
        region: regionOf(r),
        key: keyReference(r, "kmsKeyId"),
        bucketName: readString(r.props, "s3BucketName"),
        bucketDependencies: dependencies(r, "s3BucketName"),
        organizationTrail: readBoolean(r.props, "isOrganizationTrail"),
      },
    }),
  ],
  [
    "aws-native:cloudtrail:EventDataStore",
    (r) => ({
      kind: "event-data-store",
      value: {
        ref: r.ref,
        family: "aws-native",
        name: readString(r.props, "name"),
        arn: readString(r.props, "eventDataStoreArn"),
        region: regionOf(r),
        key: keyReference(r, "kmsKeyId"),
      },
    }),
  ],
  [
    "aws-native:configuration:DeliveryChannel",
    (r) => ({
      kind: "delivery-channel",
      value: {
        ref: r.ref,
        family: "aws-native",
        name: readString(r.props, "name"),
        region: regionOf(r),
        key: keyReference(r, "s3KmsKeyArn"),
        bucketName: readString(r.props, "s3BucketName"),
      },
    }),
  ],
  [
    "aws-native:logs:LogGroup",
    (r) => ({
      kind: "log-group",
      value: {
        ref: r.ref,
        family: "aws-native",
        name: readString(r.props, "logGroupName"),
        arn: logGroupArnOf(r),
        region: regionOf(r),
        key: keyReference(r, "kmsKeyId"),
      },
    }),
  ],
  [
    "aws-native:configuration:ConfigurationRecorder",
    (r) => ({
      kind: "recorder",
      value: { ref: r.ref, roleArn: readString(r.props, "roleArn"), roleDependencies: dependencies(r, "roleArn") },
    }),
  ],
  [
    "aws-native:controltower:LandingZone",
    (r) => ({ kind: "landing-zone", value: landingZoneModel(r, "aws-native", "manifest", r.props.manifest) }),
  ],
  [
    "aws-native:s3:Bucket",
    (r) => ({
      kind: "bucket",
      value: { ref: r.ref, name: readString(r.props, "bucketName"), encryption: bucketEncryption(r) },
    }),
  ],
]);
