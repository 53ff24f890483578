/**
 * The pack's policies through @pulumi/policy's own Analyze and AnalyzeStack handlers (server.js
 * `makeAnalyzeRpcFun` / `makeAnalyzeStackRpcFun`) with real protobuf requests: per-violation
 * advisory levels survive the wire, and with policypack/server-cache.ts installed the stack model is
 * built once per request however many stack policies read it.
 */
import { strict as assert } from "node:assert";
import * as structModule from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerModule from "@pulumi/pulumi/proto/analyzer_pb";
import * as serverModule from "@pulumi/policy/server";
import { policies } from "../../policypack/policies";
import { installDeserializeCache } from "../../policypack/server-cache";
import { StackModel } from "../../policypack/model/stack";
import { urnOf, type TestResource } from "./harness";
import * as stacks from "./fixtures/stacks";

type Handler = (call: { request: unknown }, callback: (err: unknown, response: unknown) => void) => Promise<void>;
const server = serverModule as unknown as {
  makeAnalyzeRpcFun(name: string, version: string, level: string, p: typeof policies): Handler;
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, p: typeof policies): Handler;
};
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];

interface Diagnostic {
  readonly policy: string;
  readonly level: string;
  readonly urn: string;
}

function props(r: TestResource): structModule.Struct {
  return structModule.Struct.fromJavaScript(
    JSON.parse(JSON.stringify(r.props)) as Record<string, structModule.JavaScriptValue>,
  );
}

function stackRequest(resources: readonly TestResource[]): analyzerModule.AnalyzeStackRequest {
  const urnByName = new Map(resources.map((r) => [r.name, urnOf(r)]));
  const request = new analyzerModule.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const resource = new analyzerModule.AnalyzerResource();
      resource.setType(r.type);
      resource.setUrn(urnOf(r));
      resource.setName(r.name);
      resource.setProperties(props(r));
      resource.setOptions(new analyzerModule.AnalyzerResourceOptions());
      for (const [field, names] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new analyzerModule.AnalyzerPropertyDependencies();
        deps.setUrnsList(names.map((n) => urnByName.get(n) ?? n));
        resource.getPropertydependenciesMap().set(field, deps);
      }
      return resource;
    }),
  );
  // Round-trip through bytes, as a request arrives over gRPC.
  return analyzerModule.AnalyzeStackRequest.deserializeBinary(request.serializeBinary());
}

async function call(handler: Handler, request: unknown): Promise<Diagnostic[]> {
  const response = await new Promise<analyzerModule.AnalyzeResponse>((resolve, reject) => {
    void handler({ request }, (err, r) => (err ? reject(err as Error) : resolve(r as analyzerModule.AnalyzeResponse)));
  });
  return response
    .getDiagnosticsList()
    .map((d) => ({ policy: d.getPolicyname(), level: LEVELS[d.getEnforcementlevel()], urn: d.getUrn() }));
}

describe("policy pack: through @pulumi/policy's server handlers", () => {
  it("AnalyzeStack: levels and URNs on the wire, one model per request", async () => {
    assert.equal(installDeserializeCache(), true);
    const original = StackModel.fromResources;
    let builds = 0;
    StackModel.fromResources = (r) => {
      builds++;
      return original(r);
    };
    try {
      const handler = server.makeAnalyzeStackRpcFun("kms-guardrails", "0.1.0", "mandatory", policies);
      const diagnostics = await call(handler, stackRequest(stacks.noncompliant()));
      const summary = [
        ...new Set(diagnostics.map((d) => `${d.policy} ${d.level} ${d.urn.split("::").pop() ?? ""}`)),
      ].sort();
      assert.ok(summary.includes("kms-service-principal-source-condition advisory trail-key"), summary.join("\n"));
      assert.ok(summary.includes("kms-service-principal-source-condition mandatory trail-key"), summary.join("\n"));
      assert.ok(summary.includes("cloudtrail-trail-encrypted mandatory unencrypted"), summary.join("\n"));
      assert.equal(builds, 1, "the stack model is shared by every stack policy of one request");
      await call(handler, stackRequest(stacks.noncompliant()));
      assert.equal(builds, 2, "a new request builds a new model");
    } finally {
      StackModel.fromResources = original;
    }
  });

  it("Analyze: a resource policy's advisory finding stays advisory on the wire", async () => {
    const handler = server.makeAnalyzeRpcFun("kms-guardrails", "0.1.0", "mandatory", policies);
    const [key] = stacks.noncompliant();
    const request = new analyzerModule.AnalyzeRequest();
    request.setType(key.type);
    request.setUrn(urnOf(key));
    request.setName(key.name);
    request.setProperties(props(key));
    request.setOptions(new analyzerModule.AnalyzerResourceOptions());
    const diagnostics = await call(handler, request);
    assert.deepEqual(
      diagnostics.map((d) => `${d.policy} ${d.level}`),
      ["kms-encryption-context-on-unsupported-action mandatory"],
    );
  });
});
