/**
 * The trace of each statement (`Decision.trace`, public): which part of a statement matched, as a
 * caller reading the trace sees it. A part AWS would reject is `unknown`, never guessed from the
 * other parts; a statement that cannot apply lists no condition (its conditions explain nothing);
 * a statement without a Sid has no `sid` property; the Effect is the statement's own.
 */
import { strict as assert } from "node:assert";
import { evaluate, parsePolicy, type KeyPolicy, type Request, type StatementTrace } from "pulumi-kms-guardrails/engine";

const ACCOUNT = "111111111111";
const KEY = `arn:aws:kms:us-east-2:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${ACCOUNT}:user/Alice`;
const DECRYPT: Request = { principal: { kind: "aws", arn: ALICE }, action: "kms:Decrypt", resource: KEY };

function parsed(...statements: unknown[]): KeyPolicy {
  const { policy } = parsePolicy({ Version: "2012-10-17", Statement: statements });
  assert.ok(policy !== undefined);
  return policy;
}

function traceOf(policy: KeyPolicy, request: Request = DECRYPT): StatementTrace {
  const { trace } = evaluate(policy, request);
  assert.equal(trace.length, 1);
  return trace[0];
}

const ALICE_DECRYPT = {
  Sid: "Alice",
  Effect: "Allow",
  Principal: { AWS: ALICE },
  Action: "kms:Decrypt",
  Resource: "*",
};

describe("statement traces", () => {
  it("a statement with both Principal and NotPrincipal matches its principal as unknown", () => {
    const trace = traceOf(parsed({ ...ALICE_DECRYPT, NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:user/Bob` } }));
    assert.equal(trace.principal, "unknown");
    assert.equal(trace.applies, "unknown");
  });

  it("a statement without Principal or NotPrincipal matches its principal as unknown", () => {
    const trace = traceOf(parsed({ ...ALICE_DECRYPT, Principal: undefined }));
    assert.equal(trace.principal, "unknown");
    assert.equal(trace.action, true);
    assert.equal(trace.resource, true);
  });

  it("a statement without a valid Action or Resource matches that part as unknown", () => {
    assert.equal(traceOf(parsed({ ...ALICE_DECRYPT, Action: undefined })).action, "unknown");
    assert.equal(traceOf(parsed({ ...ALICE_DECRYPT, Resource: undefined })).resource, "unknown");
  });

  it("a statement that cannot apply lists none of its conditions", () => {
    const condition = { StringEquals: { "aws:SourceAccount": ACCOUNT } };
    const otherAction = traceOf(parsed({ ...ALICE_DECRYPT, Action: "kms:Encrypt", Condition: condition }));
    assert.equal(otherAction.applies, false);
    assert.deepEqual(otherAction.conditions, []);
    const applying = traceOf(parsed({ ...ALICE_DECRYPT, Condition: condition }), {
      ...DECRYPT,
      context: { "aws:SourceAccount": ACCOUNT },
    });
    assert.equal(applying.applies, true);
    assert.equal(applying.conditions.length, 1);
  });

  it("a statement without a Sid has no sid property", () => {
    const trace = traceOf(parsed({ ...ALICE_DECRYPT, Sid: undefined }));
    assert.equal("sid" in trace, false);
    assert.equal(traceOf(parsed(ALICE_DECRYPT)).sid, "Alice");
  });

  it("the Effect of a statement built in code is its own, even one neither Allow nor Deny", () => {
    const policy = parsed(ALICE_DECRYPT);
    const built: KeyPolicy = { ...policy, statements: [{ ...policy.statements[0], effect: "Perhaps" as "Allow" }] };
    const trace = traceOf(built);
    assert.equal(trace.effect, "Perhaps");
    assert.equal(trace.applies, "unknown");
    assert.equal(traceOf(policy).effect, "Allow");
  });
});
