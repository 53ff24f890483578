/**
 * `Principal` / `NotPrincipal` of a key policy statement (IAM User Guide, "AWS JSON policy
 * elements: Principal"). Key policies must name a principal; AWS rejects a policy whose principals
 * are malformed (MalformedPolicyDocumentException), so every shape problem here is an error. Values
 * are kept as written, the bad ones included, so later tools can point at them.
 */
import { hasWildcard } from "../wildcard";
import { closestMatch } from "./suggest";
import { PARTITIONS } from "./key-arn";
import { childPath, describeType, forEachMember, isPlainObject, isUnknown, quote, type ParseContext } from "./context";
import { readStrings, StringCheck } from "./strings";
import type { PrincipalBlock } from "../types";

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
/**
 * The commonest principals, `arn:aws:iam::ACCOUNT:root` and `.../role|user/PATH/NAME` with a 12-digit
 * account: `AWS_PRINCIPAL_ARN` matches each with a valid account, so `checkAws` reports nothing. This
 * simpler expression (one partition, no captures) costs a fraction of that one, and principal ARNs
 * rarely repeat across keys, so remembering the ones that passed would help less.
 */
const PLAIN_IAM_ARN = /^arn:aws:iam::\d{12}:(?:root|(?:role|user)\/[\w+=,.@-]+(?:\/[\w+=,.@-]+)*)$/;

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

const CHECKS: Record<PrincipalType, StringCheck> = {
  AWS: new StringCheck(checkAws, (value) => PLAIN_IAM_ARN.test(value)),
  Service: new StringCheck(checkService),
  Federated: new StringCheck(checkFederated),
  CanonicalUser: new StringCheck(checkCanonicalUser),
};

type Element = "Principal" | "NotPrincipal";

function byType(spell: (type: PrincipalType) => string): Record<PrincipalType, string> {
  return {
    AWS: spell("AWS"),
    Service: spell("Service"),
    Federated: spell("Federated"),
    CanonicalUser: spell("CanonicalUser"),
  };
}

/** What a type's values are called in messages, and the path step to them: spelled once. */
const LABELS: Record<Element, Record<PrincipalType, string>> = {
  Principal: byType((type) => `Principal.${type}`),
  NotPrincipal: byType((type) => `NotPrincipal.${type}`),
};
const STEPS = byType((type) => childPath("", type));

function principalType(key: string): PrincipalType | undefined {
  switch (key) {
    case "AWS":
    case "Service":
    case "Federated":
    case "CanonicalUser":
      return key;
    default:
      return undefined;
  }
}

/** The principals of one block, by type, as they are read. */
class Found {
  // Each type is a member name, so it appears at most once: its strings are its list.
  aws: string[] | undefined;
  service: string[] | undefined;
  federated: string[] | undefined;
  canonicalUser: string[] | undefined;
  present = 0;

  constructor(
    readonly ctx: ParseContext,
    readonly path: string,
    readonly element: Element,
  ) {}
}

/** Reads the values of one principal type; reports a member that is no principal type. */
function readType(found: Found, key: string, value: unknown): void {
  const { ctx, path } = found;
  found.present++;
  const type = principalType(key);
  if (type === undefined) {
    if (isUnknown(key)) return;
    const suggestion = ctx.full ? undefined : closestMatch(key, PRINCIPAL_TYPES);
    ctx.error(
      childPath(path, key),
      "unknown-principal-type",
      `${quote(key)} is not a principal type` +
        (suggestion === undefined ? "." : `; did you mean "${suggestion}"?`) +
        ` Use one of ${PRINCIPAL_TYPES.join(", ")}.`,
    );
    return;
  }
  const label = LABELS[found.element][type];
  const strings = readStrings(ctx, value, path + STEPS[type], "invalid-principal-value", label, CHECKS[type]);
  if (type === "AWS") found.aws = strings;
  else if (type === "Service") found.service = strings;
  else if (type === "Federated") found.federated = strings;
  else found.canonicalUser = strings;
}

/** Parses a `Principal` or `NotPrincipal` value found at `path`. */
export function parsePrincipal(ctx: ParseContext, value: unknown, path: string, element: Element): PrincipalBlock {
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
  const found = new Found(ctx, path, element);
  forEachMember(ctx, value, found, readType);
  if (found.present === 0) {
    ctx.error(path, "invalid-principal", `${element} is an empty object; name at least one principal.`);
    return EMPTY;
  }
  // `{"AWS": "*"}` is everyone, the same as `"*"` (IAM User Guide, "Anonymous principals").
  // Types the block does not name share EMPTY's lists (read only, like every block's): a key policy
  // names a few principals in each of its statements, each with one or two types.
  const aws = found.aws ?? EMPTY.aws;
  const any = aws.includes("*");
  return {
    any,
    aws: any ? aws.filter((v) => v !== "*") : aws,
    service: found.service ?? EMPTY.service,
    federated: found.federated ?? EMPTY.federated,
    canonicalUser: found.canonicalUser ?? EMPTY.canonicalUser,
  };
}
