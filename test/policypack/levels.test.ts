/**
 * levels.ts `findingLevel` as a table, and a rule that throws: reported as undecided (advisory unless
 * `undecidedLevel` is "rule"), naming the rule and the defect, never failing the preview.
 */
import { strict as assert } from "node:assert";
import type { EnforcementLevel, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { findingLevel } from "../../policypack/levels";
import { stackPolicy } from "../../policypack/policies";
import { cloudtrailTrailEncrypted } from "../../policypack/rules/cloudtrail-trail-encrypted";
import type { FindingKind, StackRule } from "../../policypack/rules/types";

const TABLE: readonly (readonly [FindingKind | undefined, Record<string, string>, EnforcementLevel | undefined])[] = [
  [undefined, {}, undefined],
  ["violation", { practiceLevel: "advisory", undecidedLevel: "advisory" }, undefined],
  ["practice", {}, "advisory"],
  ["practice", { practiceLevel: "rule" }, undefined],
  ["practice", { undecidedLevel: "rule" }, "advisory"],
  ["undecided", {}, "advisory"],
  ["undecided", { undecidedLevel: "rule" }, undefined],
  ["undecided", { practiceLevel: "rule" }, "advisory"],
];

describe("enforcement levels: findingLevel", () => {
  for (const [kind, options, expected] of TABLE) {
    it(`${kind ?? "(no kind)"} with ${JSON.stringify(options)}: ${expected ?? "the rule's level"}`, () => {
      const violation = { message: "m", ...(kind !== undefined ? { kind } : {}) };
      assert.equal(findingLevel(cloudtrailTrailEncrypted, violation, options), expected);
    });
  }

  describe("a rule that throws", () => {
    const broken: StackRule = {
      ...cloudtrailTrailEncrypted,
      check: () => {
        throw new Error("boom");
      },
    };
    const run = (config: Record<string, unknown>): { message: string; enforcementLevel?: string }[] => {
      const out: { message: string; enforcementLevel?: string }[] = [];
      const args = {
        resources: [],
        getConfig: () => config,
        notApplicable: () => {
          throw new Error("not applicable");
        },
      } as unknown as StackValidationArgs;
      void stackPolicy(broken).validateStack(args, ((v: { message: string; enforcementLevel?: string }) =>
        out.push(v)) as unknown as ReportViolation);
      return out;
    };

    it("is one advisory that names the rule, the error and what to do", () => {
      const [reported, ...rest] = run({});
      assert.deepEqual(rest, []);
      assert.equal(reported.enforcementLevel, "advisory");
      assert.match(reported.message, /^Rule cloudtrail-trail-encrypted could not run, so it checked nothing: boom\./);
      assert.match(reported.message, /report it/);
    });

    it('takes the rule\'s level with undecidedLevel "rule"', () => {
      const [reported] = run({ undecidedLevel: "rule" });
      assert.equal(reported.enforcementLevel, undefined);
    });
  });
});
