// The first preview of a new stack over the analyzer protocol (issue 12, three-valued verdicts): the
// key's ARN, and so its account, is not known yet. The pack decides what holds for every account the
// key could be in, waits (advisory) only for what depends on it, and takes the account from the
// provider's allowedAccountIds, the accountIds option, or (saying so) the IAM-enabling statement.
// Needs the pack's build (`npm run build`).
import { strict as assert } from "node:assert";
import { accountRootGrant, cloudTrailTrailPlan } from "pulumi-kms-guardrails/catalog";
import type { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { UNKNOWN, type WireObject } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import { configAccountIdsErrors } from "../../policypack/config";
import { startPack } from "./start-pack";

const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const ENCRYPT = "cloudtrail-key-allows-encrypt";
const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/audit`;

const LOCATION = { account: ACCOUNT, region: REGION };
const ENABLE_IAM = accountRootGrant(LOCATION).statement;
/** The catalog's CloudTrail encrypt statement for the trail `name` of ACCOUNT (aws:SourceArn pinned to it). */
const encryptFor = (name: string): unknown =>
  cloudTrailTrailPlan({ key: LOCATION, trailArns: [`arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/${name}`] }).grants[0]
    .statement;

function resource(
  type: string,
  name: string,
  inputs: WireObject,
  deps: Record<string, string[]> = {},
  provider: WireObject = { region: REGION },
): EngineResource {
  return {
    urn: `urn:pulumi:dev::shop::${type}::${name}`,
    type,
    name,
    custom: true,
    dependencies: Object.values(deps).flat(),
    propertyDependencies: deps,
    inputs,
    outputs: inputs,
    provider: {
      urn: "urn:pulumi:dev::shop::pulumi:providers:aws::default",
      type: "pulumi:providers:aws",
      name: "default",
      properties: provider,
    },
  };
}

/** A new key and the trail `audit` that encrypts with it, as a create preview sends them. */
function newStack(statements: unknown[], provider?: WireObject): EngineResource[] {
  const key = resource(
    "aws:kms/key:Key",
    "audit",
    { policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }), arn: UNKNOWN, keyId: UNKNOWN },
    {},
    provider,
  );
  const trail = resource(
    "aws:cloudtrail/trail:Trail",
    "audit",
    { name: "audit", s3BucketName: "logs", kmsKeyId: UNKNOWN, arn: UNKNOWN },
    { kmsKeyId: [key.urn] },
    provider,
  );
  return [key, trail];
}

describe("first preview of a new stack over the analyzer protocol (e2e)", function () {
  this.timeout(60_000);
  let pack: AnalyzerClient;
  const findings = async (resources: EngineResource[]): Promise<{ level: string; message: string }[]> =>
    (await pack.analyzeStack(resources)).diagnostics
      .filter((d) => d.policyName === ENCRYPT)
      .map((d) => ({ level: d.enforcementLevel, message: d.message }));

  before(async () => {
    pack = await startPack();
  });
  afterEach(async () => {
    await pack?.configure({});
  });
  after(async () => {
    await pack?.close();
  });

  it("no statement names cloudtrail.amazonaws.com: mandatory, though no account is known", async () => {
    const [d, ...rest] = await findings(
      newStack([{ ...ENABLE_IAM, Principal: { AWS: "arn:aws:iam::444455556666:role/Admin" } }]),
    );
    assert.deepEqual(rest, []);
    assert.equal(d.level, "mandatory", d.message);
    assert.match(d.message, /cloudtrail\.amazonaws\.com cannot kms:GenerateDataKey/);
    assert.doesNotMatch(d.message, /taken to be/);
  });

  it("the statement depends on the account and nothing names it: advisory, naming the account and accountIds", async () => {
    const [d, ...rest] = await findings(newStack([encryptFor("audit")]));
    assert.deepEqual(rest, []);
    assert.equal(d.level, "advisory", d.message);
    assert.match(
      d.message,
      /waiting for the account of key 'audit' \(or set accountIds in this rule's configuration\)/,
    );
  });

  it("the same key with accountIds set for the rule: decided (compliant), no finding", async () => {
    await pack.configure({ [ENCRYPT]: { accountIds: [ACCOUNT] } });
    assert.deepEqual(await findings(newStack([encryptFor("audit")])), []);
  });

  it("accountIds naming another account: decided, mandatory (the statement names this account's trail)", async () => {
    await pack.configure({ [ENCRYPT]: { accountIds: ["444455556666"] } });
    const [d] = await findings(newStack([encryptFor("audit")]));
    assert.equal(d.level, "mandatory", d.message);
    assert.match(d.message, /trail\/audit/);
  });

  it("the provider's allowedAccountIds names the account: decided, no assumption", async () => {
    const provider = { region: REGION, allowedAccountIds: JSON.stringify([ACCOUNT]) };
    assert.deepEqual(await findings(newStack([encryptFor("audit")], provider)), []);
    const [d] = await findings(newStack([encryptFor("other")], provider));
    assert.equal(d.level, "mandatory", d.message);
    assert.doesNotMatch(d.message, /taken to be/);
  });

  it("only the IAM-enabling statement names the account: decided, and the message says it was assumed", async () => {
    assert.deepEqual(await findings(newStack([ENABLE_IAM, encryptFor("audit")])), []);
    const [d, ...rest] = await findings(newStack([ENABLE_IAM, encryptFor("other")]));
    assert.deepEqual(rest, []);
    assert.equal(d.level, "mandatory", d.message);
    assert.ok(d.message.includes(TRAIL_ARN), d.message);
    assert.match(
      d.message,
      /its account is taken to be 111122223333, the account its statement enabling IAM policies names \(set accountIds/,
    );
  });

  it("the provider allows two accounts: each is checked; undecided naming both when they differ, else decided", async () => {
    const provider = { region: REGION, allowedAccountIds: JSON.stringify([ACCOUNT, "444455556666"]) };
    const [d, ...rest] = await findings(newStack([encryptFor("audit")], provider));
    assert.deepEqual(rest, []);
    assert.equal(d.level, "advisory", d.message);
    assert.match(d.message, /\(111122223333 or 444455556666, by its provider's allowedAccountIds; set accountIds/);
    assert.match(d.message, /It holds if the key is in 111122223333; it fails if the key is in 444455556666/);
    const unlimited = { ...(encryptFor("audit") as Record<string, unknown>), Condition: undefined };
    assert.deepEqual(await findings(newStack([unlimited], provider)), []);
    const [other] = await findings(
      newStack([{ ...unlimited, Principal: { Service: "logs.amazonaws.com" } }], provider),
    );
    assert.equal(other.level, "mandatory", other.message);
    assert.match(other.message, /checked in each account it may be in \(111122223333 or 444455556666/);
  });

  it("a malformed accountIds is a configuration error, naming the rule and the value", async () => {
    await assert.rejects(
      pack.configure({ [ENCRYPT]: { accountIds: ["1234"] } }),
      (e: Error) => /accountIds/.test(e.message) && /1234|pattern/.test(e.message),
    );
  });
});

describe("accountIds in the pack's own Configure check", () => {
  it("names every malformed entry, and accepts 12-digit ids", () => {
    assert.deepEqual(configAccountIdsErrors({ [ENCRYPT]: { accountIds: [ACCOUNT] } }), []);
    assert.deepEqual(configAccountIdsErrors({ [ENCRYPT]: { accountIds: [ACCOUNT, "1234", 111122223333] } }), [
      `policy config "${ENCRYPT}": accountIds[1] "1234" is not a 12-digit AWS account id`,
      `policy config "${ENCRYPT}": accountIds[2] 111122223333 is not a 12-digit AWS account id`,
    ]);
    assert.deepEqual(configAccountIdsErrors({ [ENCRYPT]: { accountIds: ACCOUNT } }), [
      `policy config "${ENCRYPT}": accountIds must be a list of 12-digit AWS account ids`,
    ]);
  });
});
