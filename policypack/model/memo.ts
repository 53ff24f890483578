/**
 * One StackModel per AnalyzeStack call, shared by all stack rules.
 *
 * @pulumi/policy's server (server.js `makeAnalyzeStackRpcFun`) builds a fresh `args.resources`
 * array for every stack policy, so array identity cannot tell two calls apart. What can: the
 * property objects of the modeled resources (nothing else can change the model). With
 * server-cache.ts installed (as the pack's entry point does), every policy of one call sees the same
 * proxies over the same plain objects, and a new call sees new ones; without it, the proxies differ
 * and the plain objects behind them are compared, and without the deserialize cache those differ
 * too and the model is rebuilt, which is correct, only slower.
 *
 * The model is held weakly, by the first modeled resource's plain properties, so it dies with the
 * request instead of living on (with every decision the rules made) until the next one.
 */
import { isModeled, type StackResourceInput } from "./build";
import { handedOverResources } from "./handover";
import { StackModel } from "./stack";
import { rawProps } from "./values";

interface Entry {
  readonly urns: readonly string[];
  /** `props` as the policy that built the model saw them (proxies, or plain objects in tests). */
  readonly props: readonly unknown[];
  readonly model: StackModel;
}

const byFirstProps = new WeakMap<object, Entry>();
/** A stack without modeled resources: its (empty) model is rebuilt each time, at no cost. */
const NO_KEY = {};

function modeled(resources: readonly StackResourceInput[]): StackResourceInput[] {
  return resources.filter((r) => isModeled(r.type));
}

function sameResources(entry: Entry, resources: readonly StackResourceInput[]): boolean {
  if (entry.urns.length !== resources.length) return false;
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    if (entry.urns[i] !== r.urn) return false;
    // The cheap check first: the same proxy object. Else the plain object behind both proxies.
    if (entry.props[i] !== r.props && rawProps(entry.props[i]) !== rawProps(r.props)) return false;
  }
  return true;
}

export function stackModelFor(shown: readonly StackResourceInput[]): StackModel {
  const resources = handedOverResources(shown) ?? shown;
  const relevant = modeled(resources);
  const key = relevant.length > 0 ? rawProps(relevant[0].props) : NO_KEY;
  const entry = byFirstProps.get(key);
  if (entry !== undefined && sameResources(entry, relevant)) return entry.model;
  const model = StackModel.fromResources(resources);
  byFirstProps.set(key, { urns: relevant.map((r) => r.urn), props: relevant.map((r) => r.props), model });
  return model;
}
