/**
 * What an `AuditKey`'s policy is made of: the integrations declared on it, by its own arguments and
 * by the components that use it. key-policy-render.ts turns them into catalog plans and a policy;
 * key-integration-problems.ts checks their values.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ControlTowerPart, IntegrationPlan, PolicyDocumentJson } from "../catalog";

type Strings = pulumi.Input<pulumi.Input<string>[]>;

/** Principals allowed to manage the key (`keyAdministratorsPlan`). */
export interface KeyAdministratorsIntegration {
  readonly kind: "key-administrators";
  /** IAM role or user ARNs. */
  readonly principals: Strings;
}

/** Principals allowed to use the key directly (`keyUsersPlan`). */
export interface KeyUsersIntegration {
  readonly kind: "key-users";
  /** IAM role or user ARNs. */
  readonly principals: Strings;
}

/** CloudTrail trails that encrypt log files with the key (seed 003, "Granting encrypt permissions"). */
export interface TrailIntegration {
  readonly kind: "cloudtrail-trail";
  /** Trail ARNs (any account or Region), or names of trails in the key's own account and Region. */
  readonly trails: Strings;
  /** Accounts whose trails may encrypt (the encryption-context pattern). Default: the trails' accounts. */
  readonly encryptionContextAccounts?: Strings;
  /** IAM principals that read the logs: `kms:Decrypt` guarded by the CloudTrail encryption context. */
  readonly logReaders?: Strings;
  /** Accounts whose roots may decrypt logs kept in their own bucket (seed 003, other accounts). */
  readonly crossAccountReaderAccounts?: Strings;
  /** Roles in the key's account that other accounts assume to read logs from your bucket (seed 003). */
  readonly crossAccountReadRoles?: Strings;
  /** Let `cloudtrail.amazonaws.com` decrypt; needed with an S3 Bucket Key (seed 003). Default true. */
  readonly serviceDecrypt?: pulumi.Input<boolean>;
}

/** A CloudTrail Lake event data store encrypted with the key (seed 003, event data stores). */
export interface EventDataStoreIntegration {
  readonly kind: "cloudtrail-event-data-store";
  /** Users and roles that create, update and query the store. */
  readonly queryPrincipals?: Strings;
}

/** AWS Config delivering through an IAM role (seed 000, "When Using IAM Roles"). */
export interface ConfigIamRoleIntegration {
  readonly kind: "config-iam-role";
  /** Accounts whose Config IAM roles deliver with the key. Default: the key's account. */
  readonly accounts?: Strings;
}

/** AWS Config delivering as the service-linked role / service principal (seed 000). */
export interface ConfigServiceLinkedRoleIntegration {
  readonly kind: "config-service-linked-role";
  /** `AWS:SourceAccount` values. Default: the key's account. */
  readonly sourceAccounts?: Strings;
  /** Regions of the delivery channels; pins `AWS:SourceArn` to `arn:PARTITION:config:REGION:ACCOUNT:*`. */
  readonly sourceRegions?: Strings;
}

/** The Control Tower landing zone (seed 002). */
export interface ControlTowerIntegration {
  readonly kind: "control-tower";
  /** Accounts Config delivers for; without it the Config statement is the guide's own (no source condition). */
  readonly configSourceAccounts?: Strings;
  /** The statements the key carries (landing zone 4.0: a key per integration). Default: both. */
  readonly parts?: readonly ControlTowerPart[];
}

/**
 * CloudWatch Logs log groups encrypted with the key ("Encrypt log data in CloudWatch Logs using AWS
 * Key Management Service"): the Region's logs principal, limited by the log group's encryption context.
 */
export interface CloudWatchLogsIntegration {
  readonly kind: "cloudwatch-logs";
  /** Log group ARNs (`arn:PARTITION:logs:REGION:ACCOUNT:log-group:NAME`), in the key's Region. */
  readonly logGroups: Strings;
}

/** A principal using the key through one AWS service (seed 001, `kms:ViaService`). */
export interface ServiceGrantIntegration {
  readonly kind: "service-grant";
  readonly sid?: string;
  /** The IAM principal that uses the key through the service. */
  readonly principal: pulumi.Input<string>;
  readonly actions: Strings;
  /** e.g. `geo.us-west-2.amazonaws.com`. */
  readonly viaService: pulumi.Input<string>;
  /** Default: the principal's account. */
  readonly callerAccount?: pulumi.Input<string>;
  readonly encryptionContext?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}

/** Something that needs statements in a key policy. Declared on an `AuditKey` with `addIntegration`. */
export type KeyIntegration =
  | KeyAdministratorsIntegration
  | KeyUsersIntegration
  | TrailIntegration
  | EventDataStoreIntegration
  | ConfigIamRoleIntegration
  | ConfigServiceLinkedRoleIntegration
  | ControlTowerIntegration
  | CloudWatchLogsIntegration
  | ServiceGrantIntegration;

/** A `KeyIntegration` with every input resolved. */
export type ResolvedKeyIntegration = pulumi.Unwrap<KeyIntegration>;

/** The key policy an `AuditKey` renders. */
export interface RenderedKeyPolicy {
  /** The plans, in policy order after the user's statements. */
  readonly plans: IntegrationPlan[];
  readonly document: PolicyDocumentJson;
  /** `document` as the JSON string given to `aws.kms.Key`. */
  readonly json: string;
}

/**
 * Why these integrations cannot share one key, or undefined. Seed 003: a key policy for an event
 * data store "cannot use the condition keys aws:SourceArn or aws:SourceAccount", so its CloudTrail
 * grant is unconditioned; next to a trail's grant it would let every trail in every account use the
 * key and undo the trail statement's `aws:SourceArn` (the engine's linter reports it as
 * `source-condition-on-event-data-store-key`).
 */
export function integrationConflict(kinds: readonly KeyIntegration["kind"][]): string | undefined {
  const store = kinds.includes("cloudtrail-event-data-store");
  const trail = kinds.includes("cloudtrail-trail") || kinds.includes("control-tower");
  if (!store || !trail) return undefined;
  return (
    "one key cannot serve both CloudTrail trails (their statements require aws:SourceArn) and a CloudTrail Lake " +
    "event data store (the CloudTrail User Guide says its key policy cannot use aws:SourceArn or aws:SourceAccount, so its unconditioned " +
    "CloudTrail grant would let any trail use the key). Give the event data store its own key: omit `key` on " +
    "EncryptedEventDataStore and it creates one."
  );
}
