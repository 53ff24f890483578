/**
 * `Resource` / `NotResource` matching for a key policy. In a key policy `"Resource": "*"` means "this
 * KMS key"; an ARN pattern is matched against the key's ARN with `*` and `?` (case-sensitive, as IAM
 * matches resource ARNs) after policy variables in its resource part are substituted. When the request names no key, any
 * pattern that can denote a KMS key matches: the policy is attached to the key being asked about.
 */
import { parseArn } from "../arn";
import {
  matchPieces,
  parseResourceTemplate,
  resolveTemplate,
  type ContextLookup,
  type Template,
} from "./policy-variables";
import { isPartial, partialString } from "./partial-values";
import { triNot, triSome } from "./tri";
import { PULUMI_UNKNOWN_SENTINEL, type Tri } from "../types";
import { hasWildcard, wildcardMatch } from "../wildcard";
import { wildcardTester, type Tester } from "./wildcard-tester";

type ResourceEntry =
  | { readonly kind: "any" }
  | { readonly kind: "unknown" }
  | {
      readonly kind: "pattern";
      readonly raw: string;
      readonly test: Tester;
      readonly template: Template | undefined;
      readonly keyArnPattern: boolean;
    };

export interface CompiledResources {
  readonly entries: readonly ResourceEntry[];
  readonly negated: boolean;
}

/** Whether a pattern can denote a KMS key ARN (`arn:aws:kms:REGION:ACCT:key/ID`, wildcards allowed). */
function isKeyArnPattern(pattern: string): boolean {
  const arn = parseArn(pattern);
  if (arn === undefined || !wildcardMatch(arn.service, "kms", true)) return false;
  const head = arn.resource.split("/")[0];
  return head === "key" || arn.resource.startsWith("*") || (hasWildcard(head) && wildcardMatch(head, "key"));
}

export function compileResources(list: readonly string[], negated: boolean, variables: boolean): CompiledResources {
  const entries = list.map((raw): ResourceEntry => {
    const s = String(raw);
    if (s.includes(PULUMI_UNKNOWN_SENTINEL)) return { kind: "unknown" };
    if (s === "*") return { kind: "any" };
    return {
      kind: "pattern",
      raw: s,
      test: wildcardTester(s),
      keyArnPattern: isKeyArnPattern(s),
      template: variables ? parseResourceTemplate(s) : undefined,
    };
  });
  return { entries, negated };
}

export function matchResources(resources: CompiledResources, resource: string | undefined, lookup: ContextLookup): Tri {
  // A key ARN known in part (its account or id not known yet) is matched on its known parts.
  const partial = resource !== undefined && isPartial(resource);
  const listed = triSome(resources.entries, (entry): Tri => {
    if (entry.kind === "any") return true;
    if (entry.kind === "unknown") return "unknown";
    if (partial) return entry.template === undefined ? partialString(entry.raw, resource, true, false) : "unknown";
    if (resource === undefined) return entry.keyArnPattern;
    if (entry.template === undefined) return entry.test(resource);
    const resolved = resolveTemplate(entry.template, lookup);
    if (resolved.kind === "unknown") return "unknown";
    // An unresolvable variable makes the pattern match nothing.
    return resolved.kind === "resolved" && matchPieces(resolved.pieces, resource);
  });
  return resources.negated ? triNot(listed) : listed;
}
