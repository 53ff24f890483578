/**
 * Per-resource exemptions, auditable: every rule's configuration may list resources it does not
 * block, each with a reason and an expiry date, optionally a ticket.
 *
 * ```json
 * { "cloudtrail-key-allows-describe": { "exemptions": [
 *   { "resource": "missing-describe", "reason": "legacy key, replaced in SEC-1234", "expires": "2027-03-31" } ] } }
 * ```
 *
 * `resource` is a URN, a resource name (the URN's last part), or a URN pattern where `*` stands for
 * any characters. Before `expires` (UTC) a matching finding is still reported, as advisory, its
 * message starting "Exempt until 2027-03-31 (legacy key, replaced in SEC-1234): "; on and after
 * that date it takes the rule's level again and says the exemption expired. Pure functions: the
 * date is a parameter, the pack passes today's.
 *
 * One implementation for both sides: the policy pack applies exemptions to its findings and rejects
 * an invalid one in Configure; the preflight validates them before the pack starts analyzing and
 * lists the ones that match no resource of the program.
 */

export interface Exemption {
  readonly resource: string;
  readonly reason: string;
  /** `YYYY-MM-DD`: the first day the finding blocks again. */
  readonly expires: string;
  readonly ticket?: string;
}

const DATE = /^([0-9]{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

/** The part of JSON Schema the exemptions option uses (assignable to @pulumi/policy's config schema). */
export interface ExemptionsJsonSchema {
  type?: "array" | "object" | "string";
  description?: string;
  items?: ExemptionsJsonSchema;
  required?: string[];
  additionalProperties?: boolean;
  properties?: Record<string, ExemptionsJsonSchema>;
  minLength?: number;
  pattern?: string;
}

/**
 * The `exemptions` option of every rule's configSchema, so the Pulumi CLI (and the preflight)
 * reject a malformed one before the pack runs. A JSON-schema pattern cannot tell 2027-02-30 from a
 * real date: `exemptionErrors` does, and the pack applies it in Configure.
 */
export const EXEMPTIONS_SCHEMA: ExemptionsJsonSchema = {
  type: "array",
  description:
    'Resources this rule reports as advisory until a date: { "resource": URN, name or URN pattern with *, "reason": why (required), "expires": "YYYY-MM-DD" (required; from that day the rule blocks again), "ticket": optional }.',
  items: {
    type: "object",
    required: ["resource", "reason", "expires"],
    additionalProperties: false,
    properties: {
      resource: { type: "string", minLength: 1, description: "A URN, a resource name, or a URN pattern with *." },
      reason: { type: "string", minLength: 1, pattern: "\\S", description: "Why the resource is exempt." },
      expires: {
        type: "string",
        pattern: DATE.source,
        description: "YYYY-MM-DD: the first day the rule blocks again.",
      },
      ticket: { type: "string", minLength: 1, description: "The ticket that tracks the exemption." },
    },
  },
};

function isRealDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const KNOWN = new Set(["resource", "reason", "expires", "ticket"]);

/**
 * What is wrong with a rule's `exemptions` value, one sentence each; none when it is valid or absent.
 * `where` names the value in the sentences (the pack: `policy config "<rule>": exemptions`).
 */
export function exemptionErrors(where: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return [`${where} must be a list`];
  const errors: string[] = [];
  raw.forEach((e: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof e !== "object" || e === null || Array.isArray(e)) {
      errors.push(`${at} must be an object with resource, reason and expires`);
      return;
    }
    const x = e as Record<string, unknown>;
    if (typeof x.resource !== "string" || x.resource === "")
      errors.push(`${at}.resource must be a URN, a name or a URN pattern`);
    if (typeof x.reason !== "string" || x.reason.trim() === "")
      errors.push(`${at}.reason is required: say why the resource is exempt`);
    if (typeof x.expires !== "string") errors.push(`${at}.expires is required (YYYY-MM-DD)`);
    else if (!isRealDate(x.expires)) errors.push(`${at}.expires "${x.expires}" is not a date (YYYY-MM-DD)`);
    if (x.ticket !== undefined && (typeof x.ticket !== "string" || x.ticket === ""))
      errors.push(`${at}.ticket must be a non-empty string`);
    for (const k of Object.keys(x)) if (!KNOWN.has(k)) errors.push(`${at} has an unknown field "${k}"`);
  });
  return errors;
}

/** Why `all` cannot have exemptions, as the pack and the preflight say it. */
export const ALL_CANNOT_EXEMPT = "cannot have exemptions: list them under the rule they exempt from";

/** The errors of a whole pack configuration (`all` cannot exempt: an exemption names its rule). */
export function configExemptionErrors(config: Readonly<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  for (const [name, entry] of Object.entries(config)) {
    if (typeof entry !== "object" || entry === null || !("exemptions" in entry)) continue;
    const raw = (entry as Record<string, unknown>).exemptions;
    if (name === "all") errors.push(`policy config "all" ${ALL_CANNOT_EXEMPT}`);
    else errors.push(...exemptionErrors(`policy config "${name}": exemptions`, raw));
  }
  return errors;
}

/** The valid exemptions of a rule's `exemptions` value (an invalid config is rejected in Configure). */
export function readExemptions(raw: unknown): Exemption[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((e: unknown): e is Exemption => exemptionErrors("", [e]).length === 0);
}

/** The resource name of a URN: its last `::` part. */
function nameOf(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i < 0 ? urn : urn.slice(i + 2);
}

function patternMatches(pattern: string, text: string): boolean {
  const parts = pattern.split("*");
  if (!text.startsWith(parts[0])) return false;
  let at = parts[0].length;
  for (let i = 1; i < parts.length - 1; i++) {
    const found = text.indexOf(parts[i], at);
    if (found < 0) return false;
    at = found + parts[i].length;
  }
  const last = parts[parts.length - 1];
  return text.length - last.length >= at && text.endsWith(last);
}

/** Whether the exemption names the resource: its URN, its name, or a URN pattern with `*`. */
export function exemptionMatches(e: Exemption, urn: string): boolean {
  if (e.resource.includes("*")) return patternMatches(e.resource, urn);
  return e.resource === urn || (!e.resource.startsWith("urn:") && e.resource === nameOf(urn));
}

/** Live until the day before `expires`; dates compare as text (both YYYY-MM-DD). */
export const isLive = (e: Exemption, today: string): boolean => today < e.expires;

/** Today in UTC, YYYY-MM-DD: what the pack compares expiry dates with. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The exemption that applies to a resource: a live one (the latest expiry) before an expired one (the latest). */
export function exemptionFor(exemptions: readonly Exemption[], urn: string, today: string): Exemption | undefined {
  let best: Exemption | undefined;
  for (const e of exemptions) {
    if (!exemptionMatches(e, urn)) continue;
    if (best === undefined) best = e;
    else if (isLive(e, today) !== isLive(best, today)) best = isLive(e, today) ? e : best;
    else if (e.expires > best.expires) best = e;
  }
  return best;
}

function why(e: Exemption): string {
  return e.ticket !== undefined ? `${e.reason}; ticket ${e.ticket}` : e.reason;
}

/** The message of an exempted finding. */
export function exemptMessage(e: Exemption, message: string, today: string): string {
  return isLive(e, today)
    ? `Exempt until ${e.expires} (${why(e)}): ${message}`
    : `Exemption expired on ${e.expires} (${why(e)}), so this blocks again: ${message}`;
}

/** The exemptions of each rule that match none of the URNs (a typo, or a resource since removed). */
export function unmatchedExemptions(
  config: Readonly<Record<string, unknown>>,
  urns: readonly string[],
): { readonly rule: string; readonly exemption: Exemption }[] {
  const out: { rule: string; exemption: Exemption }[] = [];
  for (const [rule, entry] of Object.entries(config)) {
    if (rule === "all" || typeof entry !== "object" || entry === null) continue;
    for (const e of readExemptions((entry as Record<string, unknown>).exemptions)) {
      if (!urns.some((urn) => exemptionMatches(e, urn))) out.push({ rule, exemption: e });
    }
  }
  return out;
}
