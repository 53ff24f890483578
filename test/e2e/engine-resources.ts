/**
 * Test resources (test/policypack/harness) as the Pulumi CLI sends them to an analyzer: inputs and
 * outputs alike, property dependencies as URNs, the provider's Region when the resource has one.
 */
import type { WireObject } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import { urnOf, type TestResource } from "../policypack/harness";

/** `r` as an engine resource; `urns` maps the stack's resource names to their URNs. */
export function engineResource(r: TestResource, urns: ReadonlyMap<string, string>): EngineResource {
  const props = JSON.parse(JSON.stringify(r.props)) as WireObject;
  const propertyDependencies: Record<string, string[]> = {};
  for (const [field, names] of Object.entries(r.propertyDependencies ?? {}))
    propertyDependencies[field] = names.map((n) => urns.get(n) ?? n);
  return {
    urn: urnOf(r),
    type: r.type,
    name: r.name,
    custom: true,
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
    inputs: props,
    outputs: props,
    ...(r.providerRegion !== undefined
      ? {
          provider: {
            urn: "urn:pulumi:test::kms::pulumi:providers:aws::default",
            type: "pulumi:providers:aws",
            name: "default",
            properties: { region: r.providerRegion },
          },
        }
      : {}),
  };
}

/** A whole stack of test resources as engine resources. */
export function engineResources(resources: readonly TestResource[]): EngineResource[] {
  const urns = new Map(resources.map((r) => [r.name, urnOf(r)]));
  return resources.map((r) => engineResource(r, urns));
}
