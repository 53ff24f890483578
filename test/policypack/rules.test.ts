/** Per rule: the passing and failing fixtures of fixtures/rule-cases.ts, through the harness. */
import { strict as assert } from "node:assert";
import { analyze, analyzeStack, type Reported } from "./harness";
import { PROVIDERS } from "./fixtures/aws";
import { RESOURCE_CASES, STACK_CASES, type RuleCase } from "./fixtures/rule-cases";

function show(reported: readonly Reported[]): string {
  return reported.map((r) => `${r.level}: ${r.message}`).join("\n---\n");
}

async function run(c: RuleCase, resources: Parameters<typeof analyzeStack>[0], stack: boolean): Promise<Reported[]> {
  const options = c.config !== undefined ? { config: { [c.rule]: c.config } } : {};
  if (stack) return analyzeStack(resources, options, c.rule);
  const out: Reported[] = [];
  for (const r of resources) out.push(...(await analyze(r, options, c.rule)));
  return out;
}

function cases(title: string, list: readonly RuleCase[], stack: boolean): void {
  describe(title, () => {
    for (const c of list) {
      for (const provider of PROVIDERS) {
        if (c.only !== undefined && c.only !== provider.name) continue;
        it(`${c.rule}: ${c.name} (${provider.name})`, async () => {
          const reported = await run(c, provider.convert(c.resources), stack);
          assert.deepEqual(
            reported.map((r) => r.level),
            [...c.expect],
            show(reported),
          );
          (c.messages ?? []).forEach((words, i) => {
            for (const w of words)
              assert.ok(
                reported[i].message.toLowerCase().includes(w.toLowerCase()),
                `missing "${w}" in:\n${reported[i].message}`,
              );
          });
        });
      }
    }
  });
}

cases("resource rules", RESOURCE_CASES, false);
cases("stack rules", STACK_CASES, true);
