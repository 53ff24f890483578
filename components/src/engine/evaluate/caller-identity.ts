/**
 * What AWS knows about the caller from its ARN: account, principal type, and for an assumed-role
 * session the role it came from. IAM User Guide, "IAM identifiers" and "AWS global condition context
 * keys" (`aws:PrincipalArn`, `aws:PrincipalType`): a session ARN is
 * `arn:PART:sts::ACCT:assumed-role/ROLE/SESSION`, without the role's path.
 */
import { memoMap, remember } from "../caches";
import { isAccountId, parseArn } from "../arn";
import { isPartial, showPartial } from "./partial-values";
import type { RequestPrincipal } from "../types";

export type PrincipalType = "Account" | "User" | "AssumedRole" | "FederatedUser" | "Anonymous" | "Service" | "Other";

export interface CallerIdentity {
  readonly kind: RequestPrincipal["kind"];
  /** The caller's ARN as given (IAM identities). */
  readonly arn?: string;
  readonly partition?: string;
  readonly account?: string;
  readonly type: PrincipalType;
  /** The account root (`arn:aws:iam::ACCT:root`). */
  readonly isRoot: boolean;
  /** For a session: the role's name, and its ARN without path (all a session ARN tells). */
  readonly roleName?: string;
  readonly roleArn?: string;
  /** For an IAM user: the user name (`aws:username`). */
  readonly userName?: string;
  /** For a service principal: the lower-cased service name. */
  readonly service?: string;
  /** A readable name for explanations. */
  readonly display: string;
  /** The caller's ARN is known only in part (preview): which principals name it is not known. */
  readonly partial?: boolean;
}

const cache = memoMap<string, CallerIdentity>();

/** The caller's identity; memoized, since a stack's probes come from a handful of principals. */
export function describeCaller(principal: RequestPrincipal): CallerIdentity {
  // Stryker disable all: the memo key only decides which callers share an identity; any key that
  // tells the callers apart (or none: identify every time) gives the same identities.
  const cacheKey =
    principal.kind === "aws"
      ? `a${String(principal.arn)}`
      : principal.kind === "service"
        ? `s${String(principal.service)}`
        : principal.kind === "anonymous"
          ? "n"
          : undefined;
  if (cacheKey === undefined) return identify(principal);
  // Stryker restore all
  return remember(cache, cacheKey, 10_000, () => identify(principal));
}

function identify(principal: RequestPrincipal): CallerIdentity {
  if (principal.kind === "anonymous") {
    return { kind: "anonymous", type: "Anonymous", isRoot: false, display: "an anonymous caller" };
  }
  if (principal.kind === "service") {
    const service = String(principal.service);
    return { kind: "service", type: "Service", isRoot: false, service: service.toLowerCase(), display: service };
  }
  const given = String(principal.arn);
  // A bare account id stands for the account root, as it does in a Principal element.
  const arn = isAccountId(given) ? `arn:aws:iam::${given}:root` : given;
  const parsed = parseArn(arn);
  const base = {
    kind: "aws" as const,
    arn,
    display: showPartial(arn),
    ...(isPartial(arn) ? { partial: true } : {}),
  };
  if (parsed === undefined) return { ...base, type: "Other", isRoot: false };
  const common = { ...base, partition: parsed.partition, account: parsed.account };
  const [head, ...rest] = parsed.resource.split("/");
  if (parsed.service === "iam" && parsed.resource === "root") return { ...common, type: "Account", isRoot: true };
  if (parsed.service === "iam" && head === "user" && rest.length > 0) {
    return { ...common, type: "User", isRoot: false, userName: rest[rest.length - 1] };
  }
  if (parsed.service === "iam" && head === "role" && rest.length > 0) {
    // A role does not call AWS itself; treat its ARN as a session of the role.
    const roleName = rest[rest.length - 1];
    return { ...common, type: "AssumedRole", isRoot: false, roleName, roleArn: arn };
  }
  if (parsed.service === "sts" && head === "assumed-role" && rest.length >= 2) {
    const roleName = rest[0];
    const roleArn = `arn:${parsed.partition}:iam::${parsed.account}:role/${roleName}`;
    return { ...common, type: "AssumedRole", isRoot: false, roleName, roleArn };
  }
  if (parsed.service === "sts" && head === "federated-user") return { ...common, type: "FederatedUser", isRoot: false };
  return { ...common, type: "Other", isRoot: false };
}
