/**
 * Sids for the statements a fix adds: unique in the policy, because PutKeyPolicy (and the parser's
 * `duplicate-sid`) rejects a policy that repeats one.
 */
import type { KeyPolicy } from "pulumi-kms-guardrails/engine";

export class SidAllocator {
  private readonly taken = new Set<string>();

  constructor(policy: KeyPolicy) {
    for (const s of policy.statements) if (s.sid !== undefined) this.taken.add(s.sid);
  }

  /** `base`, or `base (2)`, `base (3)` ... when the policy already has it. */
  next(base: string): string {
    let sid = base;
    for (let n = 2; this.taken.has(sid); n++) sid = `${base} (${n})`;
    this.taken.add(sid);
    return sid;
  }
}
