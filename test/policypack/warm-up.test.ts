import { strict as assert } from "node:assert";
import type { Policies, ResourceValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policypack/policies";
import { RESOURCE_RULES } from "../../policypack/rules";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { policyInternal } from "../../policypack/policy-internals";
import { WARM_UP_ROUNDS, warmUp } from "../../policypack/warm-up";
import { warmUpAfterConfigureStack } from "../../policypack/warm-up-schedule";
import { analyze, type TestResource } from "./harness";

const KEY_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
    {
      Sid: "Admins",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:role/Admin" },
      Action: "kms:*",
      Resource: "*",
    },
  ],
});

describe("warm-up (policypack/warm-up.ts)", () => {
  it("runs every resource policy on AWS Classic and AWS Native keys, one per documented integration and each flawed, each round", () => {
    const result = warmUp(policies, 2);
    // 2 rounds x 5 integrations x (documented, flawed) x (Classic, Native) x each resource policy.
    assert.equal(result.calls, 2 * 5 * 2 * 2 * RESOURCE_RULES.length);
    assert.equal(result.failures, 0);
    // The flawed keys reach the violation paths (message, level, redaction) of several rules.
    assert.ok(result.violations >= 2 * 5 * 2 * 3, `violations: ${result.violations}`);
  });

  it("reports through no one: a policy's report function is never the server's", () => {
    const seen: unknown[] = [];
    const spy: ResourceValidationPolicy = {
      name: "spy",
      description: "spy",
      enforcementLevel: "mandatory",
      validateResource: (args, report) => {
        seen.push(args.type, (args.props as Record<string, unknown>).policy ?? "native");
        report("a violation");
      },
    };
    const result = warmUp([spy], 1);
    assert.deepEqual(result, { calls: 20, violations: 20, failures: 0 });
    const types = seen.filter((_, i) => i % 2 === 0);
    assert.deepEqual(types.slice(0, 4), [
      "aws:kms/key:Key",
      "aws-native:kms:Key",
      "aws:kms/key:Key",
      "aws-native:kms:Key",
    ]);
  });

  it("never throws: a policy that throws or rejects is counted, and the rest still run", async () => {
    let after = 0;
    const broken: Policies = [
      {
        name: "throws",
        description: "",
        enforcementLevel: "mandatory",
        validateResource: () => {
          throw new Error("bug");
        },
      },
      {
        name: "rejects",
        description: "",
        enforcementLevel: "mandatory",
        validateResource: () => Promise.reject(new Error("bug")),
      },
      { name: "after", description: "", enforcementLevel: "mandatory", validateResource: () => void after++ },
    ];
    const result = warmUp(broken, 1);
    assert.equal(result.failures, 20);
    assert.equal(after, 20);
    // The rejection is handled: nothing reaches process 'unhandledRejection'.
    let unhandled = false;
    const onUnhandled = (): void => {
      unhandled = true;
    };
    process.on("unhandledRejection", onUnhandled);
    await new Promise((resolve) => setImmediate(resolve));
    process.off("unhandledRejection", onUnhandled);
    assert.equal(unhandled, false);
  });

  it("leaves every answer as it was: the same keys get the same violations before and after", async () => {
    const keys: TestResource[] = [
      { type: "aws:kms/key:Key", name: "classic", props: { policy: KEY_POLICY } },
      { type: "aws-native:kms:Key", name: "native", props: { keyPolicy: JSON.parse(KEY_POLICY) as unknown } },
    ];
    const before = await Promise.all(keys.map((k) => analyze(k)));
    assert.ok(before.every((reported) => reported.length > 0));
    warmUp(policies, WARM_UP_ROUNDS);
    const after = await Promise.all(keys.map((k) => analyze(k)));
    assert.deepEqual(after, before);
  });
});

describe("warm-up after ConfigureStack (policypack/warm-up-schedule.ts)", () => {
  interface ConfigureStackMethod {
    responseSerialize(response: unknown): Buffer;
  }
  const method = (): ConfigureStackMethod => {
    const grpcPb = policyInternal<{ AnalyzerService: { configureStack: ConfigureStackMethod } }>(
      "@pulumi/pulumi/proto/analyzer_grpc_pb",
    );
    assert.ok(grpcPb, "@pulumi/policy no longer resolves @pulumi/pulumi/proto/analyzer_grpc_pb");
    return grpcPb.AnalyzerService.configureStack;
  };
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const answer = (): Buffer => method().responseSerialize(new analyzerPb.AnalyzerStackConfigureResponse());

  it("runs once, after the first ConfigureStack answer has been encoded, never during it", async () => {
    const runs: Policies[] = [];
    assert.equal(
      warmUpAfterConfigureStack(policies, (p) => runs.push(p)),
      true,
    );
    await tick();
    assert.equal(runs.length, 0, "nothing runs before ConfigureStack");
    const bytes = answer();
    // The answer is what the server's encoder makes of it: the hook only schedules.
    assert.deepEqual(bytes, Buffer.from(new analyzerPb.AnalyzerStackConfigureResponse().serializeBinary()));
    assert.equal(runs.length, 0, "the answer is handed over before the warm-up runs");
    await tick();
    assert.deepEqual(runs, [policies]);
    answer();
    await tick();
    assert.equal(runs.length, 1, "a second ConfigureStack does not warm up again");
  });

  it("installing again replaces what the next ConfigureStack warms up", async () => {
    const first: string[] = [];
    warmUpAfterConfigureStack([], () => first.push("first"));
    warmUpAfterConfigureStack(policies, () => first.push("second"));
    answer();
    await tick();
    assert.deepEqual(first, ["second"]);
  });
});
