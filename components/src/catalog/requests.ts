/**
 * Probe requests: who calls which KMS action on the key, with the request context AWS sends.
 * A value that is not known at all (the bare Pulumi unknown sentinel) becomes `UNKNOWN`; a value
 * known in part (`arn:aws:cloudtrail:us-east-1:<sentinel>:trail/audit`) is passed as it is, and the
 * evaluator decides on its known parts where they suffice (engine/evaluate/partial-values.ts). A
 * probe is `undecidable` only when the unknown part could change its verdict.
 */
import { PULUMI_UNKNOWN_SENTINEL, UNKNOWN, type ContextValue, type Request } from "../engine/types";
import { keyArnOf } from "./arns";
import type { KeyLocation } from "./types";

export type ContextInput = Readonly<Record<string, string | readonly string[] | undefined>>;

function toContext(input: ContextInput): Record<string, ContextValue> {
  const context: Record<string, ContextValue> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    const values = typeof value === "string" ? [value] : value;
    context[key] = values.some((v) => v === PULUMI_UNKNOWN_SENTINEL) ? UNKNOWN : value;
  }
  return context;
}

/**
 * The key the request targets: its ARN when known, always its account and Region (AWS puts them in
 * every request as aws:ResourceAccount and aws:RequestedRegion; the evaluator reads them from here).
 */
function target(key: KeyLocation): Pick<Request, "resource" | "keyAccount" | "keyRegion"> {
  const resource = keyArnOf(key);
  const place = { keyAccount: key.account, keyRegion: key.region };
  return resource === undefined ? place : { resource, ...place };
}

/** A request from an AWS service principal such as `cloudtrail.amazonaws.com`. */
export function serviceRequest(service: string, action: string, key: KeyLocation, context: ContextInput): Request {
  return { principal: { kind: "service", service }, action, ...target(key), context: toContext(context) };
}

/** A request from an IAM identity (user, role or account root). */
export function iamRequest(arn: string, action: string, key: KeyLocation, context: ContextInput = {}): Request {
  return { principal: { kind: "aws", arn }, action, ...target(key), context: toContext(context) };
}
