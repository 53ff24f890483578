/**
 * The key policy subject of one Analyze call, computed once for all resource rules instead of once
 * per rule (the server calls each rule with its own args, over the same memoized properties when
 * server-cache.ts is installed). Keyed by the plain properties object, so it dies with the request;
 * the URN and type are checked too, in case two resources ever share one properties object.
 */
import { KEY_POLICY_FIELDS } from "../adapters";
import { keyPolicySubject, type StackResourceInput } from "./build";
import type { KeyPolicySubject } from "./types";
import { rawProps } from "./values";

interface Entry {
  readonly urn: string;
  readonly type: string;
  readonly subject: KeyPolicySubject | undefined;
}

const subjects = new WeakMap<object, Entry>();

export function keyPolicySubjectOf(input: StackResourceInput): KeyPolicySubject | undefined {
  if (!KEY_POLICY_FIELDS.has(input.type)) return undefined;
  const props = rawProps(input.props);
  const hit = subjects.get(props);
  if (hit !== undefined && hit.urn === input.urn && hit.type === input.type) return hit.subject;
  const subject = keyPolicySubject(input, props);
  subjects.set(props, { urn: input.urn, type: input.type, subject });
  return subject;
}
