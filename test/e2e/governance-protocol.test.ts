// Remediation (and, with it, exemptions) through the compiled pack over the analyzer protocol, as the
// Pulumi CLI drives it: Configure with the `remediate` level, Remediate with the resource's inputs,
// then Analyze on the remediated properties. Needs the pack's build (`npm run build`).
import { strict as assert } from "node:assert";
import { accountRootGrant } from "pulumi-kms-guardrails/catalog";
import { AnalyzerCallError, AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { encodeConfigure } from "../../components/src/preflight/analyzer-messages";
import type { WireObject } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import { RULES } from "../../policypack/rules";
import { statementsOf as statements } from "./preflight-helpers";
import { startPack } from "./start-pack";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const EC_RULE = "kms-encryption-context-on-unsupported-action";
const IAM_RULE = "kms-key-policy-enables-iam-policies";
const VALID_RULE = "kms-key-policy-valid";
const ROOT_GRANT = accountRootGrant({ account: ACCOUNT, region: REGION }).statement;

const failingExample = (id: string): Record<string, unknown> =>
  RULES.find((r) => r.id === id)?.failing.json as Record<string, unknown>;

/** A key policy with the account root and the rule's failing statement. */
const EC_POLICY = {
  Version: "2012-10-17",
  Statement: [ROOT_GRANT, { ...failingExample(EC_RULE), Action: ["kms:GenerateDataKey*", "kms:DescribeKey"] }],
};

function resource(type: string, name: string, inputs: WireObject, providerProps?: WireObject): EngineResource {
  return {
    urn: `urn:pulumi:dev::shop::${type}::${name}`,
    type,
    name,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs,
    outputs: inputs,
    ...(providerProps !== undefined
      ? {
          provider: {
            urn: `urn:pulumi:dev::shop::pulumi:providers:${type.split(":")[0]}::default`,
            type: `pulumi:providers:${type.split(":")[0]}`,
            name: "default",
            properties: providerProps,
          },
        }
      : {}),
  };
}

describe("governance over the analyzer protocol (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient;

  before(async () => {
    pack = await startPack();
  });
  after(async () => {
    await pack?.close();
  });

  describe("remediation at the remediate level", () => {
    before(async () => {
      await pack.configure({ [EC_RULE]: "remediate", [IAM_RULE]: "remediate", [VALID_RULE]: "remediate" });
    });
    after(async () => {
      await pack.configure({});
    });

    /** Remediate, then Analyze the remediated inputs as the CLI does; the rule's findings after. */
    async function remediateThenAnalyze(r: EngineResource, field: string, rule: string): Promise<unknown> {
      const { remediations } = await pack.remediate(r);
      const mine = remediations.filter((m) => m.policyName === rule);
      assert.equal(mine.length, 1, `one remediation by ${rule}: ${JSON.stringify(remediations)}`);
      const properties = mine[0].properties;
      assert.ok(properties !== undefined);
      const after = { ...r, inputs: properties, outputs: properties };
      const { diagnostics } = await pack.analyze(after);
      assert.deepEqual(
        diagnostics.filter((d) => d.policyName === rule),
        [],
      );
      return properties[field];
    }

    it(`${EC_RULE}: AWS Classic aws.kms.Key`, async () => {
      const key = resource("aws:kms/key:Key", "audit", { policy: JSON.stringify(EC_POLICY), enableKeyRotation: true });
      const before = await pack.analyze(key);
      assert.deepEqual(
        before.diagnostics.filter((d) => d.policyName === EC_RULE).map((d) => d.enforcementLevel),
        ["mandatory"],
      );
      const policy = await remediateThenAnalyze(key, "policy", EC_RULE);
      assert.equal(statements(policy).length, 3);
    });

    it(`${EC_RULE}: AWS Native key (keyPolicy object)`, async () => {
      const key = resource("aws-native:kms:Key", "audit", { keyPolicy: EC_POLICY as unknown as WireObject });
      const policy = await remediateThenAnalyze(key, "keyPolicy", EC_RULE);
      assert.equal(typeof policy, "object");
      assert.equal(statements(policy).length, 3);
    });

    it(`${IAM_RULE}: aws.kms.KeyPolicy whose keyId is the key's ARN`, async () => {
      const attachment = resource("aws:kms/keyPolicy:KeyPolicy", "audit-policy", {
        keyId: KEY_ARN,
        policy: JSON.stringify(failingExample(IAM_RULE)),
      });
      const policy = await remediateThenAnalyze(attachment, "policy", IAM_RULE);
      assert.deepEqual(statements(policy)[0], ROOT_GRANT);
    });

    it(`${IAM_RULE}: AWS Classic key, the account from the provider's allowedAccountIds`, async () => {
      const key = resource(
        "aws:kms/key:Key",
        "audit",
        { policy: JSON.stringify(failingExample(IAM_RULE)) },
        { region: REGION, allowedAccountIds: JSON.stringify([ACCOUNT]) },
      );
      const policy = await remediateThenAnalyze(key, "policy", IAM_RULE);
      assert.deepEqual(statements(policy)[0], ROOT_GRANT);
    });

    it(`${IAM_RULE}: AWS Native key, the account from the provider's allowedAccountIds`, async () => {
      const key = resource(
        "aws-native:kms:Key",
        "audit",
        { keyPolicy: failingExample(IAM_RULE) as WireObject },
        { region: REGION, allowedAccountIds: JSON.stringify([ACCOUNT]) },
      );
      const policy = await remediateThenAnalyze(key, "keyPolicy", IAM_RULE);
      assert.deepEqual(statements(policy)[0], ROOT_GRANT);
    });

    /** CloudTrail's statement with aws:SourceArn under StringLike: a `*` there could span ARN elements. */
    const ARN_POLICY = {
      Version: "2012-10-17",
      Statement: [
        ROOT_GRANT,
        {
          Sid: "CloudTrail",
          Effect: "Allow",
          Principal: { Service: "cloudtrail.amazonaws.com" },
          Action: "kms:GenerateDataKey*",
          Resource: "*",
          Condition: { StringLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } },
        },
      ],
    };
    const arnCases: [string, string, string, WireObject][] = [
      ["AWS Classic aws.kms.Key", "aws:kms/key:Key", "policy", { policy: JSON.stringify(ARN_POLICY) }],
      [
        "aws.kms.KeyPolicy",
        "aws:kms/keyPolicy:KeyPolicy",
        "policy",
        { keyId: KEY_ARN, policy: JSON.stringify(ARN_POLICY, null, 2) },
      ],
      ["AWS Native key", "aws-native:kms:Key", "keyPolicy", { keyPolicy: ARN_POLICY as unknown as WireObject }],
    ];
    for (const [label, type, field, inputs] of arnCases) {
      it(`${VALID_RULE}: ${label}, StringLike on aws:SourceArn becomes ArnLike`, async () => {
        const before = await pack.analyze(resource(type, "audit", inputs));
        assert.ok(
          before.diagnostics.some((d) => d.policyName === VALID_RULE),
          JSON.stringify(before.diagnostics),
        );
        const policy = await remediateThenAnalyze(resource(type, "audit", inputs), field, VALID_RULE);
        const [root, trail] = statements(policy);
        assert.deepEqual(root, ROOT_GRANT);
        assert.deepEqual(trail.Condition, { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${ACCOUNT}:trail/*` } });
        if (typeof inputs[field] === "string") {
          assert.equal(
            policy,
            JSON.stringify(JSON.parse(policy as string), null, label === "aws.kms.KeyPolicy" ? 2 : 0),
          );
        }
      });
    }

    it("no remediation when the key's account is not known: Analyze reports the rule as mandatory", async () => {
      const key = resource("aws:kms/key:Key", "audit", { policy: JSON.stringify(failingExample(IAM_RULE)) });
      const { remediations } = await pack.remediate(key);
      assert.deepEqual(
        remediations.filter((m) => m.policyName === IAM_RULE),
        [],
      );
      const { diagnostics } = await pack.analyze(key);
      assert.deepEqual(
        diagnostics.filter((d) => d.policyName === IAM_RULE).map((d) => d.enforcementLevel),
        ["mandatory"],
      );
    });
  });

  describe("exemptions", () => {
    const PUBLIC_RULE = "kms-no-unconditioned-public-principal";
    const publicKey = resource("aws:kms/key:Key", "legacy", {
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          ROOT_GRANT,
          { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
        ],
      }),
    });
    const exemption = { resource: "legacy", reason: "legacy key, replaced in SEC-1234" };
    const reported = async (): Promise<{ level: string; message: string }[]> =>
      (await pack.analyze(publicKey)).diagnostics
        .filter((d) => d.policyName === PUBLIC_RULE)
        .map((d) => ({ level: d.enforcementLevel, message: d.message }));

    after(async () => {
      await pack.configure({});
    });

    it("live: the finding is advisory and starts with the exemption", async () => {
      await pack.configure({ [PUBLIC_RULE]: { exemptions: [{ ...exemption, expires: "2999-12-31" }] } });
      const [d, ...rest] = await reported();
      assert.deepEqual(rest, []);
      assert.equal(d.level, "advisory");
      assert.ok(d.message.startsWith("Exempt until 2999-12-31 (legacy key, replaced in SEC-1234): "), d.message);
    });

    it("expired: the rule's level again, and the message says so", async () => {
      await pack.configure({ [PUBLIC_RULE]: { exemptions: [{ ...exemption, expires: "2000-01-01" }] } });
      const [d] = await reported();
      assert.equal(d.level, "mandatory");
      assert.match(d.message, /^Exemption expired on 2000-01-01 \(legacy key, replaced in SEC-1234\)/);
    });

    it("unmatched: another resource's exemption changes nothing", async () => {
      await pack.configure({
        [PUBLIC_RULE]: { exemptions: [{ ...exemption, resource: "other", expires: "2999-12-31" }] },
      });
      assert.deepEqual(
        (await reported()).map((d) => d.level),
        ["mandatory"],
      );
    });

    it("invalid: the client's config check rejects a missing reason; the pack itself fails Configure on a date that does not exist", async () => {
      await pack.configure({});
      await assert.rejects(
        pack.configure({ [PUBLIC_RULE]: { exemptions: [{ resource: "legacy", expires: "2999-12-31" }] } }),
        /exemptions\[0\]\.reason is required/,
      );
      // 2027-02-30 has the schema's shape: a caller that checks only the schema (the Pulumi CLI) sends it,
      // and the pack rejects it.
      const unchecked = {
        enforcementLevel: "mandatory" as const,
        properties: { exemptions: [{ ...exemption, expires: "2027-02-30" }] },
      };
      await assert.rejects(
        pack.send(encodeConfigure(pack.protocol, { [PUBLIC_RULE]: unchecked })),
        (e: Error) =>
          e instanceof AnalyzerCallError && /exemptions\[0\]\.expires "2027-02-30" is not a date/.test(e.message),
      );
      assert.deepEqual(
        (await reported()).map((d) => d.level),
        ["mandatory"],
      );
    });
  });
});
