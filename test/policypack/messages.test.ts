/**
 * The messages of every rule's failing example (fixtures/rule-cases.ts `VIOLATION_CASE`), as a user
 * reads them, against a committed snapshot: a change of wording shows in review as a diff of
 * test/policypack/messages.snapshot.json. Regenerate after an intended change with
 *
 *     UPDATE_SNAPSHOTS=1 npx mocha test/policypack/messages.test.ts
 *
 * and read the diff. Independently of the snapshot, no message cites our internal names for the
 * AWS documents or a catalog probe id, and each suggested statement uses "Resource": "*".
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { RESOURCE_RULES, RULES } from "../../policypack/rules";
import { analyze, analyzeStack, type Reported } from "./harness";
import * as aws from "./fixtures/aws";
import { RESOURCE_CASES, STACK_CASES, VIOLATION_CASE } from "./fixtures/rule-cases";
import * as seeds from "./fixtures/seeds";

const SNAPSHOT = path.join(__dirname, "messages.snapshot.json");
const UPDATE = process.env["UPDATE_SNAPSHOTS"] === "1";
const RESOURCE_RULE_IDS = new Set(RESOURCE_RULES.map((r) => r.id));

async function messagesOf(rule: string): Promise<string[]> {
  const c = [...RESOURCE_CASES, ...STACK_CASES].find((x) => x.rule === rule && x.name === VIOLATION_CASE[rule]);
  assert.ok(c, `no failing case for ${rule}`);
  const options = c.config !== undefined ? { config: { [rule]: c.config } } : {};
  const reported: Reported[] = [];
  if (RESOURCE_RULE_IDS.has(rule)) for (const r of c.resources) reported.push(...(await analyze(r, options, rule)));
  else reported.push(...(await analyzeStack(c.resources, options, rule)));
  return reported.map((r) => `[${r.level}] ${r.message}`);
}

describe("violation messages: every rule's failing example", () => {
  const actual: Record<string, string[]> = {};
  const expected = fs.existsSync(SNAPSHOT)
    ? (JSON.parse(fs.readFileSync(SNAPSHOT, "utf8")) as Record<string, string[]>)
    : {};

  after(() => {
    if (UPDATE) fs.writeFileSync(SNAPSHOT, `${JSON.stringify(actual, null, 2)}\n`);
  });

  for (const rule of RULES) {
    it(`${rule.id}: the snapshot, in user words`, async () => {
      const messages = await messagesOf(rule.id);
      actual[rule.id] = messages;
      assert.ok(messages.length > 0);
      for (const m of messages) {
        assert.doesNotMatch(m, /\bseed 00\d/i, "cites a seed");
        assert.doesNotMatch(
          m,
          /\b(cloudtrail-trail|cloudtrail-event-data-store|config-iam-role|config-service-linked-role|control-tower|account-root)\.[a-z-]+/,
          "a probe id",
        );
        assert.doesNotMatch(m, /"Resource": "arn:/, "a suggested statement names a key ARN");
        assert.doesNotMatch(m, /no statement allows it \(No statement/i, "a nested repeat");
        assert.doesNotMatch(m, /\): (The|A|An) /, "a sentence capitalized after a colon");
        assert.doesNotMatch(
          m,
          /Change that statement or the request/,
          "the evaluator's own advice, not what to change",
        );
      }
      if (!UPDATE) assert.deepEqual(messages, expected[rule.id], "run with UPDATE_SNAPSHOTS=1 to accept");
    });
  }
});

/** The statements a message suggests: the JSON after "Add this statement" / "Add these statements". */
function suggested(message: string): string {
  const at = message.search(/Add th(is|ese) statements? to the key policy/);
  assert.ok(at >= 0, `no statement suggested in: ${message}`);
  const body = message.slice(message.indexOf("\n", at) + 1);
  return body.split("\nAWS documentation:")[0];
}

describe("one cause, one fix: rules that see the same cause suggest the same statements", () => {
  const storeStack = STACK_CASES.find(
    (c) => c.name === "one aws:SourceArn condition on all three actions: one finding, one fix",
  );

  it("an aws:SourceArn condition on an event data store's CloudTrail statement: one finding per rule, one fix", async () => {
    assert.ok(storeStack);
    const allows = await analyzeStack(storeStack.resources, {}, "event-data-store-key-allows-cloudtrail");
    const source = await analyzeStack(storeStack.resources, {}, "event-data-store-key-no-source-condition");
    assert.equal(allows.length, 1, allows.map((r) => r.message).join("\n---\n"));
    assert.equal(source.length, 1, source.map((r) => r.message).join("\n---\n"));
    assert.equal(suggested(source[0].message), suggested(allows[0].message));
    for (const sid of ["Allow CloudTrail to encrypt event data store", "Allow CloudTrail access"])
      assert.match(suggested(allows[0].message), new RegExp(`"Sid": "${sid}"`));
  });

  it("one trail statement for GenerateDataKey* and DescribeKey naming another trail: encrypt and describe suggest the same statements", async () => {
    const policy = seeds.withDefault({
      Sid: "Allow CloudTrail",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: ["kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceArn": aws.trailArn("other") } },
    });
    const resources = [aws.key("audit", policy), aws.trail("finance", { kmsKeyId: seeds.KEY })];
    const encrypt = await analyzeStack(resources, {}, "cloudtrail-key-allows-encrypt");
    const describe = await analyzeStack(resources, {}, "cloudtrail-key-allows-describe");
    const sameCause = (r: Reported): boolean => r.message.includes("statement 'Allow CloudTrail' does not apply");
    assert.equal(encrypt.filter(sameCause).length, 1, encrypt.map((r) => r.message).join("\n---\n"));
    assert.equal(describe.filter(sameCause).length, 1, describe.map((r) => r.message).join("\n---\n"));
    const fix = suggested(encrypt.filter(sameCause)[0].message);
    assert.equal(suggested(describe.filter(sameCause)[0].message), fix);
    for (const sid of ["Allow CloudTrail to encrypt logs", "Allow CloudTrail access"])
      assert.match(fix, new RegExp(`"Sid": "${sid}"`));
  });

  it("two actions under one encryption context condition: the lint's rule and the describe rule suggest the one statement", async () => {
    const c = STACK_CASES.find(
      (x) =>
        x.rule === "cloudtrail-key-allows-describe" &&
        x.name === "DescribeKey and GetKeyPolicy under one encryption context condition: the lint's one statement",
    );
    assert.ok(c);
    const key = c.resources[0];
    const lint = await analyze(key, {}, "kms-encryption-context-on-unsupported-action");
    const describe = await analyzeStack(c.resources, {}, "cloudtrail-key-allows-describe");
    assert.equal(lint.length, 1, lint.map((r) => r.message).join("\n---\n"));
    assert.equal(describe.length, 1, describe.map((r) => r.message).join("\n---\n"));
    // The JSON each message shows: from the line that opens it to the citation.
    const statementIn = (m: string): string => m.slice(m.indexOf("\n{\n") + 1).split("\nAWS documentation:")[0];
    assert.equal(statementIn(describe[0].message), statementIn(lint[0].message));
    assert.match(statementIn(lint[0].message), /"aws:SourceArn"/);
    assert.match(statementIn(lint[0].message), /"kms:DescribeKey",\n\s+"kms:GetKeyPolicy"/);
  });

  it("a CloudTrail DescribeKey limited only by the trail encryption context: both rules suggest it limited by aws:SourceArn", async () => {
    const failing = RULES.find((r) => r.id === "kms-encryption-context-on-unsupported-action")?.failing.json;
    assert.ok(failing);
    const resources = [
      aws.key("audit", seeds.withDefault(seeds.S001_CLOUDTRAIL, failing)),
      aws.trail("finance", { kmsKeyId: seeds.KEY }),
    ];
    const lint = await analyze(resources[0], {}, "kms-encryption-context-on-unsupported-action");
    const describe = await analyzeStack(resources, {}, "cloudtrail-key-allows-describe");
    assert.equal(lint.length, 1, lint.map((r) => r.message).join("\n---\n"));
    assert.equal(describe.length, 1, describe.map((r) => r.message).join("\n---\n"));
    const statementIn = (m: string): unknown =>
      JSON.parse(m.slice(m.indexOf("\n{\n") + 1).split("\nAWS documentation:")[0]);
    const fix = statementIn(lint[0].message) as { Action?: unknown; Principal?: unknown; Condition?: unknown };
    assert.deepEqual(statementIn(describe[0].message), fix);
    // The trails the encryption context named, now as the source the documented describe statement limits.
    assert.deepEqual(fix.Condition, { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${aws.ACCOUNT}:trail/*` } });
    assert.deepEqual(fix.Principal, { Service: "cloudtrail.amazonaws.com" });
    assert.equal(fix.Action, "kms:DescribeKey");
  });
});
