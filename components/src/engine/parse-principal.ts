/**
 * `Principal` / `NotPrincipal` of a key policy statement (IAM User Guide, "AWS JSON policy
 * elements: Principal"). Key policies must name a principal; AWS rejects a policy whose principals
 * are malformed (MalformedPolicyDocumentException), so every shape problem here is an error. Values
 * are kept as written, the bad ones included, so later tools can point at them.
 */
import { hasWildcard } from "./wildcard";
import { childPath } from "./json-path";
import { closestMatch } from "./parse-suggest";
import { PARTITIONS } from "./parse-key-arn";
import {
  describeType,
  isPlainObject,
  isUnknown,
  presentKeys,
  quote,
  readStrings,
  type ParseContext,
} from "./parse-context";
import type { PrincipalBlock } from "./types";

const PRINCIPAL_TYPES = ["AWS", "Service", "Federated", "CanonicalUser"] as const;
type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

const PARTITION_GROUP = `(?:${PARTITIONS.join("|")})`;
/** IAM names and paths (IAM User Guide, "IAM identifiers" and "IAM and AWS STS quotas"). */
const NAME = "[\\w+=,.@-]+";
const PATH_AND_NAME = `(?:${NAME}/)*${NAME}`;
/** `arn:PARTITION:iam::ACCOUNT:root|user/...|role/...` and the STS session forms. */
const AWS_PRINCIPAL_ARN = new RegExp(
  `^arn:${PARTITION_GROUP}:(?:iam::([^:]*):(?:root|user/${PATH_AND_NAME}|role/${PATH_AND_NAME})` +
    `|sts::([^:]*):(?:assumed-role/${NAME}/${NAME}|federated-user/${NAME}))$`,
);
const ACCOUNT_ID = /^\d{12}$/;
/** `cloudtrail.amazonaws.com`, `logs.us-east-1.amazonaws.com`, `ec2.amazonaws.com.cn`. */
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/i;
const FEDERATED_ARN = new RegExp(`^arn:${PARTITION_GROUP}:iam::\\d{12}:(?:saml-provider/${NAME}|oidc-provider/\\S+)$`);
const HOST_NAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;
const CANONICAL_USER = /^[0-9a-f]{64}$/i;

const EMPTY: PrincipalBlock = Object.freeze({ any: false, aws: [], service: [], federated: [], canonicalUser: [] });

function checkAws(ctx: ParseContext, value: string, path: string): void {
  if (value === "*" || isUnknown(value) || value.length === 0) return;
  if (ACCOUNT_ID.test(value)) return;
  if (hasWildcard(value)) {
    ctx.error(
      path,
      "wildcard-in-principal",
      `Principal ${quote(value)} contains a wildcard; AWS principals cannot. To allow many principals, ` +
        'use "Principal": {"AWS": "*"} with a condition such as "ArnLike": {"aws:PrincipalArn": "..."}.',
    );
    return;
  }
  const match = AWS_PRINCIPAL_ARN.exec(value);
  if (match !== null) {
    const account = match[1] ?? match[2];
    if (!ACCOUNT_ID.test(account)) {
      ctx.error(
        path,
        "invalid-account-id",
        `The account in principal ${quote(value)} is ${quote(account)}, not a 12-digit AWS account id; ` +
          "AWS rejects the key policy.",
      );
    }
    return;
  }
  if (/^\d+$/.test(value)) {
    ctx.error(path, "invalid-account-id", `${quote(value)} is not a 12-digit AWS account id.`);
    return;
  }
  ctx.error(
    path,
    "invalid-aws-principal",
    `${quote(value)} is not an AWS principal: use "*", a 12-digit account id, or an ARN ` +
      "arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME, " +
      "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or arn:aws:sts::ACCOUNT:federated-user/NAME.",
  );
}

function checkService(ctx: ParseContext, value: string, path: string): void {
  if (isUnknown(value) || value.length === 0) return;
  if (hasWildcard(value)) {
    ctx.error(
      path,
      "invalid-service-principal",
      `Service principal ${quote(value)} contains a wildcard; name the service.`,
    );
  } else if (!SERVICE_PRINCIPAL.test(value)) {
    ctx.error(
      path,
      "invalid-service-principal",
      `${quote(value)} is not a service principal such as "cloudtrail.amazonaws.com".`,
    );
  }
}

function checkFederated(ctx: ParseContext, value: string, path: string): void {
  if (isUnknown(value) || value.length === 0) return;
  const ok = !hasWildcard(value) && (value.startsWith("arn:") ? FEDERATED_ARN.test(value) : HOST_NAME.test(value));
  if (!ok) {
    ctx.error(
      path,
      "invalid-federated-principal",
      `${quote(value)} is not a federated principal: use an identity provider such as "cognito-identity.amazonaws.com" ` +
        "or arn:aws:iam::ACCOUNT:saml-provider/NAME / oidc-provider/HOST.",
    );
  }
}

function checkCanonicalUser(ctx: ParseContext, value: string, path: string): void {
  if (isUnknown(value) || value.length === 0) return;
  if (!CANONICAL_USER.test(value)) {
    ctx.error(path, "invalid-canonical-user", `${quote(value)} is not a canonical user id (64 hexadecimal digits).`);
  }
}

const CHECKS: Record<PrincipalType, (ctx: ParseContext, value: string, path: string) => void> = {
  AWS: checkAws,
  Service: checkService,
  Federated: checkFederated,
  CanonicalUser: checkCanonicalUser,
};

/** Parses a `Principal` or `NotPrincipal` value found at `path`. */
export function parsePrincipal(ctx: ParseContext, value: unknown, path: string, element: string): PrincipalBlock {
  if (typeof value === "string") {
    if (value === "*") return { ...EMPTY, any: true };
    if (isUnknown(value)) return EMPTY;
    ctx.error(
      path,
      "invalid-principal",
      `${element} must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"} or ` +
        `{"Service": "cloudtrail.amazonaws.com"}, not ${describeType(value)}.`,
    );
    return EMPTY;
  }
  if (!isPlainObject(value)) {
    ctx.error(path, "invalid-principal", `${element} must be "*" or an object, not ${describeType(value)}.`);
    return EMPTY;
  }
  const keys = presentKeys(value);
  if (keys.length === 0) {
    ctx.error(path, "invalid-principal", `${element} is an empty object; name at least one principal.`);
    return EMPTY;
  }
  const found: Record<PrincipalType, string[]> = { AWS: [], Service: [], Federated: [], CanonicalUser: [] };
  for (const key of keys) {
    const keyPath = childPath(path, key);
    const type = PRINCIPAL_TYPES.find((t) => t === key);
    if (type === undefined) {
      if (isUnknown(key)) continue;
      const suggestion = ctx.full ? undefined : closestMatch(key, PRINCIPAL_TYPES);
      ctx.error(
        keyPath,
        "unknown-principal-type",
        `${quote(key)} is not a principal type` +
          (suggestion === undefined ? "" : `; did you mean "${suggestion}"?`) +
          ` Use one of ${PRINCIPAL_TYPES.join(", ")}.`,
      );
      continue;
    }
    for (const entry of readStrings(ctx, value[key], keyPath, "invalid-principal-value", `${element}.${key}`)) {
      CHECKS[type](ctx, entry.value, entry.path);
      found[type].push(entry.value);
    }
  }
  // `{"AWS": "*"}` is everyone, the same as `"*"` (IAM User Guide, "Anonymous principals").
  const any = found.AWS.includes("*");
  return {
    any,
    aws: found.AWS.filter((v) => v !== "*"),
    service: found.Service,
    federated: found.Federated,
    canonicalUser: found.CanonicalUser,
  };
}
