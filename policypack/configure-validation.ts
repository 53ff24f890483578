/**
 * Reject an invalid exemption in `Configure`, before any resource is analyzed.
 *
 * The Pulumi CLI validates `--policy-pack-config` against each rule's configSchema (exemptions.ts
 * `EXEMPTIONS_SCHEMA`: required reason and expires, the date's shape) before it calls Configure;
 * @pulumi/policy's server (1.21, server.js `configure`) then stores whatever arrives. A schema
 * cannot tell 2027-02-30 from a date, and a caller other than the CLI may skip the schema: so the
 * pack checks the exemptions itself and fails the Configure call with every error found.
 *
 * The hook is the analyzer service definition's `requestDeserialize` for Configure (as
 * stack-request-filter.ts does for AnalyzeStack). It never throws (gRPC would report only "Error
 * deserializing request"): an invalid request gets a `getPolicyconfigMap` that throws our error,
 * inside the server's own handler, whose catch sends it to the CLI. Install before constructing
 * the PolicyPack. If the definition changes shape, nothing is patched: the CLI's schema check
 * still applies.
 */
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { configExemptionErrors } from "pulumi-kms-guardrails/governance";
import { configAccountIdsErrors } from "./config";
import { configOrganizationErrors } from "./organization";
import { analyzerMethod } from "./policy-internals";

type Deserialize = (bytes: Buffer) => analyzerPb.ConfigureAnalyzerRequest;

interface PatchableMethod {
  requestDeserialize?: Deserialize;
  __kmsGuardrailsConfigure?: true;
}

/** The configuration a Configure request carries, as the server reads it (properties per policy). */
function configOf(request: analyzerPb.ConfigureAnalyzerRequest): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  request.getPolicyconfigMap().forEach((value, name) => {
    config[name] = value.getProperties()?.toJavaScript() ?? {};
  });
  return config;
}

/** The error Configure fails with; its stack is its message, which the server sends as the details. */
export class ExemptionConfigError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`Invalid kms-guardrails configuration:\n${errors.map((e) => `  - ${e}`).join("\n")}`);
    this.name = "ExemptionConfigError";
    this.stack = this.message;
  }
}

/** The request, or one whose policy config cannot be read because the exemptions are invalid. */
export function checkConfigureRequest(
  request: analyzerPb.ConfigureAnalyzerRequest,
): analyzerPb.ConfigureAnalyzerRequest {
  let errors: string[];
  try {
    const config = configOf(request);
    errors = [...configExemptionErrors(config), ...configAccountIdsErrors(config), ...configOrganizationErrors(config)];
  } catch {
    return request; // the server's own handler meets the same value and reports it
  }
  if (errors.length === 0) return request;
  const error = new ExemptionConfigError(errors);
  request.getPolicyconfigMap = () => {
    throw error;
  };
  return request;
}

export function installConfigureValidation(): boolean {
  const method = analyzerMethod<PatchableMethod>("configure");
  const original = method?.requestDeserialize;
  if (method === undefined || typeof original !== "function") return false;
  if (method.__kmsGuardrailsConfigure === true) return true;
  method.requestDeserialize = (bytes) => checkConfigureRequest(original(bytes));
  method.__kmsGuardrailsConfigure = true;
  return true;
}
