/**
 * The resources of one AnalyzeStack request, handed to the stack rules past @pulumi/policy's
 * per-policy copy of them.
 *
 * @pulumi/policy's server (1.21, server.js `makeAnalyzeStackRpcFun`) builds, for each of the 13
 * stack policies, a resource object for every resource of the request (options, provider, property
 * dependencies, a proxy, two closures, a URN map), although the rules share one model built from
 * the first (memo.ts). At 10,000 resources that copying, and the garbage it leaves, cost more than
 * all the rules together. So the request-decoding hook (stack-request-filter.ts) converts the
 * resources the rules read once, registers them here under the properties of the one resource it
 * leaves in the request, and every stack policy, shown that one resource, gets the whole list back.
 *
 * Keyed by that resource's deserialized properties (the same object every policy of the request
 * sees, with the deserialize cache installed), so two requests never mix and an entry dies with its
 * request.
 */
import type { StackResourceInput } from "./build";
import { rawProps } from "./values";

const handedOver = new WeakMap<object, readonly StackResourceInput[]>();

export function handOver(anchorProps: object, resources: readonly StackResourceInput[]): void {
  handedOver.set(anchorProps, resources);
}

/** The request's resources when `resources` is the one resource left standing for them; else `undefined`. */
export function handedOverResources(
  resources: readonly StackResourceInput[],
): readonly StackResourceInput[] | undefined {
  if (resources.length !== 1) return undefined;
  return handedOver.get(rawProps(resources[0].props));
}
