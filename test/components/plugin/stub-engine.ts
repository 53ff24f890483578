/**
 * A loopback stand-in for the Pulumi engine: the Engine service (logs) and a ResourceMonitor that
 * registers resources and answers invokes with the package's `GuardrailsMocks`, as the engine does
 * for the plugin host during `Construct`. Built with the gRPC stubs of the @pulumi/pulumi the host
 * runs with, and the @grpc/grpc-js it resolves (a second copy fails the stubs' instanceof checks).
 */
import type * as grpc from "@grpc/grpc-js";
import type * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import type * as engineGrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import type * as resourceGrpc from "@pulumi/pulumi/proto/resource_grpc_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";
import { testing } from "pulumi-kms-guardrails";
import { pluginProtocol } from "../../../scripts/component-plugin";

/** A resource the plugin registered. */
export interface StubRegistration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string;
  readonly inputs: Record<string, unknown>;
  readonly dependencies: string[];
}

/** A message the plugin logged. */
export interface StubLog {
  /** 0 debug, 1 info, 2 warning, 3 error. */
  readonly severity: number;
  readonly message: string;
  readonly urn: string;
}

type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;
type Callback<Res> = grpc.sendUnaryData<Res>;

/** The engine and monitor, listening on loopback ports. */
export class StubEngine {
  readonly registrations: StubRegistration[] = [];
  readonly logs: StubLog[] = [];
  /**
   * The monitor's answers; replace between Construct calls for another account or mode. `preview` is
   * explicit: this process's own runtime mode is whatever an earlier test's `setMocks` left.
   */
  mocks = new testing.GuardrailsMocks({ preview: false });
  engineAddress = "";
  monitorAddress = "";
  private readonly server: grpc.Server;
  private readonly p = pluginProtocol();
  private readonly struct = this.p.load("google-protobuf/google/protobuf/struct_pb") as typeof structPb;
  private readonly empty = this.p.load("google-protobuf/google/protobuf/empty_pb") as typeof emptyPb;
  private readonly engine = this.p.load("./proto/engine_pb") as typeof enginePb;
  private readonly resource = this.p.load("./proto/resource_pb") as typeof resourcePb;

  constructor() {
    this.server = new this.p.grpc.Server();
    const engineService = (this.p.load("./proto/engine_grpc_pb") as typeof engineGrpc).EngineService;
    const monitorService = (this.p.load("./proto/resource_grpc_pb") as typeof resourceGrpc).ResourceMonitorService;
    const unimplemented = (_call: unknown, callback: Callback<unknown>) =>
      callback({ code: this.p.grpc.status.UNIMPLEMENTED, details: "not in the stub engine" });
    this.server.addService(engineService, {
      log: (call: Call<enginePb.LogRequest>, callback: Callback<emptyPb.Empty>) => {
        const r = call.request;
        this.logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn() });
        callback(null, new this.empty.Empty());
      },
      getRootResource: (_call: unknown, callback: Callback<enginePb.GetRootResourceResponse>) =>
        callback(null, new this.engine.GetRootResourceResponse()),
      setRootResource: (_call: unknown, callback: Callback<enginePb.SetRootResourceResponse>) =>
        callback(null, new this.engine.SetRootResourceResponse()),
      startDebugging: unimplemented,
      requirePulumiVersion: (_call: unknown, callback: Callback<enginePb.RequirePulumiVersionResponse>) =>
        callback(null, new this.engine.RequirePulumiVersionResponse()),
    });
    this.server.addService(monitorService, {
      getDeploymentInfo: unimplemented,
      supportsFeature: (call: Call<resourcePb.SupportsFeatureRequest>, callback: Callback<unknown>) => {
        const response = new this.resource.SupportsFeatureResponse();
        // What a current engine answers for a program of another language; output values off, so
        // unknowns travel as the sentinel string, as in the Construct requests the tests send.
        response.setHassupport(
          ["secrets", "resourceReferences", "aliasSpecs", "deletedWith"].includes(call.request.getId()),
        );
        callback(null, response);
      },
      registerResource: (call: Call<resourcePb.RegisterResourceRequest>, callback: Callback<unknown>) =>
        callback(null, this.register(call.request)),
      registerResourceOutputs: (_call: unknown, callback: Callback<emptyPb.Empty>) =>
        callback(null, new this.empty.Empty()),
      invoke: (call: Call<resourcePb.ResourceInvokeRequest>, callback: Callback<unknown>) => {
        const args = (call.request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
        const result = this.mocks.call({
          token: call.request.getTok(),
          inputs: args,
          provider: call.request.getProvider(),
        });
        const response = new this.resource.ResourceInvokeResponse();
        response.setReturn(this.struct.Struct.fromJavaScript(result as Record<string, structPb.JavaScriptValue>));
        callback(null, response);
      },
      call: unimplemented,
      readResource: unimplemented,
      existsResource: unimplemented,
      registerStackTransform: unimplemented,
      registerStackInvokeTransform: unimplemented,
      registerResourceHook: unimplemented,
      registerErrorHook: unimplemented,
      registerPackage: unimplemented,
      signalAndWaitForShutdown: (_call: unknown, callback: Callback<emptyPb.Empty>) =>
        callback(null, new this.empty.Empty()),
    });
  }

  /** Listens on two loopback ports (one server serves both services; the host dials each address). */
  async start(): Promise<void> {
    const port = await new Promise<number>((resolve, reject) =>
      this.server.bindAsync("127.0.0.1:0", this.p.grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.engineAddress = `127.0.0.1:${port}`;
    this.monitorAddress = this.engineAddress;
  }

  stop(): void {
    this.server.forceShutdown();
  }

  /** Forgets what was registered and logged (between Construct calls). */
  reset(mocks: testing.GuardrailsMocks = new testing.GuardrailsMocks({ preview: false })): void {
    this.registrations.length = 0;
    this.logs.length = 0;
    this.mocks = mocks;
  }

  private register(request: resourcePb.RegisterResourceRequest): resourcePb.RegisterResourceResponse {
    const type = request.getType();
    const name = request.getName();
    const custom = request.getCustom();
    const inputs = (request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>;
    const urn = `urn:pulumi:test::plugin::${type}::${name}`;
    this.registrations.push({
      urn,
      type,
      name,
      custom,
      parent: request.getParent(),
      inputs,
      dependencies: request.getDependenciesList(),
    });
    const response = new this.resource.RegisterResourceResponse();
    response.setUrn(urn);
    if (custom) {
      const result = this.mocks.newResource({ type, name, inputs, custom, provider: request.getProvider() });
      response.setId(result.id ?? "");
      response.setObject(this.struct.Struct.fromJavaScript(result.state as Record<string, structPb.JavaScriptValue>));
    } else {
      response.setObject(new this.struct.Struct());
    }
    return response;
  }
}
