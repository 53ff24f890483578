/**
 * The key policy subject of one Analyze call, computed once for all resource rules instead of once
 * per rule (the server calls each rule with its own args, over the same memoized properties when
 * server-cache.ts is installed). Found by the properties object each rule is shown (the same proxy
 * for every rule with server-cache.ts installed, so @pulumi/policy's proxy is not asked for its
 * target again), else by the plain object behind it; the URN and type are checked too, in case two
 * resources ever share one properties object. Only the last few subjects are kept
 * (recent-memo.ts): a call's rules run one after another, and no later call asks again.
 */
import { KEY_POLICY_FIELDS } from "../adapters";
import { RecentMemo } from "../recent-memo";
import { keyPolicySubject, type StackResourceInput } from "./build";
import type { KeyPolicySubject } from "./types";
import { rawProps } from "./values";

interface Entry {
  readonly urn: string;
  readonly type: string;
  readonly subject: KeyPolicySubject | undefined;
}

/** Each subject under two keys (the object shown, the plain object): this call's and the last. */
const subjects = new RecentMemo<object, Entry>(4);

function matches(hit: Entry | undefined, input: StackResourceInput): hit is Entry {
  return hit !== undefined && hit.urn === input.urn && hit.type === input.type;
}

export function keyPolicySubjectOf(input: StackResourceInput): KeyPolicySubject | undefined {
  if (!KEY_POLICY_FIELDS.has(input.type)) return undefined;
  const shown: unknown = input.props;
  const shownObject = typeof shown === "object" && shown !== null ? shown : undefined;
  const byShown = shownObject !== undefined ? subjects.get(shownObject) : undefined;
  if (matches(byShown, input)) return byShown.subject;
  const props = rawProps(shown);
  const hit = subjects.get(props);
  if (matches(hit, input)) return hit.subject;
  const entry: Entry = { urn: input.urn, type: input.type, subject: keyPolicySubject(input, props) };
  subjects.set(props, entry);
  if (shownObject !== undefined && shownObject !== props) subjects.set(shownObject, entry);
  return entry.subject;
}
