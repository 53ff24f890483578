/**
 * Statement elements read the way a program may build them (non-enumerable members), and values not
 * known yet where a name or a whole element stands (parse/statement.ts, parse/principal.ts).
 */
import { strict as assert } from "node:assert";
import { PULUMI_UNKNOWN_SENTINEL, parsePolicy, type ParseResult } from "pulumi-kms-guardrails/engine";

const VERSION = "2012-10-17";
const UNKNOWN = PULUMI_UNKNOWN_SENTINEL;
const ELEMENTS = {
  Sid: "Hidden",
  Effect: "Deny",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const errors = (result: ParseResult): string[][] => result.errors.map((e) => [e.path, e.code, e.message]);

describe("statement elements", () => {
  it("reads every element of a statement built in code, enumerable or not", () => {
    const shown = parsePolicy({ Version: VERSION, Statement: [{ ...ELEMENTS }] });
    const hiddenStatement = {};
    for (const [name, value] of Object.entries(ELEMENTS)) {
      Object.defineProperty(hiddenStatement, name, { value, enumerable: false });
    }
    const hidden = parsePolicy({ Version: VERSION, Statement: [hiddenStatement] });
    assert.deepEqual(errors(hidden), []);
    const strip = (result: ParseResult): unknown => result.policy?.statements.map(({ raw: _raw, ...rest }) => rest);
    assert.deepEqual(strip(hidden), strip(shown));
    const statement = hidden.policy?.statements[0];
    assert.equal(statement?.sid, "Hidden");
    assert.equal(statement?.effect, "Deny");
  });

  it("reads the other form of each pair, not enumerable", () => {
    const statement = { Effect: "Allow" };
    for (const [name, value] of Object.entries({
      NotPrincipal: { AWS: "arn:aws:iam::111122223333:root" },
      NotAction: "kms:Decrypt",
      NotResource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    })) {
      Object.defineProperty(statement, name, { value, enumerable: false });
    }
    const result = parsePolicy({ Version: VERSION, Statement: [statement] });
    assert.deepEqual(errors(result), []);
    const parsed = result.policy?.statements[0];
    assert.equal(parsed?.notPrincipal !== undefined, true);
    assert.equal(parsed?.principal, undefined);
    assert.deepEqual(parsed?.notAction, ["kms:Decrypt"]);
    assert.deepEqual(parsed?.notResource, [
      "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    ]);
  });

  it("takes names and whole elements not known yet as no error", () => {
    const result = parsePolicy({
      Version: VERSION,
      Statement: [
        { ...ELEMENTS, [UNKNOWN]: "x" },
        { ...ELEMENTS, Sid: "B", Principal: { [UNKNOWN]: "x" } },
        { ...ELEMENTS, Sid: "C", Principal: UNKNOWN },
      ],
    });
    assert.deepEqual(errors(result), []);
    assert.equal(result.valid, true);
  });

  describe("Resource patterns with wildcards", () => {
    const resourceErrors = (resource: string): string[] =>
      parsePolicy({ Version: VERSION, Statement: [{ ...ELEMENTS, Resource: resource }] }).errors.map(
        (e) => `${e.path} ${e.code} ${e.message}`,
      );
    const never = (resource: string): string[] => [
      `$.Statement[0].Resource resource-never-matches-key Resource ${JSON.stringify(resource)} can never match ` +
        'this KMS key: the pattern cannot match any arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID; use "*" (this ' +
        "KMS key) or the key ARN.",
    ];
    const matching = [
      "arn:aws:kms:u??:111122223333:key/x",
      "arn:aws:kms:?:111122223333:key/*",
      "arn:aws:kms:us-?ast-1:111122223333:key/ab",
      "arn:aws:kms:*:111122223333:key/?",
      "arn:aws:kms:us-east-1:111122223333:key/a?",
      "arn:aws:kms:us-east-1:111122223333:key/x?y",
      "arn:aws:kms:us-east-1:11112222333?:key/*",
      "arn:aws:kms:us-east-1:111122223333?key/x",
      "arn:aws:kms:us-east-1:111122223333:key*",
      "?rn:aws-cn:kms:cn-north-1:111122223333:key/x",
    ];
    for (const resource of matching) {
      it(`can match a key: ${resource}`, () => assert.deepEqual(resourceErrors(resource), []));
    }
    const neverMatching = [
      "arn:aws:k?s",
      "arn:aws:kms:*:111122223333:key/",
      "arn:aws:kms:us-east-1:1111222233?:key/*",
      "arn:aws:kms:us-east-1:111122223333:key/?:",
      "arn:aws:kms:us-east-1:111122223333:key/a?B",
      "arn:aws:kms:??:111122223333:?key/x",
    ];
    for (const resource of neverMatching) {
      it(`can never match a key: ${resource}`, () => assert.deepEqual(resourceErrors(resource), never(resource)));
    }
  });
});
