/**
 * A role session's `aws:PrincipalArn`. IAM User Guide, "AWS global condition context keys"
 * (aws:PrincipalArn): "For IAM roles, the request context returns the ARN of the role", and a role's
 * ARN carries its path (`arn:aws:iam::111122223333:role/ops/Admin`); the session ARN
 * (`arn:aws:sts::111122223333:assumed-role/Admin/session`) names the role without it ("IAM
 * identifiers"). So the value is `HEAD + PATH + NAME`, with `PATH` unknown: empty, or `seg/.../`.
 *
 * A String or Arn clause on the key is decided when its answer is the same for every path: some
 * policy value matches every candidate (a `*` that can absorb the path), or no value matches any.
 * Otherwise it depends on the path, and the clause is unknown unless the request gives the role ARN.
 * The path is treated as a value not known yet (a hole, partial-values.ts), which may be any text: a
 * pattern that matches every real path but not every text stays unknown, never guessed.
 */
import { partialArn, partialString } from "./partial-values";
import { PULUMI_UNKNOWN_SENTINEL } from "../types";

/** The parts of the role's ARN the session ARN tells: `arn:PART:iam::ACCT:role/` and the name. */
export interface PathlessRole {
  readonly head: string;
  readonly name: string;
}

/**
 * Whether a String or Arn clause's answer for the session depends on the role's path: no policy
 * value matches every candidate, and some value matches some. Other operator families compare
 * what a path does not change.
 */
export function dependsOnRolePath(
  values: readonly string[],
  family: string,
  like: boolean,
  ignoreCase: boolean,
  role: PathlessRole,
): boolean {
  if (family !== "String" && family !== "Arn") return false;
  // The path is a part not known: the same question as a value known in part (partial-values.ts).
  const candidates = `${role.head}${PULUMI_UNKNOWN_SENTINEL}${role.name}`;
  let some = false;
  for (const raw of values) {
    // A variable could stand for anything, the path included.
    const r = raw.includes("${")
      ? "unknown"
      : family === "Arn"
        ? partialArn(raw, candidates)
        : partialString(raw, candidates, like, ignoreCase);
    if (r === true) return false;
    if (r === "unknown") some = true;
  }
  return some;
}
