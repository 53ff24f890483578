/**
 * Inputs of test/engine/parse-messages.test.ts: one or more per error message the parser writes,
 * each with every error it must produce (path, code and the whole message users read).
 */
import { PULUMI_UNKNOWN_SENTINEL } from "pulumi-kms-guardrails/engine";

export const VERSION = "2012-10-17";
export const UNKNOWN = PULUMI_UNKNOWN_SENTINEL;

const BASE = {
  Sid: "Root",
  Effect: "Allow",
  Principal: { AWS: "arn:aws:iam::111122223333:root" },
  Action: "kms:*",
  Resource: "*",
} as const;

/** A policy whose one statement is `BASE` with `patch` applied (`undefined` removes the element). */
export function statement(patch: Record<string, unknown>): Record<string, unknown> {
  const s: Record<string, unknown> = { ...BASE };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete s[key];
    else s[key] = value;
  }
  return { Version: VERSION, Statement: [s] };
}

export const condition = (c: unknown): Record<string, unknown> => statement({ Condition: c });

export interface MessageCase {
  readonly name: string;
  readonly input: unknown;
}

export const MESSAGE_CASES: readonly MessageCase[] = [
  // The document.
  { name: "text that is not JSON", input: "{not" },
  { name: "binary data", input: new Uint8Array([123, 125]) },
  { name: "a JSON array", input: "[]" },
  { name: "a number", input: 42 },
  { name: "a policy over 32 KB", input: statement({ Sid: "x".repeat(33_000) }) },
  {
    name: "a member name written twice",
    input: `{"Version":"${VERSION}","Statement":{"Sid":"a","Sid":"b","Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}}`,
  },
  { name: "no Version, an empty Statement", input: { Statement: [] } },
  { name: "the 2008 Version, a numeric Statement", input: { Version: "2008-10-17", Statement: 1 } },
  { name: "a numeric Version and Id, a string Statement", input: { Version: 3, Id: 7, Statement: "x" } },
  { name: "unknown top-level elements", input: { Version: VERSION, Statements: [], Xyzzy: 1 } },
  { name: "statements that are not objects", input: { Version: VERSION, Statement: [5, null, [], "s", true] } },
  // The statement.
  { name: "unknown statement elements", input: statement({ Efect: "Deny", Qqqqqqq: 1 }) },
  { name: "no Effect", input: statement({ Effect: undefined }) },
  { name: "a lower-case Allow", input: statement({ Effect: "allow" }) },
  { name: "an upper-case Deny", input: statement({ Effect: "DENY" }) },
  { name: "an Effect that is neither", input: statement({ Effect: "Maybe" }) },
  { name: "a numeric Effect", input: statement({ Effect: 1 }) },
  { name: "a numeric Sid", input: statement({ Sid: 1 }) },
  { name: "a Sid used twice", input: { Version: VERSION, Statement: [{ ...BASE }, { ...BASE }] } },
  { name: "no Principal", input: statement({ Principal: undefined }) },
  { name: "Principal and NotPrincipal", input: statement({ NotPrincipal: "*" }) },
  { name: "no Action", input: statement({ Action: undefined }) },
  { name: "Action and NotAction", input: statement({ NotAction: "kms:Decrypt" }) },
  { name: "no Resource", input: statement({ Resource: undefined }) },
  { name: "Resource and NotResource", input: statement({ NotResource: "*" }) },
  // Principals.
  { name: "a Principal written as an ARN", input: statement({ Principal: "arn:aws:iam::111122223333:root" }) },
  { name: "a NotPrincipal written as a string", input: statement({ Principal: undefined, NotPrincipal: "x" }) },
  { name: "a numeric Principal", input: statement({ Principal: 5 }) },
  { name: "a Principal array", input: statement({ Principal: ["*"] }) },
  { name: "an empty Principal", input: statement({ Principal: {} }) },
  { name: "an empty NotPrincipal", input: statement({ Principal: undefined, NotPrincipal: {} }) },
  { name: "unknown principal types", input: statement({ Principal: { Aws: "111122223333", Zzzzzzzz: "x" } }) },
  {
    name: "principal values of the wrong shape",
    input: statement({
      Principal: { AWS: [], Service: 5, Federated: [1, "cognito-identity.amazonaws.com", ""], CanonicalUser: "" },
    }),
  },
  { name: "an empty NotPrincipal list", input: statement({ Principal: undefined, NotPrincipal: { AWS: [] } }) },
  {
    name: "AWS principals that AWS rejects",
    input: statement({
      Principal: {
        AWS: [
          "arn:aws:iam::111122223333:role/*",
          "arn:aws:iam::123:root",
          "arn:aws:sts::12:assumed-role/a/b",
          "12345",
          "arn:aws:iam::111122223333:group/x",
          "bob",
        ],
      },
    }),
  },
  {
    name: "service principals AWS rejects",
    input: statement({ Principal: { Service: ["*.amazonaws.com", "cloudtrail"] } }),
  },
  {
    name: "federated principals AWS rejects",
    input: statement({ Principal: { Federated: ["arn:aws:iam::111122223333:role/x", "cognito*", "localhost"] } }),
  },
  {
    name: "canonical users AWS rejects",
    input: statement({
      Principal: { CanonicalUser: ["abc", "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2bG"] },
    }),
  },
  // Actions.
  {
    name: "actions that are not KMS actions",
    input: statement({
      Action: [
        "Decrypt",
        "kms:",
        ":Decrypt",
        "kms:De crypt",
        "s3:GetObject",
        "kms:Decrpyt",
        "kms:Foo*",
        "kms:Zzzzzzzzzzzzzz",
        "s*:Get*",
      ],
    }),
  },
  { name: "a numeric Action", input: statement({ Action: 5 }) },
  { name: "an empty Action list", input: statement({ Action: [] }) },
  { name: "Action entries of the wrong shape", input: statement({ Action: ["", 3, "kms:Decrypt", "kms:Bad"] }) },
  { name: "an empty NotAction", input: statement({ Action: undefined, NotAction: "" }) },
  // Resources.
  {
    name: "resources that can never be the key",
    input: statement({
      Resource: [
        "arn:aws:s3:::bucket/*",
        "arn:aws:kms:us-east-1:111122223333:alias/x",
        "arn:aws:kms:*:*:alias/*",
        "myKMSKeyARN",
        "arn:foo:kms:us-east-1:111122223333:key/a",
        "arn:aws:kms:US-EAST-1:111122223333:key/a",
        "arn:aws:kms:us-east-1:1111:key/a",
        "arn:aws:kms:us-east-1:111122223333:key/ABC",
        "arn:aws:kms:us-east-1:111122223333:key/a*x:y",
        "arn:aws",
      ],
    }),
  },
  {
    name: "policy variables before the fifth colon",
    input: statement({ Resource: ["arn:aws:kms:*:${aws:PrincipalAccount}:key/*", "${x}"] }),
  },
  { name: "an object Resource", input: statement({ Resource: {} }) },
  {
    name: "a NotResource entry that is not a string",
    input: statement({ Resource: undefined, NotResource: ["arn:aws:s3:::b", 1] }),
  },
  // Conditions.
  { name: "a string Condition", input: condition("x") },
  { name: "a Condition array", input: condition([]) },
  { name: "Condition blocks nested in Condition", input: condition({ Condition: {}, condition: {}, CONDITION: 1 }) },
  {
    name: "unknown condition operators",
    input: condition({
      StringEqual: { "aws:x": "a" },
      Zzzzzzzzzz: { "aws:x": "a" },
      "ForAnyValu:StringEquals": { "aws:x": "a" },
      "Foo:StringEquals": { "aws:x": "a" },
      StringEqualIfExists: { "aws:x": "a" },
    }),
  },
  {
    name: "operators in the wrong case",
    input: condition({ stringequals: { "aws:x": "a" }, "forallvalues:stringequalsifexists": { "aws:x": "a" } }),
  },
  {
    name: "NullIfExists",
    input: condition({ NullIfExists: { "aws:x": "true" }, "ForAnyValue:nullifexists": { "aws:x": "true" } }),
  },
  {
    name: "operator blocks that are not objects",
    input: condition({ StringEquals: "aws:x", Bool: [true], Null: null }),
  },
  {
    name: "condition keys that are not prefix:name",
    input: condition({ StringEquals: { SourceAccount: "1", "aws:x ": "a", " aws:x": "a", "aws:": "a", "-a:b": "a" } }),
  },
  {
    name: "condition values of the wrong shape",
    input: condition({ StringEquals: { "aws:a": [null, {}, ["x"]], "aws:b": null, "aws:c": [], "aws:d": Infinity } }),
  },
  { name: "Null values", input: condition({ Null: { "aws:a": ["no", "TRUE", "False", 1] } }) },
  { name: "Bool values", input: condition({ Bool: { "aws:a": ["yes", "True"] }, BoolIfExists: { "aws:b": 0 } }) },
  {
    name: "Numeric values",
    input: condition({ NumericLessThan: { "aws:a": ["ten", "1.", ".5", "+1e-3", "1e", "--1", ".", " 1"] } }),
  },
  {
    name: "Date values",
    input: condition({
      DateLessThan: {
        "aws:a": [
          "yesterday",
          "2025-13-01",
          "2025-00-01",
          "2025-01-32",
          "2025-01-00",
          "2025-01-31T24:00:00Z",
          "2025-01-31T23:60:00Z",
          "2025-01-31T23:59:61Z",
          "2025-01-31T23:59:60Z",
          "2025-01-31T23:59",
          "12345678901234",
          "1234567890123",
          "2025-01-31T00:00:00.1234567890Z",
          "2025-01-31T00:00:00+0100",
          "2025-1-31",
        ],
      },
    }),
  },
  { name: "IpAddress values", input: condition({ IpAddress: { "aws:a": ["10.0.0.300", "10.0.0.0/33", "x"] } }) },
  {
    name: "Binary values",
    input: condition({ BinaryEquals: { "aws:a": ["", "abc", "abc=", "ab==", "a===", "QUJD", "QUJDRA"] } }),
  },
  {
    name: "Arn values",
    input: condition({ ArnLike: { "aws:a": ["111122223333", "ar*", "arn:x", "*", "?rn", "x*", "arn*", "arnx*"] } }),
  },
  {
    name: "an Arn value under a qualified operator",
    input: condition({ "ForAnyValue:ArnNotEqualsIfExists": { "aws:a": "x" } }),
  },
];
