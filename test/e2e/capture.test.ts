// Capturing a program's resources in-process under mocks, as the engine would see them.
import { strict as assert } from "node:assert";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { captureProgram, ProgramError, type Capture } from "../../components/src/preflight/capture";
import { NotAPulumiProgramError } from "../../components/src/preflight/program";
import { secret, UNKNOWN } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";

const PROGRAMS = path.join(__dirname, "..", "fixtures", "programs");
const TINY = path.join(PROGRAMS, "tiny");
const PREFIX = "urn:pulumi:preflight::fixture-tiny::";
const STACK_URN = `${PREFIX}pulumi:pulumi:Stack::fixture-tiny-preflight`;
const LOGS_URN = `${PREFIX}pulumi:pulumi:Stack$test:index:Bucket::logs`;

/** A provider that computes an ARN for every resource, as AWS would. */
const mocks: pulumi.runtime.Mocks = {
  newResource: (args) => ({ id: `${args.name}-id`, state: { ...args.inputs, arn: `arn:test:${args.name}` } }),
  call: (args) => args.inputs,
};

function byName(capture: Capture, name: string): EngineResource {
  const found = capture.resources.find((r) => r.name === name);
  assert.ok(found, `no resource named ${name}`);
  return found;
}

describe("capturing a program under mocks (e2e)", function () {
  this.timeout(30_000);
  let update: Capture;
  let preview: Capture;

  before(async () => {
    const config = { "test:region": "r1" };
    update = await captureProgram({ programDir: TINY, mode: "update", mocks, config });
    preview = await captureProgram({ programDir: TINY, mode: "preview", mocks, config });
  });

  it("registers the stack, the component, the default provider and the resources, in order", () => {
    assert.deepEqual(
      update.resources.map((r) => [r.type, r.name, r.custom]),
      [
        ["pulumi:pulumi:Stack", "fixture-tiny-preflight", false],
        ["test:index:Site", "site", false],
        ["pulumi:providers:test", "default", true],
        ["test:index:Bucket", "logs", true],
        ["test:index:Bucket", "site-content", true],
        ["test:index:BucketPolicy", "logs-policy", true],
      ],
    );
    assert.equal(update.project, "fixture-tiny");
    assert.equal(update.stack, "preflight");
  });

  it("records URNs, parents and options as the engine gets them", () => {
    const content = byName(update, "site-content");
    assert.equal(content.urn, `${PREFIX}test:index:Site$test:index:Bucket::site-content`);
    assert.equal(content.parent, `${PREFIX}pulumi:pulumi:Stack$test:index:Site::site`);
    assert.equal(content.options?.protect, true);
    assert.equal(byName(update, "logs").parent, STACK_URN);
    assert.equal(byName(update, "fixture-tiny-preflight").parent, undefined);
  });

  it("gives custom resources the default provider, configured from the stack config", () => {
    const provider = byName(update, "default");
    assert.deepEqual(byName(update, "logs").provider, {
      urn: provider.urn,
      type: "pulumi:providers:test",
      name: "default",
      properties: { region: "r1" },
    });
    assert.equal(byName(update, "site").provider, undefined);
  });

  it("update: inputs and outputs are known; secrets stay wrapped; dependencies per property", () => {
    const logs = byName(update, "logs");
    assert.deepEqual(logs.inputs, { acl: secret("private") });
    assert.deepEqual(logs.outputs, { acl: secret("private"), arn: "arn:test:logs" });
    const policy = byName(update, "logs-policy");
    assert.deepEqual(policy.inputs, { bucket: "logs-id", policy: '{"Resource":"arn:test:logs/*"}' });
    assert.deepEqual(policy.dependencies, [LOGS_URN]);
    assert.deepEqual(policy.propertyDependencies.bucket, [LOGS_URN]);
    assert.deepEqual(policy.propertyDependencies.policy, [LOGS_URN]);
  });

  it("update: component and stack outputs come from registerOutputs", () => {
    assert.deepEqual(byName(update, "site").outputs, { bucketArn: "arn:test:site-content" });
    assert.deepEqual(byName(update, "fixture-tiny-preflight").outputs, {
      siteBucketUrn: `${PREFIX}test:index:Site$test:index:Bucket::site-content`,
    });
  });

  it("preview: what is computed at creation is unknown, in outputs and in inputs built from it", () => {
    assert.deepEqual(byName(preview, "logs").outputs, { acl: secret("private"), arn: UNKNOWN });
    assert.deepEqual(byName(preview, "logs-policy").inputs, { bucket: UNKNOWN, policy: UNKNOWN });
    assert.deepEqual(byName(preview, "site-content").inputs, { acl: "public-read" });
    assert.deepEqual(byName(preview, "logs-policy").propertyDependencies.bucket, [LOGS_URN]);
    assert.deepEqual(
      preview.resources.map((r) => r.urn),
      update.resources.map((r) => r.urn),
    );
  });

  it("runs the program afresh on every capture", async () => {
    const again = await captureProgram({ programDir: TINY, mode: "update", mocks, config: { "test:region": "r1" } });
    assert.deepEqual(again.resources, update.resources);
  });

  it("a program that throws is a ProgramError with the program's message", async () => {
    await assert.rejects(
      captureProgram({ programDir: path.join(PROGRAMS, "throws"), mode: "update", mocks }),
      (e: ProgramError) => {
        assert.ok(e instanceof ProgramError);
        assert.match(e.message, /throws failed: the throws fixture fails on purpose$/);
        return true;
      },
    );
  });

  it("a folder without Pulumi.yaml is not a program", async () => {
    await assert.rejects(
      captureProgram({ programDir: path.join(__dirname, "..", "fixtures", "packs", "tiny"), mode: "update", mocks }),
      (e: Error) => e instanceof NotAPulumiProgramError && /is not a Pulumi program: no Pulumi\.yaml/.test(e.message),
    );
  });
});
