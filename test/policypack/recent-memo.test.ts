import { strict as assert } from "node:assert";
import { keyPolicySubjectOf } from "../../policypack/model/subject-memo";
import { RecentMemo } from "../../policypack/recent-memo";

// The proxy @pulumi/policy's server shows each policy (internal: not in its type declarations).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the module @pulumi/policy itself loads
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as { unknownCheckingProxy: (v: object) => object };

const KEY = "aws:kms/key:Key";
const POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" },
  ],
});

describe("policy pack: memos of the last few objects (recent-memo.ts)", () => {
  it("answers by identity, not by equal content", () => {
    const memo = new RecentMemo<object, string>(2);
    const a = { n: 1 };
    memo.set(a, "a");
    assert.equal(memo.get(a), "a");
    assert.equal(memo.get({ n: 1 }), undefined);
  });

  it("keeps the last `size` objects: the oldest is pushed out, a repeated one replaces its value", () => {
    const memo = new RecentMemo<object, string>(2);
    const [a, b, c] = [{}, {}, {}];
    memo.set(a, "a");
    memo.set(b, "b");
    memo.set(a, "a2");
    assert.equal(memo.get(a), "a2");
    assert.equal(memo.get(b), "b", "setting a known object again pushes nothing out");
    memo.set(c, "c");
    assert.equal(memo.get(a), undefined, "the oldest entry made room");
    assert.equal(memo.get(b), "b");
    assert.equal(memo.get(c), "c");
  });

  it("refuses a size that is not a positive integer", () => {
    assert.throws(() => new RecentMemo(0), /positive integer, not 0/);
    assert.throws(() => new RecentMemo(1.5), /positive integer, not 1.5/);
  });

  it("one subject for every rule of an Analyze call, whichever proxy each rule is shown", () => {
    const props = { policy: POLICY };
    const args = (shown: unknown, urn = "urn:pulumi:prod::p::aws:kms/key:Key::k") => ({
      type: KEY,
      urn,
      name: "k",
      props: shown,
    });
    const first = keyPolicySubjectOf(args(unknownCheckingProxy(props)));
    assert.ok(first !== undefined);
    assert.equal(keyPolicySubjectOf(args(unknownCheckingProxy(props))), first, "another proxy over the same object");
    assert.equal(keyPolicySubjectOf(args(props)), first, "the object itself");
    const other = keyPolicySubjectOf(args(props, "urn:pulumi:prod::p::aws:kms/key:Key::other"));
    assert.notEqual(other, first, "another resource sharing the object gets its own subject");
    assert.notEqual(keyPolicySubjectOf(args({ policy: POLICY })), first, "equal properties of another call");
  });
});
