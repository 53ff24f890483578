/**
 * Action names as the parser checks them: "kms:Name" with a service and a name made of their own
 * characters, compared with KMS's actions case-insensitively, wildcards included (IAM User Guide,
 * "IAM JSON policy elements: Action": action names are not case-sensitive).
 */
import { strict as assert } from "node:assert";
import { parsePolicy } from "pulumi-kms-guardrails/engine";

function errorsFor(action: unknown): string[] {
  const result = parsePolicy({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "S",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::111122223333:root" },
        Action: action,
        Resource: "*",
      },
    ],
  });
  return result.errors.map((e) => `${e.code}: ${e.message}`);
}

const malformed = (action: string): string =>
  `malformed-action: "${action}" is not an action: write "*" or "kms:Name", e.g. "kms:Decrypt".`;

describe("parse: action names", () => {
  for (const action of ["kms", ":Decrypt", "kms:", "km s:Decrypt", "kms:De-crypt", "kms:Decrypt:x", "kms::Decrypt"]) {
    it(`${JSON.stringify(action)} is malformed`, () => {
      assert.deepEqual(errorsFor(action), [malformed(action)]);
    });
  }

  for (const action of ["kms:Decrypt", "KMS:decrypt", "kms:describe*", "kms:RE?ncrypt*", "k*:Decrypt", "kms:*"]) {
    it(`${JSON.stringify(action)} names KMS actions, in any case`, () => {
      assert.deepEqual(errorsFor(action), []);
    });
  }

  it("a wildcard that matches no KMS action, in any case", () => {
    assert.deepEqual(errorsFor("kms:describex*"), [
      'kms-action-pattern-matches-nothing: "kms:describex*" matches no KMS action.',
    ]);
  });
});
