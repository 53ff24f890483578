/**
 * The components package as other languages use it: started as the Pulumi CLI starts a Node.js
 * plugin, its inferred schema checked against the committed golden schema, and every component
 * constructed over gRPC against a loopback engine, as for a Python, Go, .NET or YAML program.
 * The host is started once: its schema inference takes several seconds.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { planKeyPolicy, testing, type ResolvedKeyIntegration } from "pulumi-kms-guardrails";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import {
  COMPONENTS_DIR,
  GOLDEN_SCHEMA,
  getSchema,
  pluginProtocol,
  startPluginHost,
  type PluginHost,
} from "../../../scripts/component-plugin";
import { ACCOUNT, ADMIN, READER, REGION, assertPolicyHolds } from "../helpers";
import { construct, STACK_URN } from "./construct";
import { schemaDifferences } from "./schema-diff";
import { StubEngine, type StubRegistration } from "./stub-engine";

const CONTEXT = { account: ACCOUNT, region: REGION, partition: "aws" };
const TOKEN = "pulumi-kms-guardrails:index:";

function plans(...integrations: ResolvedKeyIntegration[]) {
  return planKeyPolicy(CONTEXT, integrations);
}

describe("components as a Pulumi plugin (Python, Go, .NET, YAML)", function () {
  this.timeout(240_000);
  let engine: StubEngine;
  let host: PluginHost;
  let schema: Record<string, unknown>;

  before(async () => {
    engine = new StubEngine();
    await engine.start();
    host = await startPluginHost(engine.engineAddress);
    schema = await getSchema(host);
  });
  after(() => {
    host?.stop();
    engine?.stop();
  });

  /** The one registration of `type` (and `name`), failing with what was registered. */
  function registered(type: string, name?: string): StubRegistration {
    const found = engine.registrations.filter((r) => r.type === type && (name === undefined || r.name === name));
    assert.equal(
      found.length,
      1,
      `${type} ${name ?? ""}: ${engine.registrations.map((r) => `${r.type}::${r.name}`).join(", ")}`,
    );
    return found[0];
  }

  function warnings(label: string): string[] {
    return engine.logs.filter((l) => l.severity >= 2 && l.message.includes(label)).map((l) => l.message);
  }

  it("runs with the @pulumi/pulumi version the package pins exactly (the analyzer is an internal)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(COMPONENTS_DIR, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    assert.equal(
      pkg.devDependencies["@pulumi/pulumi"],
      pluginProtocol().version,
      "components/package.json pins @pulumi/pulumi exactly to the installed version: the schema is inferred by " +
        "its internal analyzer. Bump both, then `npm run generate:schema` and review the schema diff.",
    );
  });

  it("GetSchema equals the committed golden schema", () => {
    const golden = JSON.parse(fs.readFileSync(GOLDEN_SCHEMA, "utf8")) as unknown;
    const differences = schemaDifferences(golden, schema);
    assert.deepEqual(
      differences,
      [],
      `the inferred component schema differs from ${path.relative(process.cwd(), GOLDEN_SCHEMA)} ` +
        `(${differences.length} paths). If the change is intended (component arguments or outputs, or a new ` +
        "@pulumi/pulumi analyzer), run `npm run build && npm run generate:schema` and commit the schema; " +
        "generated SDKs of other languages change with it.",
    );
  });

  it("AuditKey: the key and alias under the component, the rendered policy as an output", async () => {
    engine.reset();
    const result = await construct(host, engine, {
      component: "AuditKey",
      name: "audit",
      inputs: {
        administrators: [ADMIN],
        alias: "audit",
        cloudTrail: { trails: ["audit"], logReaders: [READER] },
        config: { mode: "service-linked-role" },
      },
    });
    assert.equal(result.urn, `urn:pulumi:test::plugin::${TOKEN}AuditKey::audit`);
    assert.equal(registered(`${TOKEN}AuditKey`).parent, STACK_URN);
    const key = registered("aws:kms/key:Key", "audit");
    assert.equal(key.parent, result.urn);
    assert.equal(registered("aws:kms/alias:Alias").inputs.name, "alias/audit");
    assert.equal(key.inputs.policy, result.state.policy);
    assert.match(String(result.state.arn), /^arn:aws:kms:us-east-1:123456789012:key\//);
    assertPolicyHolds(
      String(result.state.policy),
      plans(
        { kind: "key-administrators", principals: [ADMIN] },
        { kind: "cloudtrail-trail", trails: ["audit"], logReaders: [READER] },
        { kind: "config-service-linked-role" },
      ),
    );
  });

  it("EncryptedTrail: its key, bucket and trail, the key policy naming the trail", async () => {
    engine.reset();
    const result = await construct(host, engine, {
      component: "EncryptedTrail",
      name: "org",
      inputs: { logReaders: [READER], cloudWatchLogs: { retentionInDays: 90 }, keyArgs: { administrators: [ADMIN] } },
    });
    const trailArn = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org`;
    assert.equal(registered(`${TOKEN}AuditKey`, "org-key").parent, result.urn);
    const trail = registered("aws:cloudtrail/trail:Trail");
    assert.equal(trail.parent, result.urn);
    assert.equal(trail.inputs.kmsKeyId, result.state.keyArn);
    assert.equal(trail.inputs.name, "org");
    assert.equal(registered("aws:cloudwatch/logGroup:LogGroup").inputs.retentionInDays, 90);
    assert.equal(result.state.trailArn, trailArn);
    assert.equal(result.state.bucketName, registered("aws:s3/bucket:Bucket").inputs.bucket ?? result.state.bucketName);
    assert.equal(registered("aws:kms/key:Key").inputs.policy, result.state.keyPolicy);
    assertPolicyHolds(
      String(result.state.keyPolicy),
      plans(
        { kind: "key-administrators", principals: [ADMIN] },
        { kind: "cloudtrail-trail", trails: [trailArn], logReaders: [READER], serviceDecrypt: true },
      ),
    );
  });

  it("EncryptedEventDataStore: the store on its own key, without source conditions", async () => {
    engine.reset();
    const result = await construct(host, engine, {
      component: "EncryptedEventDataStore",
      name: "lake",
      inputs: { queryPrincipals: [READER], retentionPeriod: 90 },
    });
    const store = registered("aws:cloudtrail/eventDataStore:EventDataStore");
    assert.equal(store.parent, result.urn);
    assert.equal(store.inputs.kmsKeyId, result.state.keyArn);
    assert.equal(store.inputs.retentionPeriod, 90);
    assertPolicyHolds(
      String(result.state.keyPolicy),
      plans({ kind: "cloudtrail-event-data-store", queryPrincipals: [READER] }),
      { eventDataStoreKey: true },
    );
  });

  it("ConfigDelivery: the existing service-linked role by default, the channel encrypting with the key", async () => {
    engine.reset();
    const result = await construct(host, engine, { component: "ConfigDelivery", name: "config", inputs: {} });
    assert.equal(
      engine.registrations.filter((r) => r.type === "aws:iam/serviceLinkedRole:ServiceLinkedRole").length,
      0,
      "no service-linked role is created unless asked",
    );
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    assert.equal(registered("aws:cfg/recorder:Recorder").inputs.roleArn, roleArn);
    assert.equal(result.state.roleArn, roleArn);
    assert.equal(registered("aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3KmsKeyArn, result.state.keyArn);
    assertPolicyHolds(
      String(result.state.keyPolicy),
      plans({ kind: "config-service-linked-role", sourceAccounts: [ACCOUNT], sourceRegions: [REGION] }),
    );
  });

  it("LandingZoneKey: Control Tower's statements, the management account and home Region as outputs", async () => {
    engine.reset();
    const result = await construct(host, engine, {
      component: "LandingZoneKey",
      name: "landing-zone",
      inputs: { managementAccount: ACCOUNT, administrators: [ADMIN] },
    });
    assert.equal(registered("aws:kms/key:Key").inputs.multiRegion, false);
    assert.equal(result.state.managementAccount, ACCOUNT);
    assert.equal(result.state.homeRegion, REGION);
    assertPolicyHolds(
      String(result.state.policy),
      plans({ kind: "key-administrators", principals: [ADMIN] }, { kind: "control-tower" }),
    );
  });

  it("AuditBaseline: one key for the trail and Config, a store on its own key, string outputs", async () => {
    engine.reset();
    const result = await construct(host, engine, {
      component: "AuditBaseline",
      name: "baseline",
      inputs: { administrators: [ADMIN], eventDataStore: { retentionPeriod: 90 }, config: { pinSourceArn: false } },
    });
    const keys = engine.registrations.filter((r) => r.type === "aws:kms/key:Key");
    assert.deepEqual(keys.map((k) => k.name).sort(), ["baseline-key", "baseline-lake-key"]);
    assert.equal(registered("aws:cloudtrail/trail:Trail").inputs.kmsKeyId, result.state.keyArn);
    assert.equal(registered("aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3KmsKeyArn, result.state.keyArn);
    assert.equal(
      registered("aws:cloudtrail/eventDataStore:EventDataStore").inputs.kmsKeyId,
      result.state.eventDataStoreKeyArn,
    );
    assert.equal(result.state.trailArn, `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/baseline-trail`);
    assert.ok(typeof result.state.configBucketName === "string");
    assertPolicyHolds(
      String(result.state.keyPolicy),
      plans(
        { kind: "key-administrators", principals: [ADMIN] },
        { kind: "cloudtrail-trail", trails: [String(result.state.trailArn)], serviceDecrypt: true },
        { kind: "config-service-linked-role", sourceAccounts: [ACCOUNT] },
      ),
    );
  });

  it("a key passed by ARN from another Construct: the key's arguments list the trail, the trail checks it", async () => {
    engine.reset();
    const key = await construct(host, engine, {
      component: "AuditKey",
      name: "shared",
      inputs: { cloudTrail: { trails: ["listed"] } },
    });
    engine.reset();
    const trail = await construct(host, engine, {
      component: "EncryptedTrail",
      name: "listed",
      inputs: { keyArn: key.state.arn },
      inputDependencies: { keyArn: [key.urn] },
    });
    assert.equal(trail.state.keyArn, key.state.arn);
    assert.equal(trail.state.keyPolicy, key.state.policy);
    assert.equal(engine.registrations.filter((r) => r.type === "aws:kms/key:Key").length, 0, "no second key");
    assert.equal(registered("aws:cloudtrail/trail:Trail").inputs.kmsKeyId, key.state.arn);
    assert.deepEqual(warnings("EncryptedTrail"), []);
    engine.reset();
    await assert.rejects(
      construct(host, engine, {
        component: "EncryptedTrail",
        name: "unlisted",
        inputs: { keyArn: key.state.arn },
        inputDependencies: { keyArn: [key.urn] },
      }),
      /EncryptedTrail 'unlisted': the policy of the AuditKey arn:aws:kms:.* list it in the AuditKey's arguments/s,
    );
  });

  it("a bad argument comes back as a Construct error naming the component and the argument", async () => {
    engine.reset();
    await assert.rejects(
      construct(host, engine, { component: "EncryptedTrail", name: "bad", inputs: { trailName: "a" } }),
      /EncryptedTrail 'bad': trailName "a": a trail name has 3 to 128 characters/,
    );
    await assert.rejects(
      construct(host, engine, { component: "AuditKey", name: "bad-mode", inputs: { config: { mode: "owner" } } }),
      /AuditKey 'bad-mode': config\.mode "owner": use "service-linked-role" or "iam-role"/,
    );
    await assert.rejects(
      construct(host, engine, { component: "AuditKey", name: "bad-admin", inputs: { administrators: ["admin"] } }),
      /AuditKey 'bad-admin': .*administrators: admin is not an account id or an IAM user, role or root ARN/,
    );
  });

  it("preview (dryRun): known inputs give a known key policy; unknown inputs stay unknown, nothing fails", async () => {
    engine.reset(new testing.GuardrailsMocks({ preview: true }));
    const known = await construct(host, engine, {
      component: "EncryptedTrail",
      name: "preview",
      inputs: { keyArgs: { administrators: [ADMIN] } },
      dryRun: true,
    });
    assert.equal(known.state.trailArn, `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/preview`);
    assert.notEqual(known.state.keyPolicy, PULUMI_UNKNOWN_SENTINEL);
    assert.equal(registered("aws:kms/key:Key").inputs.policy, known.state.keyPolicy);
    assert.equal(registered("aws:cloudtrail/trail:Trail").inputs.kmsKeyId, PULUMI_UNKNOWN_SENTINEL);

    engine.reset(new testing.GuardrailsMocks({ preview: true }));
    const upstream = "urn:pulumi:test::plugin::aws:iam/role:Role::admin";
    const unknownAdmins = await construct(host, engine, {
      component: "AuditKey",
      name: "preview-unknown",
      inputs: { administrators: PULUMI_UNKNOWN_SENTINEL, cloudTrail: { trails: ["preview"] } },
      inputDependencies: { administrators: [upstream] },
      dryRun: true,
    });
    assert.equal(registered("aws:kms/key:Key").inputs.policy, PULUMI_UNKNOWN_SENTINEL);
    assert.equal(unknownAdmins.state.policy, PULUMI_UNKNOWN_SENTINEL);

    engine.reset(new testing.GuardrailsMocks({ preview: true }));
    await construct(host, engine, {
      component: "ConfigDelivery",
      name: "preview-config",
      inputs: { keyArn: PULUMI_UNKNOWN_SENTINEL },
      inputDependencies: { keyArn: [`urn:pulumi:test::plugin::${TOKEN}AuditKey::elsewhere`] },
      dryRun: true,
    });
    assert.equal(registered("aws:cfg/deliveryChannel:DeliveryChannel").inputs.s3KmsKeyArn, PULUMI_UNKNOWN_SENTINEL);
    assert.deepEqual(warnings("ConfigDelivery"), [], "an unknown key ARN waits for its value");
  });
});
