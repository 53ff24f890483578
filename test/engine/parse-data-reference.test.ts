/**
 * The reference data the parser and the lint read (engine/data): KMS action names, the condition
 * keys each action's requests carry, the `${...}` placeholders of the reference's key patterns, and
 * the types of the global keys. kms-actions.test.ts checks the table against its source; these tests
 * pin the lookups' edges: other services' names, placeholders that must not be empty, several
 * placeholders in one pattern, and answers asked twice or side by side.
 */
import { strict as assert } from "node:assert";
import {
  actionSupportsConditionKey,
  conditionKeyMatchesPattern,
  expandKmsActions,
  isEncryptionContextKey,
  kmsAction,
  kmsConditionKeyType,
} from "../../components/src/engine/data/kms-reference";
import { conditionKeyInfo, conditionKeyType, isMultiValuedKey } from "../../components/src/engine/data/condition-keys";

describe("engine reference data", () => {
  describe("kmsAction", () => {
    it("finds KMS actions with or without the prefix, in any case, and nothing else", () => {
      assert.equal(kmsAction("kms:GenerateDataKey")?.name, "GenerateDataKey");
      assert.equal(kmsAction("GENERATEDATAKEY")?.name, "GenerateDataKey");
      assert.equal(kmsAction("s3:Decrypt"), undefined);
      assert.equal(kmsAction("kms:kms:Decrypt"), undefined);
      assert.equal(kmsAction("kms:"), undefined);
      assert.equal(kmsAction(":Decrypt"), undefined);
      assert.equal(kmsAction("kms:Decrypt*"), undefined);
    });
  });

  describe("expandKmsActions", () => {
    it("gives every caller its own copy of the same answer", () => {
      const first = expandKmsActions("kms:ReEncrypt*");
      first.pop();
      first.push({ name: "Injected", accessLevel: "Write", conditionKeys: [] });
      assert.deepEqual(
        expandKmsActions("kms:ReEncrypt*").map((a) => a.name),
        ["ReEncryptFrom", "ReEncryptTo"],
      );
      assert.deepEqual(
        expandKmsActions("KMS:REENCRYPTTO").map((a) => a.name),
        ["ReEncryptTo"],
      );
      assert.deepEqual(expandKmsActions("kms:Re"), []);
    });
  });

  describe("conditionKeyMatchesPattern", () => {
    it("needs at least one character for the placeholder, one is enough", () => {
      const pattern = "kms:EncryptionContext:${EncryptionContextKey}";
      assert.equal(conditionKeyMatchesPattern(pattern, "kms:EncryptionContext:x"), true);
      assert.equal(conditionKeyMatchesPattern(pattern, "kms:encryptioncontext:"), false);
      assert.equal(conditionKeyMatchesPattern(pattern, "kms:EncryptionContex:x"), false);
    });

    it("matches the literal text after the last placeholder at the end of the key", () => {
      const pattern = "svc:${Name}:arn";
      assert.equal(conditionKeyMatchesPattern(pattern, "svc:bucket:arn"), true);
      assert.equal(conditionKeyMatchesPattern(pattern, "SVC:B:ARN"), true);
      assert.equal(conditionKeyMatchesPattern(pattern, "svc::arn"), false);
      assert.equal(conditionKeyMatchesPattern(pattern, "svc:arn"), false);
      assert.equal(conditionKeyMatchesPattern(pattern, "svc:bucket:arnx"), false);
      assert.equal(conditionKeyMatchesPattern("${Prefix}:arn", "x:arn"), true);
      assert.equal(conditionKeyMatchesPattern("${Prefix}:arn", ":arn"), false);
      assert.equal(conditionKeyMatchesPattern("${Prefix}:arn", ":arn:x"), false);
    });

    it("places literal parts between several placeholders, each placeholder non-empty", () => {
      const pattern = "a/${X}/b/${Y}";
      assert.equal(conditionKeyMatchesPattern(pattern, "a/1/b/2"), true);
      assert.equal(conditionKeyMatchesPattern(pattern, "a/1/b/2/b/3"), true);
      assert.equal(conditionKeyMatchesPattern(pattern, "a/x/b/"), false);
      assert.equal(conditionKeyMatchesPattern(pattern, "a//b/2"), false);
      assert.equal(conditionKeyMatchesPattern(pattern, "a/1/c/2"), false);
      // "b" must follow a non-empty X, even where "b" could start right after the first part.
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}", "ab1"), false);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}", "abb1"), true);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}c", "a1b2c"), true);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}c", "a1bc"), false);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}c", "a1b2"), false);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}c${Z}", "a1b2c3"), true);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}c${Z}", "a1b2cc"), true);
      assert.equal(conditionKeyMatchesPattern("a${X}b${Y}c${Z}", "a1b2d3"), false);
      assert.equal(conditionKeyMatchesPattern("a${X}b", "axb"), true);
      assert.equal(conditionKeyMatchesPattern("a${X}b", "ab"), false);
    });
  });

  describe("actionSupportsConditionKey", () => {
    it("answers each action and key on its own when asked side by side", () => {
      const asked: [string, string, boolean][] = [
        ["kms:Decrypt", "kms:EncryptionContext:x", true],
        ["kms:Decrypt", "kms:GrantOperations", false],
        ["kms:CreateGrant", "kms:GrantOperations", true],
        ["kms:DescribeKey", "kms:EncryptionContext:x", false],
        ["kms:Decrypt", "kms:EncryptionContext:x", true],
        ["kms:DescribeKey", "kms:EncryptionContext:x", false],
      ];
      for (const [action, key, supported] of asked) {
        assert.equal(actionSupportsConditionKey(action, key), supported, `${action} ${key}`);
      }
    });
  });

  describe("condition key types", () => {
    it("answers the same when asked again, known keys and other services' alike", () => {
      for (let round = 0; round < 2; round++) {
        assert.deepEqual(conditionKeyInfo("aws:SourceArn"), { key: "aws:SourceArn", type: "ARN", multiValued: false });
        assert.equal(conditionKeyInfo("s3:prefix"), undefined);
        assert.deepEqual(conditionKeyInfo("KMS:EncryptionContextKeys"), {
          key: "kms:EncryptionContextKeys",
          type: "ArrayOfString",
          multiValued: true,
        });
        assert.deepEqual(conditionKeyInfo("aws:RequestTag/Team"), {
          key: "aws:RequestTag/${TagKey}",
          type: "String",
          multiValued: false,
        });
        assert.equal(conditionKeyType("aws:RequestTag/"), undefined);
        assert.equal(isMultiValuedKey("aws:TagKeys"), true);
        assert.equal(kmsConditionKeyType("kms:EncryptionContext:"), undefined);
      }
    });
  });

  describe("isEncryptionContextKey", () => {
    it("needs a context key after the prefix, one character is enough", () => {
      assert.equal(isEncryptionContextKey("KMS:EncryptionContext:x"), true);
      assert.equal(isEncryptionContextKey("kms:EncryptionContextKeys"), true);
      assert.equal(isEncryptionContextKey("kms:EncryptionContextKeysX"), false);
      assert.equal(isEncryptionContextKey("kms:EncryptionContext"), false);
      assert.equal(isEncryptionContextKey("aws:EncryptionContext:x"), false);
    });
  });
});
