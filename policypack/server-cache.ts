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
import { recordSource } from "./model/secrets";
import { policyInternal } from "./policy-internals";

type Deserialize = (struct: unknown, proxySecrets: boolean) => unknown;

interface Patchable {
  deserializeProperties?: Deserialize;
  __kmsGuardrailsMemo?: true;
}

export function installDeserializeCache(): boolean {
  const mod = policyInternal<Patchable>("./deserialize");
  const original = mod?.deserializeProperties;
  if (mod === undefined || typeof original !== "function") return false;
  if (mod.__kmsGuardrailsMemo === true) return true;
  const memo = new WeakMap<object, unknown>();
  mod.deserializeProperties = (struct: unknown, proxySecrets: boolean): unknown => {
    if (proxySecrets || typeof struct !== "object" || struct === null) return original(struct, proxySecrets);
    let value = memo.get(struct);
    if (value === undefined) {
      value = original(struct, proxySecrets);
      memo.set(struct, value);
      // Secrets are unwrapped above; model/secrets.ts finds them again in the Struct when asked.
      recordSource(value, struct);
    }
    return value;
  };
  mod.__kmsGuardrailsMemo = true;
  return true;
}

type MakeProxy = (target: unknown) => unknown;

interface PatchableProxy {
  unknownCheckingProxy?: MakeProxy;
  __kmsGuardrailsMemo?: true;
}

/**
 * One unknown-checking proxy per deserialized object, not one per policy: the server wraps the
 * same (memoized) properties again for each policy, and for each resource's provider. The proxy
 * keeps no state beyond its target (proxy.js `proxyHelper` with an empty path), so sharing it is
 * safe; it only saves an allocation per resource and policy.
 */
export function installProxyCache(): boolean {
  const mod = policyInternal<PatchableProxy>("./proxy");
  const original = mod?.unknownCheckingProxy;
  if (mod === undefined || typeof original !== "function") return false;
  if (mod.__kmsGuardrailsMemo === true) return true;
  const memo = new WeakMap<object, unknown>();
  mod.unknownCheckingProxy = (target: unknown): unknown => {
    if (typeof target !== "object" || target === null) return original(target);
    let proxy = memo.get(target);
    if (proxy === undefined) {
      proxy = original(target);
      memo.set(target, proxy);
    }
    return proxy;
  };
  mod.__kmsGuardrailsMemo = true;
  return true;
}
