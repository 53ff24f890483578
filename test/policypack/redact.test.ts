/** policypack/redact.ts: what a message may not print of a secret key policy, however it is spelled. */
import { strict as assert } from "node:assert";
import { redact, REDACTED } from "../../policypack/redact";

describe("policy pack: redacting secrets from messages", () => {
  it("withholds every occurrence, in any letter case, longest secret first", () => {
    const secrets = ["arn:aws:iam::111122223333:role/Ops", "Ops"];
    assert.equal(
      redact("statement 'OPS' grants arn:aws:iam::111122223333:role/ops and Ops", secrets),
      `statement '${REDACTED}' grants ${REDACTED} and ${REDACTED}`,
    );
  });

  it("withholds a secret inside JSON, escaped", () => {
    assert.equal(redact('{"Sid": "say \\"hi\\""}', ['say "hi"']), `{"Sid": "${REDACTED}"}`);
  });

  it("withholds a shortened secret: a prefix before the ellipsis the engine truncates with", () => {
    const value = `vpc-${"0123456789".repeat(12)}`;
    assert.equal(
      redact(`the string "${value.slice(0, 80)}…" is not an ARN`, [value]),
      `the string "${REDACTED}…" is not an ARN`,
    );
  });

  it("leaves a message alone when there is no secret, and copes with a secret longer than any RegExp", () => {
    assert.equal(redact("plain", undefined), "plain");
    const huge = "x".repeat(100_000);
    assert.equal(redact(`a ${huge} b`, [huge]), `a ${REDACTED} b`);
  });
});
