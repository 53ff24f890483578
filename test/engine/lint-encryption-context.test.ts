/**
 * `encryption-context-on-unsupported-action`: which clauses make an Allow void for an action, and
 * the finding a user reads (message, path, the statement to add instead). Seed 001, "Using
 * encryption context condition keys": the keys exist only on CreateGrant and the symmetric
 * cryptographic operations; "If you use these condition keys to allow other operations, such as
 * DescribeKey, permission will be denied."
 */
import { strict as assert } from "node:assert";
import { lintPolicy, type Finding } from "pulumi-kms-guardrails/engine";
import { keyPolicyFromJson } from "./policy-from-json";

const ID = "encryption-context-on-unsupported-action";
const CT = "kms:EncryptionContext:aws:cloudtrail:arn";
const TRAILS = "arn:aws:cloudtrail:*:111122223333:trail/*";
const TRAIL = "arn:aws:cloudtrail:us-east-1:111122223333:trail/t";
const CLOUDTRAIL = { Service: "cloudtrail.amazonaws.com" };

function findings(statement: unknown): Finding[] {
  const policy = keyPolicyFromJson({ Version: "2012-10-17", Statement: [statement] });
  const all = lintPolicy(policy, { keyAccount: "111122223333" });
  // A check that throws is reported as lint-check-failed, not as its own finding: none may.
  assert.deepEqual(
    all.filter((f) => f.id === "lint-check-failed").map((f) => f.message),
    [],
  );
  return all.filter((f) => f.id === ID);
}

const only = (statement: unknown): Finding => {
  const list = findings(statement);
  assert.equal(list.length, 1, JSON.stringify(list));
  return list[0];
};

describe("lint: encryption-context-on-unsupported-action, finding and fix", () => {
  it("says which action, which keys and which actions never carry them", () => {
    const f = only({
      Sid: "CloudTrail",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringLike: { [CT]: TRAILS } },
    });
    assert.equal(f.severity, "error");
    assert.equal(f.path, "$.Statement[0].Action[1]");
    assert.deepEqual(f.statement, { index: 0, sid: "CloudTrail" });
    assert.equal(
      f.message,
      `Statement "CloudTrail" allows kms:DescribeKey only when ${CT} matches, but requests for DescribeKey never carry it: ` +
        "the Allow silently denies that action.",
    );
    assert.equal(
      f.fix?.description,
      "Move kms:DescribeKey to its own statement without the encryption context condition.",
    );
    assert.deepEqual(f.source, {
      seed: "001",
      section: "Using encryption context condition keys",
      anchor: "least-privilege-encryption-context",
    });
  });

  it("names every action a pattern covers and every key it lacks, once each", () => {
    const f = only({
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/R" },
      Action: "kms:Get*",
      Resource: "*",
      Condition: {
        StringEquals: { "kms:EncryptionContext:dept": "a" },
        StringLike: { "kms:EncryptionContext:dept": "a*", "kms:EncryptionContext:team": "b" },
      },
    });
    assert.match(
      f.message,
      /^Statement\[0\] allows kms:Get\* only when kms:EncryptionContext:dept, kms:EncryptionContext:team matches, but requests for (\w+, )+\w+ never carry it/,
    );
    for (const action of ["GetKeyPolicy", "GetKeyRotationStatus", "GetParametersForImport", "GetPublicKey"]) {
      assert.ok(f.message.includes(action), action);
    }
    assert.equal(f.path, "$.Statement[0].Action");
    assert.deepEqual(f.statement, { index: 0 });
    // No Sid in the statement: none in the fix; every context clause is gone, and so is Condition.
    assert.deepEqual(f.fix?.json, {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/R" },
      Resource: "*",
      Action: "kms:Get*",
    });
  });

  it("removes only the required context clauses from the fix, wherever they stand", () => {
    const f = only({
      Sid: "Trail",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: ["kms:GenerateDataKey*", "KMS:DescribeKey"],
      Resource: "*",
      // The context clause first, the source clause after it: the source clause stays.
      Condition: {
        StringLike: { [CT]: TRAILS, "aws:SourceAccount": "1111*" },
        StringEquals: { "aws:SourceArn": TRAIL },
        StringNotEquals: { "kms:EncryptionContext:dept": "x" },
        StringEqualsIfExists: { "kms:EncryptionContext:team": "y" },
      },
    });
    assert.equal(f.message.split(" only when ")[1].split(" matches")[0], CT);
    assert.deepEqual(f.fix?.json, {
      Sid: "Trail for DescribeKey",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Resource: "*",
      Action: "KMS:DescribeKey",
      Condition: {
        StringLike: { "aws:SourceAccount": "1111*" },
        StringEquals: { "aws:SourceArn": TRAIL },
        StringNotEquals: { "kms:EncryptionContext:dept": "x" },
        StringEqualsIfExists: { "kms:EncryptionContext:team": "y" },
      },
    });
  });

  it("a key written in another case is still the clause removed", () => {
    const f = only({
      Sid: "S",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: "kms:DescribeKey",
      Resource: "*",
      Condition: { StringLike: { "KMS:ENCRYPTIONCONTEXT:aws:cloudtrail:arn": TRAILS } },
    });
    assert.deepEqual(f.fix?.json, {
      Sid: "S for DescribeKey",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Resource: "*",
      Action: "kms:DescribeKey",
    });
  });

  it("keeps a `__proto__` element of the statement as data, not as the fix's prototype", () => {
    const statement = JSON.parse(
      `{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"kms:DescribeKey",` +
        `"Resource":"*","__proto__":{"polluted":true},"Condition":{"Null":{"${CT}":"false"}}}`,
    );
    const json = only(statement).fix?.json as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(json), Object.prototype);
    assert.ok(Object.prototype.hasOwnProperty.call(json, "__proto__"));
    assert.deepEqual(Object.getOwnPropertyDescriptor(json, "__proto__"), {
      value: { polluted: true },
      writable: true,
      enumerable: true,
      configurable: true,
    });
    assert.equal((json as { polluted?: unknown }).polluted, undefined);
    assert.deepEqual(Object.keys(json), ["Effect", "Principal", "Action", "Resource", "__proto__"]);
  });

  it("reports nothing for clauses that do not require the key, for Deny, or for kms:*", () => {
    const base = { Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:DescribeKey", Resource: "*" };
    for (const Condition of [
      { StringNotEquals: { [CT]: TRAILS } },
      { StringLikeIfExists: { [CT]: TRAILS } },
      { "ForAllValues:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } },
      { Null: { [CT]: "true" } },
      { StringEquals: { "aws:SourceArn": TRAIL } },
    ]) {
      assert.deepEqual(findings({ ...base, Condition }), [], JSON.stringify(Condition));
    }
    assert.deepEqual(findings({ ...base, Effect: "Deny", Condition: { StringLike: { [CT]: TRAILS } } }), []);
    assert.deepEqual(findings({ ...base, Action: "kms:*", Condition: { StringLike: { [CT]: TRAILS } } }), []);
    assert.deepEqual(findings({ ...base, Action: "kms:Decrypt", Condition: { StringLike: { [CT]: TRAILS } } }), []);
    assert.deepEqual(findings({ ...base, Action: "s3:GetObject", Condition: { StringLike: { [CT]: TRAILS } } }), []);
  });

  it("Null false requires the key; Null false with an invalid value beside it does not", () => {
    const base = { Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:DescribeKey", Resource: "*" };
    assert.equal(findings({ ...base, Condition: { Null: { [CT]: "FALSE" } } }).length, 1);
    assert.deepEqual(findings({ ...base, Condition: { Null: { [CT]: ["false", "true"] } } }), []);
  });

  it("one finding per statement for the entries that lack the same keys, naming them all, with one fix", () => {
    const f = only({
      Sid: "Two",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: ["kms:DescribeKey", "kms:Decrypt", "kms:GetKeyPolicy"],
      Resource: "*",
      Condition: { StringLike: { [CT]: TRAILS, "aws:SourceAccount": "111122223333" } },
    });
    assert.equal(f.path, "$.Statement[0].Action");
    assert.equal(
      f.message,
      `Statement "Two" allows kms:DescribeKey and kms:GetKeyPolicy only when ${CT} matches, but requests for ` +
        "DescribeKey, GetKeyPolicy never carry it: the Allow silently denies those actions.",
    );
    assert.equal(
      f.fix?.description,
      "Move kms:DescribeKey and kms:GetKeyPolicy to a statement of their own without the encryption context condition.",
    );
    assert.deepEqual(f.fix?.json, {
      Sid: "Two for DescribeKey and GetKeyPolicy",
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Resource: "*",
      Action: ["kms:DescribeKey", "kms:GetKeyPolicy"],
      Condition: { StringLike: { "aws:SourceAccount": "111122223333" } },
    });
  });

  it("a statement that allows nothing: its named actions and wildcards are one finding, and its fix keeps the Sid's place", () => {
    const f = only({
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Action: ["kms:DescribeKey", "kms:List*"],
      Resource: "*",
      Condition: { "ForAnyValue:StringEquals": { "kms:EncryptionContextKeys": "aws:cloudtrail:arn" } },
    });
    assert.equal(f.severity, "error");
    assert.match(
      f.message,
      /^Statement\[0\] allows kms:DescribeKey and kms:List\* only when kms:EncryptionContextKeys /,
    );
    assert.match(f.message, /requests for DescribeKey, ListAliases, /);
    assert.deepEqual(f.fix?.json, {
      Effect: "Allow",
      Principal: CLOUDTRAIL,
      Resource: "*",
      Action: ["kms:DescribeKey", "kms:List*"],
    });
  });

  it("a malformed condition block beside the context clause is left out of the fix, whatever it holds", () => {
    const base = { Sid: "S", Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:DescribeKey", Resource: "*" };
    for (const malformed of [null, ["aws:SourceArn"], "aws:SourceArn"]) {
      const f = only({ ...base, Condition: { StringLike: { [CT]: TRAILS }, Bool: malformed } });
      assert.deepEqual(
        f.fix?.json,
        { Sid: "S for DescribeKey", Effect: "Allow", Principal: CLOUDTRAIL, Action: "kms:DescribeKey", Resource: "*" },
        JSON.stringify(malformed),
      );
    }
  });

  it("a NotAction statement is not judged (it lists what it does not allow)", () => {
    assert.deepEqual(
      findings({
        Effect: "Allow",
        Principal: CLOUDTRAIL,
        NotAction: "kms:Decrypt",
        Resource: "*",
        Condition: { StringLike: { [CT]: TRAILS } },
      }),
      [],
    );
  });
});

/**
 * Class 3 of issue 13: an action wildcard under a context condition covers actions whose requests
 * never carry the key. In a statement that works for the cryptographic operations that is a warning
 * (the grant reads broader than it is), never the error a named action gets: AWS's own CloudWatch
 * Logs key policy ("Encrypt log data in CloudWatch Logs using AWS Key Management Service", step 2)
 * grants kms:Describe* beside the cryptographic wildcards under kms:EncryptionContext:aws:logs:arn.
 */
describe("lint: encryption-context-on-wildcard-action, finding and fix", () => {
  const WILDCARD = "encryption-context-on-wildcard-action";
  const LOGS = "kms:EncryptionContext:aws:logs:arn";
  const LOGS_STATEMENT = {
    Effect: "Allow",
    Principal: { Service: "logs.us-east-1.amazonaws.com" },
    Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
    Resource: "*",
    Condition: { ArnEquals: { [LOGS]: "arn:aws:logs:us-east-1:111122223333:log-group:app" } },
  };
  const all = (statement: unknown): Finding[] =>
    lintPolicy(keyPolicyFromJson({ Version: "2012-10-17", Statement: [statement] }), {
      keyAccount: "111122223333",
    }).filter((f) => f.id === ID || f.id === WILDCARD);

  it("the CloudWatch Logs page's statement: a warning naming the actions that never match, not an error", () => {
    const list = all(LOGS_STATEMENT);
    assert.deepEqual(
      list.map((f) => [f.id, f.severity, f.path]),
      [[WILDCARD, "warning", "$.Statement[0].Action[4]"]],
    );
    assert.equal(
      list[0].message,
      `Statement[0] allows kms:Describe* only when ${LOGS} matches, but requests for DescribeCustomKeyStores, ` +
        "DescribeKey never carry it: kms:Describe* allows nothing here (the statement's other actions do the work), " +
        "and the grant reads broader than it is.",
    );
    // The fix drops the entry and changes nothing else: it never allowed anything.
    assert.deepEqual(list[0].fix?.json, {
      ...LOGS_STATEMENT,
      Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*"],
    });
  });

  it("kms:* under a context condition: names what carries the key and what never matches", () => {
    const statement = {
      Sid: "Team",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/R" },
      Action: "kms:*",
      Resource: "*",
      Condition: { StringEquals: { "kms:EncryptionContext:team": "blue" } },
    };
    const [f, ...rest] = all(statement);
    assert.equal(rest.length, 0);
    assert.equal(f.id, WILDCARD);
    assert.equal(f.path, "$.Statement[0].Action");
    assert.match(
      f.message,
      /^Statement "Team" allows kms:\* only when kms:EncryptionContext:team matches\. Only requests for CreateGrant, Decrypt, Encrypt, GenerateDataKey, .*ReEncryptTo.* carry it; the other \d+ actions kms:\* covers \(.*DescribeKey.*\) never match: the grant is broader than it needs to be/,
    );
    assert.doesNotMatch(f.message.split("never match")[0].split("covers (")[1], /\bDecrypt\b/);
    // The fix lists exactly the actions that carry the key: the same access, said exactly.
    const json = f.fix?.json as { Action: string[]; Condition: unknown; Sid: string };
    assert.equal(json.Sid, "Team");
    assert.deepEqual(json.Condition, statement.Condition);
    assert.ok(json.Action.includes("kms:Decrypt") && json.Action.includes("kms:CreateGrant"));
    assert.ok(!json.Action.includes("kms:DescribeKey"));
    const fixed = lintPolicy(keyPolicyFromJson({ Version: "2012-10-17", Statement: [json] }));
    assert.deepEqual(
      fixed.filter((x) => x.id === ID || x.id === WILDCARD),
      [],
    );
  });

  it("a named action in the same statement stays the error; the wildcard beside it the warning", () => {
    const list = all({
      ...LOGS_STATEMENT,
      Action: ["kms:GenerateDataKey*", "kms:Describe*", "kms:DescribeKey"],
    });
    assert.deepEqual(
      list.map((f) => [f.id, f.path]),
      // Errors first (lintPolicy orders a statement's findings by severity).
      [
        [ID, "$.Statement[0].Action[2]"],
        [WILDCARD, "$.Statement[0].Action[1]"],
      ],
    );
  });

  it("two wildcards in one statement: one warning naming both, one fix replacing both", () => {
    const list = all({
      ...LOGS_STATEMENT,
      Action: ["kms:Encrypt*", "kms:Describe*", "kms:Decrypt*", "kms:List*"],
    });
    assert.deepEqual(
      list.map((f) => [f.id, f.path]),
      [[WILDCARD, "$.Statement[0].Action"]],
    );
    assert.match(list[0].message, /allows kms:Describe\* and kms:List\* only when /);
    assert.match(list[0].message, /requests for DescribeCustomKeyStores, DescribeKey, ListAliases, /);
    assert.match(list[0].fix?.description ?? "", /^Remove kms:Describe\* and kms:List\* from the statement/);
    assert.deepEqual(list[0].fix?.json, { ...LOGS_STATEMENT, Action: ["kms:Encrypt*", "kms:Decrypt*"] });
  });

  it("beside a named action that moves, the wildcard's fix leaves that action out too", () => {
    const [error, warning] = all({
      ...LOGS_STATEMENT,
      Action: ["kms:GenerateDataKey*", "kms:Describe*", "kms:DescribeKey"],
    });
    assert.deepEqual((error.fix?.json as { Action: unknown }).Action, "kms:DescribeKey");
    assert.deepEqual((warning.fix?.json as { Action: unknown }).Action, "kms:GenerateDataKey*");
  });

  it("a wildcard in a statement that allows nothing at all is the error", () => {
    const list = all({ ...LOGS_STATEMENT, Action: "kms:Describe*" });
    assert.deepEqual(
      list.map((f) => [f.id, f.severity]),
      [[ID, "error"]],
    );
  });

  it("NotAction: the actions it leaves in that never match are named", () => {
    const [f] = all({ ...LOGS_STATEMENT, Action: undefined, NotAction: ["kms:ScheduleKeyDeletion"] });
    assert.equal(f.id, WILDCARD);
    assert.equal(f.path, "$.Statement[0].NotAction");
    assert.match(f.message, /allows NotAction kms:ScheduleKeyDeletion only when/);
    assert.doesNotMatch(f.message, /ScheduleKeyDeletion,/);
    assert.equal((f.fix?.json as { NotAction?: unknown }).NotAction, undefined);
  });
});
