/**
 * The pack patches @pulumi/policy internals (policypack/server-cache.ts, stack-request-filter.ts,
 * configure-validation.ts, warm-up-schedule.ts) and relies on shapes no public API promises: module
 * objects its server calls through, and analyzer method definitions whose decoders and encoders
 * grpc-js reads when the service is registered. @pulumi/policy is pinned
 * exactly; these tests fail when an upgrade changes a shape a patch relies on, so an upgrade is a
 * deliberate change rather than a silent slowdown. (The installed, bundled pack is checked the same
 * way by policypack.test.ts.)
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as analyzerModule from "@pulumi/pulumi/proto/analyzer_pb";
import * as structModule from "google-protobuf/google/protobuf/struct_pb";
import { policyInternal } from "../../policypack/policy-internals";
import { installDeserializeCache, installProxyCache } from "../../policypack/server-cache";
import { installConfigureValidation } from "../../policypack/configure-validation";
import { installStackRequestFilter } from "../../policypack/stack-request-filter";
import { warmUpAfterConfigureStack } from "../../policypack/warm-up-schedule";
import { policies } from "../../policypack/policies";
import { ROOT, readJson } from "./npm";

type Handler = (call: { request: unknown }, callback: (err: unknown, response: unknown) => void) => Promise<void>;
interface Server {
  makeAnalyzeRpcFun(name: string, version: string, level: string, p: typeof policies): Handler;
  serve(name: string, version: string, level: string, args: { policies: unknown[] }): void;
}
interface DeserializeModule {
  deserializeProperties(struct: unknown, proxySecrets: boolean): unknown;
  __kmsGuardrailsMemo?: true;
}
interface ProxyModule {
  unknownCheckingProxy(target: unknown): unknown;
  __kmsGuardrailsMemo?: true;
}
interface MethodDefinition {
  path: string;
  requestDeserialize: (bytes: Buffer) => unknown;
  responseSerialize: (response: unknown) => Buffer;
  __kmsGuardrailsFilter?: true;
  __kmsGuardrailsConfigure?: true;
  __kmsGuardrailsWarmUp?: true;
}
interface GrpcModule {
  Server: {
    prototype: {
      addService(service: unknown, implementation: unknown): void;
      register(name: string, handler: unknown, serialize: unknown, deserialize: unknown, type: string): boolean;
      bindAsync(...args: unknown[]): void;
    };
  };
}

function required<T>(request: string): T {
  const mod = policyInternal<T>(request);
  assert.ok(mod, `@pulumi/policy no longer resolves ${request}`);
  return mod;
}

function analyzeRequest(): analyzerModule.AnalyzeRequest {
  const request = new analyzerModule.AnalyzeRequest();
  request.setType("aws:kms/key:Key");
  request.setUrn("urn:pulumi:prod::audit::aws:kms/key:Key::k");
  request.setName("k");
  request.setProperties(structModule.Struct.fromJavaScript({ policy: '{"Version":"2012-10-17","Statement":[]}' }));
  request.setOptions(new analyzerModule.AnalyzerResourceOptions());
  return request;
}

describe("packaging: the @pulumi/policy internals the pack patches", () => {
  it("@pulumi/policy is pinned exactly, to the version installed and locked", () => {
    const manifest = readJson<{ dependencies: Record<string, string> }>(path.join(ROOT, "policypack", "package.json"));
    const pinned = manifest.dependencies["@pulumi/policy"];
    assert.match(pinned, /^\d+\.\d+\.\d+$/, "policypack/package.json must pin @pulumi/policy to one version");
    const installed = readJson<{ version: string }>(require.resolve("@pulumi/policy/package.json")).version;
    assert.equal(installed.replace(/^v/, ""), pinned);
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    assert.equal(lock.packages["node_modules/@pulumi/policy"]?.version, pinned);
  });

  it("the patches install on the module objects @pulumi/policy's own require returns", () => {
    assert.equal(installDeserializeCache(), true, "deserialize.js no longer exports deserializeProperties");
    assert.equal(installProxyCache(), true, "proxy.js no longer exports unknownCheckingProxy");
    assert.equal(installStackRequestFilter(), true, "AnalyzerService.analyzeStack has no requestDeserialize");
    assert.equal(installConfigureValidation(), true, "AnalyzerService.configure has no requestDeserialize");
    assert.equal(
      warmUpAfterConfigureStack([], () => undefined),
      true,
      "AnalyzerService.configureStack has no responseSerialize",
    );
    assert.equal(required<DeserializeModule>("./deserialize").__kmsGuardrailsMemo, true);
    assert.equal(required<ProxyModule>("./proxy").__kmsGuardrailsMemo, true);
    const grpcPb = required<{ AnalyzerService: { analyzeStack: MethodDefinition } }>(
      "@pulumi/pulumi/proto/analyzer_grpc_pb",
    );
    assert.equal(grpcPb.AnalyzerService.analyzeStack.__kmsGuardrailsFilter, true);
  });

  it("the server calls deserializeProperties and unknownCheckingProxy through those module objects", async () => {
    installDeserializeCache();
    installProxyCache();
    const deserialize = required<DeserializeModule>("./deserialize");
    const proxy = required<ProxyModule>("./proxy");
    const [patchedDeserialize, patchedProxy] = [deserialize.deserializeProperties, proxy.unknownCheckingProxy];
    const calls = { deserialize: 0, proxy: 0 };
    deserialize.deserializeProperties = (struct, proxySecrets) => {
      calls.deserialize++;
      return patchedDeserialize(struct, proxySecrets);
    };
    proxy.unknownCheckingProxy = (target) => {
      calls.proxy++;
      return patchedProxy(target);
    };
    try {
      const server = required<Server>("./server");
      const handler = server.makeAnalyzeRpcFun("kms-guardrails", "0.0.0", "mandatory", policies);
      await new Promise((resolve, reject) => {
        void handler({ request: analyzeRequest() }, (err, response) =>
          err ? reject(err as Error) : resolve(response),
        );
      });
    } finally {
      deserialize.deserializeProperties = patchedDeserialize;
      proxy.unknownCheckingProxy = patchedProxy;
    }
    assert.ok(calls.deserialize > 0, "server.js no longer calls deserializeProperties through its module");
    assert.ok(calls.proxy > 0, "server.js no longer calls unknownCheckingProxy through its module");
  });

  it("the server registers the AnalyzerService definition the patches changed, reading them at registration", () => {
    installStackRequestFilter();
    installConfigureValidation();
    assert.equal(
      warmUpAfterConfigureStack([], () => undefined),
      true,
    );
    const grpc = required<GrpcModule>("@grpc/grpc-js");
    const grpcPb = required<{ AnalyzerService: Record<string, MethodDefinition> }>(
      "@pulumi/pulumi/proto/analyzer_grpc_pb",
    );
    const { addService, register, bindAsync } = grpc.Server.prototype;
    const stop = new Error("stop before listening");
    let registered: Record<string, MethodDefinition> | undefined;
    const coders = new Map<string, { serialize: unknown; deserialize: unknown }>();
    grpc.Server.prototype.addService = function (this: unknown, service, implementation) {
      registered = service as Record<string, MethodDefinition>;
      addService.call(this, service, implementation);
    };
    grpc.Server.prototype.register = (name, _handler, serialize, deserialize) => {
      coders.set(name, { serialize, deserialize });
      return true;
    };
    grpc.Server.prototype.bindAsync = () => {
      throw stop;
    };
    try {
      // Once per process: the server refuses a second pack (it exits).
      assert.throws(
        () => required<Server>("./server").serve("kms-guardrails-probe", "0.0.0", "advisory", { policies: [] }),
        stop,
      );
    } finally {
      Object.assign(grpc.Server.prototype, { addService, register, bindAsync });
    }
    assert.equal(
      registered,
      grpcPb.AnalyzerService,
      "the server no longer registers analyzer_grpc_pb's AnalyzerService",
    );
    const service = grpcPb.AnalyzerService;
    assert.equal(service.analyzeStack.__kmsGuardrailsFilter, true);
    assert.equal(service.configure.__kmsGuardrailsConfigure, true);
    assert.equal(service.configureStack.__kmsGuardrailsWarmUp, true);
    // grpc-js takes each method's decoder and encoder when the service is added: patched before.
    assert.equal(coders.get(service.analyzeStack.path)?.deserialize, service.analyzeStack.requestDeserialize);
    assert.equal(coders.get(service.configure.path)?.deserialize, service.configure.requestDeserialize);
    assert.equal(coders.get(service.configureStack.path)?.serialize, service.configureStack.responseSerialize);
  });
});
