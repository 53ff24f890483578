/** Helpers shared by the provider adapters. */
import type { BucketEncryption, KeyReference, PolicyDocument } from "../model/types";
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
  type Value,
} from "../model/values";
import { secretStrings } from "../model/secrets";
import type { RawResource } from "./types";

export function dependencies(resource: RawResource, field: string): readonly string[] {
  return resource.propertyDependencies[field] ?? [];
}

export function keyReference(resource: RawResource, field: string, path: readonly string[] = [field]): KeyReference {
  return { field, value: readString(resource.props, path), dependencies: dependencies(resource, path[0]) };
}

/** v7 resources carry their own `region` input; otherwise the provider's. */
export function regionOf(resource: RawResource): Value<string> {
  return firstOf(readString(resource.props, "region"), resource.providerRegion);
}

/**
 * A key policy property: a JSON string (AWS Classic) or an object (AWS Native). Anything else that
 * is present is kept as is, so `kms-key-policy-valid` can name the field and the wrong type.
 */
export function policyDocument(props: RawProps, field: string): PolicyDocument {
  const value = props[field];
  if (value === undefined || value === null || value === "") return { kind: "absent" };
  if (isSentinel(value)) return { kind: "unknown", field };
  // Finding a secret converts the property's wire value again: most keys never print a message.
  let secrets: readonly string[] | undefined | null = null;
  return {
    kind: "present",
    field,
    value,
    secrets: () => (secrets === null ? (secrets = secretStrings(props, field)) : secrets),
  };
}

/**
 * One S3 default-encryption rule, in either spelling: AWS Classic `applyServerSideEncryptionByDefault`
 * + `kmsMasterKeyId`, AWS Native `serverSideEncryptionByDefault` + `kmsMasterKeyId`.
 */
export function encryptionRule(
  resource: RawResource,
  rule: unknown,
  field: string,
  dependencyField: string,
): BucketEncryption | UnknownValue | undefined {
  if (isSentinel(rule)) return unknownValue(field);
  if (typeof rule !== "object" || rule === null) return undefined;
  const r = rule as RawProps;
  const byDefault = firstOf(
    readPath(r, ["applyServerSideEncryptionByDefault"], field),
    readPath(r, ["serverSideEncryptionByDefault"], field),
  );
  if (isUnknown(byDefault)) return byDefault;
  if (typeof byDefault !== "object" || byDefault === null) return undefined;
  const d = byDefault as RawProps;
  return {
    algorithm: readString(d, "sseAlgorithm"),
    key: {
      field: `${field}.kmsMasterKeyId`,
      value: readString(d, "kmsMasterKeyId"),
      dependencies: dependencies(resource, dependencyField),
    },
    bucketKeyEnabled: readBoolean(r, "bucketKeyEnabled"),
  };
}

/** The first rule of a list of rules (S3 allows exactly one default-encryption rule). */
export function firstRule(list: unknown): unknown {
  if (Array.isArray(list)) return list.length > 0 ? list[0] : undefined;
  return list;
}

/**
 * A log group's ARN as CloudWatch Logs puts it in the encryption context: CloudFormation (AWS
 * Native) returns it with a `:*` suffix, AWS Classic without.
 */
export function logGroupArnOf(resource: RawResource): Value<string> {
  const arn = readString(resource.props, "arn");
  return typeof arn === "string" && arn.endsWith(":*") ? arn.slice(0, -2) : arn;
}
