/** Every rule of the pack, in the order RULES.md and the Pulumi CLI list them. */
import { cloudtrailBucketDefaultKey } from "./cloudtrail-bucket-default-key";
import { cloudtrailKeyAllowsDescribe } from "./cloudtrail-key-allows-describe";
import { cloudtrailKeyAllowsEncrypt } from "./cloudtrail-key-allows-encrypt";
import { cloudtrailLogDecryptNullGuard } from "./cloudtrail-log-decrypt-null-guard";
import { cloudtrailTrailEncrypted } from "./cloudtrail-trail-encrypted";
import { cloudwatchLogsKeyAllowsLogs } from "./cloudwatch-logs-key-allows-logs";
import { configDeliveryChannelEncrypted } from "./config-delivery-channel-encrypted";
import { configKeyAllowsDelivery } from "./config-key-allows-delivery";
import { controltowerLandingZoneKey } from "./controltower-landing-zone-key";
import { eventDataStoreKeyAllowsCloudtrail } from "./event-data-store-key-allows-cloudtrail";
import { eventDataStoreKeyNoSourceCondition } from "./event-data-store-key-no-source-condition";
import { kmsCrossAccountPrincipalsTrusted } from "./kms-cross-account-principals-trusted";
import { kmsEncryptionContextOnUnsupportedAction } from "./kms-encryption-context-on-unsupported-action";
import { kmsIntegrationKeyUsable } from "./kms-integration-key-usable";
import { kmsKeyPolicyEnablesIamPolicies } from "./kms-key-policy-enables-iam-policies";
import { kmsKeyPolicyValid } from "./kms-key-policy-valid";
import { kmsNetworkConditions } from "./kms-network-conditions";
import { kmsNoUnconditionedPublicPrincipal } from "./kms-no-unconditioned-public-principal";
import { kmsServicePrincipalSourceCondition } from "./kms-service-principal-source-condition";
import type { ResourceRule, Rule, StackRule } from "./types";

export type { ResourceRule, Rule, RuleExample, RuleMetadata, StackRule, Violation } from "./types";

export const RESOURCE_RULES: readonly ResourceRule[] = [
  kmsKeyPolicyValid,
  kmsNoUnconditionedPublicPrincipal,
  kmsEncryptionContextOnUnsupportedAction,
  kmsKeyPolicyEnablesIamPolicies,
  kmsNetworkConditions,
];

export const STACK_RULES: readonly StackRule[] = [
  kmsServicePrincipalSourceCondition,
  cloudtrailTrailEncrypted,
  cloudtrailKeyAllowsEncrypt,
  cloudtrailKeyAllowsDescribe,
  cloudtrailLogDecryptNullGuard,
  cloudtrailBucketDefaultKey,
  eventDataStoreKeyAllowsCloudtrail,
  eventDataStoreKeyNoSourceCondition,
  configDeliveryChannelEncrypted,
  configKeyAllowsDelivery,
  controltowerLandingZoneKey,
  cloudwatchLogsKeyAllowsLogs,
  kmsIntegrationKeyUsable,
  kmsCrossAccountPrincipalsTrusted,
];

export const RULES: readonly Rule[] = [...RESOURCE_RULES, ...STACK_RULES];
