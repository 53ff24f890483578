/**
 * A rule's options, read once per configuration rather than once per key.
 *
 * @pulumi/policy's `getConfig()` (1.21, server.js `makeGetConfigFun`) returns a fresh shallow copy
 * of the rule's configuration on every call; its members are the same values until the next
 * Configure. `readOptions` validates them (each exemption, each account ID) and builds a new object:
 * on every key, for every rule, that repeated the same work. The reader keeps its last answer and
 * the members it came from, and reads again only when a member differs (compared by identity: the
 * server never changes a configuration in place).
 */
import { readOptions, type PackOptions } from "./config";

export function optionsReader(): (raw: unknown) => PackOptions {
  let last: Readonly<Record<string, unknown>> | undefined;
  let lastCount = 0;
  let options: PackOptions = {};
  return (raw) => {
    if (typeof raw !== "object" || raw === null) return readOptions(raw);
    const r = raw as Readonly<Record<string, unknown>>;
    if (last !== undefined && sameMembers(last, lastCount, r)) return options;
    options = readOptions(r);
    last = { ...r };
    lastCount = Object.keys(r).length;
    return options;
  };
}

/** Whether `b` has exactly `a`'s `count` own members, each the same value. Allocates nothing. */
function sameMembers(
  a: Readonly<Record<string, unknown>>,
  count: number,
  b: Readonly<Record<string, unknown>>,
): boolean {
  let seen = 0;
  for (const key in b) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) continue;
    if (!Object.prototype.hasOwnProperty.call(a, key) || a[key] !== b[key]) return false;
    seen++;
  }
  return seen === count;
}
