/**
 * The components: keys, trails, event data stores, Config delivery and the Control Tower key, wired
 * with the permissions the AWS documents describe (seeds 000-004), key policies from the catalog.
 */
export { AuditKey, AUDIT_KEY_TYPE, type KeyPrecondition } from "./audit-key";
export {
  ConfigRoleMode,
  LandingZoneKeyIntegration,
  type AuditKeyArgs,
  type KeyConfigGrants,
  type KeyControlTowerGrants,
  type KeyEventDataStoreGrants,
  type KeyServiceGrant,
  type KeySettings,
  type KeyTrailGrants,
  type PolicyStatementJson,
} from "./audit-key-args";
export { EncryptedTrail, ENCRYPTED_TRAIL_TYPE, type EncryptedTrailArgs, type TrailOptions } from "./encrypted-trail";
export {
  EncryptedEventDataStore,
  ENCRYPTED_EVENT_DATA_STORE_TYPE,
  type EncryptedEventDataStoreArgs,
  type EventDataStoreOptions,
} from "./encrypted-event-data-store";
export {
  ConfigDelivery,
  CONFIG_DELIVERY_TYPE,
  type ConfigDeliveryArgs,
  type ConfigDeliveryOptions,
} from "./config-delivery";
export { LandingZoneKey, LANDING_ZONE_KEY_TYPE, type LandingZoneKeyArgs } from "./landing-zone-key";
export {
  AuditBaseline,
  AUDIT_BASELINE_TYPE,
  type AuditBaselineArgs,
  type BaselineConfigOptions,
  type BaselineEventDataStoreOptions,
} from "./audit-baseline";
export type { KeyReference } from "./key-reference";
export type { LogBucket } from "./log-bucket";
export type { TrailCloudWatchLogs, TrailLogGroup } from "./trail-log-group";
export { awsContext, type AwsContext } from "./aws-context";
export { integrationProblems, trailEntryArn, trailEntryProblem } from "./key-integration-problems";
export { planKeyPolicy, renderKeyPolicy, verifyKeyPolicy, type KeyPolicyVerification } from "./key-policy-render";
export {
  integrationConflict,
  type ConfigIamRoleIntegration,
  type ConfigServiceLinkedRoleIntegration,
  type ControlTowerIntegration,
  type EventDataStoreIntegration,
  type KeyAdministratorsIntegration,
  type KeyIntegration,
  type KeyUsersIntegration,
  type RenderedKeyPolicy,
  type ResolvedKeyIntegration,
  type ServiceGrantIntegration,
  type TrailIntegration,
} from "./key-integrations";
export {
  bucketPolicyDocument,
  cloudTrailBucketStatements,
  configBucketStatements,
  tlsOnlyStatement,
  type BucketStatement,
  type CloudTrailBucketPolicyParams,
  type ConfigBucketPolicyParams,
} from "./bucket-policies";
export { aliasName, aliasProblem, principalProblem, trailNameProblem } from "./names";
