/**
 * policypack/stack-request-filter.ts narrows each AnalyzeStack request to the resources the stack
 * rules read and hands those over to the rules, leaving one in the request. Through @pulumi/policy's
 * own handler, the changed request must give exactly the findings the whole one does, including
 * where a modeled resource depends on one that is not; and so must the narrowed request alone,
 * which is what a pack without the deserialize cache gets.
 */
import { strict as assert } from "node:assert";
import * as structModule from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerModule from "@pulumi/pulumi/proto/analyzer_pb";
import * as deserializeModule from "@pulumi/policy/deserialize";
import * as serverModule from "@pulumi/policy/server";
import { handedOverResources } from "../../policypack/model/handover";
import { policies } from "../../policypack/policies";
import { installDeserializeCache, installProxyCache } from "../../policypack/server-cache";
import { narrowStackRequestBytes } from "../../policypack/stack-request-bytes";
import { narrowStackRequest, resourcesForStackRules } from "../../policypack/stack-request-filter";
import { urnOf, type TestResource } from "./harness";
import * as aws from "./fixtures/aws";
import * as stacks from "./fixtures/stacks";

type Handler = (call: { request: unknown }, callback: (err: unknown, response: unknown) => void) => Promise<void>;
const server = serverModule as unknown as {
  makeAnalyzeStackRpcFun(name: string, version: string, level: string, p: typeof policies): Handler;
};

function encode(resources: readonly TestResource[]): Uint8Array {
  const urnByName = new Map(resources.map((r) => [r.name, urnOf(r)]));
  const request = new analyzerModule.AnalyzeStackRequest();
  request.setResourcesList(
    resources.map((r) => {
      const resource = new analyzerModule.AnalyzerResource();
      resource.setType(r.type);
      resource.setUrn(urnOf(r));
      resource.setName(r.name);
      const props = JSON.parse(JSON.stringify(r.props)) as Record<string, structModule.JavaScriptValue>;
      resource.setProperties(structModule.Struct.fromJavaScript(props));
      resource.setOptions(new analyzerModule.AnalyzerResourceOptions());
      for (const [field, names] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new analyzerModule.AnalyzerPropertyDependencies();
        deps.setUrnsList(names.map((n) => urnByName.get(n) ?? n));
        resource.getPropertydependenciesMap().set(field, deps);
      }
      return resource;
    }),
  );
  return request.serializeBinary();
}

async function findings(request: analyzerModule.AnalyzeStackRequest): Promise<string[]> {
  const handler = server.makeAnalyzeStackRpcFun("kms-guardrails", "0.1.0", "mandatory", policies);
  const response = await new Promise<analyzerModule.AnalyzeResponse>((resolve, reject) => {
    void handler({ request }, (err, r) => (err ? reject(err as Error) : resolve(r as analyzerModule.AnalyzeResponse)));
  });
  return response
    .getDiagnosticsList()
    .map((d) => `${d.getPolicyname()} ${d.getEnforcementlevel()} ${d.getUrn()}\n${d.getMessage()}`)
    .sort();
}

/** Resources no rule reads, one of which a trail's key depends on. */
const unrelated: TestResource[] = [
  { type: "aws:iam/role:Role", name: "app-role", props: { name: "app-role", assumeRolePolicy: "{}" } },
  { type: "aws:lambda/function:Function", name: "app", props: { name: "app", runtime: "nodejs20.x" } },
  { type: "aws:kms/externalKey:ExternalKey", name: "imported", props: { description: "imported key material" } },
];
/** No key value, only a dependency on the external key: cloudtrail-trail-encrypted must wait, not report. */
const trailOnExternalKey: TestResource = {
  ...aws.trail("external", {}),
  propertyDependencies: { kmsKeyId: ["imported"] },
};

describe("policy pack: the AnalyzeStack request narrowed to what the stack rules read", () => {
  before(() => {
    assert.equal(installDeserializeCache(), true);
    assert.equal(installProxyCache(), true);
  });

  const resources = [...unrelated, ...stacks.noncompliant(), ...stacks.auditBaseline(), trailOnExternalKey];
  const decode = (bytes: Uint8Array): analyzerModule.AnalyzeStackRequest =>
    analyzerModule.AnalyzeStackRequest.deserializeBinary(bytes);

  it("hands the rules the resources they read, leaves one in the request, gives the same findings", async () => {
    const bytes = encode(resources);
    const expected = await findings(decode(bytes));
    assert.ok(expected.length > 0);
    assert.ok(!expected.some((f) => f.includes("::external\n")), "the trail on the external key waits");
    const changed = narrowStackRequest(decode(bytes));
    const left = changed.getResourcesList();
    assert.equal(left.length, 1);
    const shown = { type: left[0].getType(), urn: left[0].getUrn(), name: left[0].getName(), props: {} };
    const anchorProps = (
      deserializeModule as unknown as { deserializeProperties(s: unknown, p: boolean): unknown }
    ).deserializeProperties(left[0].getProperties(), false);
    const given = handedOverResources([{ ...shown, props: anchorProps }]) ?? [];
    const names = given.map((r) => r.name);
    assert.ok(names.length > 1 && names.length < resources.length, names.join(", "));
    assert.ok(names.includes("imported"), "a resource a modeled one depends on is kept");
    assert.ok(!names.includes("app-role") && !names.includes("app"));
    assert.equal(handedOverResources([shown]), undefined, "other properties find nothing");
    assert.deepEqual(await findings(changed), expected);
  });

  it("without the deserialize cache, only narrows the request, with the same findings", async () => {
    const mod = deserializeModule as unknown as { __kmsGuardrailsMemo?: true };
    const bytes = encode(resources);
    const expected = await findings(decode(bytes));
    mod.__kmsGuardrailsMemo = undefined;
    let narrowed: analyzerModule.AnalyzeStackRequest;
    try {
      narrowed = narrowStackRequest(decode(bytes));
    } finally {
      mod.__kmsGuardrailsMemo = true;
    }
    const kept = narrowed.getResourcesList().map((r) => r.getName());
    assert.ok(kept.length > 1 && kept.length < resources.length, kept.join(", "));
    assert.ok(kept.includes("imported"));
    assert.deepEqual(await findings(narrowed), expected);
  });

  it("a resource the deserializer rejects: no hand-over, and the call fails the way it does without it", async () => {
    const broken: TestResource = {
      ...aws.trail("broken", {}),
      props: { name: "broken", kmsKeyId: { "4dabf18193072939515e22adb298388d": "not-a-signature" } },
    };
    const bytes = encode([...stacks.auditBaseline(), broken]);
    const changed = narrowStackRequest(decode(bytes));
    assert.ok(changed.getResourcesList().length > 1, "the request is only narrowed");
    await assert.rejects(findings(changed), /Unrecognized signature/);
    await assert.rejects(findings(decode(bytes)), /Unrecognized signature/);
  });

  it("cuts on the bytes, before decoding, exactly the resources narrowing the decoded request drops", async () => {
    const bytes = encode(resources);
    const cut = narrowStackRequestBytes(bytes);
    assert.ok(cut.length < bytes.length);
    const expected = resourcesForStackRules(decode(bytes).getResourcesList()).map((r) => r.serializeBinary());
    assert.deepEqual(
      decode(cut)
        .getResourcesList()
        .map((r) => r.serializeBinary()),
      expected,
    );
    assert.deepEqual(await findings(narrowStackRequest(decode(cut))), await findings(decode(bytes)));
  });

  it("keeps the bytes as they are when every resource is needed, or when they are not what it expects", () => {
    const needed = encode(stacks.auditBaseline());
    assert.equal(narrowStackRequestBytes(needed), needed);
    const truncated = encode(resources).subarray(0, 100);
    assert.equal(narrowStackRequestBytes(truncated), truncated);
    // Field 1 as a group (wire type 3): not an AnalyzerResource this reader knows.
    const group = Uint8Array.from([0x0b, 0x0c]);
    assert.equal(narrowStackRequestBytes(group), group);
  });
});
