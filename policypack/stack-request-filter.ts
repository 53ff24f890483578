/**
 * Show the stack policies only the resources they can read, converted once.
 *
 * @pulumi/policy's server (1.21, server.js `makeAnalyzeStackRpcFun`) builds, for every stack policy,
 * a resource object for every resource of the request (options, provider, property dependencies,
 * a proxy, two closures): with 13 stack policies a 10,000-resource AnalyzeStack builds 130,000 of
 * them, about 0.05 s per policy per 10,000 resources measured here, which alone put the pack at
 * 1.6x an empty pack (issue 6 targets 1.25x).
 *
 * The pack's stack rules read only resources whose type has an adapter (model/build.ts ignores the
 * rest), and of those only the URNs their property dependencies name. So each AnalyzeStack request
 * is narrowed, right after the gRPC server decodes it, to the modeled resources plus every resource
 * they depend on (`resourcesForStackRules`), and those are converted here, once, the way the server
 * would (same deserializer, property dependencies resolved against the resources kept), and handed
 * over to the rules (model/handover.ts); the request keeps only the first of them, so the server
 * builds one resource object per policy instead of thousands. Most of the decoding is avoided too:
 * the resources no rule reads are cut from the request's bytes before the server decodes them
 * (stack-request-bytes.ts).
 *
 * The hook is the analyzer service definition's `requestDeserialize`, which the server reads when
 * the PolicyPack registers the service: install before constructing it, after the deserialize cache
 * (without it the rules could not find what was handed over, so nothing is: the request is only
 * narrowed). Only requests that arrive over gRPC are changed; tests that call the handlers directly
 * use `narrowStackRequest`. If the definition ever changes shape, nothing is patched and the pack is
 * merely slower.
 */
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { isModeled, type StackResourceInput } from "./model/build";
import { handOver } from "./model/handover";
import { analyzerMethod, policyInternal } from "./policy-internals";
import { narrowStackRequestBytes } from "./stack-request-bytes";

type ResourceLike = Pick<analyzerPb.AnalyzerResource, "getType" | "getUrn" | "getPropertydependenciesMap">;

/** The modeled resources, and every resource a modeled resource's property depends on, in request order. */
export function resourcesForStackRules<R extends ResourceLike>(all: readonly R[]): R[] {
  const needed = new Set<string>();
  for (const r of all) {
    if (!isModeled(r.getType())) continue;
    needed.add(r.getUrn());
    r.getPropertydependenciesMap().forEach((deps) => {
      for (const urn of deps.getUrnsList()) needed.add(urn);
    });
  }
  return all.filter((r) => needed.has(r.getUrn()));
}

interface DeserializeModule {
  deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
  __kmsGuardrailsMemo?: true;
}

/** @pulumi/policy's deserializer, patched in place by server-cache.ts: the server calls the same one. */
const deserializer = policyInternal<DeserializeModule>("./deserialize") ?? {
  deserializeProperties: () => undefined,
};

/** A resource as the server would show it to a stack policy, with only what the model reads. */
function stackInput(r: analyzerPb.AnalyzerResource, kept: ReadonlySet<string>): StackResourceInput {
  const propertyDependencies: Record<string, { urn: string }[]> = {};
  r.getPropertydependenciesMap().forEach((deps, field) => {
    // The server resolves each URN against the resources of the request, dropping the others.
    propertyDependencies[field] = deps
      .getUrnsList()
      .filter((urn) => kept.has(urn))
      .map((urn) => ({ urn }));
  });
  const provider = r.getProvider();
  return {
    type: r.getType(),
    urn: r.getUrn(),
    name: r.getName(),
    props: deserializer.deserializeProperties(r.getProperties(), false),
    propertyDependencies,
    ...(provider ? { provider: { props: deserializer.deserializeProperties(provider.getProperties(), false) } } : {}),
  };
}

export function narrowStackRequest(request: analyzerPb.AnalyzeStackRequest): analyzerPb.AnalyzeStackRequest {
  const kept = resourcesForStackRules(request.getResourcesList());
  const anchor = kept.length > 0 && deserializer.__kmsGuardrailsMemo === true ? kept[0] : undefined;
  let anchorProps: unknown;
  try {
    anchorProps = anchor && deserializer.deserializeProperties(anchor.getProperties(), false);
  } catch {
    anchorProps = undefined;
  }
  if (anchor === undefined || typeof anchorProps !== "object" || anchorProps === null) {
    request.setResourcesList(kept);
    return request;
  }
  let inputs: StackResourceInput[];
  try {
    const urns = new Set(kept.map((r) => r.getUrn()));
    inputs = kept.map((r) => stackInput(r, urns));
  } catch {
    // Decoding hooks must not throw: the server then meets the same value in its own handler,
    // where a failure becomes the call's error message, as it does without the hand-over.
    request.setResourcesList(kept);
    return request;
  }
  handOver(anchorProps, inputs);
  request.setResourcesList([anchor]);
  return request;
}

type Deserialize = (bytes: Buffer) => analyzerPb.AnalyzeStackRequest;

interface PatchableMethod {
  requestDeserialize?: Deserialize;
  __kmsGuardrailsFilter?: true;
}

export function installStackRequestFilter(): boolean {
  const method = analyzerMethod<PatchableMethod>("analyzeStack");
  const original = method?.requestDeserialize;
  if (method === undefined || typeof original !== "function") return false;
  if (method.__kmsGuardrailsFilter === true) return true;
  // The bytes of resources no rule reads are cut before decoding (stack-request-bytes.ts); what is
  // decoded is then narrowed and handed over as before.
  method.requestDeserialize = (bytes) => {
    const narrowed = narrowStackRequestBytes(bytes);
    // A Buffer over the same memory (the server's decoder is typed for one); no copy.
    const buffer = Buffer.isBuffer(narrowed)
      ? narrowed
      : Buffer.from(narrowed.buffer, narrowed.byteOffset, narrowed.length);
    return narrowStackRequest(original(buffer));
  };
  method.__kmsGuardrailsFilter = true;
  return true;
}
