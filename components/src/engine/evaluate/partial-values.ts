/**
 * Values known only in part during a Pulumi preview: `arn:aws:cloudtrail:us-east-1:<account>:trail/audit`
 * when the account is not known yet. The Pulumi unknown sentinel marks each unknown part (a hole);
 * a hole stands for any string. A comparison with such a value is decided only when it comes out the
 * same for every value the holes could take:
 *  - `false` when no filling of the holes can satisfy the policy value (a known part already differs:
 *    `trail/audit` against `trail/other`);
 *  - `true` when every filling does (a `*` of the policy value covers each hole);
 *  - `"unknown"` otherwise, never a guess.
 * Policy values may hold holes too (a policy interpolating an output): such a hole may be anything,
 * so it can make a match possible but never certain.
 *
 * Inside an ARN, a hole stands for one component (account, Region, resource name), which holds no
 * colon: the catalog builds partial ARNs that way.
 */
import { PULUMI_UNKNOWN_SENTINEL, type Tri } from "../types";

/** A character, `?` (one character), `*` (any run), or a hole (a part not known yet). */
type Token = string | typeof ONE | typeof STAR | typeof HOLE;
const ONE = 1;
const STAR = 2;
const HOLE = 3;

/** Whether a request or policy string carries a part that is not known yet. */
export function isPartial(value: string): boolean {
  return value.includes(PULUMI_UNKNOWN_SENTINEL);
}

/** The value as a user reads it: each unknown part shown as `<not known yet>`. */
export function showPartial(value: string): string {
  return value.split(PULUMI_UNKNOWN_SENTINEL).join("<not known yet>");
}

function tokens(s: string, wildcards: boolean, ignoreCase: boolean): Token[] {
  const out: Token[] = [];
  s.split(PULUMI_UNKNOWN_SENTINEL).forEach((part, i) => {
    if (i > 0) out.push(HOLE);
    for (const c of ignoreCase ? part.toLowerCase() : part) {
      out.push(wildcards && c === "*" ? STAR : wildcards && c === "?" ? ONE : c);
    }
  });
  return out;
}

/** Some string is in both: the policy pattern `p` (holes as `*`) and the request value `v` (holes as any run). */
function intersects(p: readonly Token[], v: readonly Token[]): boolean {
  const width = v.length + 1;
  const seen = new Uint8Array((p.length + 1) * width);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const at = i * width + j;
    if (seen[at] === 0) {
      seen[at] = 1;
      stack.push(at);
    }
  };
  while (stack.length > 0) {
    const at = stack.pop() as number;
    const i = Math.floor(at / width);
    const j = at % width;
    if (i === p.length && j === v.length) return true;
    const a = p[i];
    const b = v[j];
    // Past the end, p[i] / v[j] is undefined: neither a run nor a hole.
    const aRun = a === STAR || a === HOLE;
    if (aRun) push(i + 1, j);
    if (b === HOLE) push(i, j + 1);
    if (i < p.length && j < v.length) {
      // One character both can produce: two literal characters must be equal.
      if (typeof a === "string" && typeof b === "string" && a !== b) continue;
      // A run against a hole stays where it is: push ignores the state already seen.
      push(aRun ? i : i + 1, b === HOLE ? j : j + 1);
    }
  }
  return false;
}

/**
 * Every filling of `v`'s holes matches `p` (sufficient test): each hole is covered by a `*` of the
 * policy value; a `?` or a literal character never covers a hole, a policy hole covers nothing.
 */
function covers(p: readonly Token[], v: readonly Token[]): boolean {
  let row = new Uint8Array(v.length + 1);
  row[0] = 1;
  for (const a of p) {
    const next = new Uint8Array(v.length + 1);
    if (a === STAR) {
      let any = 0;
      for (let j = 0; j <= v.length; j++) {
        any |= row[j];
        next[j] = any;
      }
    } else {
      // A policy hole covers nothing: a hole's `a === b` is never true against a character or a hole.
      for (let j = 1; j <= v.length; j++) {
        const b = v[j - 1];
        next[j] = row[j - 1] & (b !== HOLE && (a === ONE || a === b) ? 1 : 0);
      }
    }
    row = next;
  }
  return row[v.length] === 1;
}

function decide(p: readonly Token[], v: readonly Token[]): Tri {
  if (!intersects(p, v)) return false;
  return covers(p, v) ? true : "unknown";
}

/** A String operator's positive comparison of policy value `raw` with a request value; either may be partial. */
export function partialString(raw: string, value: string, like: boolean, ignoreCase: boolean): Tri {
  return decide(tokens(raw, like, ignoreCase), tokens(value, false, ignoreCase));
}

/** The six colon-separated parts of an ARN; the sixth keeps the rest, colons included. */
export function arnParts(s: string): string[] | undefined {
  const parts = s.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

/** An Arn operator's positive comparison (each of the six parts matched on its own, `*` and `?` allowed). */
export function partialArn(raw: string, value: string): Tri {
  const policy = arnParts(raw);
  if (policy === undefined) return isPartial(raw) ? "unknown" : false;
  const request = arnParts(value);
  // A value that does not split into six parts may still become an ARN once its holes are filled.
  if (request === undefined) return isPartial(value) ? "unknown" : false;
  let result: Tri = true;
  for (let i = 0; i < 6; i++) {
    const r = partialString(policy[i], request[i], true, false);
    if (r === false) return false;
    if (r === "unknown") result = "unknown";
  }
  return result;
}
