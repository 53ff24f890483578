// The real policy pack, compiled, over the analyzer protocol: what `pulumi preview --policy-pack
// policypack` would start. Needs `npm run build -w components` and the pack's own build first.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { UNKNOWN } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import { policies } from "../../policypack/policies";
import { PACK_DIR, startPack } from "./start-pack";

const ACCOUNT = "111122223333";
const PUBLIC_RULE = "kms-no-unconditioned-public-principal";

function key(name: string, policy: string): EngineResource {
  const inputs = { description: `${name} key`, enableKeyRotation: true, policy };
  return {
    urn: `urn:pulumi:dev::shop::aws:kms/key:Key::${name}`,
    type: "aws:kms/key:Key",
    name,
    custom: true,
    parent: "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev",
    dependencies: [],
    propertyDependencies: {},
    inputs,
    outputs: { ...inputs, arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${name}` },
  };
}

const PUBLIC_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: "kms:*",
      Resource: "*",
    },
    { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
  ],
});

describe("the policy pack over the analyzer protocol (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient;

  before(async () => {
    pack = await startPack();
  });
  after(async () => {
    await pack?.close();
  });
  afterEach(async () => {
    await pack?.configure({});
  });

  it("starts from compiled JavaScript and describes itself from package.json", async () => {
    const info = await pack.getAnalyzerInfo();
    const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as { version: string };
    assert.equal(info.name, "kms-guardrails");
    assert.equal(info.version, manifest.version);
    assert.ok(info.policies.length > 0);
    for (const policy of info.policies) assert.ok(policy.description, `${policy.name} has a description`);
    assert.ok(info.policies.some((p) => p.name === PUBLIC_RULE));
  });

  it("the compiled pack has the same policies as the source (bin/ is not stale)", async () => {
    const info = await pack.getAnalyzerInfo();
    assert.deepEqual(
      info.policies.map((p) => [p.name, p.enforcementLevel]).sort(),
      policies.map((p) => [p.name, p.enforcementLevel ?? "mandatory"]).sort(),
    );
  });

  it("accepts its own schema defaults and `all` in Configure", async () => {
    await pack.configure({});
    const sent = await pack.configure({ all: "advisory" });
    assert.ok(Object.values(sent).every((c) => c.enforcementLevel === "advisory"));
  });

  it("Analyze: Principal * without a condition is a mandatory violation; Configure downgrades or disables it", async () => {
    const levels = async (): Promise<string[]> =>
      (await pack.analyze(key("public", PUBLIC_POLICY))).diagnostics
        .filter((d) => d.policyName === PUBLIC_RULE)
        .map((d) => d.enforcementLevel);
    assert.deepEqual(await levels(), ["mandatory"]);
    await pack.configure({ [PUBLIC_RULE]: "advisory" });
    assert.deepEqual(await levels(), ["advisory"]);
    await pack.configure({ [PUBLIC_RULE]: "disabled" });
    assert.deepEqual(await levels(), []);
  });

  it("Analyze: a key policy not known yet (preview) is never a mandatory violation", async () => {
    const { diagnostics } = await pack.analyze(key("pending", UNKNOWN));
    assert.deepEqual(
      diagnostics.filter((d) => d.enforcementLevel === "mandatory"),
      [],
    );
  });

  it("AnalyzeStack answers for a stack with the key in it", async () => {
    const { diagnostics } = await pack.analyzeStack([key("public", PUBLIC_POLICY)]);
    for (const d of diagnostics) assert.equal(d.policyPackName, "kms-guardrails");
  });
});
