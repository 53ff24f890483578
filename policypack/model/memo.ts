/**
 * One StackModel per AnalyzeStack call, shared by all stack rules.
 *
 * @pulumi/policy's server (server.js `makeAnalyzeStackRpcFun`) builds a fresh `args.resources`
 * array, with freshly deserialized properties, for every stack policy, so array identity cannot
 * tell two calls apart. What can: the plain property objects behind the proxies. With
 * server-cache.ts installed (as the pack's entry point does), every policy of one call sees the
 * same objects, and a new call sees new ones; without it, the identity check fails and the model is
 * rebuilt, which is correct, only slower. Only modeled resources are compared: nothing else can
 * change the model.
 */
import { isModeled, type StackResourceInput } from "./build";
import { StackModel } from "./stack";
import { rawProps } from "./values";

interface Entry {
  readonly identity: readonly unknown[];
  readonly model: StackModel;
}

let last: Entry | undefined;

function identityOf(resources: readonly StackResourceInput[]): unknown[] {
  const identity: unknown[] = [];
  for (const r of resources) {
    if (!isModeled(r.type)) continue;
    identity.push(r.urn, rawProps(r.props));
  }
  return identity;
}

function sameIdentity(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function stackModelFor(resources: readonly StackResourceInput[]): StackModel {
  const identity = identityOf(resources);
  if (last !== undefined && sameIdentity(last.identity, identity)) return last.model;
  const model = StackModel.fromResources(resources);
  last = { identity, model };
  return model;
}
