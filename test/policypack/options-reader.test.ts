/**
 * policypack/options-reader.ts: a rule's options are read once per configuration, and never
 * answered from a configuration that has changed.
 */
import { strict as assert } from "node:assert";
import { readOptions } from "../../policypack/config";
import { optionsReader } from "../../policypack/options-reader";
import { analyze, type TestResource } from "./harness";

const EXEMPTION = { resource: "shared", reason: "Vendor key, replaced in Q3", expires: "2999-01-01" };
const CONFIG = { undecidedLevel: "rule", exemptions: [EXEMPTION], accountIds: ["111122223333"] };

describe("options reader (policypack/options-reader.ts)", () => {
  it("answers a fresh copy of the same configuration with its first answer, which is readOptions's", () => {
    const read = optionsReader();
    const first = read({ ...CONFIG });
    assert.deepEqual(first, readOptions(CONFIG));
    assert.equal(read({ ...CONFIG }), first);
    assert.equal(read({ accountIds: CONFIG.accountIds, exemptions: CONFIG.exemptions, undecidedLevel: "rule" }), first);
  });

  it("reads again when a member changes, is added or is removed", () => {
    const read = optionsReader();
    const first = read({ ...CONFIG });
    const changed = read({ ...CONFIG, undecidedLevel: "advisory" });
    assert.notEqual(changed, first);
    assert.equal(changed.undecidedLevel, "advisory");
    // Same contents in a new array: read again (members compare by identity), same answer.
    assert.deepEqual(read({ ...CONFIG, exemptions: [{ ...EXEMPTION }] }), first);
    const added = read({ ...CONFIG, practiceLevel: "rule" });
    assert.equal(added.practiceLevel, "rule");
    const removed = read({ undecidedLevel: "rule", exemptions: CONFIG.exemptions });
    assert.equal(removed.accountIds, undefined);
    assert.deepEqual(removed, readOptions({ undecidedLevel: "rule", exemptions: CONFIG.exemptions }));
    // getConfig's copies are plain objects: what they inherit is read as readOptions reads it.
    const inheriting = Object.create({ practiceLevel: "rule" }) as Record<string, unknown>;
    assert.deepEqual(read(inheriting), readOptions(inheriting));
  });

  it("a configuration that is not an object reads as readOptions reads it", () => {
    const read = optionsReader();
    assert.deepEqual(read(undefined), {});
    assert.deepEqual(read("rule"), {});
  });

  it("a policy never reports from a configuration that has changed since its last key", async () => {
    const key: TestResource = {
      type: "aws:kms/key:Key",
      name: "shared",
      props: {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "Enable IAM User Permissions",
              Effect: "Allow",
              Principal: { AWS: "arn:aws:iam::111122223333:root" },
              Action: "kms:*",
              Resource: "*",
            },
            { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
          ],
        }),
      },
    };
    const rule = "kms-no-unconditioned-public-principal";
    const levels = async (config?: Record<string, unknown>): Promise<string[]> =>
      (await analyze(key, config !== undefined ? { config: { [rule]: config } } : {}, rule)).map((r) => r.level);
    assert.deepEqual(await levels({ exemptions: [EXEMPTION] }), ["advisory"]);
    assert.deepEqual(await levels(), ["mandatory"]);
    assert.deepEqual(await levels({ exemptions: [EXEMPTION] }), ["advisory"]);
    assert.deepEqual(await levels({ exemptions: [{ ...EXEMPTION, expires: "2000-01-01" }] }), ["mandatory"]);
  });
});
