// Organization-wide keys through the compiled pack over the analyzer protocol, as the Pulumi CLI
// drives it: a Config key whose config.amazonaws.com statement is limited by aws:SourceOrgID (the
// shape of public Terraform organization keys), analyzed without organizationId (advisory, naming the
// assumption), with it (decided), and with a malformed one (Configure fails). Needs `npm run build`.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { accountRootGrant } from "pulumi-kms-guardrails/catalog";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import type { WireObject } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import { ACCOUNT as ACCOUNT_ARGS, TINY_PROGRAM, runCli } from "./preflight-helpers";
import { assertPackBuilt, PACK_DIR, startPack } from "./start-pack";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ORG = "o-a1b2c3d4e5";
const DELIVERY = "config-key-allows-delivery";
const DEPUTY = "kms-service-principal-source-condition";

const POLICY = {
  Version: "2012-10-17",
  Statement: [
    accountRootGrant({ account: ACCOUNT, region: REGION }).statement,
    {
      Sid: "Allow Config to encrypt data",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:GenerateDataKey", "kms:Decrypt"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceOrgID": ORG } },
    },
  ],
};

function resource(type: string, name: string, props: WireObject): EngineResource {
  return {
    urn: `urn:pulumi:dev::org::${type}::${name}`,
    type,
    name,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs: props,
    outputs: props,
  };
}

const STACK: EngineResource[] = [
  resource("aws:kms/key:Key", "audit", {
    policy: JSON.stringify(POLICY),
    arn: KEY_ARN,
    keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
    isEnabled: true,
    enableKeyRotation: true,
  }),
  // AWS Config delivers with its service-linked role: as config.amazonaws.com.
  resource("aws:cfg/recorder:Recorder", "recorder", {
    name: "recorder",
    roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
  }),
  resource("aws:cfg/deliveryChannel:DeliveryChannel", "config", {
    name: "config",
    s3BucketName: "config-bucket",
    s3KmsKeyArn: KEY_ARN,
    region: REGION,
  }),
];

describe("organization-wide keys over the analyzer protocol (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient;

  before(async () => {
    pack = await startPack();
  });
  after(async () => {
    await pack?.close();
  });

  async function findings(rule: string): Promise<{ level: string; message: string }[]> {
    const { diagnostics } = await pack.analyzeStack(STACK);
    return diagnostics
      .filter((d) => d.policyName === rule)
      .map((d) => ({ level: String(d.enforcementLevel), message: d.message }));
  }

  it("without organizationId: delivery is advisory and names the assumption; the statement is protected", async () => {
    await pack.configure({});
    const delivery = await findings(DELIVERY);
    assert.deepEqual(
      delivery.map((d) => d.level),
      ["advisory"],
    );
    assert.match(delivery[0].message, /aws:SourceOrgID/);
    assert.match(delivery[0].message, /config\.amazonaws\.com sends aws:SourceOrgID/);
    assert.match(delivery[0].message, /Set organizationId/);
    assert.match(delivery[0].message, /AWS global condition context keys/);
    assert.deepEqual(await findings(DEPUTY), []);
  });

  it("with organizationId: decided; delivery passes, the statement is limited only to the organization", async () => {
    await pack.configure({ [DELIVERY]: { organizationId: ORG }, [DEPUTY]: { organizationId: ORG } });
    assert.deepEqual(await findings(DELIVERY), []);
    // Another Region's delivery channel of the account gets through: a practice finding, as for aws:SourceAccount.
    const deputy = await findings(DEPUTY);
    assert.deepEqual(
      deputy.map((d) => d.level),
      ["advisory"],
    );
    assert.match(deputy[0].message, /a Region not configured/);
  });

  it("with another organization's id: Config cannot deliver (mandatory)", async () => {
    await pack.configure({ [DELIVERY]: { organizationId: "o-f6g7h8i9j0" } });
    const delivery = await findings(DELIVERY);
    assert.deepEqual(
      delivery.map((d) => d.level),
      ["mandatory"],
    );
    assert.match(delivery[0].message, /config\.amazonaws\.com cannot kms:GenerateDataKey/);
  });

  it("a malformed organizationId or path is a configuration error", async () => {
    await assert.rejects(pack.configure({ [DELIVERY]: { organizationId: "o-ABC" } }), /organizationId/);
    await assert.rejects(
      pack.configure({ [DELIVERY]: { organizationId: ORG, organizationPaths: ["o-zzzzzzzzzz/r-ab12/"] } }),
      (e: Error) =>
        /organizationPaths\[0\] "o-zzzzzzzzzz\/r-ab12\/" is not in organization o-a1b2c3d4e5/.test(e.message),
    );
    await pack.configure({});
  });
});

describe("preflight: a malformed organization in --policy-pack-config (e2e)", function () {
  this.timeout(120_000);

  for (const [what, value, error] of [
    ["an organizationId not in AWS's format", { organizationId: "o-ABC" }, /organizationId/],
    [
      "organizationPaths outside the organization",
      { organizationId: ORG, organizationPaths: ["o-zzzzzzzzzz/r-ab12/"] },
      /organizationPaths\[0\] "o-zzzzzzzzzz\/r-ab12\/" is not in organization o-a1b2c3d4e5/,
    ],
  ] as const) {
    it(`${what}: exit 2, naming the property`, async function () {
      assertPackBuilt();
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "org-config-"));
      const file = path.join(dir, "pack.json");
      fs.writeFileSync(file, JSON.stringify({ [DELIVERY]: value }));
      try {
        const { code, stderr } = await runCli(
          "preflight",
          TINY_PROGRAM,
          ...ACCOUNT_ARGS,
          "--pack",
          PACK_DIR,
          "--quiet",
          "--policy-pack-config",
          file,
        );
        assert.equal(code, 2);
        assert.match(stderr, error);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
