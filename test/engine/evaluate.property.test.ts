/**
 * Properties of the evaluator over generated key policies and requests (fast-check, seed 42; set
 * FUZZ_RUNS for more runs). The algebra: adding a Deny never grants, adding an Allow never takes a
 * grant away, statement order and the letter case of condition keys and actions never matter. The
 * vocabulary is small on purpose so that statements often match the request, and mixes in what makes evaluation hard: NotPrincipal/NotAction/NotResource, set
 * qualifiers, IfExists, policy variables, Pulumi unknowns, multivalued keys.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  evaluate,
  parsePolicy,
  PULUMI_UNKNOWN_SENTINEL,
  UNKNOWN,
  type ContextValue,
  type Request,
  type Verdict,
} from "pulumi-kms-guardrails/engine";

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const params = { seed: 42, numRuns: RUNS };

const A = "111111111111";
const B = "222222222222";
const KEY = `arn:aws:kms:us-east-1:${A}:key/k1`;
const TRAIL = `arn:aws:cloudtrail:us-east-1:${A}:trail/t1`;

type Json = Record<string, unknown>;

const principalBlock = fc.constantFrom<unknown>(
  "*",
  { AWS: "*" },
  { AWS: A },
  { AWS: `arn:aws:iam::${B}:root` },
  { AWS: `arn:aws:iam::${A}:user/bob` },
  { AWS: `arn:aws:iam::${A}:role/path/Admin` },
  { AWS: `arn:aws:sts::${A}:assumed-role/Admin/s1` },
  { AWS: [A, `arn:aws:iam::${B}:user/alice`] },
  { Service: "cloudtrail.amazonaws.com" },
  { Service: ["config.amazonaws.com", "cloudtrail.amazonaws.com"] },
  { AWS: PULUMI_UNKNOWN_SENTINEL },
);
const actions = fc.constantFrom<unknown>(
  "kms:*",
  "*",
  "kms:Decrypt",
  "kms:GenerateDataKey*",
  ["kms:Decrypt", "kms:DescribeKey"],
  "kms:Gen?rate*",
  "kms:CreateGrant",
);
const resources = fc.constantFrom<unknown>("*", KEY, `arn:aws:kms:*:${A}:key/*`, `arn:aws:kms:us-east-1:${B}:key/k2`, [
  KEY,
  "arn:aws:kms:*:${aws:PrincipalAccount}:key/*",
]);

const conditionKeys = [
  "aws:SourceArn",
  "aws:SourceAccount",
  "kms:EncryptionContext:aws:cloudtrail:arn",
  "kms:EncryptionContextKeys",
  "aws:SourceIp",
  "aws:CurrentTime",
  "aws:PrincipalAccount",
  "kms:ViaService",
  "aws:SecureTransport",
  "aws:MultiFactorAuthAge",
] as const;
const valuePool = [
  TRAIL,
  `arn:aws:cloudtrail:*:${A}:trail/*`,
  A,
  B,
  "203.0.113.0/24",
  "2030-01-01T00:00:00Z",
  "true",
  "false",
  "3600",
  "geo.us-west-2.amazonaws.com",
  "${aws:PrincipalAccount}",
  "aws:cloudtrail:arn",
  "t*",
  PULUMI_UNKNOWN_SENTINEL,
];
const operators = fc.constantFrom(
  "StringEquals",
  "StringNotEquals",
  "StringLike",
  "StringNotLikeIfExists",
  "StringEqualsIgnoreCase",
  "ArnLike",
  "ArnNotEquals",
  "Null",
  "Bool",
  "NumericLessThan",
  "DateGreaterThan",
  "IpAddress",
  "NotIpAddress",
  "ForAnyValue:StringEquals",
  "ForAllValues:StringLike",
  "ForAnyValue:StringNotEquals",
  "StringEqualsIfExists",
);

const condition: fc.Arbitrary<Json> = fc
  .array(
    fc.record({
      op: operators,
      entries: fc.uniqueArray(
        fc.record({
          key: fc.constantFrom(...conditionKeys),
          values: fc.array(fc.constantFrom(...valuePool), { minLength: 1, maxLength: 2 }),
        }),
        { selector: (e) => e.key, maxLength: 2, minLength: 1 },
      ),
    }),
    { maxLength: 2 },
  )
  .map((blocks) => {
    const out: Json = {};
    for (const b of blocks) {
      const block = (out[b.op] ?? {}) as Json;
      for (const e of b.entries) block[e.key] = e.values.length === 1 ? e.values[0] : e.values;
      out[b.op] = block;
    }
    return out;
  });

/** Mostly false: the Not* elements are the exception, and they make statements match less often. */
const rarely = fc.constantFrom(false, false, false, true);

const statementOf = (effect: "Allow" | "Deny"): fc.Arbitrary<Json> =>
  fc
    .record({
      sid: fc.constantFrom("S1", "S2", "S3", "S4", "S5"),
      principal: principalBlock,
      notPrincipal: rarely,
      action: actions,
      notAction: rarely,
      resource: resources,
      notResource: rarely,
      // Half the statements are unconditioned, so that grants are common enough to test.
      condition: fc.oneof(fc.constant({}), condition),
    })
    .map((s) => {
      const statement: Json = { Sid: s.sid, Effect: effect };
      statement[s.notPrincipal && s.principal !== "*" ? "NotPrincipal" : "Principal"] = s.principal;
      statement[s.notAction ? "NotAction" : "Action"] = s.action;
      statement[s.notResource ? "NotResource" : "Resource"] = s.resource;
      if (Object.keys(s.condition).length > 0) statement.Condition = s.condition;
      return statement;
    });

const anyStatement = fc.oneof(
  { weight: 2, arbitrary: statementOf("Allow") },
  { weight: 1, arbitrary: statementOf("Deny") },
);
const statements = fc.array(anyStatement, { minLength: 1, maxLength: 5 });

const contextValue: fc.Arbitrary<ContextValue> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(
      TRAIL,
      A,
      B,
      "203.0.113.7",
      "2031-05-01T00:00:00Z",
      "true",
      "60",
      "geo.us-west-2.amazonaws.com",
    ),
  },
  { weight: 2, arbitrary: fc.array(fc.constantFrom("aws:cloudtrail:arn", "tenant", "t1"), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant(UNKNOWN) },
);
const request: fc.Arbitrary<Request> = fc.record({
  principal: fc.constantFrom<Request["principal"]>(
    { kind: "aws", arn: `arn:aws:iam::${A}:user/bob` },
    { kind: "aws", arn: `arn:aws:iam::${A}:root` },
    { kind: "aws", arn: `arn:aws:sts::${A}:assumed-role/Admin/s1` },
    { kind: "aws", arn: `arn:aws:sts::${A}:assumed-role/Admin/s2` },
    { kind: "aws", arn: `arn:aws:iam::${B}:user/alice` },
    { kind: "service", service: "cloudtrail.amazonaws.com" },
    { kind: "service", service: "config.amazonaws.com" },
    { kind: "anonymous" },
  ),
  action: fc.constantFrom(
    "kms:Decrypt",
    "kms:GenerateDataKey",
    "kms:DescribeKey",
    "kms:CreateGrant",
    "kms:ScheduleKeyDeletion",
  ),
  resource: fc.constantFrom(KEY, KEY, KEY, `arn:aws:kms:us-east-1:${B}:key/k2`),
  context: fc.dictionary(fc.constantFrom(...conditionKeys), contextValue, { maxKeys: 4 }),
});

const verdictOf = (docStatements: readonly Json[], r: Request): Verdict => {
  const parsed = parsePolicy({ Version: "2012-10-17", Statement: docStatements });
  assert.ok(parsed.policy, "generated policies are always representable");
  const decision = evaluate(parsed.policy, r);
  assert.doesNotMatch(decision.reason, /Internal error/);
  return decision.verdict;
};

const GRANTED: readonly Verdict[] = ["allowed", "needs-iam"];
const DENIED: readonly Verdict[] = ["denied-explicit", "denied-implicit"];

/** Rewrites the letter case of a key name: 0 upper, 1 lower, 2 alternating, 3 swapped. */
function recase(key: string, scheme: number): string {
  switch (scheme % 4) {
    case 0:
      return key.toUpperCase();
    case 1:
      return key.toLowerCase();
    case 2:
      return [...key].map((c, i) => (i % 2 === 0 ? c.toUpperCase() : c.toLowerCase())).join("");
    default:
      return [...key].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join("");
  }
}

function recaseConditionKeys(statement: Json, scheme: number): Json {
  const cond = statement.Condition as Record<string, Json> | undefined;
  if (cond === undefined) return statement;
  const out: Record<string, Json> = {};
  for (const [op, block] of Object.entries(cond)) {
    out[op] = Object.fromEntries(Object.entries(block).map(([k, v]) => [recase(k, scheme), v]));
  }
  return { ...statement, Condition: out };
}

describe("evaluator properties", () => {
  it("adding a Deny never turns a verdict that was not a grant into a grant", () => {
    fc.assert(
      fc.property(statements, statementOf("Deny"), request, (base, deny, r) => {
        const before = verdictOf(base, r);
        const after = verdictOf([...base, deny], r);
        if (!GRANTED.includes(before)) assert.ok(!GRANTED.includes(after), `${before} -> ${after}`);
        if (before === "denied-explicit") assert.equal(after, "denied-explicit");
      }),
      params,
    );
  });

  it("adding an Allow never turns an allowed request into a denial", () => {
    fc.assert(
      fc.property(statements, statementOf("Allow"), request, (base, extra, r) => {
        const before = verdictOf(base, r);
        const after = verdictOf([extra, ...base], r);
        if (before === "allowed") assert.ok(!DENIED.includes(after), `${before} -> ${after}`);
        if (before === "denied-explicit") assert.equal(after, "denied-explicit");
      }),
      params,
    );
  });

  it("adding an Allow never turns a grant, direct or through IAM, into a denial", () => {
    fc.assert(
      fc.property(statements, statementOf("Allow"), fc.nat(), request, (base, extra, at, r) => {
        const before = verdictOf(base, r);
        const position = at % (base.length + 1);
        const after = verdictOf([...base.slice(0, position), extra, ...base.slice(position)], r);
        if (GRANTED.includes(before)) assert.ok(!DENIED.includes(after), `${before} -> ${after}`);
      }),
      params,
    );
  });

  it("statement order never changes the verdict", () => {
    fc.assert(
      fc.property(
        statements.chain((s) =>
          fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length })),
        ),
        request,
        ([original, shuffled], r) => {
          assert.equal(verdictOf(shuffled, r), verdictOf(original, r));
        },
      ),
      params,
    );
  });

  it("the letter case of condition-key names never changes the verdict", () => {
    fc.assert(
      fc.property(statements, request, fc.nat(3), fc.nat(3), (base, r, policyScheme, requestScheme) => {
        const recasedPolicy = base.map((s) => recaseConditionKeys(s, policyScheme));
        const context: Record<string, ContextValue> = {};
        for (const [k, v] of Object.entries(r.context ?? {})) context[recase(k, requestScheme)] = v;
        assert.equal(verdictOf(recasedPolicy, { ...r, context }), verdictOf(base, r));
      }),
      params,
    );
  });

  it("the letter case of action names, in the policy and in the request, never changes the verdict", () => {
    const recaseActions = (statement: Json, scheme: number): Json => {
      const out: Json = { ...statement };
      for (const element of ["Action", "NotAction"]) {
        const v = statement[element];
        if (typeof v === "string") out[element] = recase(v, scheme);
        else if (Array.isArray(v)) out[element] = v.map((a) => (typeof a === "string" ? recase(a, scheme) : a));
      }
      return out;
    };
    fc.assert(
      fc.property(statements, request, fc.nat(3), fc.nat(3), (base, r, policyScheme, requestScheme) => {
        const recased = base.map((s) => recaseActions(s, policyScheme));
        assert.equal(verdictOf(recased, { ...r, action: recase(r.action, requestScheme) }), verdictOf(base, r));
      }),
      params,
    );
  });

  it("never throws, whatever the parser hands over", () => {
    const junk = fc.anything({ maxDepth: 4, withNullPrototype: true, withBoxedValues: true });
    const document = fc.oneof(
      fc.record({
        Version: fc.constant("2012-10-17"),
        Statement: fc.array(fc.oneof(anyStatement, junk), { maxLength: 4 }),
      }),
      fc.record({
        Statement: fc.array(
          fc.dictionary(fc.constantFrom("Effect", "Principal", "Action", "Resource", "Condition", "Sid"), junk),
          { maxLength: 3 },
        ),
      }),
      junk,
    );
    const oddRequest = fc.oneof(
      request,
      fc.record({
        principal: fc.oneof(
          fc.constant({ kind: "aws", arn: "not an arn" }),
          fc.constant({ kind: "service", service: "" }),
        ),
        action: fc.string(),
        context: fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(UNKNOWN))),
      }) as fc.Arbitrary<Request>,
    );
    fc.assert(
      fc.property(document, oddRequest, (doc, r) => {
        const parsed = parsePolicy(doc);
        if (parsed.policy === undefined) return;
        const decision = evaluate(parsed.policy, r);
        assert.doesNotMatch(decision.reason, /Internal error/);
        assert.ok(decision.trace.length >= parsed.policy.statements.length);
      }),
      params,
    );
  });
});
