/**
 * Construct over gRPC, as the engine sends it for a Python, Go, .NET or YAML program: inputs as a
 * Struct (unknowns as the sentinel string), the dependencies of each input, the monitor to register
 * children with, the program's parent stack, and dryRun for a preview.
 */
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import { pluginProtocol, type PluginHost } from "../../../scripts/component-plugin";
import type { StubEngine } from "./stub-engine";

export const STACK_URN = "urn:pulumi:test::plugin::pulumi:pulumi:Stack::plugin-test";

export interface ConstructParams {
  /** `AuditKey`, `EncryptedTrail`, ... */
  readonly component: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** URNs each input depends on (an input from another resource's output). */
  readonly inputDependencies?: Record<string, string[]>;
  readonly dryRun?: boolean;
}

export interface ConstructResult {
  readonly urn: string;
  readonly state: Record<string, unknown>;
}

/** Sends one Construct; rejects with the host's error message. */
export function construct(host: PluginHost, engine: StubEngine, p: ConstructParams): Promise<ConstructResult> {
  const protocol = pluginProtocol();
  const struct = protocol.load("google-protobuf/google/protobuf/struct_pb") as typeof structPb;
  const request = new protocol.provider.ConstructRequest();
  request.setProject("plugin");
  request.setStack("test");
  request.setDryrun(p.dryRun ?? false);
  request.setParallel(16);
  request.setMonitorendpoint(engine.monitorAddress);
  request.setType(`pulumi-kms-guardrails:index:${p.component}`);
  request.setName(p.name);
  request.setParent(STACK_URN);
  request.setInputs(struct.Struct.fromJavaScript(p.inputs as Record<string, structPb.JavaScriptValue>));
  for (const [key, urns] of Object.entries(p.inputDependencies ?? {})) {
    const deps = new protocol.provider.ConstructRequest.PropertyDependencies();
    deps.setUrnsList(urns);
    request.getInputdependenciesMap().set(key, deps);
  }
  return new Promise((resolve, reject) => {
    host.client.construct(request, (error, response) => {
      if (error !== null) reject(new Error(error.details || error.message));
      else
        resolve({
          urn: response.getUrn(),
          state: (response.getState()?.toJavaScript() ?? {}) as Record<string, unknown>,
        });
    });
  });
}
