/**
 * The generic service grant, whole: seed 001's Amazon Location statement ("Using encryption context
 * condition keys"), every probe field, the purpose, and every input error word for word.
 */
import { strict as assert } from "node:assert";
import {
  CatalogInputError,
  SOURCES,
  serviceGrantPlan,
  type KeyLocation,
  type ServiceGrantParams,
} from "pulumi-kms-guardrails/catalog";
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";
import { assertProbes, assertTargets, errorOf } from "./plan-rows";

const KEY: KeyLocation = { account: "444455556666", region: "us-west-2" };
const ROLE = "arn:aws:iam::111122223333:role/LocationTeam";
const TRACKER = "arn:aws:geo:us-west-2:111122223333:tracker/SAMPLE-Tracker";
const VIA = "geo.us-west-2.amazonaws.com";
const BASE: ServiceGrantParams = { key: KEY, principal: ROLE, actions: ["kms:CreateGrant"], viaService: VIA };
const DEFAULT_SID = "Allow use of the key through geo on behalf of authorized users";
const SOURCE = SOURCES.encryptionContext;
const SAME_ACCOUNT_NOTE =
  "Requests by principals in the key's own account are never denied by the key policy alone: the " +
  '"Enable IAM User Permissions" statement delegates them to IAM, so keep their IAM policies as narrow ' +
  "as the statements here. Deny probes are generated only for principals in other accounts.";
const TAIL =
  "; the AWS KMS Developer Guide says an encryption context condition then denies it. Grant it in a separate statement without the context.";

describe("catalog: service grant, whole plan (seed 001 Amazon Location)", () => {
  it("the default Sid names the service, the purpose the resource; two context keys, two actions, one probe each", () => {
    const plan = serviceGrantPlan({
      ...BASE,
      actions: ["kms:GenerateDataKey*", "kms:Decrypt", "kms:Decrypt"],
      encryptionContext: { "aws:geo:arn": TRACKER, team: "maps" },
    });
    assert.equal(plan.integration, "service-grant");
    assert.deepEqual(plan.grants, [
      {
        statement: {
          Sid: DEFAULT_SID,
          Effect: "Allow",
          Principal: { AWS: ROLE },
          Action: ["kms:GenerateDataKey*", "kms:Decrypt"],
          Resource: "*",
          Condition: {
            StringEquals: {
              "kms:ViaService": VIA,
              "kms:CallerAccount": "111122223333",
              "kms:EncryptionContext:aws:geo:arn": TRACKER,
              "kms:EncryptionContext:team": "maps",
            },
          },
        },
        purpose: `Lets ${ROLE} use the key through ${VIA} only, for the named resource.`,
        source: SOURCE,
      },
    ]);
    assert.deepEqual(plan.notes, [SAME_ACCOUNT_NOTE]);
    const context = {
      "kms:EncryptionContext:aws:geo:arn": TRACKER,
      "kms:EncryptionContext:team": "maps",
      "kms:EncryptionContextKeys": ["aws:geo:arn", "team"],
    };
    const via = { "kms:ViaService": VIA, "kms:CallerAccount": "111122223333" };
    const row = (id: string, expect: "allow" | "deny", action: string, ctx: Record<string, unknown>, what: string) => ({
      id,
      expect,
      who: ROLE,
      action,
      context: ctx,
      grantSid: DEFAULT_SID,
      subject: action,
      source: SOURCE,
      description: `${ROLE} calls ${action} ${what}.`,
    });
    assertProbes(plan, [
      // A wildcard action is probed with the first action it covers.
      row("service-grant.via-service", "allow", "kms:GenerateDataKey", { ...via, ...context }, `through ${VIA}`),
      row("service-grant.via-service", "allow", "kms:Decrypt", { ...via, ...context }, `through ${VIA}`),
      row(
        "service-grant.direct",
        "deny",
        "kms:GenerateDataKey",
        { "kms:CallerAccount": "111122223333", ...context },
        "directly, not through the service",
      ),
      row(
        "service-grant.via-service.other-context",
        "deny",
        "kms:GenerateDataKey",
        {
          ...via,
          "kms:EncryptionContext:aws:geo:arn": `${TRACKER}-other`,
          "kms:EncryptionContext:team": "maps-other",
          "kms:EncryptionContextKeys": ["aws:geo:arn", "team"],
        },
        `through ${VIA} for another resource`,
      ),
    ]);
    assertTargets(plan, KEY);
  });

  it("an account principal: its root in the statement, a role of it in the probes; no context, no other-context probe", () => {
    const plan = serviceGrantPlan({ ...BASE, principal: "111122223333", sid: "Location" });
    assert.deepEqual(plan.grants[0].statement, {
      Sid: "Location",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:CreateGrant",
      Resource: "*",
      Condition: { StringEquals: { "kms:ViaService": VIA, "kms:CallerAccount": "111122223333" } },
    });
    assert.equal(plan.grants[0].purpose, `Lets arn:aws:iam::111122223333:root use the key through ${VIA} only.`);
    const who = "arn:aws:iam::111122223333:role/ExampleRole";
    assertProbes(plan, [
      {
        id: "service-grant.via-service",
        expect: "allow",
        who,
        action: "kms:CreateGrant",
        context: { "kms:ViaService": VIA, "kms:CallerAccount": "111122223333" },
        grantSid: "Location",
        subject: "kms:CreateGrant",
        source: SOURCE,
        description: `${who} calls kms:CreateGrant through ${VIA}.`,
      },
      {
        id: "service-grant.direct",
        expect: "deny",
        who,
        action: "kms:CreateGrant",
        context: { "kms:CallerAccount": "111122223333" },
        grantSid: "Location",
        subject: "kms:CreateGrant",
        source: SOURCE,
        description: `${who} calls kms:CreateGrant directly, not through the service.`,
      },
    ]);
  });

  it("kms:CallerAccount: the principal's account by default, the key's when the principal has none; the given one when it matches", () => {
    const condition = (p: ServiceGrantParams) => plan(p).grants[0].statement.Condition?.StringEquals;
    const plan = serviceGrantPlan;
    assert.equal(condition({ ...BASE, callerAccount: "111122223333" })?.["kms:CallerAccount"], "111122223333");
    const unknownPrincipal = { ...BASE, principal: PULUMI_UNKNOWN_SENTINEL };
    assert.equal(condition(unknownPrincipal)?.["kms:CallerAccount"], "444455556666");
    // No probe can be written for a principal that is not known yet.
    assert.deepEqual(plan(unknownPrincipal).probes, []);
    // A caller account not known yet is not compared with the principal's.
    assert.equal(
      condition({ ...BASE, callerAccount: PULUMI_UNKNOWN_SENTINEL })?.["kms:CallerAccount"],
      PULUMI_UNKNOWN_SENTINEL,
    );
  });

  it("a kms:ViaService not known yet is kept; an endpoint of the China partition is one", () => {
    assert.doesNotThrow(() => serviceGrantPlan({ ...BASE, viaService: PULUMI_UNKNOWN_SENTINEL }));
    const cn = serviceGrantPlan({
      ...BASE,
      viaService: "geo.cn-north-1.amazonaws.com.cn",
      key: { ...KEY, partition: "aws-cn" },
      principal: "arn:aws-cn:iam::111122223333:role/LocationTeam",
    });
    assert.equal(cn.grants[0].statement.Sid, DEFAULT_SID);
  });

  it("a principal in the key's own account gets only the allow probe: IAM decides the rest", () => {
    const plan = serviceGrantPlan({ ...BASE, key: { account: "111122223333", region: "us-west-2" } });
    assert.deepEqual(
      plan.probes.map((p) => p.id),
      ["service-grant.via-service"],
    );
  });

  it("an endpoint with one label or several before amazonaws.com is one", () => {
    for (const viaService of ["s3.amazonaws.com", "a.b.us-west-2.amazonaws.com", "geo.us-west-2.amazonaws.com.cn"]) {
      assert.doesNotThrow(() => serviceGrantPlan({ ...BASE, viaService }), viaService);
    }
  });

  it("input errors, word for word", () => {
    const context = { encryptionContext: { "aws:geo:arn": TRACKER } };
    const cases: [Partial<ServiceGrantParams>, string][] = [
      [{ actions: [] }, "A service grant needs at least one action."],
      [
        { actions: ["kms:DescribeKey"], ...context },
        `kms:DescribeKey covers kms:DescribeKey, which takes no encryption context${TAIL}`,
      ],
      [
        { actions: ["kms:Decrypt", "kms:Describe*"], ...context },
        `kms:Describe* covers kms:DescribeCustomKeyStores, kms:DescribeKey, which take no encryption context${TAIL}`,
      ],
      [{ actions: ["kms:Nothing*"], ...context }, `kms:Nothing* matches no KMS action${TAIL}`],
      [{ viaService: "geo" }, 'kms:ViaService "geo" is not a service endpoint such as geo.us-west-2.amazonaws.com.'],
      [
        { viaService: "xgeo.us-west-2.amazonaws.com.evil" },
        'kms:ViaService "xgeo.us-west-2.amazonaws.com.evil" is not a service endpoint such as geo.us-west-2.amazonaws.com.',
      ],
      [
        { viaService: "a geo.us-west-2.amazonaws.com" },
        'kms:ViaService "a geo.us-west-2.amazonaws.com" is not a service endpoint such as geo.us-west-2.amazonaws.com.',
      ],
      [{ key: { ...KEY, account: "x" } }, 'The key\'s account must be a 12-digit AWS account id, got "x".'],
      [
        { principal: "arn:aws:s3:::b" },
        'Service grant principal "arn:aws:s3:::b" is not an IAM principal; give an account id or an ARN such as arn:aws:iam::111122223333:role/NAME.',
      ],
      [{ callerAccount: "x" }, 'kms:CallerAccount must be a 12-digit AWS account id, got "x".'],
      [
        { callerAccount: "999999999999" },
        `kms:CallerAccount 999999999999 is not the account of ${ROLE} (111122223333); the grant could never apply.`,
      ],
    ];
    for (const [change, message] of cases) {
      assert.equal(
        errorOf(() => serviceGrantPlan({ ...BASE, ...change })),
        message,
        JSON.stringify(change),
      );
      assert.throws(() => serviceGrantPlan({ ...BASE, ...change }), CatalogInputError);
    }
  });

  it("an action that takes a context passes with one; without a context any action passes", () => {
    for (const actions of [["kms:CreateGrant"], ["kms:Encrypt", "kms:ReEncrypt*"], ["kms:GenerateDataKey*"]]) {
      assert.doesNotThrow(() => serviceGrantPlan({ ...BASE, actions, encryptionContext: { k: "v" } }), actions.join());
    }
    assert.doesNotThrow(() => serviceGrantPlan({ ...BASE, actions: ["kms:DescribeKey"], encryptionContext: {} }));
  });
});
