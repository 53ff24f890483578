/**
 * The organization an organization-wide key serves, and what it puts into the probes' requests.
 *
 * IAM User Guide, "AWS global condition context keys": a service principal acting for a resource
 * of an organization's account sends aws:SourceOrgID (the organization) and aws:SourceOrgPaths (the
 * account's entity path); an IAM principal whose account is a member sends aws:PrincipalOrgID and
 * aws:PrincipalOrgPaths. "The confused deputy problem" ("Cross-service confused deputy prevention")
 * recommends the source keys beside aws:SourceArn and aws:SourceAccount.
 *
 * Whether CloudTrail and AWS Config send aws:SourceOrgID in their KMS requests is not on their own
 * pages (their confused-deputy sections name aws:SourceArn and aws:SourceAccount only). So a
 * service probe carries the organization's keys only where it carries a source key at all (CloudTrail
 * Lake and CloudWatch Logs probes carry none), and with values only when the organization is given:
 *
 * | organization | probe acts for                          | organization keys in the request   |
 * |--------------|-----------------------------------------|------------------------------------|
 * | not given    | the stack's own accounts                | UNKNOWN: a condition on them is undecidable |
 * | given        | the stack's own accounts                | its id, and its paths (UNKNOWN without them) |
 * | either       | another account (`*.other-account`)     | another organization's id and path |
 *
 * The confused deputy's account (a probe whose id ends in `.other-account`) is taken to be outside
 * the organization: that is what aws:SourceOrgID protects against.
 */
import { UNKNOWN, type ContextValue, type Request } from "../engine/types";
import type { IntegrationPlan, Probe } from "./types";

export interface Organization {
  /** The organization's id, `o-` and 10 to 32 lower-case letters or digits. */
  readonly id: string;
  /** Entity paths of the stack's accounts, e.g. `o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/`. */
  readonly paths?: readonly string[];
}

/** AWS Organizations' organization id (the `Id` of DescribeOrganization). */
export const ORGANIZATION_ID_PATTERN = "^o-[a-z0-9]{10,32}$";
/**
 * An entity path as aws:PrincipalOrgPaths and aws:SourceOrgPaths carry it: organization, root, then
 * organizational units, each followed by `/`, optionally ending with an account id.
 */
export const ORGANIZATION_PATH_PATTERN =
  "^o-[a-z0-9]{10,32}/r-[0-9a-z]{4,32}/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}/)*([0-9]{12}/)?$";

const ID = new RegExp(ORGANIZATION_ID_PATTERN);
const PATH = new RegExp(ORGANIZATION_PATH_PATTERN);

/**
 * What is wrong with an organization given as configuration (`organizationId`, `organizationPaths`);
 * empty when it is usable or absent.
 */
export function organizationErrors(id: unknown, paths: unknown): string[] {
  const errors: string[] = [];
  if (id !== undefined && (typeof id !== "string" || !ID.test(id))) {
    errors.push(
      `organizationId ${JSON.stringify(id)} is not an organization id such as o-a1b2c3d4e5 (o- and 10 to 32 lower-case letters or digits)`,
    );
  }
  if (paths === undefined) return errors;
  if (id === undefined) errors.push("organizationPaths needs organizationId, the organization the paths are in");
  if (!Array.isArray(paths)) {
    errors.push(`organizationPaths must be a list of entity paths, not ${JSON.stringify(paths)}`);
    return errors;
  }
  paths.forEach((p: unknown, i) => {
    if (typeof p !== "string" || !PATH.test(p)) {
      errors.push(
        `organizationPaths[${i}] ${JSON.stringify(p)} is not an entity path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (organization, root, organizational units, each ending in /)`,
      );
    } else if (typeof id === "string" && !p.startsWith(`${id}/`)) {
      errors.push(`organizationPaths[${i}] "${p}" is not in organization ${id}`);
    }
  });
  return errors;
}

/** The organization the confused deputy's account is in: never the configured one. */
function otherOrganization(org: Organization | undefined): string {
  return org?.id === "o-otherorg000" ? "o-otherorg001" : "o-otherorg000";
}

const SOURCE_ORG_ID = "aws:SourceOrgID";
const SOURCE_ORG_PATHS = "aws:SourceOrgPaths";
const PRINCIPAL_ORG_ID = "aws:PrincipalOrgID";
const PRINCIPAL_ORG_PATHS = "aws:PrincipalOrgPaths";

/** The organization keys of a request, lower-cased: the service's and the IAM principal's. */
export const ORGANIZATION_KEYS: ReadonlySet<string> = new Set(
  [SOURCE_ORG_ID, SOURCE_ORG_PATHS, PRINCIPAL_ORG_ID, PRINCIPAL_ORG_PATHS].map((k) => k.toLowerCase()),
);

function organizationContext(
  idKey: string,
  pathsKey: string,
  org: Organization | undefined,
  outside: boolean,
): Record<string, ContextValue> {
  if (outside) {
    const other = otherOrganization(org);
    return { [idKey]: other, [pathsKey]: [`${other}/r-zzzz/`] };
  }
  return { [idKey]: org?.id ?? UNKNOWN, [pathsKey]: org?.paths ?? UNKNOWN };
}

/** Whether a service request carries a source key: only then is the organization's assumed to come with it. */
function carriesSourceKey(request: Request): boolean {
  return Object.keys(request.context ?? {}).some((k) => {
    const lower = k.toLowerCase();
    return lower === "aws:sourcearn" || lower === "aws:sourceaccount";
  });
}

function inOrganization(probe: Probe, org: Organization | undefined): Probe {
  const request = probe.request;
  const outside = probe.id.endsWith(".other-account");
  let keys: Record<string, ContextValue>;
  if (request.principal.kind === "service") {
    if (!carriesSourceKey(request)) return probe;
    keys = organizationContext(SOURCE_ORG_ID, SOURCE_ORG_PATHS, org, outside);
  } else if (request.principal.kind === "aws") {
    keys = organizationContext(PRINCIPAL_ORG_ID, PRINCIPAL_ORG_PATHS, org, outside);
  } else {
    return probe;
  }
  // What the probe already says about a key stays.
  return { ...probe, request: { ...request, context: { ...keys, ...request.context } } };
}

/**
 * The plan with its probes' requests carrying the organization keys AWS adds (table above). With
 * `org` undefined, a policy that conditions on them is undecidable where it matters, never judged
 * on keys the request was assumed not to carry.
 */
export function withOrganization(plan: IntegrationPlan, org: Organization | undefined): IntegrationPlan {
  return { ...plan, probes: plan.probes.map((p) => inOrganization(p, org)) };
}
