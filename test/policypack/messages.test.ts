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
import { RESOURCE_CASES, STACK_CASES, VIOLATION_CASE } from "./fixtures/rule-cases";

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
      }
      if (!UPDATE) assert.deepEqual(messages, expected[rule.id], "run with UPDATE_SNAPSHOTS=1 to accept");
    });
  }
});
