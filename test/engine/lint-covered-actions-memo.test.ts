/**
 * coveredKmsActions remembers a statement's list by its Action patterns, an Action of one pattern by
 * the pattern itself (a speed shortcut, issue 11 d8): a list is never answered for another list that
 * starts with the same pattern, or for that pattern alone, whatever was asked first.
 */
import { strict as assert } from "node:assert";
import { clearCaches } from "../../components/src/engine/caches";
import { kmsActions } from "../../components/src/engine/data/kms-reference";
import { coveredKmsActions } from "../../components/src/engine/lint/statements";
import { enablesIamPolicies } from "pulumi-kms-guardrails/engine";
import { allow } from "./lint-area-helper";
import { keyPolicyFromJson } from "./policy-from-json";

const ROOT = { AWS: "arn:aws:iam::111122223333:root" };
const ACTIONS: readonly (string | string[])[] = [
  ["kms:Decrypt", "kms:Encrypt"],
  ["kms:Decrypt", "kms:*"],
  "kms:Decrypt",
  ["kms:Decrypt"],
  "kms:*",
  ["kms:*", "kms:Decrypt"],
];

const names = (action: string | string[]): string[] => {
  const [statement] = keyPolicyFromJson({ Statement: [allow(ROOT, action)] }).statements;
  return coveredKmsActions(statement).map((a) => a.name);
};

describe("coveredKmsActions memo", () => {
  it("each Action list gets its own answer, in any order of asking", () => {
    const all = [...kmsActions().values()].map((a) => a.name);
    const expected = [["Decrypt", "Encrypt"].sort(), all, ["Decrypt"], ["Decrypt"], all, all];
    for (const order of [ACTIONS.map((_, i) => i), ACTIONS.map((_, i) => ACTIONS.length - 1 - i)]) {
      clearCaches();
      for (const i of order)
        assert.deepEqual(names(ACTIONS[i]).sort(), [...expected[i]].sort(), JSON.stringify(ACTIONS[i]));
    }
  });

  it("a key policy whose enabling statement starts with the pattern of an earlier one", () => {
    clearCaches();
    const policy = keyPolicyFromJson({
      Statement: [allow(ROOT, ["kms:Decrypt", "kms:Encrypt"]), allow(ROOT, ["kms:Decrypt", "kms:*"])],
    });
    assert.equal(enablesIamPolicies(policy, "111122223333"), true);
  });
});
