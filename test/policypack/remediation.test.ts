/**
 * Key-policy remediation as pure functions, then through `remediateResource` the way @pulumi/policy's
 * Remediate RPC calls it, and over every rule's failing example and the documented examples: a fix
 * parses, makes its rule pass, deletes and reorders nothing, and makes no rule of the whole pack
 * (resource and stack rules, AWS Classic and AWS Native) fail that passed before.
 */
import { strict as assert } from "node:assert";
import { UnknownValueError, unknownCheckingProxy, type ResourceValidationArgs } from "@pulumi/policy";
import * as deserializeModule from "@pulumi/policy/deserialize";
import * as structModule from "google-protobuf/google/protobuf/struct_pb";
import { accountRootGrant } from "pulumi-kms-guardrails/catalog";
import { parsePolicy } from "pulumi-kms-guardrails/engine";
import { policies } from "../../policypack/policies";
import { remediateKeyPolicy, remediationFor } from "../../policypack/remediation";
import { providerAccount } from "../../policypack/remediation/resource";
import { RULES } from "../../policypack/rules";
import { SEED_EXAMPLE_POLICIES, SEED_EXAMPLES, seedStatement } from "../fixtures/seed-examples";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";
import { UNKNOWN, runPack, type TestResource } from "./harness";

const EC_RULE = "kms-encryption-context-on-unsupported-action";
const IAM_RULE = "kms-key-policy-enables-iam-policies";
const VALID_RULE = "kms-key-policy-valid";
const KEY = seeds.KEY;
const ROOT_GRANT = accountRootGrant({ account: aws.ACCOUNT, region: aws.REGION }).statement;

type Json = Record<string, unknown>;
const statementsOf = (value: unknown): Json[] => {
  const doc = (typeof value === "string" ? JSON.parse(value) : value) as { Statement: Json | Json[] };
  return Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
};

function fixed(ruleId: string, declared: unknown, context = {}): { value: unknown; changes: readonly string[] } {
  const r = remediateKeyPolicy(ruleId, declared, context);
  assert.equal(r.kind, "fixed", r.kind === "declined" ? r.reason : "unchanged");
  return r as { kind: "fixed"; value: unknown; changes: readonly string[] };
}

const CONTEXT_SID = "Allow CloudTrail to encrypt and describe";
const context = (keys: Json): Json => ({
  Sid: CONTEXT_SID,
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
  Resource: "*",
  Condition: {
    StringEquals: { "aws:SourceArn": seeds.FINANCE_TRAIL },
    StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${aws.ACCOUNT}:trail/*` },
    ...keys,
  },
});

describe("remediation: kms-encryption-context-on-unsupported-action", () => {
  it("moves DescribeKey to its own statement after the original, without the context condition, every other condition kept", () => {
    const declared = JSON.stringify(seeds.withDefault(context({})));
    const { value, changes } = fixed(EC_RULE, declared);
    const [root, original, moved, ...rest] = statementsOf(value);
    assert.deepEqual(rest, []);
    assert.deepEqual(root, seeds.DEFAULT_STATEMENT);
    assert.deepEqual(original, { ...context({}), Action: "kms:GenerateDataKey*" });
    assert.deepEqual(moved, {
      Sid: "Allow CloudTrail to encrypt and describe for DescribeKey",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": seeds.FINANCE_TRAIL } },
    });
    assert.equal(typeof value, "string");
    assert.match(changes[0], /kms:DescribeKey moved to a statement of its own/);
  });

  it("keeps a statement whose every action moves in place, with its Sid, and drops the Null guard on the context too", () => {
    const failing = RULES.find((r) => r.id === EC_RULE)?.failing.json as Json;
    const guarded = {
      ...failing,
      Condition: {
        ...(failing.Condition as Json),
        Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" },
        StringEquals: { "aws:SourceArn": seeds.FINANCE_TRAIL },
      },
    };
    const { value } = fixed(EC_RULE, seeds.withDefault(guarded));
    assert.equal(typeof value, "object", "an object stays an object (AWS Native)");
    assert.deepEqual(statementsOf(value)[1], {
      ...failing,
      Condition: { StringEquals: { "aws:SourceArn": seeds.FINANCE_TRAIL } },
    });
  });

  it("groups the moved actions of one statement and keeps Sids unique", () => {
    const s = {
      ...context({}),
      Action: ["kms:Decrypt", "kms:DescribeKey", "kms:GetKeyPolicy"],
    };
    const taken = { ...seeds.DEFAULT_STATEMENT, Sid: `${CONTEXT_SID} for DescribeKey and GetKeyPolicy` };
    const { value, changes } = fixed(EC_RULE, { Version: "2012-10-17", Statement: [taken, s] });
    assert.match(changes[0], /: kms:DescribeKey, kms:GetKeyPolicy moved to a statement of their own, /);
    const out = statementsOf(value);
    assert.equal(out.length, 3);
    assert.deepEqual(out[2].Action, ["kms:DescribeKey", "kms:GetKeyPolicy"]);
    assert.equal(out[2].Sid, `${CONTEXT_SID} for DescribeKey and GetKeyPolicy (2)`);
    assert.equal(parsePolicy(value).valid, true);
  });

  it("keeps the declared text's indentation", () => {
    const { value } = fixed(EC_RULE, JSON.stringify(seeds.withDefault(context({})), null, 4));
    assert.match(String(value), /^\{\n {4}"Version"/);
  });

  it("declines a fix that would open the key: Principal * whose only condition is the encryption context", () => {
    const open = {
      Sid: "Anyone describes",
      Effect: "Allow",
      Principal: "*",
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:purpose": "audit" } },
    };
    const r = remediateKeyPolicy(EC_RULE, JSON.stringify(seeds.withDefault(open)));
    assert.equal(r.kind, "declined");
    assert.match(r.kind === "declined" ? r.reason : "", /public-principal-unconditioned/);
  });

  it("leaves a passing policy, an invalid one and one not known yet alone", () => {
    assert.equal(remediateKeyPolicy(EC_RULE, JSON.stringify(seeds.withDefault())).kind, "unchanged");
    assert.equal(remediateKeyPolicy(EC_RULE, "{ not json").kind, "declined");
    const pending = seeds.withDefault({ ...context({}), Resource: UNKNOWN });
    assert.equal(remediateKeyPolicy(EC_RULE, JSON.stringify(pending)).kind, "declined");
  });
});

describe("remediation: kms-key-policy-enables-iam-policies", () => {
  const failing = RULES.find((r) => r.id === IAM_RULE)?.failing.json as { Statement: Json[] };

  it("adds the catalog's account-root statement first for the key's account; the user's statements follow in order", () => {
    const { value } = fixed(IAM_RULE, JSON.stringify(failing), { keyArn: KEY });
    assert.deepEqual(statementsOf(value), [ROOT_GRANT, ...failing.Statement]);
  });

  it("reads the account from the provider's single allowedAccountIds, or from key ARNs in Resource", () => {
    assert.deepEqual(statementsOf(fixed(IAM_RULE, failing, { keyAccount: aws.ACCOUNT }).value)[0], ROOT_GRANT);
    const named = { ...failing, Statement: [{ ...failing.Statement[0], Resource: KEY }] };
    assert.deepEqual(statementsOf(fixed(IAM_RULE, named).value)[0], ROOT_GRANT);
    assert.equal(providerAccount({ allowedAccountIds: JSON.stringify([aws.ACCOUNT]) }), aws.ACCOUNT);
    assert.equal(providerAccount({ allowedAccountIds: [aws.ACCOUNT, aws.OTHER_ACCOUNT] }), undefined);
  });

  it("declines when the key's account is not known, rather than grant kms:* to a guessed account", () => {
    const r = remediateKeyPolicy(IAM_RULE, failing);
    assert.equal(r.kind, "declined");
    assert.match(r.kind === "declined" ? r.reason : "", /account is not known/);
  });

  it("gives the added statement a Sid of its own when the policy already uses the documented one", () => {
    const conditioned = {
      ...seeds.DEFAULT_STATEMENT,
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    };
    const { value } = fixed(IAM_RULE, { Version: "2012-10-17", Statement: [conditioned] }, { keyArn: KEY });
    assert.deepEqual(statementsOf(value), [{ ...ROOT_GRANT, Sid: "Enable IAM User Permissions (2)" }, conditioned]);
  });
});

// ---- the pack, before and after ----

const trailStack = (policy: unknown): TestResource[] => [
  aws.key("audit", policy),
  aws.trail("finance", { kmsKeyId: KEY }),
];

/** The rules the whole pack reports on a stack, by provider. */
async function failing(resources: readonly TestResource[]): Promise<Set<string>> {
  return new Set((await runPack(resources)).map((r) => r.policy));
}

/** Every rule's failing example and every documented example, as key policies. */
function corpus(): { name: string; policy: Json }[] {
  const out: { name: string; policy: Json }[] = [];
  for (const rule of RULES) {
    const json = rule.failing.json as Json | undefined;
    if (json === undefined) continue;
    out.push({
      name: `${rule.id} failing example`,
      policy: "Statement" in json ? json : (seeds.withDefault(json) as Json),
    });
    if (!("Statement" in json))
      out.push({ name: `${rule.id} failing example alone`, policy: { Version: "2012-10-17", Statement: [json] } });
  }
  const suite = { account: aws.ACCOUNT, region: aws.REGION, keyArn: KEY, trail: seeds.FINANCE_TRAIL };
  for (const e of SEED_EXAMPLES) {
    out.push({
      name: `${e.id} with the default statement`,
      policy: seeds.withDefault(seedStatement(e.id, suite)) as Json,
    });
    out.push({ name: `${e.id} alone`, policy: { Version: "2012-10-17", Statement: [seedStatement(e.id, suite)] } });
  }
  for (const p of SEED_EXAMPLE_POLICIES) out.push({ name: p.id, policy: p.policy as Json });
  // The trail's statement with aws:SourceArn under StringLike and a wildcard (kms-key-policy-valid's fix).
  const [trailArn] = seeds.FINANCE_TRAIL.split("/");
  out.push({
    name: "CloudTrail's encrypt statement with aws:SourceArn under StringLike",
    policy: seeds.withDefault({
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: {
          "aws:SourceArn": `${trailArn}/*`,
          "kms:EncryptionContext:aws:cloudtrail:arn": `arn:aws:cloudtrail:*:${aws.ACCOUNT}:trail/*`,
        },
      },
    }) as Json,
  });
  return out;
}

describe("remediation over every failing example and documented example", function () {
  this.timeout(60_000);

  it("every fix parses, passes its rule, keeps every statement and makes no other rule fail, AWS Classic and AWS Native", async () => {
    const fixes = new Map<string, number>();
    for (const { name, policy } of corpus()) {
      for (const ruleId of [EC_RULE, IAM_RULE, VALID_RULE]) {
        const r = remediateKeyPolicy(ruleId, JSON.stringify(policy), { keyArn: KEY });
        if (r.kind !== "fixed") continue;
        fixes.set(ruleId, (fixes.get(ruleId) ?? 0) + 1);
        const label = `${ruleId} on ${name}`;
        assert.equal(parsePolicy(r.value).valid, true, label);
        const before = statementsOf(policy).map((s) => JSON.stringify(s));
        const after = statementsOf(r.value).map((s) => JSON.stringify(s));
        // Unchanged statements keep their order; a changed one only lost actions or context conditions,
        // or compares an ARN key with ArnLike instead of StringLike.
        const kept = before.filter((s) => after.includes(s));
        assert.deepEqual(
          kept,
          after.filter((s) => before.includes(s)),
          `${label}: order`,
        );
        for (const [provider, stack] of [
          ["AWS Classic", (p: unknown) => trailStack(p)],
          ["AWS Native", (p: unknown) => aws.toNative(trailStack(p))],
        ] as const) {
          const was = await failing(stack(policy));
          const now = await failing(stack(JSON.parse(String(r.value))));
          assert.ok(was.has(ruleId), `${label} (${provider}): the rule failed before`);
          assert.ok(!now.has(ruleId), `${label} (${provider}): the rule passes after`);
          assert.deepEqual(
            [...now].filter((id) => !was.has(id)),
            [],
            `${label} (${provider}): nothing new fails`,
          );
        }
      }
    }
    // Each fix applies somewhere in the corpus, so each is checked against the whole pack.
    for (const ruleId of [EC_RULE, IAM_RULE, VALID_RULE]) {
      assert.ok((fixes.get(ruleId) ?? 0) >= 1, `fixes applied: ${JSON.stringify([...fixes])}`);
    }
  });
});

// ---- remediateResource, as the Remediate RPC calls it ----

type Deserialize = (struct: unknown, proxySecrets: boolean) => Record<string, unknown>;
const deserializeProperties = (deserializeModule as unknown as { deserializeProperties: Deserialize })
  .deserializeProperties;

/** The props the server hands a remediation: secrets proxied (kept secret on write), unknowns checked. */
function remediateArgs(type: string, props: Json, provider?: Json): ResourceValidationArgs {
  const struct = structModule.Struct.fromJavaScript(props as Record<string, structModule.JavaScriptValue>);
  return {
    type,
    urn: `urn:pulumi:test::kms::${type}::audit`,
    name: "audit",
    props: unknownCheckingProxy(deserializeProperties(struct, true)),
    ...(provider !== undefined ? { provider: { props: unknownCheckingProxy(provider) } } : {}),
  } as unknown as ResourceValidationArgs;
}

async function remediate(ruleId: string, args: ResourceValidationArgs): Promise<Json | undefined> {
  const policy = policies.find((p) => p.name === ruleId) as {
    remediateResource?: (a: ResourceValidationArgs) => unknown;
  };
  assert.ok(policy.remediateResource, `${ruleId} remediates`);
  const result = await Promise.resolve(policy.remediateResource(args));
  return result === undefined ? undefined : (JSON.parse(JSON.stringify(result)) as Json);
}

describe("remediateResource", () => {
  const ecPolicy = seeds.withDefault(context({}));

  it("AWS Classic aws.kms.Key: the policy string, fixed; other properties unchanged", async () => {
    const out = await remediate(
      EC_RULE,
      remediateArgs("aws:kms/key:Key", { policy: JSON.stringify(ecPolicy), enableKeyRotation: true }),
    );
    assert.equal(out?.enableKeyRotation, true);
    assert.equal(statementsOf(out?.policy).length, 3);
  });

  it("aws.kms.KeyPolicy: the account from keyId given as an ARN", async () => {
    const failingPolicy = RULES.find((r) => r.id === IAM_RULE)?.failing.json;
    const out = await remediate(
      IAM_RULE,
      remediateArgs("aws:kms/keyPolicy:KeyPolicy", { keyId: KEY, policy: JSON.stringify(failingPolicy) }),
    );
    assert.deepEqual(statementsOf(out?.policy)[0], ROOT_GRANT);
  });

  it("AWS Native keys: the keyPolicy object stays an object; the provider's allowedAccountIds names the account", async () => {
    const failingPolicy = RULES.find((r) => r.id === IAM_RULE)?.failing.json as Json;
    const out = await remediate(
      IAM_RULE,
      remediateArgs("aws-native:kms:Key", { keyPolicy: failingPolicy }, { allowedAccountIds: `["${aws.ACCOUNT}"]` }),
    );
    assert.equal(typeof out?.keyPolicy, "object");
    assert.deepEqual(statementsOf(out?.keyPolicy)[0], ROOT_GRANT);
  });

  it("nothing to fix, a policy not known yet, or an unknown ARN: no remediation, no UnknownValueError", async () => {
    assert.equal(
      await remediate(EC_RULE, remediateArgs("aws:kms/key:Key", { policy: JSON.stringify(seeds.withDefault()) })),
      undefined,
    );
    assert.equal(await remediate(EC_RULE, remediateArgs("aws:kms/key:Key", { policy: UNKNOWN })), undefined);
    try {
      const out = await remediate(
        IAM_RULE,
        remediateArgs("aws:kms/key:Key", {
          policy: JSON.stringify(RULES.find((r) => r.id === IAM_RULE)?.failing.json),
          arn: UNKNOWN,
        }),
      );
      assert.equal(out, undefined);
    } catch (e) {
      assert.ok(!(e instanceof UnknownValueError), "an unknown ARN is not read through the checking proxy");
      throw e;
    }
  });

  it("a secret policy stays secret", async () => {
    const secret = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: JSON.stringify(ecPolicy),
    };
    const args = remediateArgs("aws:kms/key:Key", { policy: secret });
    const policy = policies.find((p) => p.name === EC_RULE) as {
      remediateResource: (a: ResourceValidationArgs) => unknown;
    };
    const result = (await Promise.resolve(policy.remediateResource(args))) as Json;
    const serialized = await (
      deserializeModule as unknown as { serializeProperties(p: unknown): Promise<Json> }
    ).serializeProperties(result);
    const wire = serialized.policy as Json;
    assert.equal(wire["4dabf18193072939515e22adb298388d"], "1b47061264138c4ac30d75fd1eb44270");
    assert.equal(statementsOf(wire.value).length, 3);
  });

  it("only the rules with an unambiguous fix remediate", () => {
    const remediating = policies.filter((p) => "remediateResource" in p).map((p) => p.name);
    assert.deepEqual(remediating.sort(), [EC_RULE, IAM_RULE, VALID_RULE]);
    assert.equal(remediationFor("kms-no-unconditioned-public-principal"), undefined);
  });
});
