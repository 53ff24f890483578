/**
 * The catalog's public surface: each builder lives in its own module (one per integration), and
 * this file only re-exports them under the names colleagues code against.
 */
export {
  CLOUDTRAIL_CONTEXT_KEY,
  CLOUDTRAIL_SERVICE_PRINCIPAL,
  CONFIG_SERVICE_PRINCIPAL,
  CONTROL_TOWER_TRAIL_NAME,
  LOGS_CONTEXT_KEY,
  S3_CONTEXT_KEY,
  SIDS,
} from "./constants";
export * from "./actions";
export { SOURCES, isPageRef, type PageRef, type SourceRef } from "./sources";
export { CatalogInputError, isUnknownValue } from "./inputs";
export {
  accountRootArn,
  cloudTrailContextPattern,
  configSourceArn,
  keyArnOf,
  keyResource,
  partitionOf,
  principalArn,
  trailArn,
} from "./arns";
export {
  accountRootGrant,
  accountRootPlan,
  keyAdministratorsPlan,
  keyUsersPlan,
  SAME_ACCOUNT_DENY_NOTE,
} from "./account";
export { cloudTrailTrailPlan, CLOUDTRAIL_CONTEXT_PRESENT } from "./cloudtrail-trail";
export { eventDataStorePlan, EVENT_DATA_STORE_NOTES } from "./event-data-store";
export { configIamRolePlan, configServiceLinkedRolePlan } from "./config";
export { baselineTrailArn, controlTowerPlan, CONTROL_TOWER_PARTS, type ControlTowerPart } from "./control-tower";
export {
  landingZoneManifestShape,
  type LandingZoneKeyField,
  type LandingZoneKeySection,
  type LandingZoneManifestShape,
} from "./control-tower-manifest";
export { serviceGrantPlan } from "./service-grant";
export { cloudWatchLogsPlan, logGroupArn, logsServicePrincipal } from "./cloudwatch-logs";
export {
  composeKeyPolicy,
  composeKeyPolicyDetailed,
  type ComposeOptions,
  type ComposeReport,
  type ComposedPolicy,
} from "./compose";
export {
  checkPlans,
  checkProbes,
  explainProbeFailure,
  formatProbeFailure,
  probeSatisfied,
  type ProbeFailure,
} from "./probes";
export {
  ORGANIZATION_ID_PATTERN,
  ORGANIZATION_KEYS,
  ORGANIZATION_PATH_PATTERN,
  organizationErrors,
  withOrganization,
  type Organization,
} from "./organization";
export { landingZoneKeyPrecheck, type LandingZonePrecheckOptions } from "./precheck";
