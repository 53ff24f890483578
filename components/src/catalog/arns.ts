/**
 * Every ARN and ARN pattern the catalog writes, computed from the key's partition, account and
 * Region (KeyLocation). Values Pulumi does not know yet are passed through as they are, so the
 * evaluator sees the unknown sentinel and answers `undecidable` instead of a wrong verdict.
 */
import { isAccountId, parseArn } from "../engine/arn";
import { PULUMI_UNKNOWN_SENTINEL } from "../engine/types";
import { DEFAULT_PARTITION, OTHER_ACCOUNT_CANDIDATES } from "./constants";
import { isUnknownValue } from "./inputs";
import type { KeyLocation } from "./types";

export function partitionOf(key: KeyLocation): string {
  return key.partition ?? DEFAULT_PARTITION;
}

/** Maps a value through `build` unless it is unknown; an unknown value becomes the bare sentinel. */
function ifKnown(values: readonly string[], build: () => string): string {
  return values.some(isUnknownValue) ? PULUMI_UNKNOWN_SENTINEL : build();
}

export function trailArn(p: { partition?: string; region: string; account: string; name: string }): string {
  return `arn:${p.partition ?? DEFAULT_PARTITION}:cloudtrail:${p.region}:${p.account}:trail/${p.name}`;
}

/** `arn:PARTITION:iam::ACCOUNT:root`: the account as a principal. */
export function accountRootArn(partition: string, account: string): string {
  return ifKnown([account], () => `arn:${partition}:iam::${account}:root`);
}

/**
 * A principal as written into a statement. Account ids become root ARNs: AWS stores them that way
 * (seed 000's `"account-id1"` is shorthand for it), so the rendered policy does not drift.
 */
export function principalArn(partition: string, principal: string): string {
  return isAccountId(principal) ? accountRootArn(partition, principal) : principal;
}

/** The account of an account id or IAM ARN; `undefined` when unknown or not an ARN. */
export function accountOf(principalOrArn: string): string | undefined {
  if (isUnknownValue(principalOrArn)) return undefined;
  if (isAccountId(principalOrArn)) return principalOrArn;
  return parseArn(principalOrArn)?.account;
}

export function isAccountRoot(arn: string): boolean {
  return parseArn(arn)?.resource === "root";
}

/** The key's full ARN when KeyLocation gives its ARN or id; `undefined` otherwise or when unknown. */
export function keyArnOf(key: KeyLocation): string | undefined {
  const given = key.keyArn;
  if (given === undefined || isUnknownValue(given)) return undefined;
  if (given.startsWith("arn:")) return given;
  return `arn:${partitionOf(key)}:kms:${key.region}:${key.account}:key/${given}`;
}

/**
 * `Resource` of a generated statement. In a key policy `"*"` means "this key"; the documents write
 * the key ARN where they know it (seed 002, seed 003), so the catalog does too when it is known.
 */
export function keyResource(key: KeyLocation): string {
  // keyArnOf is undefined for an unknown key ARN too.
  return keyArnOf(key) ?? "*";
}

/** Seed 003: `arn:PARTITION:cloudtrail:*:ACCOUNT:trail/*`, the encryption-context pattern per account. */
export function cloudTrailContextPattern(partition: string, account: string): string {
  return ifKnown([account], () => `arn:${partition}:cloudtrail:*:${account}:trail/*`);
}

/** Seed 000: the `AWS:SourceArn` Config sends, `arn:PARTITION:config:REGION:ACCOUNT:*`. */
export function configSourceArn(partition: string, region: string, account: string): string {
  return ifKnown([region, account], () => `arn:${partition}:config:${region}:${account}:*`);
}

/** The S3 object ARN a CloudTrail log file gets, for the `aws:s3:arn` encryption context. */
export function logObjectArn(partition: string, bucket: string, account: string, region: string): string {
  return `arn:${partition}:s3:::${bucket}/AWSLogs/${account}/CloudTrail/${region}/`;
}

/** The Amazon S3 endpoint a request comes through (`kms:ViaService`). */
export function s3ViaService(region: string): string {
  return `s3.${region}.amazonaws.com`;
}

/** An identity in `account` for probes; `name` like `role/CloudTrailLogReader`. */
export function identityArn(partition: string, account: string, name: string): string {
  return `arn:${partition}:iam::${account}:${name}`;
}

/** The first candidate account that the plan does not configure: the confused deputy's account. */
export function otherAccount(configured: readonly (string | undefined)[]): string {
  const taken = new Set(configured);
  const found = OTHER_ACCOUNT_CANDIDATES.find((a) => !taken.has(a));
  // Four candidates and a plan that configures all of them is not a real configuration.
  return found ?? OTHER_ACCOUNT_CANDIDATES[0];
}

/** A trail name beside `taken` in the same account and Region: the confused deputy's trail. */
export function otherTrailName(base: string, taken: readonly string[]): string {
  let name = base;
  for (let n = 2; taken.includes(name); n++) name = `${base}-${n}`;
  return name;
}

/** Partition, Region, account and name of a trail ARN; falls back to the key's when unknown. */
export interface TrailParts {
  readonly arn: string;
  readonly known: boolean;
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

export function trailParts(arn: string, key: KeyLocation): TrailParts {
  const parsed = isUnknownValue(arn) ? undefined : parseArn(arn);
  if (parsed === undefined) {
    // An unknown trail is most likely created beside the key (components create both together).
    return { arn, known: false, partition: partitionOf(key), region: key.region, account: key.account, name: "trail" };
  }
  return {
    arn,
    known: true,
    partition: parsed.partition,
    region: parsed.region,
    account: parsed.account,
    name: parsed.resource.slice("trail/".length),
  };
}

/**
 * The identity a probe acts as for a configured principal: the ARN itself, or, for an account id
 * or root, an ordinary identity in that account (the root delegates to its IAM policies).
 */
export function probeIdentity(partition: string, principal: string, name: string): string {
  if (isAccountId(principal)) return identityArn(partition, principal, name);
  const arn = parseArn(principal);
  return arn !== undefined && arn.resource === "root" ? identityArn(arn.partition, arn.account, name) : principal;
}

/**
 * True when the key policy alone decides the principal's requests: it is in another account.
 * Inside the key's account the account-root statement delegates to IAM (seed 004).
 */
export function outsideKeyAccount(principal: string, key: KeyLocation): boolean {
  const account = accountOf(principal);
  return account !== undefined && account !== key.account;
}
