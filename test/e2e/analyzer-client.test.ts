// The analyzer client against real packs started through run-policy-pack, as the Pulumi CLI starts them.
// Each pack start costs about 1-1.5 s, so one tiny and one empty pack serve most tests.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { encodeAnalyze } from "../../components/src/preflight/analyzer-messages";
import { PackError } from "../../components/src/preflight/pack-process";
import { secret, UNKNOWN, type WireObject } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";

const PACKS = path.join(__dirname, "..", "fixtures", "packs");
const STACK = "urn:pulumi:dev::shop::pulumi:pulumi:Stack::shop-dev";

function bucket(name: string, inputs: WireObject, extra: Partial<EngineResource> = {}): EngineResource {
  return {
    urn: `urn:pulumi:dev::shop::test:index:Bucket::${name}`,
    type: "test:index:Bucket",
    name,
    custom: true,
    parent: STACK,
    dependencies: [],
    propertyDependencies: {},
    inputs,
    outputs: inputs,
    ...extra,
  };
}

function bucketPolicy(name: string, bucketUrn: string | undefined): EngineResource {
  const inputs = { bucket: `${name}-bucket-id`, policy: "{}" };
  return {
    urn: `urn:pulumi:dev::shop::test:index:BucketPolicy::${name}`,
    type: "test:index:BucketPolicy",
    name,
    custom: true,
    parent: STACK,
    dependencies: bucketUrn ? [bucketUrn] : [],
    propertyDependencies: bucketUrn ? { bucket: [bucketUrn] } : {},
    inputs,
    outputs: inputs,
  };
}

function isGone(pid: number | undefined): boolean {
  try {
    process.kill(pid ?? -1, 0);
    return false;
  } catch {
    return true;
  }
}

describe("analyzer client over run-policy-pack (e2e)", function () {
  this.timeout(60_000);
  let tiny: AnalyzerClient;
  let empty: AnalyzerClient;

  before(async () => {
    [tiny, empty] = await Promise.all([
      AnalyzerClient.start({ packDir: path.join(PACKS, "tiny") }),
      AnalyzerClient.start({ packDir: path.join(PACKS, "empty") }),
    ]);
  });
  after(async () => {
    await Promise.all([tiny?.close(), empty?.close()]);
  });
  afterEach(async () => {
    // Tests that reconfigure the shared pack put it back to the defaults.
    await tiny.configure({});
  });

  it("GetAnalyzerInfo: name, version from package.json, policies with levels, types and config schema", async () => {
    const info = await tiny.getAnalyzerInfo();
    assert.equal(info.name, "fixture-tiny");
    assert.equal(info.version, "0.0.1");
    assert.equal(info.supportsConfig, true);
    assert.deepEqual(
      info.policies.map((p) => [p.name, p.enforcementLevel, p.policyType]),
      [
        ["tiny-no-public-bucket", "mandatory", "resource"],
        ["tiny-bucket-has-policy", "advisory", "stack"],
      ],
    );
    assert.deepEqual(info.policies[0].configSchema?.properties, {
      forbiddenAcl: { type: "string", default: "public-read" },
    });
    assert.deepEqual((await empty.getAnalyzerInfo()).policies, []);
  });

  it("Configure sends every policy its level and its schema defaults, as the CLI does", async () => {
    const sent = await tiny.configure({});
    assert.deepEqual(sent, {
      "tiny-no-public-bucket": { enforcementLevel: "mandatory", properties: { forbiddenAcl: "public-read" } },
      "tiny-bucket-has-policy": { enforcementLevel: "advisory", properties: {} },
    });
  });

  it("Analyze: a mandatory violation, with an empty urn (the engine fills in the resource)", async () => {
    const { diagnostics } = await tiny.analyze(bucket("site", { acl: "public-read" }));
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(
      { ...diagnostics[0], message: diagnostics[0].message.split("\n") },
      {
        policyName: "tiny-no-public-bucket",
        policyPackName: "fixture-tiny",
        policyPackVersion: "0.0.1",
        description: "Buckets must not use the forbidden ACL.",
        message: ["Buckets must not use the forbidden ACL.", "acl is public-read"],
        enforcementLevel: "mandatory",
        urn: "",
      },
    );
    assert.deepEqual((await tiny.analyze(bucket("logs", { acl: "private" }))).diagnostics, []);
  });

  it("Analyze: an unknown value the policy reads becomes an advisory that names the policy", async () => {
    const { diagnostics } = await tiny.analyze(bucket("site", { acl: UNKNOWN }));
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].enforcementLevel, "advisory");
    assert.match(diagnostics[0].message, /can't run policy 'tiny-no-public-bucket' .* during preview/);
  });

  it("Analyze: a secret reaches the policy as its value", async () => {
    const { diagnostics } = await tiny.analyze(bucket("site", { acl: secret("public-read") }));
    assert.deepEqual(
      diagnostics.map((d) => d.enforcementLevel),
      ["mandatory"],
    );
  });

  it("Configure downgrades a policy to advisory, and `all` applies to every policy", async () => {
    await tiny.configure({ "tiny-no-public-bucket": "advisory" });
    let { diagnostics } = await tiny.analyze(bucket("site", { acl: "public-read" }));
    assert.deepEqual(
      diagnostics.map((d) => d.enforcementLevel),
      ["advisory"],
    );
    const sent = await tiny.configure({ all: "advisory", "tiny-bucket-has-policy": "mandatory" });
    assert.equal(sent["tiny-no-public-bucket"].enforcementLevel, "advisory");
    assert.equal(sent["tiny-bucket-has-policy"].enforcementLevel, "mandatory");
    ({ diagnostics } = await tiny.analyzeStack([bucket("site", { acl: "private" })]));
    assert.deepEqual(
      diagnostics.map((d) => d.enforcementLevel),
      ["mandatory"],
    );
  });

  it("Configure disables a policy", async () => {
    await tiny.configure({ "tiny-no-public-bucket": "disabled" });
    assert.deepEqual((await tiny.analyze(bucket("site", { acl: "public-read" }))).diagnostics, []);
  });

  it("Configure passes a policy's properties", async () => {
    await tiny.configure({ "tiny-no-public-bucket": { enforcementLevel: "mandatory", forbiddenAcl: "private" } });
    assert.equal((await tiny.analyze(bucket("logs", { acl: "private" }))).diagnostics.length, 1);
    assert.equal((await tiny.analyze(bucket("site", { acl: "public-read" }))).diagnostics.length, 0);
  });

  it("Configure rejects a name that is not a policy and a property of the wrong type", async () => {
    await assert.rejects(tiny.configure({ "tiny-no-public-buckets": "advisory" }), /not a policy of pack fixture-tiny/);
    await assert.rejects(
      tiny.configure({ "tiny-no-public-bucket": { forbiddenAcl: 3 } }),
      /"tiny-no-public-bucket": "forbiddenAcl" is 3, not of type string/,
    );
  });

  it("Remediate: at level remediate the pack returns the fixed properties", async () => {
    assert.deepEqual((await tiny.remediate(bucket("site", { acl: "public-read" }))).remediations, []);
    await tiny.configure({ "tiny-no-public-bucket": "remediate" });
    const { remediations } = await tiny.remediate(bucket("site", { acl: "public-read", tags: { team: "web" } }));
    assert.deepEqual(
      remediations.map((r) => [r.policyName, r.properties]),
      [["tiny-no-public-bucket", { acl: "private", tags: { team: "web" } }]],
    );
  });

  it("AnalyzeStack: propertyDependencies link a bucket policy to its bucket; violations name the resource", async () => {
    const covered = bucket("covered", { acl: "private" });
    const orphan = bucket("orphan", { acl: "private" });
    const { diagnostics } = await tiny.analyzeStack([
      covered,
      orphan,
      bucketPolicy("covered-policy", covered.urn),
      bucketPolicy("loose-policy", undefined),
    ]);
    assert.deepEqual(
      diagnostics.map((d) => [d.policyName, d.enforcementLevel, d.urn]),
      [["tiny-bucket-has-policy", "advisory", orphan.urn]],
    );
  });

  it("a policy that throws fails the call with its error; the pack keeps serving", async () => {
    await assert.rejects(tiny.analyze(bucket("throw-in-policy", {})), (e: Error) => {
      assert.equal(e.name, "AnalyzerCallError");
      assert.match(e.message, /fixture-tiny.*a bug in the policy|a bug in the policy/s);
      return true;
    });
    assert.equal((await tiny.analyze(bucket("site", { acl: "public-read" }))).diagnostics.length, 1);
  });

  it("sends one pre-encoded request, byte for byte, to two packs", async () => {
    const request = encodeAnalyze(tiny.protocol, bucket("site", { acl: "public-read" }));
    const [fromTiny, fromEmpty] = await Promise.all([tiny.send(request), empty.send(request)]);
    assert.equal(fromTiny.diagnostics.length, 1);
    assert.deepEqual(fromEmpty, { diagnostics: [], notApplicable: [] });
  });

  describe("packs that fail", () => {
    it("a pack that throws while loading: PackError naming the pack, quoting the error", async () => {
      const packDir = path.join(PACKS, "crash-at-start");
      await assert.rejects(AnalyzerClient.start({ packDir }), (e: PackError) => {
        assert.ok(e instanceof PackError);
        assert.equal(e.packDir, packDir);
        assert.match(e.headline, /^policy pack .*crash-at-start failed to start: exited \(code \d+\) before printing/);
        assert.match(e.headline, /Error: the crash-at-start fixture fails on purpose$/);
        assert.doesNotMatch(e.headline, /\n/);
        return true;
      });
    });

    it("a pack that never prints its port: a timeout, and the process is killed", async () => {
      const started = Date.now();
      await assert.rejects(
        AnalyzerClient.start({ packDir: path.join(PACKS, "hang-at-start"), startTimeoutMs: 2_500 }),
        /hang-at-start failed to start: no port on stdout after 2500 ms \(killed\)/,
      );
      assert.ok(Date.now() - started < 10_000);
    });

    it("a call past its deadline times out; a pack that exits mid-call fails it at once; close() kills", async () => {
      const client = await AnalyzerClient.start({ packDir: path.join(PACKS, "tiny"), callTimeoutMs: 3_000 });
      try {
        await assert.rejects(client.analyze(bucket("slow", {})), /did not answer analyze within 3000 ms/);
        // Noticed as an exit, not as the deadline passing.
        await assert.rejects(client.analyze(bucket("exit-the-pack", {})), (e: PackError) => {
          assert.ok(e instanceof PackError);
          assert.match(e.summary, /tiny (exited \(code 3\)|stopped answering) during analyze/);
          return true;
        });
      } finally {
        await client.close();
      }
      assert.ok(isGone(client.pid));
      await assert.rejects(client.getAnalyzerInfo(), /is closed/);
    });
  });
});
