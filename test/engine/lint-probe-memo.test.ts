/**
 * The linter's helpers (engine/lint/memo.ts, probe.ts, check.ts): memos that compute each string once
 * and stay bounded, the one-statement probe and the stranger's account it asks for, statement labels
 * and the shape of a finding.
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL as NOT_KNOWN_YET, type Request } from "pulumi-kms-guardrails/engine";
import { collectingCheck, finding, statementLabel, type CheckMeta } from "../../components/src/engine/lint/check";
import { memoized } from "../../components/src/engine/lint/memo";
import {
  grants,
  probeStatement,
  statementApplies,
  statementProbe,
  unrelatedAccount,
} from "../../components/src/engine/lint/probe";
import { allow, deny, findingsOf } from "./lint-area-helper";
import { keyPolicyFromJson } from "./policy-from-json";

const statementsOf = (...json: unknown[]) => keyPolicyFromJson({ Statement: json }).statements;
const role = (account: string): Request => ({
  principal: { kind: "aws", arn: `arn:aws:iam::${account}:role/Probe` },
  action: "kms:Decrypt",
});

describe("lint memo: memoized", () => {
  it("computes each string once, remembers undefined too, and computes anything else every time", () => {
    const calls: unknown[] = [];
    const lengthOf = memoized((s: string): number | undefined => {
      calls.push(s);
      return s.length > 1 ? s.length : undefined;
    });
    assert.equal(lengthOf("abc"), 3);
    assert.equal(lengthOf("abc"), 3);
    assert.equal(lengthOf("a"), undefined);
    assert.equal(lengthOf("a"), undefined);
    const notAString = { length: 7 } as unknown as string;
    assert.equal(lengthOf(notAString), 7);
    assert.equal(lengthOf(notAString), 7);
    assert.deepEqual(calls, ["abc", "a", notAString, notAString]);
  });

  it("a value that is not a string gets what compute gives it, error included", () => {
    const upper = memoized((s: string) => s.toUpperCase());
    assert.throws(() => upper(42 as unknown as string), TypeError);
    assert.equal(upper("kms"), "KMS");
  });

  it("is bounded: past its size the memo starts again (2 000 strings unless told)", () => {
    let computed = 0;
    const count = (s: string): string => {
      computed++;
      return s;
    };
    const small = memoized(count, 3);
    for (const s of ["a", "b", "c", "a"]) small(s);
    assert.equal(computed, 3);
    small("d"); // the memo held 3: it starts again with d
    small("a");
    assert.equal(computed, 5);

    computed = 0;
    const usual = memoized(count);
    for (let i = 0; i < 2_000; i++) usual(`s${i}`);
    usual("s0");
    assert.equal(computed, 2_000);
    usual("s2000");
    usual("s0");
    assert.equal(computed, 2_002);
  });
});

describe("lint probe: one statement against a request", () => {
  const openToOrganization = allow("*", "kms:Decrypt", { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/*" } });

  it("the verdict of the statement alone, wherever it stands in the policy", () => {
    const [first, second] = statementsOf(
      deny("*", "kms:Decrypt", { Bool: { "aws:SecureTransport": "false" } }),
      openToOrganization,
    );
    assert.equal(probeStatement(second, role("999999999999")), "allowed");
    assert.equal(statementProbe(second)(role("999999999999")), "allowed");
    assert.equal(probeStatement(first, role("999999999999")), "denied-implicit");
    assert.equal(
      probeStatement(first, { ...role("999999999999"), context: { "aws:SecureTransport": "false" } }),
      "denied-explicit",
    );
  });

  it("undefined when the evaluator cannot decide", () => {
    const [statement] = statementsOf(
      allow("*", "kms:Decrypt", { StringEquals: { "kms:CallerAccount": NOT_KNOWN_YET } }),
    );
    assert.equal(probeStatement(statement, role("999999999999")), undefined);
    assert.equal(statementProbe(statement)(role("999999999999")), undefined);
  });

  it("statementApplies: whether the statement applies, unknown when it may (a Deny's verdict cannot tell)", () => {
    const denyOutside = (extra: Record<string, unknown>) =>
      statementsOf(deny("*", "kms:Decrypt", { StringNotEquals: { "aws:SourceVpce": "vpce-1" }, ...extra }))[0];
    const request = { ...role("999999999999"), context: { "aws:SourceAccount": "999999999999" } };
    assert.equal(statementApplies(denyOutside({}), request), true);
    assert.equal(
      statementApplies(denyOutside({ StringEquals: { "aws:SourceAccount": "111122223333" } }), request),
      false,
    );
    const unknown = denyOutside({ StringEquals: { "aws:SourceAccount": NOT_KNOWN_YET } });
    assert.equal(statementApplies(unknown, request), "unknown");
    assert.equal(probeStatement(unknown, request), "denied-implicit");
    // Wherever the statement stands.
    const [, second] = statementsOf(allow("*", "kms:Encrypt"), deny("*", "kms:Decrypt"));
    assert.equal(statementApplies(second, request), true);
  });

  it("grants: allowed, or allowed pending IAM; nothing else", () => {
    assert.deepEqual(
      (["allowed", "needs-iam", "denied-explicit", "denied-implicit", "undecidable", undefined] as const).map(grants),
      [true, true, false, false, false, false],
    );
  });

  it("the stranger's account is one the policy does not mention, anywhere", () => {
    assert.equal(unrelatedAccount(statementsOf(openToOrganization)), "999999999999");
    assert.equal(
      unrelatedAccount(statementsOf(allow({ AWS: "arn:aws:iam::999999999999:root" }, "kms:*"))),
      "999988887777",
    );
    const named = ["999999999999", "999988887777", "888877776666"];
    assert.equal(
      unrelatedAccount(statementsOf(allow("*", "kms:Decrypt", { StringEquals: { "kms:CallerAccount": named } }))),
      "123412341234",
    );
    assert.equal(
      unrelatedAccount(
        statementsOf(allow("*", "kms:Decrypt", { StringEquals: { "kms:CallerAccount": [...named, "123412341234"] } })),
      ),
      "000000000001",
    );
    // A statement built in code without its JSON mentions nothing.
    const [built] = statementsOf(allow({ AWS: "arn:aws:iam::999999999999:root" }, "kms:*"));
    assert.equal(unrelatedAccount([{ ...built, raw: undefined }]), "999999999999");
  });

  it("public-principal-unconditioned asks as that stranger", () => {
    // Admits only roles of the account the probe falls back to when the policy names the other four.
    const named = ["999999999999", "999988887777", "888877776666", "123412341234"];
    const admitsFallback = allow("*", "kms:Decrypt", {
      StringLike: { "aws:PrincipalArn": "arn:aws:iam::000000000001:role/*" },
    });
    const others = allow({ AWS: named.map((a) => `arn:aws:iam::${a}:root`) }, "kms:Decrypt");
    assert.deepEqual(
      findingsOf("public-principal-unconditioned", { Statement: [others, admitsFallback] }).map((f) => f.path),
      ["$.Statement[1].Principal"],
    );
    assert.deepEqual(findingsOf("public-principal-unconditioned", { Statement: [admitsFallback] }), []);
  });
});

describe("lint check: labels and findings", () => {
  const [withSid, emptySid, noSid] = statementsOf(
    { Sid: "Allow CloudTrail access", ...allow("*", "kms:Decrypt") },
    { Sid: "", ...allow("*", "kms:Decrypt") },
    allow("*", "kms:Decrypt"),
  );
  const meta: CheckMeta = {
    id: "example",
    severity: "info",
    description: "An example.",
    source: { seed: "004", section: "IAM policies" },
    fix: { description: "The generic fix." },
  };

  it("a statement is named by its Sid, else by its position", () => {
    assert.deepEqual([withSid, emptySid, noSid].map(statementLabel), [
      'Statement "Allow CloudTrail access"',
      "Statement[1]",
      "Statement[2]",
    ]);
  });

  it("a finding names its statement by index and Sid (an empty Sid kept), or none; the fix defaults to the kind's", () => {
    assert.deepEqual(finding(meta, withSid, "$.Statement[0]", "m"), {
      id: "example",
      severity: "info",
      message: "m",
      path: "$.Statement[0]",
      statement: { index: 0, sid: "Allow CloudTrail access" },
      fix: { description: "The generic fix." },
      source: meta.source,
    });
    assert.deepEqual(finding(meta, emptySid, "$.Statement[1]", "m").statement, { index: 1, sid: "" });
    assert.deepEqual(Object.keys(finding(meta, noSid, "$.Statement[2]", "m").statement ?? {}), ["index"]);
    const fix = { description: "Specific.", json: { a: 1 } };
    assert.deepEqual(finding(meta, undefined, "$", "m", fix), {
      id: "example",
      severity: "info",
      message: "m",
      path: "$",
      fix,
      source: meta.source,
    });
    assert.deepEqual(Object.keys(finding(meta, noSid, "$", "m")), [
      "id",
      "severity",
      "message",
      "path",
      "statement",
      "fix",
      "source",
    ]);
  });

  it("a collecting check's run gives the findings it collects in a list of its own", () => {
    const check = collectingCheck(meta, (policy, _options, findings) => {
      for (const s of policy.statements) findings.push(finding(meta, s, s.path, "seen"));
    });
    const policy = keyPolicyFromJson({ Statement: [allow("*", "kms:Decrypt"), allow("*", "kms:Encrypt")] });
    const first = check.run(policy, {});
    assert.deepEqual(
      first.map((f) => f.path),
      ["$.Statement[0]", "$.Statement[1]"],
    );
    assert.notEqual(check.run(policy, {}), first);
    assert.equal(check.id, "example");
  });
});
