/**
 * What the scenario table cannot show: the shape of a decision (trace, condition explanations,
 * reasons), the effective request context, inputs from plain JavaScript, and the value parsers behind
 * the operators. Throughput is measured by `npm run bench`, not here.
 */
import { strict as assert } from "node:assert";
import {
  evaluate,
  PULUMI_UNKNOWN_SENTINEL,
  UNKNOWN,
  type ConditionTrace,
  type Decision,
  type KeyPolicy,
  type Request,
} from "pulumi-kms-guardrails/engine";
import { parseDate } from "../../components/src/engine/evaluate/dates";
import { ipInNetwork, parseCidr } from "../../components/src/engine/ip-address";
import {
  matchPieces,
  parseTemplate,
  piecesText,
  resolveTemplate,
  splitArnPieces,
} from "../../components/src/engine/evaluate/policy-variables";
import { toKeyPolicy } from "./policy-helper";

const A = "111111111111";
const KEY = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TRAIL = `arn:aws:cloudtrail:us-east-2:${A}:trail/management-events`;
const CT = "kms:EncryptionContext:aws:cloudtrail:arn";

/** Seed 003, "Granting encrypt permissions", with the cross-account pattern for 222222222222 only. */
const encryptPolicy = (patterns: string[]): KeyPolicy =>
  toKeyPolicy({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${A}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "Allow CloudTrail to encrypt logs",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringLike: { [CT]: patterns },
          StringEquals: { "aws:SourceArn": TRAIL },
        },
      },
    ],
  });

const cloudtrail = (action: string, context: Request["context"]): Request => ({
  principal: { kind: "service", service: "cloudtrail.amazonaws.com" },
  action,
  resource: KEY,
  ...(context === undefined ? {} : { context }),
});

const conditionsOf = (d: Decision, sid: string): readonly ConditionTrace[] =>
  d.trace.find((t) => t.sid === sid)?.conditions ?? [];

describe("evaluate: decisions explain themselves", () => {
  it("traces every statement in policy order with its principal, action and resource match", () => {
    const d = evaluate(encryptPolicy([`arn:aws:cloudtrail:*:${A}:trail/*`]), cloudtrail("kms:GenerateDataKey", {}));
    assert.deepEqual(
      d.trace.map((t) => [t.index, t.sid, t.effect, t.principal, t.action, t.resource]),
      [
        [0, "Enable IAM User Permissions", "Allow", "none", true, true],
        [1, "Allow CloudTrail to encrypt logs", "Allow", "direct", true, true],
      ],
    );
    // Conditions of a statement that cannot apply are not evaluated.
    assert.deepEqual(d.trace[0].conditions, []);
  });

  it('says "aws:SourceArn is absent; StringEquals requires it"', () => {
    const d = evaluate(
      encryptPolicy([`arn:aws:cloudtrail:*:${A}:trail/*`]),
      cloudtrail("kms:GenerateDataKey", { [CT]: TRAIL }),
    );
    const sourceArn = conditionsOf(d, "Allow CloudTrail to encrypt logs").find((c) => c.key === "aws:SourceArn");
    assert.equal(sourceArn?.explanation, "aws:SourceArn is absent; StringEquals requires it");
    assert.equal(sourceArn?.result, false);
    assert.equal(sourceArn?.requestValue, undefined);
  });

  it("names the request value and the pattern it does not match", () => {
    const other = `arn:aws:cloudtrail:us-east-2:${A}:trail/other`;
    const d = evaluate(
      encryptPolicy(["arn:aws:cloudtrail:*:222222222222:trail/*"]),
      cloudtrail("kms:GenerateDataKey", { [CT]: other, "aws:SourceArn": TRAIL }),
    );
    const context = conditionsOf(d, "Allow CloudTrail to encrypt logs").find((c) => c.key === CT);
    assert.equal(context?.explanation, `${CT} = ${other} does not match arn:aws:cloudtrail:*:222222222222:trail/*`);
    assert.deepEqual(context?.requestValue, [other]);
    assert.equal(d.verdict, "denied-implicit");
    assert.match(d.reason, /No statement allows kms:GenerateDataKey for cloudtrail\.amazonaws\.com/);
    assert.match(d.reason, /"Allow CloudTrail to encrypt logs"/);
    assert.match(d.reason, /does not match arn:aws:cloudtrail:\*:222222222222:trail\/\*/);
  });

  it("explains why DescribeKey never carries an encryption context (seed 001)", () => {
    const d = evaluate(
      encryptPolicy([`arn:aws:cloudtrail:*:${A}:trail/*`]),
      cloudtrail("kms:DescribeKey", { [CT]: TRAIL, "aws:SourceArn": TRAIL }),
    );
    assert.equal(d.verdict, "denied-implicit");
    const context = conditionsOf(d, "Allow CloudTrail to encrypt logs").find((c) => c.key === CT);
    assert.equal(
      context?.explanation,
      `${CT} is absent (kms:DescribeKey requests never carry it); StringLike requires it`,
    );
  });

  it("gives every verdict an actionable reason naming the deciding statement", () => {
    const policy = toKeyPolicy({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Root", Effect: "Allow", Principal: { AWS: A }, Action: "kms:*", Resource: "*" },
        {
          Sid: "Bob",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${A}:user/Bob` },
          Action: "kms:Decrypt",
          Resource: "*",
        },
        { Sid: "Other", Effect: "Allow", Principal: { AWS: "222222222222" }, Action: "kms:Decrypt", Resource: "*" },
        { Sid: "NoDelete", Effect: "Deny", Principal: "*", Action: "kms:ScheduleKeyDeletion", Resource: "*" },
      ],
    });
    const ask = (arn: string, action: string) =>
      evaluate(policy, { principal: { kind: "aws", arn }, action, resource: KEY });
    const allowed = ask(`arn:aws:iam::${A}:user/Bob`, "kms:Decrypt");
    assert.equal(allowed.verdict, "allowed");
    assert.match(allowed.reason, /"Bob" grants kms:Decrypt to arn:aws:iam::111111111111:user\/Bob directly/);
    assert.deepEqual(
      allowed.deciding.map((t) => t.sid),
      ["Bob", "Root"],
    );

    const delegated = ask(`arn:aws:iam::${A}:user/Carol`, "kms:Decrypt");
    assert.equal(delegated.verdict, "needs-iam");
    assert.match(delegated.reason, /"Root" delegates kms:Decrypt to the IAM policies of account 111111111111/);

    const crossAccount = ask("arn:aws:iam::222222222222:user/Alice", "kms:Decrypt");
    assert.equal(crossAccount.verdict, "needs-iam");
    assert.match(crossAccount.reason, /an IAM policy in account 222222222222 must also allow kms:Decrypt/);

    const denied = ask(`arn:aws:iam::${A}:root`, "kms:ScheduleKeyDeletion");
    assert.equal(denied.verdict, "denied-explicit");
    assert.match(denied.reason, /^Denied explicitly by "NoDelete"/);
    assert.deepEqual(
      denied.deciding.map((t) => t.sid),
      ["NoDelete"],
    );

    const implicit = ask("arn:aws:iam::222222222222:user/Alice", "kms:Encrypt");
    assert.equal(implicit.verdict, "denied-implicit");
    assert.deepEqual(implicit.deciding, []);
    assert.match(implicit.reason, /^No statement allows kms:Encrypt/);
  });

  it("reports an unknown context value as unknown in the trace and the reason", () => {
    const d = evaluate(
      encryptPolicy([`arn:aws:cloudtrail:*:${A}:trail/*`]),
      cloudtrail("kms:GenerateDataKey", { [CT]: TRAIL, "aws:SourceArn": UNKNOWN }),
    );
    assert.equal(d.verdict, "undecidable");
    const sourceArn = conditionsOf(d, "Allow CloudTrail to encrypt logs").find((c) => c.key === "aws:SourceArn");
    assert.equal(sourceArn?.requestValue, "unknown");
    assert.equal(sourceArn?.result, "unknown");
    assert.equal(d.deciding[0].applies, "unknown");
    assert.match(d.reason, /aws:SourceArn is not known yet/);
    // Users read the reason: the possible verdicts in words, never the verdict ids.
    assert.match(d.reason, /^Either allowed by the key policy or denied, depending on what is not known: /);
    assert.doesNotMatch(d.reason, /needs-iam|Evaluate again|Cannot/);
  });

  it("is deterministic and reuses the compiled policy", () => {
    const policy = encryptPolicy([`arn:aws:cloudtrail:*:${A}:trail/*`]);
    const request = cloudtrail("kms:GenerateDataKey", { [CT]: TRAIL, "aws:SourceArn": TRAIL });
    assert.deepEqual(evaluate(policy, request), evaluate(policy, request));
  });
});

describe("evaluate: the effective request context", () => {
  const byCondition = (
    condition: Record<string, unknown>,
    principal: Request["principal"],
    context: Request["context"] = {},
  ) =>
    evaluate(
      toKeyPolicy({
        Version: "2012-10-17",
        Statement: [
          { Sid: "C", Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*", Condition: condition },
        ],
      }),
      { principal, action: "kms:Decrypt", resource: KEY, context },
    );
  const session = { kind: "aws", arn: `arn:aws:sts::${A}:assumed-role/Admin/s1` } as const;

  it("derives aws:PrincipalArn (the role for a session), aws:PrincipalAccount, kms:CallerAccount, aws:PrincipalType", () => {
    const d = byCondition(
      {
        // The role's ARN (a role pattern matches it; the session's ARN would not).
        ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${A}:role/*` },
        StringEquals: { "aws:PrincipalAccount": A, "kms:CallerAccount": A, "aws:PrincipalType": "AssumedRole" },
        Bool: { "aws:PrincipalIsAWSService": "false" },
      },
      session,
    );
    assert.equal(d.verdict, "allowed", d.reason);
  });

  it("derives aws:username for IAM users only", () => {
    const cond = { StringEquals: { "aws:username": "Bob" } };
    assert.equal(byCondition(cond, { kind: "aws", arn: `arn:aws:iam::${A}:user/ops/Bob` }).verdict, "allowed");
    assert.equal(byCondition({ Null: { "aws:username": "true" } }, session).verdict, "allowed");
  });

  it("derives aws:PrincipalServiceName and aws:PrincipalIsAWSService for services, and no account", () => {
    const service = { kind: "service", service: "cloudtrail.amazonaws.com" } as const;
    const d = byCondition(
      {
        StringEquals: { "aws:PrincipalServiceName": "cloudtrail.amazonaws.com" },
        Bool: { "aws:PrincipalIsAWSService": "true" },
        Null: { "aws:PrincipalAccount": "true", "kms:CallerAccount": "true" },
      },
      service,
    );
    assert.equal(d.verdict, "allowed", d.reason);
  });

  it("keeps a value the caller gave over the derived one (a role path the session ARN cannot tell)", () => {
    const withPath = `arn:aws:iam::${A}:role/teams/Admin`;
    const cond = { ArnEquals: { "aws:PrincipalArn": withPath } };
    // Without it the answer depends on the path: undecidable, neither denied nor allowed.
    assert.equal(byCondition(cond, session).verdict, "undecidable");
    assert.equal(byCondition(cond, session, { "aws:principalarn": withPath }).verdict, "allowed");
    assert.equal(byCondition(cond, { kind: "aws", arn: withPath }).verdict, "allowed");
  });

  it("keeps aws: and other services' keys for every action, drops kms: keys the action cannot carry", () => {
    const d = byCondition({ StringEquals: { "aws:SourceVpce": "vpce-1", "s3:prefix": "logs/" } }, session, {
      "aws:SourceVpce": "vpce-1",
      "s3:prefix": "logs/",
    });
    assert.equal(d.verdict, "allowed");
    const dropped = evaluate(
      toKeyPolicy({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "C",
            Effect: "Allow",
            Principal: "*",
            Action: "kms:*",
            Resource: "*",
            Condition: { Null: { "kms:GrantOperations": "true" } },
          },
        ],
      }),
      { principal: session, action: "kms:Decrypt", resource: KEY, context: { "kms:GrantOperations": ["Decrypt"] } },
    );
    assert.equal(dropped.verdict, "allowed", "Decrypt requests never carry kms:GrantOperations");
  });
});

describe("evaluate: inputs from plain JavaScript", () => {
  const policy = toKeyPolicy({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: "*", Action: "kms:*", Resource: "*" }],
  });

  it("does not throw on a missing policy, principal or odd values", () => {
    const odd: unknown[] = [
      [null, { principal: { kind: "anonymous" }, action: "kms:Decrypt" }],
      [policy, null],
      [policy, { action: "kms:Decrypt" }],
      [policy, { principal: { kind: "federated" }, action: "kms:Decrypt" }],
      [policy, { principal: { kind: "aws", arn: 42 }, action: 7, context: { "aws:SourceIp": 3, k: null } }],
      [
        { statements: "nope", raw: {} },
        { principal: { kind: "anonymous" }, action: "kms:Decrypt" },
      ],
    ];
    for (const [p, r] of odd as [KeyPolicy, Request][]) {
      const d = evaluate(p, r);
      assert.ok(["undecidable", "allowed", "denied-implicit"].includes(d.verdict), d.reason);
      assert.doesNotMatch(d.reason, /Internal error/);
    }
  });

  it("treats a policy string containing the Pulumi sentinel as unknown", () => {
    const p = toKeyPolicy({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "S",
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${PULUMI_UNKNOWN_SENTINEL}:root` },
          Action: "kms:*",
          Resource: "*",
        },
      ],
    });
    assert.equal(
      evaluate(p, { principal: { kind: "aws", arn: `arn:aws:iam::${A}:user/x` }, action: "kms:Decrypt" }).verdict,
      "undecidable",
    );
  });
});

describe("value parsers", () => {
  it("IP addresses: IPv4 and IPv6 CIDRs, bare addresses, IPv4-mapped IPv6", () => {
    const v4 = parseCidr("10.1.0.0/16");
    assert.ok(v4);
    assert.equal(ipInNetwork("10.1.255.3", v4), true);
    assert.equal(ipInNetwork("10.2.0.1", v4), false);
    assert.equal(ipInNetwork("::ffff:10.1.2.3", v4), true);
    const v6 = parseCidr("2001:DB8::/32");
    assert.ok(v6);
    assert.equal(ipInNetwork("2001:db8:ffff::1", v6), true);
    assert.equal(ipInNetwork("2001:db9::1", v6), false);
    assert.equal(ipInNetwork("10.1.2.3", v6), false);
    const host = parseCidr("192.0.2.1");
    assert.ok(host);
    assert.equal(ipInNetwork("192.0.2.1", host), true);
    assert.equal(ipInNetwork("192.0.2.2", host), false);
    const all = parseCidr("0.0.0.0/0");
    assert.ok(all);
    assert.equal(ipInNetwork("255.255.255.255", all), true);
    assert.equal(ipInNetwork("not-an-ip", all), false);
    for (const bad of ["10.0.0.0/33", "256.0.0.1", "1.2.3", "2001:db8::/129", "1::2::3", "abc", "10.0.0.0/x"]) {
      assert.equal(parseCidr(bad), undefined, bad);
    }
    assert.ok(parseCidr("::/0"));
    assert.ok(parseCidr("::1"));
    assert.ok(parseCidr("64:ff9b::192.0.2.33/128"));
  });

  it("dates: ISO 8601 forms, zones, epoch seconds; no zone means UTC", () => {
    const utc = Date.UTC(2030, 0, 1);
    assert.equal(parseDate("2030-01-01"), utc);
    assert.equal(parseDate("2030-01-01T00:00:00Z"), utc);
    assert.equal(parseDate("2030-01-01T00:00:00"), utc);
    assert.equal(parseDate("2030-01-01T01:00:00+01:00"), utc);
    assert.equal(parseDate("2029-12-31T19:00:00-0500"), utc);
    assert.equal(parseDate("20300101T000000Z"), utc);
    assert.equal(parseDate("2030-01-01T00:00:00.250Z"), utc + 250);
    assert.equal(parseDate("1893456000"), utc);
    for (const bad of ["2030-02-30", "2030-13-01", "yesterday", "", "2030-01-01T25:00:00Z"])
      assert.equal(parseDate(bad), undefined, bad);
  });

  it("policy variables: escapes, defaults, and values that cannot be resolved", () => {
    const ctx = new Map<string, readonly string[]>([
      ["aws:username", ["bob"]],
      ["aws:principaltag/team", []],
      ["kms:encryptioncontextkeys", ["a", "b"]],
      ["aws:sourcearn", ["arn:aws:s3:::b"]],
    ]);
    const lookup = (k: string) => ctx.get(k);
    // A string without a variable or an escape is no template: it is used as written.
    const resolve = (s: string) => {
      const template = parseTemplate(s);
      return template === undefined
        ? { kind: "resolved" as const, pieces: [{ text: s, wild: true }] }
        : resolveTemplate(template, lookup);
    };
    assert.equal(parseTemplate("home/bob/*"), undefined);
    assert.equal(parseTemplate("${not a variable}"), undefined);
    const text = (s: string) => {
      const r = resolve(s);
      return r.kind === "resolved" ? piecesText(r.pieces) : r.kind;
    };
    assert.equal(text("home/${aws:username}/*"), "home/bob/*");
    assert.equal(text("${aws:USERNAME}"), "bob");
    assert.equal(text("a${*}b${?}c${$}"), "a*b?c$");
    assert.equal(text("${aws:PrincipalTag/team, 'none'}"), "none");
    assert.equal(text("${aws:userid}"), "unresolved");
    assert.equal(text("${kms:EncryptionContextKeys}"), "unresolved");
    assert.equal(text("${not a variable}"), "${not a variable}");
    const like = resolve("a${*}b*");
    assert.ok(like.kind === "resolved");
    assert.equal(matchPieces(like.pieces, "a*bcd"), true);
    assert.equal(matchPieces(like.pieces, "axbcd"), false);
    // A substituted value containing colons does not shift the ARN parts before it.
    const arn = resolve("arn:aws:cloudtrail:*:${aws:username}:trail/*");
    assert.ok(arn.kind === "resolved");
    assert.deepEqual(splitArnPieces(arn.pieces)?.map(piecesText), ["arn", "aws", "cloudtrail", "*", "bob", "trail/*"]);
    assert.equal(splitArnPieces([{ text: "not:an:arn", wild: true }]), undefined);
  });
});
