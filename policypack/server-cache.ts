/**
 * Deserialize each resource's properties once per request, not once per policy.
 *
 * @pulumi/policy's server (1.21, server.js) calls `deserializeProperties(r.getProperties())` for
 * every resource *inside* its loop over policies: with 13 stack policies, a 10,000-resource
 * AnalyzeStack request is decoded 13 times (about 0.1-0.3 s each, measured here), which alone
 * would make the pack several times slower than an empty one (issue 6 targets 1.25x). The
 * protobuf `Struct` of a resource is the same object on every call within one request (jspb caches
 * wrapper fields), so a WeakMap memo keyed by it returns the same plain object to every policy, and
 * lets memo.ts recognize one request across stack policies. Entries die with the request.
 *
 * Only the analyze path (`proxySecrets === false`) is memoized: remediation wraps values for
 * writing, and the pack never remediates. Policies only read properties, so sharing is safe. If
 * the module's shape ever changes, nothing is patched and the pack is merely slower.
 */
// The module's own object (it sets __esModule, so the namespace import is not a copy): patched in place.
import * as deserializeModule from "@pulumi/policy/deserialize";

type Deserialize = (struct: unknown, proxySecrets: boolean) => unknown;

interface Patchable {
  deserializeProperties?: Deserialize;
  __kmsGuardrailsMemo?: true;
}

export function installDeserializeCache(): boolean {
  const mod = deserializeModule as unknown as Patchable;
  const original = mod.deserializeProperties;
  if (typeof original !== "function") return false;
  if (mod.__kmsGuardrailsMemo === true) return true;
  const memo = new WeakMap<object, unknown>();
  mod.deserializeProperties = (struct: unknown, proxySecrets: boolean): unknown => {
    if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
    let value = memo.get(struct);
    if (value === undefined) {
      value = original(struct, proxySecrets);
      memo.set(struct, value);
    }
    return value;
  };
  mod.__kmsGuardrailsMemo = true;
  return true;
}
