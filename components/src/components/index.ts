/**
 * The components: keys, trails, event data stores, Config delivery and the Control Tower key, wired
 * with the permissions the AWS documents describe (seeds 000-004), key policies from the catalog.
 */
export { AuditKey, AUDIT_KEY_TYPE, type AuditKeyArgs, type ConfigKeyGrant, type KeyPrecondition } from "./audit-key";
export { EncryptedTrail, ENCRYPTED_TRAIL_TYPE, type EncryptedTrailArgs } from "./encrypted-trail";
export {
  EncryptedEventDataStore,
  ENCRYPTED_EVENT_DATA_STORE_TYPE,
  type EncryptedEventDataStoreArgs,
} from "./encrypted-event-data-store";
export { ConfigDelivery, CONFIG_DELIVERY_TYPE, type ConfigDeliveryArgs, type ConfigRoleMode } from "./config-delivery";
export { LandingZoneKey, LANDING_ZONE_KEY_TYPE, type LandingZoneKeyArgs } from "./landing-zone-key";
export { AuditBaseline, AUDIT_BASELINE_TYPE, type AuditBaselineArgs } from "./audit-baseline";
export type { KeyArgument, KeyReference } from "./key-reference";
export type { LogBucket } from "./log-bucket";
export type { TrailCloudWatchLogsArgs, TrailLogGroup } from "./trail-log-group";
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
