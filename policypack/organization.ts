/**
 * `organizationId` and `organizationPaths`: the organization whose accounts an organization-wide
 * key serves, an option of every rule that runs the catalog's probes. With it, the probes' requests
 * carry aws:SourceOrgID / aws:SourceOrgPaths (services) and aws:PrincipalOrgID /
 * aws:PrincipalOrgPaths (IAM principals) as AWS sends them (catalog organization.ts), so a key
 * limited to the organization is judged; without it, a request that a condition on them decides is
 * an `undecided` finding that names the assumption and this option.
 *
 * A malformed value is a configuration error: the schema's patterns reject it in
 * `pulumi policy enable --config` and the preflight, and `Configure` (configure-validation.ts)
 * rejects what a schema cannot say (paths outside the organization, paths without an id).
 */
import type { PolicyConfigSchema } from "@pulumi/policy";
import {
  ORGANIZATION_ID_PATTERN,
  ORGANIZATION_KEYS,
  ORGANIZATION_PATH_PATTERN,
  SOURCES,
  citeAws,
  organizationErrors,
  type Organization,
} from "pulumi-kms-guardrails/catalog";
import type { Probe } from "pulumi-kms-guardrails/catalog";
import { UNKNOWN, type Decision } from "pulumi-kms-guardrails/engine";

export const ORGANIZATION_SCHEMA: PolicyConfigSchema = {
  properties: {
    organizationId: {
      type: "string",
      pattern: ORGANIZATION_ID_PATTERN,
      description:
        "The AWS Organizations organization of the stack's accounts (o-...). Key policies limited by aws:SourceOrgID or aws:PrincipalOrgID are judged with it; without it, what such a condition decides is reported as undecided.",
    },
    organizationPaths: {
      type: "array",
      items: { type: "string", pattern: ORGANIZATION_PATH_PATTERN },
      description:
        "Entity paths of the stack's accounts in that organization (o-.../r-.../ou-.../), for aws:SourceOrgPaths and aws:PrincipalOrgPaths. Needs organizationId.",
    },
  },
};

/** The configured organization; `undefined` when absent or invalid (Configure rejects an invalid one). */
export function readOrganization(raw: Readonly<Record<string, unknown>>): Organization | undefined {
  const { organizationId: id, organizationPaths: paths } = raw;
  if (typeof id !== "string" || organizationErrors(id, paths).length > 0) return undefined;
  return Array.isArray(paths) ? { id, paths: paths as string[] } : { id };
}

/** Every rule's organization errors, named by rule, for Configure. */
export function configOrganizationErrors(config: Readonly<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  for (const [name, entry] of Object.entries(config)) {
    if (typeof entry !== "object" || entry === null) continue;
    const r = entry as Record<string, unknown>;
    if (!("organizationId" in r) && !("organizationPaths" in r)) continue;
    errors.push(...organizationErrors(r.organizationId, r.organizationPaths).map((e) => `${name}: ${e}`));
  }
  return errors;
}

/** The organization keys whose unknown value left `decision` undecidable, as written in the policy. */
function undecidedOrganizationKeys(decision: Decision): string[] {
  const keys = new Set<string>();
  for (const t of decision.trace) {
    if (t.applies !== "unknown") continue;
    for (const c of t.conditions) {
      if (c.result === "unknown" && c.requestValue === "unknown" && isOrganizationKey(c.key)) keys.add(c.key);
    }
  }
  return [...keys];
}

const isOrganizationKey = (key: string): boolean => ORGANIZATION_KEYS.has(key.toLowerCase());

/**
 * Why a probe is undecidable when only the organization keys are missing, naming the assumption
 * and the option that decides it; `undefined` when something else is not known.
 */
export function organizationUndecided(probe: Probe, decision: Decision): string | undefined {
  if (decision.verdict !== "undecidable") return undefined;
  const keys = undecidedOrganizationKeys(decision);
  if (keys.length === 0) return undefined;
  const statements = decision.trace
    .filter((t) => t.applies === "unknown" && t.conditions.some((c) => keys.includes(c.key) && c.result === "unknown"))
    .map((t) => (t.sid !== undefined && t.sid !== "" ? `Statement '${t.sid}'` : `Statement #${t.index}`));
  const what = `${statements.join(", ")} decides it on ${keys.join(", ")}`;
  const principal = probe.request.principal;
  const context = probe.request.context ?? {};
  const id = context[principal.kind === "service" ? "aws:SourceOrgID" : "aws:PrincipalOrgID"];
  const configured = id !== undefined && id !== UNKNOWN;
  const assumption =
    principal.kind === "service"
      ? `The check assumes ${principal.service} sends aws:SourceOrgID and aws:SourceOrgPaths in its KMS requests, as the IAM User Guide documents for a service principal acting for a resource of an organization's account; its own pages do not say so.`
      : "An IAM principal's requests carry aws:PrincipalOrgID and aws:PrincipalOrgPaths when its account is in an organization.";
  const option = configured
    ? "Set organizationPaths in this rule's configuration (the entity paths of the stack's accounts) to decide it."
    : "Set organizationId (and organizationPaths, for a condition on the paths) in this rule's configuration to decide it.";
  const pathsOnly = keys.every((k) => /paths$/i.test(k));
  const source =
    principal.kind !== "service" ? SOURCES.principalOrgId : pathsOnly ? SOURCES.sourceOrgPaths : SOURCES.sourceOrgId;
  return `${what}, which the pack does not know. ${assumption} ${option} See ${citeAws(source)}`;
}
