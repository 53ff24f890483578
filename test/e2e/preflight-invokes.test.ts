// Invokes under the preflight's mocks answer after a macrotask, as over gRPC: a program that awaits one between
// an AuditKey and the trail that uses it finds the key's policy already rendered, as in `pulumi preview`.
import { strict as assert } from "node:assert";
import { captureProgram } from "../../components/src/preflight/capture";
import { GuardrailsMocks } from "../../components/src/testing/mocks";
import { removeProgram, writeProgram } from "./preflight-helpers";

const PROGRAM = `import * as aws from "@pulumi/aws";
import { AuditKey } from "pulumi-kms-guardrails";

export = async () => {
  const order: string[] = [];
  const key = new AuditKey("audit");
  setImmediate(() => order.push("macrotask queued before the invoke's answer"));
  const identity = await aws.getCallerIdentity();
  order.push(\`invoke answered: \${identity.accountId}\`);
  return { order, keyRenderedAfterInvoke: key.sealed };
};
`;

describe("preflight: invokes answer asynchronously, as over gRPC (e2e)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = writeProgram({ "Pulumi.yaml": "name: late\nruntime: nodejs\n", "index.ts": PROGRAM });
  });
  after(() => removeProgram(dir));

  it("an invoke's answer comes after the macrotasks queued before it; AuditKey has rendered its policy by then", async () => {
    const capture = await captureProgram({
      programDir: dir,
      mode: "update",
      mocks: new GuardrailsMocks({ account: "111122223333" }),
    });
    const stack = capture.resources.find((r) => r.type === "pulumi:pulumi:Stack");
    assert.deepEqual(stack?.outputs, {
      order: ["macrotask queued before the invoke's answer", "invoke answered: 111122223333"],
      keyRenderedAfterInvoke: true,
    });
  });
});
