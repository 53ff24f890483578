/**
 * The catalog's vocabulary. An integration (a CloudTrail trail, an event data store, AWS Config
 * delivery, a Control Tower landing zone, a generic service grant, the key's own account) yields
 * a plan: the statements AWS documents for it, and the probe requests that those statements must
 * allow (the service doing its documented job) or must deny (the confused deputy). Components
 * render the statements; the policy pack evaluates any key policy against the probes.
 */
import type { Decision, Request } from "../engine/types";
import type { SourceRef } from "./sources";

/** A key policy statement as JSON, exactly as it is written into the policy. */
export interface PolicyStatementJson {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal: "*" | { AWS?: string | string[]; Service?: string | string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

/** A key policy document as JSON. */
export interface PolicyDocumentJson {
  Version: "2012-10-17";
  Id?: string;
  Statement: unknown[];
}

/** One documented statement, with why it exists and where AWS says so. */
export interface Grant {
  readonly statement: PolicyStatementJson;
  /** One sentence: what the statement lets whom do. */
  readonly purpose: string;
  readonly source: SourceRef;
}

export type ProbeExpectation = "allow" | "deny";

/**
 * A request that the key policy must allow or deny for the integration to work and to be safe.
 * `allow` accepts `allowed`, and `needs-iam` when the probe's principal is an IAM identity whose
 * account the key policy delegates to IAM. `deny` accepts `denied-explicit` and `denied-implicit`.
 */
export interface Probe {
  /** Stable id, e.g. `cloudtrail-trail.encrypt` or `cloudtrail-trail.encrypt.other-trail`. */
  readonly id: string;
  /** One sentence naming principal, action and the resource it acts for. */
  readonly description: string;
  readonly request: Request;
  readonly expect: ProbeExpectation;
  /**
   * Sid of the grant in the same plan that satisfies an `allow` probe: the fix to suggest. On a
   * `deny` probe, the grant whose conditions deny it: the statement to use instead of one that lets
   * the request through.
   */
  readonly grantSid?: string;
  /**
   * What this instance of the probe is about when a plan repeats a probe id (one per trail,
   * account or principal): a trail ARN, account id or principal ARN. `id` + `subject` is unique
   * within a plan; `id` alone names the kind of check (waive or report by it).
   */
  readonly subject?: string;
  readonly source: SourceRef;
}

export type IntegrationId =
  | "account-root"
  | "key-administrators"
  | "key-users"
  | "cloudtrail-trail"
  | "cloudtrail-event-data-store"
  | "config-iam-role"
  | "config-service-linked-role"
  | "control-tower"
  | "cloudwatch-logs"
  | "service-grant";

export interface IntegrationPlan {
  readonly integration: IntegrationId;
  readonly grants: readonly Grant[];
  readonly probes: readonly Probe[];
  /** Documented limits worth telling a user, e.g. that event data store keys cannot use aws:SourceArn. */
  readonly notes: readonly string[];
}

/** How a probe fared against a policy. */
export interface ProbeOutcome {
  readonly probe: Probe;
  readonly decision: Decision;
  /** `unknown` when the evaluator answered `undecidable`. */
  readonly satisfied: boolean | "unknown";
}

/** Partition, account and Region of the key: everything ARNs are computed from. */
export interface KeyLocation {
  /** `aws`, `aws-us-gov`, `aws-cn`. Default `aws`. */
  readonly partition?: string;
  readonly account: string;
  readonly region: string;
  /** The key's ARN or id when known; statements then name it in `Resource` instead of `*`. */
  readonly keyArn?: string;
}
