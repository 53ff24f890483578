/**
 * `Principal` and `NotPrincipal` matching (IAM User Guide, "AWS JSON policy elements: Principal" and
 * "NotPrincipal"), compiled once per statement:
 *  - `"*"` / `{"AWS": "*"}` is everyone: IAM identities, service principals, anonymous callers;
 *  - an account id or `arn:PART:iam::ACCT:root` is the account: it matches every IAM identity in it
 *    by delegating to the account's IAM policies (seed 004, "IAM policies"), and the root directly;
 *  - a role ARN matches the role's sessions `arn:PART:sts::ACCT:assumed-role/NAME/SESSION` (the
 *    session ARN has no path, so the role is recognized by name);
 *  - service principals are compared exactly, ignoring case; no wildcards anywhere but `"*"` alone.
 * In `NotPrincipal` a role ARN does not cover its sessions: AWS documents that the session (or the
 * account) must be listed to exclude it.
 */
import { isAccountId, parseArn } from "../arn";
import type { CallerIdentity } from "./caller-identity";
import { showPartial } from "./partial-values";
import { PULUMI_UNKNOWN_SENTINEL, type PrincipalBlock, type PrincipalMatch } from "../types";

type AwsEntry =
  | { readonly kind: "any" }
  | { readonly kind: "account"; readonly account: string; readonly partition?: string }
  | {
      readonly kind: "role";
      readonly arn: string;
      readonly partition: string;
      readonly account: string;
      readonly name: string;
    }
  | { readonly kind: "exact"; readonly arn: string }
  | { readonly kind: "unknown"; readonly raw: string; readonly why: string }
  | { readonly kind: "never" };

export interface CompiledPrincipals {
  readonly any: boolean;
  readonly aws: readonly AwsEntry[];
  /** Lower-cased service principals; `undefined` entries are unknown or invalid. */
  readonly services: readonly (string | undefined)[];
  /** Entries whose meaning the evaluator cannot know (Pulumi unknowns, invalid syntax). */
  readonly unknownReasons: readonly string[];
}

/** Deleted principals show up as unique ids (`AROA...`, `AIDA...`) and match nobody. */
const UNIQUE_ID = /^A[A-Z0-9]{15,}$/;

function compileAws(raw: string): AwsEntry {
  const s = String(raw);
  if (s.includes(PULUMI_UNKNOWN_SENTINEL)) return { kind: "unknown", raw: s, why: "is known only in part" };
  if (s === "*") return { kind: "any" };
  if (isAccountId(s)) return { kind: "account", account: s };
  if (UNIQUE_ID.test(s)) return { kind: "never" };
  if (s.includes("*") || s.includes("?"))
    return { kind: "unknown", raw: s, why: "uses a wildcard, which AWS rejects in a principal" };
  const arn = parseArn(s);
  if (arn === undefined) return { kind: "unknown", raw: s, why: "is neither an account id nor an ARN" };
  if (arn.service === "iam" && arn.resource === "root") {
    return { kind: "account", account: arn.account, partition: arn.partition };
  }
  if (arn.service === "iam" && arn.resource.startsWith("role/")) {
    const name = arn.resource.slice(arn.resource.lastIndexOf("/") + 1);
    return { kind: "role", arn: s, partition: arn.partition, account: arn.account, name };
  }
  return { kind: "exact", arn: s };
}

export function compilePrincipals(block: PrincipalBlock): CompiledPrincipals {
  const aws = (block.aws ?? []).map(compileAws);
  const services = (block.service ?? []).map((raw) => {
    const s = String(raw);
    return s.includes(PULUMI_UNKNOWN_SENTINEL) || s.includes("*") ? undefined : s.toLowerCase();
  });
  const unknownReasons: string[] = [];
  // Users read these: a value not known yet is never shown as the raw Pulumi sentinel.
  for (const entry of aws) {
    if (entry.kind !== "unknown") continue;
    unknownReasons.push(
      entry.raw === PULUMI_UNKNOWN_SENTINEL
        ? "a principal is not known yet"
        : `principal ${showPartial(entry.raw)} ${entry.why}`,
    );
  }
  (block.service ?? []).forEach((raw, i) => {
    if (services[i] !== undefined) return;
    const s = String(raw);
    unknownReasons.push(
      s === PULUMI_UNKNOWN_SENTINEL
        ? "a service principal is not known yet"
        : `service principal ${showPartial(s)} is not known or not valid`,
    );
  });
  // Federated and canonical-user principals never make KMS requests as an IAM identity or service.
  return { any: block.any === true || aws.some((e) => e.kind === "any"), aws, services, unknownReasons };
}

/** Whether the block names any IAM identity (the only principals a caller known in part could be). */
const namesIdentities = (p: CompiledPrincipals): boolean => p.aws.some((e) => e.kind !== "never");

/** How a `Principal` element matches the caller. */
export function matchPrincipal(p: CompiledPrincipals, caller: CallerIdentity): PrincipalMatch {
  if (p.any) return "direct";
  if (caller.partial === true) return namesIdentities(p) ? "unknown" : "none";
  let result: PrincipalMatch = "none";
  let unknown = false;
  if (caller.kind === "service") {
    for (const s of p.services) {
      if (s === undefined) unknown = true;
      else if (s === caller.service) return "direct";
    }
    return unknown ? "unknown" : "none";
  }
  if (caller.kind !== "aws") return "none";
  for (const entry of p.aws) {
    switch (entry.kind) {
      case "account":
        if (
          entry.account === caller.account &&
          (entry.partition === undefined || entry.partition === caller.partition)
        ) {
          if (caller.isRoot) return "direct";
          result = "account";
        }
        break;
      case "role":
        if (
          entry.arn === caller.arn ||
          (caller.type === "AssumedRole" &&
            caller.arn !== undefined &&
            caller.arn.includes(":sts::") &&
            entry.account === caller.account &&
            entry.partition === caller.partition &&
            entry.name === caller.roleName)
        ) {
          return "direct";
        }
        break;
      case "exact":
        if (entry.arn === caller.arn) return "direct";
        break;
      case "unknown":
        unknown = true;
        break;
      default:
        break;
    }
  }
  // An unknown entry could be the caller's own ARN: that would upgrade an account match to a direct one.
  if (unknown) return result === "account" ? "account" : "unknown";
  return result;
}

/** Whether a principal listed in an Allow could still turn an account match into a direct one. */
export function mayMatchDirectly(p: CompiledPrincipals): boolean {
  return p.aws.some((e) => e.kind === "unknown");
}

/**
 * Whether the caller is among the principals a `NotPrincipal` lists (and so excluded from the
 * statement). A role ARN does not list the role's sessions; an account lists all its identities.
 */
export function listedInNotPrincipal(p: CompiledPrincipals, caller: CallerIdentity): boolean | "unknown" {
  if (p.any) return true;
  if (caller.partial === true) return namesIdentities(p) ? "unknown" : false;
  let unknown = false;
  if (caller.kind === "service") {
    for (const s of p.services) {
      if (s === undefined) unknown = true;
      else if (s === caller.service) return true;
    }
    return unknown ? "unknown" : false;
  }
  if (caller.kind !== "aws") return false;
  for (const entry of p.aws) {
    if (entry.kind === "unknown") unknown = true;
    else if (
      entry.kind === "account" &&
      entry.account === caller.account &&
      (entry.partition === undefined || entry.partition === caller.partition)
    ) {
      return true;
    } else if ((entry.kind === "role" || entry.kind === "exact") && entry.arn === caller.arn) {
      return true;
    }
  }
  return unknown ? "unknown" : false;
}
