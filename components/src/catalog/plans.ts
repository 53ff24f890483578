/**
 * Contract for the catalog builders (one module per integration implements each). Parameters are
 * plain strings: components call them inside `pulumi.all(...).apply(...)`, the pack calls them
 * with values read from resource properties.
 */
import type { ControlTowerPart } from "./control-tower";
import type { KeyLocation } from "./types";

export interface AccountRootParams {
  readonly key: KeyLocation;
}

export interface PrincipalsParams {
  readonly key: KeyLocation;
  /** IAM principal ARNs (users, roles) or account ids. */
  readonly principals: readonly string[];
}

export interface TrailParams {
  readonly key: KeyLocation;
  /** ARNs of the trails that encrypt with the key; several accounts and Regions allowed. */
  readonly trailArns: readonly string[];
  /** Accounts whose trails may encrypt (the encryption-context pattern). Default: the trails' accounts. */
  readonly encryptionContextAccounts?: readonly string[];
  /** IAM principals that read logs: `kms:Decrypt` guarded by `Null` on the CloudTrail context. */
  readonly logReaders?: readonly string[];
  /** Accounts whose roots may decrypt logs (log bucket in that account). */
  readonly crossAccountReaderAccounts?: readonly string[];
  /**
   * Roles (in the key's account) that other accounts assume to read logs from your bucket (seed 003
   * "Allow users in a different account to decrypt trail logs from your bucket"); rendered with the
   * cross-account roots under "Enable encrypted CloudTrail log read access".
   */
  readonly crossAccountReadRoles?: readonly string[];
  /** Let `cloudtrail.amazonaws.com` decrypt (needed with an S3 Bucket Key). Default true. */
  readonly serviceDecrypt?: boolean;
}

export interface EventDataStoreParams {
  readonly key: KeyLocation;
  /** Users and roles that create, update and query the store: `kms:Decrypt` + `kms:GenerateDataKey`. */
  readonly queryPrincipals?: readonly string[];
}

export interface ConfigIamRoleParams {
  readonly key: KeyLocation;
  /** Accounts whose Config IAM roles deliver with the key. Default: the key's account. */
  readonly accounts?: readonly string[];
}

export interface ConfigServiceLinkedRoleParams {
  readonly key: KeyLocation;
  /** Accounts Config delivers for (`AWS:SourceAccount`). Default: the key's account. */
  readonly sourceAccounts?: readonly string[];
  /** Regions of the delivery channels; when given, `AWS:SourceArn` is pinned to `arn:aws:config:REGION:ACCOUNT:*` too. */
  readonly sourceRegions?: readonly string[];
}

export interface ControlTowerParams {
  /** The management account and home Region. */
  readonly key: KeyLocation;
  /**
   * Accounts Config delivers for. The Control Tower guide's Config statement has no source
   * condition; seed 001 strongly recommends one. When omitted the statement is the guide's own.
   */
  readonly configSourceAccounts?: readonly string[];
  /**
   * The statements the key carries: both (default; landing zone 3.x, or one key shared by the 4.0
   * integrations), or one integration's when a 4.0 manifest gives it its own key.
   */
  readonly parts?: readonly ControlTowerPart[];
}

export interface ServiceGrantParams {
  readonly key: KeyLocation;
  readonly sid?: string;
  /** The IAM principal that uses the key through the service. */
  readonly principal: string;
  readonly actions: readonly string[];
  /** e.g. `geo.us-west-2.amazonaws.com`. */
  readonly viaService: string;
  /** Default: the principal's account. */
  readonly callerAccount?: string;
  readonly encryptionContext?: Readonly<Record<string, string>>;
}

/** What the Control Tower pre-check reads off a key (seed 002). */
export interface LandingZoneKeyProperties {
  readonly enabled?: boolean;
  /** `SYMMETRIC_DEFAULT` passes. */
  readonly keySpec?: string;
  /** `ENCRYPT_DECRYPT` passes. */
  readonly keyUsage?: string;
  readonly multiRegion?: boolean;
  readonly account?: string;
  /** The key's Region; checked against `homeRegion` when both are given. */
  readonly region?: string;
}
