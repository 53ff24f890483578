/**
 * lint/statements.ts's helpers asked directly, for what the checks cannot show: statements built in
 * code (no statement list, no JSON, a `*` among the AWS principals, values that are not strings) and
 * the edges of the principal, wildcard and Null questions.
 */
import { strict as assert } from "node:assert";
import type { ConditionClause, KeyPolicy, PrincipalBlock, Statement } from "pulumi-kms-guardrails/engine";
import { lintPolicy } from "pulumi-kms-guardrails/engine";
import {
  accountOfPrincipal,
  accountsMentioned,
  conditionsOf,
  coveredKmsActions,
  elementPath,
  hasWildcardOnlyValue,
  isLimitingMatch,
  isPublic,
  keyAccountId,
  requiresKeyPresent,
  statementsOf,
} from "../../components/src/engine/lint/statements";
import { allow, findingsOf } from "./lint-area-helper";
import { keyPolicyFromJson } from "./policy-from-json";

const statementOf = (json: unknown): Statement => keyPolicyFromJson({ Statement: [json] }).statements[0];
const clause = (condition: unknown): ConditionClause => statementOf(allow("*", "kms:Decrypt", condition)).conditions[0];
const names = (statement: Statement): string[] => coveredKmsActions(statement).map((a) => a.name);

describe("lint statements: built in code", () => {
  it("a policy without a statement list, or a statement without a condition list, fails the check by name", () => {
    const noList = { version: "2012-10-17", statements: undefined, raw: {} } as unknown as KeyPolicy;
    assert.throws(() => statementsOf(noList), { name: "TypeError", message: "policy.statements is not an array" });
    const statement = statementOf(allow("*", "kms:Decrypt"));
    assert.throws(() => conditionsOf({ ...statement, conditions: undefined as never }), {
      name: "TypeError",
      message: "statement.conditions is not an array",
    });
    assert.deepEqual(
      lintPolicy(noList, { keyAccount: "111122223333" })
        .filter((f) => f.message.endsWith("policy.statements is not an array"))
        .map((f) => f.message.split(" ")[1]),
      [
        "public-principal-unconditioned",
        "not-principal-in-allow",
        "iam-policies-not-enabled",
        "encryption-context-on-unsupported-action",
        "service-principal-without-source-condition",
        "vpc-condition-without-service-exception",
        "source-ip-condition",
        "single-valued-operator-on-multivalued-key",
        "string-operator-on-arn-key",
      ],
    );
  });

  it("isPublic: any principal, or * among the AWS principals (which the parser writes as any)", () => {
    const block = (aws: string[], any = false): PrincipalBlock =>
      ({ ...statementOf(allow({ AWS: "111122223333" }, "kms:Decrypt")).principal, aws, any }) as PrincipalBlock;
    assert.equal(isPublic(block(["111122223333", "*"])), true);
    assert.equal(isPublic(block([], true)), true);
    assert.equal(isPublic(block(["111122223333", ""])), false);
    assert.equal(isPublic(undefined), false);
    assert.equal(isPublic(statementOf(allow("*", "kms:Decrypt")).principal), true);
  });

  it("elementPath: indexed when the element is a list in the JSON, plain when it is a string or unreadable", () => {
    const listed = statementOf(allow("*", ["kms:Decrypt", "kms:Encrypt"]));
    const single = statementOf(allow("*", "kms:Decrypt"));
    assert.equal(elementPath(listed, "Action", 1), "$.Statement[0].Action[1]");
    assert.equal(elementPath(single, "Action", 0), "$.Statement[0].Action");
    for (const raw of [undefined, null, "text", ["kms:Decrypt"], 7]) {
      assert.equal(elementPath({ ...listed, raw }, "Action", 1), "$.Statement[0].Action", String(raw));
    }
    // Only the JSON object's own, enumerable member counts.
    const inherited = Object.create({ Action: ["kms:Decrypt"] }) as object;
    assert.equal(elementPath({ ...listed, raw: inherited }, "Action", 1), "$.Statement[0].Action");
    const hidden = Object.defineProperty({}, "Action", { value: ["kms:Decrypt"], enumerable: false });
    assert.equal(elementPath({ ...listed, raw: hidden }, "Action", 1), "$.Statement[0].Action");
  });

  it("accountsMentioned: every 12-digit number in the statements' JSON; none without JSON", () => {
    const statement = statementOf(
      allow({ AWS: "arn:aws:iam::111122223333:root" }, "kms:Decrypt", {
        StringEquals: { "kms:CallerAccount": ["444455556666", "12345"] },
      }),
    );
    assert.deepEqual([...accountsMentioned([statement])], ["111122223333", "444455556666"]);
    assert.deepEqual([...accountsMentioned([{ ...statement, raw: undefined }])], []);
    assert.deepEqual([...accountsMentioned([])], []);
  });
});

describe("lint statements: the KMS actions a statement covers", () => {
  it("Action: the named actions and what wildcards expand to; NotAction: every other action, any case", () => {
    assert.deepEqual(names(statementOf(allow("*", "kms:Decrypt"))), ["Decrypt"]);
    assert.deepEqual(names(statementOf(allow("*", ["kms:Decrypt", "kms:ReEncrypt*"]))), [
      "Decrypt",
      "ReEncryptFrom",
      "ReEncryptTo",
    ]);
    const all = names(statementOf(allow("*", "kms:*")));
    const notDecrypt = names(statementOf({ ...allow("*", undefined), Action: undefined, NotAction: "KMS:decrypt" }));
    assert.deepEqual(
      notDecrypt,
      all.filter((a) => a !== "Decrypt"),
    );
    const notTwo = names(
      statementOf({ ...allow("*", undefined), Action: undefined, NotAction: ["kms:Decrypt", "kms:Encrypt"] }),
    );
    assert.deepEqual(
      notTwo,
      all.filter((a) => a !== "Decrypt" && a !== "Encrypt"),
    );
  });

  it("one pattern as Action and the same as NotAction are not confused (the memo tells them apart)", () => {
    const action = statementOf(allow("*", ["kms:Decrypt"]));
    const notAction = statementOf({ ...allow("*", undefined), Action: undefined, NotAction: ["kms:Decrypt"] });
    assert.deepEqual(names(action), ["Decrypt"]);
    assert.equal(names(notAction).includes("Decrypt"), false);
    assert.deepEqual(names(action), ["Decrypt"]);
  });

  it("the Enable IAM statement with NotAction of one action, in another case, no longer enables IAM policies", () => {
    const notDecrypt = {
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      NotAction: "kms:decrypt",
      Resource: "*",
    };
    assert.deepEqual(
      findingsOf("iam-policies-not-enabled", notDecrypt, { keyAccount: "111122223333" }).map((f) => f.path),
      ["$.Statement"],
    );
    const notIam = { ...notDecrypt, NotAction: "iam:*" };
    assert.deepEqual(findingsOf("iam-policies-not-enabled", notIam, { keyAccount: "111122223333" }), []);
  });
});

describe("lint statements: principals and values", () => {
  it("accountOfPrincipal: only root, only IAM, only ARNs", () => {
    for (const p of [
      "arn:aws:iam::111122223333:role",
      "arn:aws:iam::111122223333:user",
      "xrn:aws:iam::111122223333:root",
      "arn:aws:iamx:111122223333:root",
    ]) {
      assert.equal(accountOfPrincipal(p), undefined, p);
    }
    assert.equal(accountOfPrincipal("arn:aws:iam:us-east-1:111122223333:root"), "111122223333");
  });

  it("keyAccountId: keyArn's account is read on each call, whatever was asked before", () => {
    assert.equal(keyAccountId({ keyArn: "arn:aws:kms:us-east-1:555566667777:key/k" }), "555566667777");
    assert.equal(keyAccountId({ keyArn: "arn:aws:kms:us-east-1:555566667777:key/k" }), "555566667777");
    assert.equal(keyAccountId({ keyArn: "arn:aws:kms:us-east-1:444455556666:key/k" }), "444455556666");
    assert.equal(keyAccountId({ keyArn: "key/k" }), undefined);
    assert.equal(keyAccountId({ keyArn: "arn:aws:kms:us-east-1:alias:key/k" }), undefined);
    assert.equal(keyAccountId({}), undefined);
  });

  it("a value of only * and ? (or no value) matches everything; a value that is not a string, as it prints", () => {
    assert.equal(hasWildcardOnlyValue(clause({ StringLike: { "aws:PrincipalArn": "*?*" } })), true);
    assert.equal(hasWildcardOnlyValue(clause({ StringLike: { "aws:PrincipalArn": "arn:*" } })), false);
    const built = clause({ StringEquals: { "kms:CallerAccount": "111122223333" } });
    assert.equal(hasWildcardOnlyValue({ ...built, values: [] }), true);
    assert.equal(isLimitingMatch({ ...built, values: [] }), false);
    assert.equal(hasWildcardOnlyValue({ ...built, values: [5 as unknown as string] }), false);
    assert.equal(hasWildcardOnlyValue({ ...built, values: [["*"] as unknown as string] }), true);
  });

  it("requiresKeyPresent: Null only with false for every value; a Null with no value requires nothing", () => {
    const nullFalse = clause({ Null: { "aws:SourceArn": "false" } });
    assert.equal(requiresKeyPresent(nullFalse), true);
    assert.equal(requiresKeyPresent({ ...nullFalse, values: [] }), false);
    assert.equal(requiresKeyPresent({ ...nullFalse, values: ["FALSE", "false"] }), true);
    assert.equal(requiresKeyPresent({ ...nullFalse, values: ["false", "true"] }), false);
    assert.equal(requiresKeyPresent(clause({ StringEquals: { "aws:SourceArn": "a" } })), true);
  });
});
