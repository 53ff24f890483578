/**
 * The policy pack's entry point: `pulumi preview --policy-pack policypack` (or the Pulumi service,
 * for a published pack) runs this file, which starts the analyzer's gRPC server at once. Keep it to
 * the construction: the rules live in policies.ts and rules/, importable without a server.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_ENFORCEMENT_LEVEL } from "./config";
import { installConfigureValidation } from "./configure-validation";
import { policies } from "./policies";
import { installDeserializeCache, installProxyCache } from "./server-cache";
import { installStackRequestFilter } from "./stack-request-filter";
import { warmUpAfterConfigureStack } from "./warm-up-schedule";

// Before the PolicyPack: it registers the gRPC service, reading each method's decoder and encoder, at once.
installDeserializeCache();
installProxyCache();
installStackRequestFilter();
installConfigureValidation();
warmUpAfterConfigureStack(policies);

new PolicyPack("kms-guardrails", {
  description:
    "KMS key policies for CloudTrail, CloudTrail Lake, AWS Config and Control Tower, checked the way AWS evaluates them. See RULES.md.",
  enforcementLevel: PACK_ENFORCEMENT_LEVEL,
  policies,
});
