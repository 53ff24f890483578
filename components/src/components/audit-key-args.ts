/**
 * The arguments of `AuditKey` and of the keys other components create. Every property is a type the
 * Pulumi schema can express (named interfaces, string enums, lists, maps), so Python, Go, .NET and
 * YAML programs get the same arguments as TypeScript ones; only extra statements are free-form JSON.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * A statement written into a key policy as given. Deliberately free-form: any policy statement JSON.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PolicyStatementJson = { [element: string]: any };

/** Settings of a key: who manages and uses it, its own statements, deletion and rotation, tags. */
export interface KeySettings {
  /** Default: `Audit log key <name> (pulumi-kms-guardrails)`. */
  readonly description?: pulumi.Input<string>;
  /** An alias, `NAME` or `alias/NAME`. Default: none (aliases are unique per account and Region). */
  readonly alias?: pulumi.Input<string>;
  /** IAM roles or users that manage the key (not use it). */
  readonly administrators?: pulumi.Input<pulumi.Input<string>[]>;
  /** IAM roles or users that use the key directly for cryptographic operations. */
  readonly users?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Statements written into the policy first, exactly as given: never altered or reordered (AWS
   * CloudTrail User Guide, "Configure AWS KMS key policies for CloudTrail": when you add the new
   * sections to your KMS key policy, do not change any existing sections).
   */
  readonly extraStatements?: pulumi.Input<pulumi.Input<PolicyStatementJson>[]>;
  /** Days before a deleted key is destroyed, 7 to 30. Default 30. */
  readonly deletionWindowInDays?: pulumi.Input<number>;
  /** Rotation period in days, 90 to 2560. Rotation is always on; default period 365. */
  readonly rotationPeriodInDays?: pulumi.Input<number>;
  /** Tags of the key. */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** CloudTrail trails that encrypt log files with the key, and who reads the logs. */
export interface KeyTrailGrants {
  /** Trail ARNs (any account or Region), or names of trails in the key's own account and Region. */
  readonly trails: pulumi.Input<pulumi.Input<string>[]>;
  /** Accounts whose trails may encrypt (the encryption-context pattern). Default: the trails' accounts. */
  readonly encryptionContextAccounts?: pulumi.Input<pulumi.Input<string>[]>;
  /** IAM principals that read the logs: `kms:Decrypt` guarded by the CloudTrail encryption context. */
  readonly logReaders?: pulumi.Input<pulumi.Input<string>[]>;
  /** Accounts whose roots may decrypt logs kept in their own bucket. */
  readonly crossAccountReaderAccounts?: pulumi.Input<pulumi.Input<string>[]>;
  /** Roles in the key's account that other accounts assume to read logs from your bucket. */
  readonly crossAccountReadRoles?: pulumi.Input<pulumi.Input<string>[]>;
  /** Let `cloudtrail.amazonaws.com` decrypt; needed with an S3 Bucket Key. Default true. */
  readonly serviceDecrypt?: pulumi.Input<boolean>;
}

/** A CloudTrail Lake event data store encrypted with the key. */
export interface KeyEventDataStoreGrants {
  /** Users and roles that create, update and query the store. */
  readonly queryPrincipals?: pulumi.Input<pulumi.Input<string>[]>;
}

/** The role an AWS Config recorder delivers with. */
export const ConfigRoleMode = {
  /** The service-linked role `AWSServiceRoleForConfig`: the key grants `config.amazonaws.com`. */
  ServiceLinkedRole: "service-linked-role",
  /** An IAM role: the key grants the role's account principal, the role's policy allows the key. */
  IamRole: "iam-role",
} as const;

/** The role an AWS Config recorder delivers with: `service-linked-role` or `iam-role`. */
export type ConfigRoleMode = (typeof ConfigRoleMode)[keyof typeof ConfigRoleMode];

/** AWS Config delivering with the key. */
export interface KeyConfigGrants {
  /** How Config delivers: `service-linked-role` or `iam-role`. */
  readonly mode: ConfigRoleMode;
  /**
   * Accounts Config delivers for: the account principals granted (`iam-role`), or the
   * `AWS:SourceAccount` values (`service-linked-role`). Default: the key's account.
   */
  readonly accounts?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * `service-linked-role` only: Regions of the delivery channels; pins `AWS:SourceArn` to
   * `arn:PARTITION:config:REGION:ACCOUNT:*`. Default: not pinned.
   */
  readonly sourceRegions?: pulumi.Input<pulumi.Input<string>[]>;
}

/** A landing zone integration whose key the manifest names, by its manifest section. */
export const LandingZoneKeyIntegration = {
  /** AWS CloudTrail: the key of `centralizedLogging.configurations.kmsKeyArn`. */
  CentralizedLogging: "centralizedLogging",
  /** AWS Config: the key of `config.configurations.kmsKeyArn` (landing zone 4.0). */
  Config: "config",
} as const;

/** A landing zone integration whose key the manifest names: `centralizedLogging` or `config`. */
export type LandingZoneKeyIntegration = (typeof LandingZoneKeyIntegration)[keyof typeof LandingZoneKeyIntegration];

/** The statements of an AWS Control Tower landing zone. */
export interface KeyControlTowerGrants {
  /** Accounts Config delivers for; without it the Config statement is Control Tower's own (no source condition). */
  readonly configSourceAccounts?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The integrations the key serves. Default: both, the Config and CloudTrail statements (landing
   * zone 3.x, whose one key is `centralizedLogging.configurations.kmsKeyArn`, or one key named in
   * both 4.0 fields). Landing zone 4.0 names a key per integration: `["centralizedLogging"]` gives
   * the CloudTrail statement only, `["config"]` the Config statement only.
   */
  readonly integrations?: LandingZoneKeyIntegration[];
}

/** A principal using the key through one AWS service (`kms:ViaService`). */
export interface KeyServiceGrant {
  /** The statement's Sid. Default: derived from the service. */
  readonly sid?: string;
  /** The IAM principal that uses the key through the service. */
  readonly principal: pulumi.Input<string>;
  /** KMS actions, e.g. `kms:Decrypt`. */
  readonly actions: pulumi.Input<pulumi.Input<string>[]>;
  /** e.g. `geo.us-west-2.amazonaws.com`. */
  readonly viaService: pulumi.Input<string>;
  /** Default: the principal's account. */
  readonly callerAccount?: pulumi.Input<string>;
  /** `kms:EncryptionContext:` conditions the requests must carry. */
  readonly encryptionContext?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Arguments of `AuditKey`. Everything is optional: the bare key enables IAM policies and nothing else. */
export interface AuditKeyArgs extends KeySettings {
  /** CloudTrail trails (by name or ARN, several accounts allowed), log readers, cross-account readers. */
  readonly cloudTrail?: KeyTrailGrants;
  /** A CloudTrail Lake event data store; cannot share a key with trails. */
  readonly eventDataStore?: KeyEventDataStoreGrants;
  /** AWS Config delivery through an IAM role or the service-linked role. */
  readonly config?: KeyConfigGrants;
  /** The Control Tower landing zone statements; prefer `LandingZoneKey`. */
  readonly controlTower?: KeyControlTowerGrants;
  /** Principals that use the key through one service (`kms:ViaService`). */
  readonly serviceGrants?: KeyServiceGrant[];
  /** A multi-Region primary key. Default false: single-Region. */
  readonly multiRegion?: boolean;
}
