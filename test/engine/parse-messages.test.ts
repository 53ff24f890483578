/**
 * The parser's messages, whole: every error a user reads, with its path and code, for at least one
 * input per message the parser can write (the inputs are in parse-message-cases.ts). A message is the
 * product here: it names the statement and the field, says what is wrong and what to write instead.
 */
import { strict as assert } from "node:assert";
import { parsePolicy } from "pulumi-kms-guardrails/engine";
import { MESSAGE_CASES } from "./parse-message-cases";

/** What `JSON.parse` says about `text` (its wording changes between Node versions). */
function jsonParseMessage(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error(`${text} is JSON`);
}

type Expected = readonly (readonly [path: string, code: string, message: string])[];

const EXPECTED: Record<string, Expected> = {
  "text that is not JSON": [["$", "invalid-json", `The key policy is not valid JSON: ${jsonParseMessage("{not")}.`]],
  "binary data": [
    ["$", "not-an-object", "The key policy must be JSON text or a decoded JSON object, not binary data."],
  ],
  "a JSON array": [["$", "not-an-object", "A key policy is a JSON object, not an array."]],
  "a number": [["$", "not-an-object", "A key policy is a JSON object, not the number 42."]],
  "a policy over 32 KB": [
    [
      "$",
      "policy-too-large",
      "The key policy is 33151 bytes; AWS KMS accepts at most 32768. Merge statements that share a principal, or move permissions to IAM policies or grants.",
    ],
  ],
  "a member name written twice": [
    [
      "$.Statement.Sid",
      "duplicate-json-key",
      '"Sid" appears more than once in the same object; JSON parsers keep only the last one, so the earlier one is silently lost. Merge them into one member.',
    ],
  ],
  "no Version, an empty Statement": [
    ["$", "missing-version", 'The key policy has no Version; add "Version": "2012-10-17".'],
    ["$.Statement", "empty-statement", "Statement is empty; a key policy needs at least one statement."],
  ],
  "the 2008 Version, a numeric Statement": [
    [
      "$.Version",
      "invalid-version",
      'Version must be "2012-10-17", not the string "2008-10-17" (the old version, without policy variables).',
    ],
    ["$.Statement", "invalid-statement", "Statement must be an array of statements, not the number 1."],
  ],
  "a numeric Version and Id, a string Statement": [
    ["$.Version", "invalid-version", 'Version must be "2012-10-17", not the number 3.'],
    ["$.Id", "invalid-id", "Id must be a string, not the number 7."],
    ["$.Statement", "invalid-statement", 'Statement must be an array of statements, not the string "x".'],
  ],
  "unknown top-level elements": [
    [
      "$.Statements",
      "unknown-policy-element",
      '"Statements" is not a key policy element; did you mean "Statement"? A key policy has Version, Id and Statement.',
    ],
    [
      "$.Xyzzy",
      "unknown-policy-element",
      '"Xyzzy" is not a key policy element. A key policy has Version, Id and Statement.',
    ],
    ["$", "missing-statement", "The key policy has no Statement."],
  ],
  "statements that are not objects": [
    ["$.Statement[0]", "invalid-statement-entry", "A statement must be an object, not the number 5."],
    ["$.Statement[1]", "invalid-statement-entry", "A statement must be an object, not null."],
    ["$.Statement[2]", "invalid-statement-entry", "A statement must be an object, not an array."],
    ["$.Statement[3]", "invalid-statement-entry", 'A statement must be an object, not the string "s".'],
    ["$.Statement[4]", "invalid-statement-entry", "A statement must be an object, not the boolean true."],
  ],
  "unknown statement elements": [
    [
      "$.Statement[0].Efect",
      "unknown-statement-element",
      '"Efect" is not a statement element; did you mean "Effect"? A statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition.',
    ],
    [
      "$.Statement[0].Qqqqqqq",
      "unknown-statement-element",
      '"Qqqqqqq" is not a statement element. A statement has Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition.',
    ],
  ],
  "no Effect": [
    ["$.Statement[0]", "missing-effect", 'The statement has no Effect; add "Effect": "Allow" or "Effect": "Deny".'],
  ],
  "a lower-case Allow": [
    [
      "$.Statement[0].Effect",
      "invalid-effect",
      'Effect must be exactly "Allow" or "Deny", not "allow"; write "Allow".',
    ],
  ],
  "an upper-case Deny": [
    ["$.Statement[0].Effect", "invalid-effect", 'Effect must be exactly "Allow" or "Deny", not "DENY"; write "Deny".'],
  ],
  "an Effect that is neither": [
    ["$.Statement[0].Effect", "invalid-effect", 'Effect must be exactly "Allow" or "Deny", not "Maybe".'],
  ],
  "a numeric Effect": [
    ["$.Statement[0].Effect", "invalid-effect", 'Effect must be "Allow" or "Deny", not the number 1.'],
  ],
  "a numeric Sid": [["$.Statement[0].Sid", "invalid-sid", "Sid must be a string, not the number 1."]],
  "a Sid used twice": [
    [
      "$.Statement[1].Sid",
      "duplicate-sid",
      'Sid "Root" is already used by $.Statement[0]; give each statement its own Sid.',
    ],
  ],
  "no Principal": [
    [
      "$.Statement[0]",
      "missing-principal",
      'The statement has no Principal (or NotPrincipal); a key policy statement must name a principal, e.g. "Principal": {"Service": "cloudtrail.amazonaws.com"}.',
    ],
  ],
  "Principal and NotPrincipal": [
    [
      "$.Statement[0].NotPrincipal",
      "principal-and-notprincipal",
      "The statement has both Principal and NotPrincipal; AWS allows only one of them.",
    ],
  ],
  "no Action": [
    [
      "$.Statement[0]",
      "missing-action",
      'The statement has no Action (or NotAction); add e.g. "Action": "kms:Decrypt".',
    ],
  ],
  "Action and NotAction": [
    [
      "$.Statement[0].NotAction",
      "action-and-notaction",
      "The statement has both Action and NotAction; AWS allows only one of them.",
    ],
  ],
  "no Resource": [
    [
      "$.Statement[0]",
      "missing-resource",
      'The statement has no Resource (or NotResource); add "Resource": "*" (in a key policy, "*" means this KMS key).',
    ],
  ],
  "Resource and NotResource": [
    [
      "$.Statement[0].NotResource",
      "resource-and-notresource",
      "The statement has both Resource and NotResource; AWS allows only one of them.",
    ],
  ],
  "a Principal written as an ARN": [
    [
      "$.Statement[0].Principal",
      "invalid-principal",
      'Principal must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"} or {"Service": "cloudtrail.amazonaws.com"}, not the string "arn:aws:iam::111122223333:root".',
    ],
  ],
  "a NotPrincipal written as a string": [
    [
      "$.Statement[0].NotPrincipal",
      "invalid-principal",
      'NotPrincipal must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"} or {"Service": "cloudtrail.amazonaws.com"}, not the string "x".',
    ],
  ],
  "a numeric Principal": [
    ["$.Statement[0].Principal", "invalid-principal", 'Principal must be "*" or an object, not the number 5.'],
  ],
  "a Principal array": [
    ["$.Statement[0].Principal", "invalid-principal", 'Principal must be "*" or an object, not an array.'],
  ],
  "an empty Principal": [
    ["$.Statement[0].Principal", "invalid-principal", "Principal is an empty object; name at least one principal."],
  ],
  "an empty NotPrincipal": [
    [
      "$.Statement[0].NotPrincipal",
      "invalid-principal",
      "NotPrincipal is an empty object; name at least one principal.",
    ],
  ],
  "unknown principal types": [
    [
      "$.Statement[0].Principal.Aws",
      "unknown-principal-type",
      '"Aws" is not a principal type; did you mean "AWS"? Use one of AWS, Service, Federated, CanonicalUser.',
    ],
    [
      "$.Statement[0].Principal.Zzzzzzzz",
      "unknown-principal-type",
      '"Zzzzzzzz" is not a principal type. Use one of AWS, Service, Federated, CanonicalUser.',
    ],
  ],
  "principal values of the wrong shape": [
    [
      "$.Statement[0].Principal.AWS",
      "invalid-principal-value",
      "Principal.AWS is an empty array; list at least one value.",
    ],
    [
      "$.Statement[0].Principal.Service",
      "invalid-principal-value",
      "Principal.Service must be a string or an array of strings, not the number 5.",
    ],
    [
      "$.Statement[0].Principal.Federated[0]",
      "invalid-principal-value",
      "Principal.Federated entries must be strings, not the number 1.",
    ],
    [
      "$.Statement[0].Principal.Federated[2]",
      "invalid-principal-value",
      "Principal.Federated entry is an empty string.",
    ],
    [
      "$.Statement[0].Principal.CanonicalUser",
      "invalid-principal-value",
      "Principal.CanonicalUser is an empty string.",
    ],
  ],
  "an empty NotPrincipal list": [
    [
      "$.Statement[0].NotPrincipal.AWS",
      "invalid-principal-value",
      "NotPrincipal.AWS is an empty array; list at least one value.",
    ],
  ],
  "AWS principals that AWS rejects": [
    [
      "$.Statement[0].Principal.AWS[0]",
      "wildcard-in-principal",
      'Principal "arn:aws:iam::111122223333:role/*" contains a wildcard; AWS principals cannot. To allow many principals, use "Principal": {"AWS": "*"} with a condition such as "ArnLike": {"aws:PrincipalArn": "..."}.',
    ],
    [
      "$.Statement[0].Principal.AWS[1]",
      "invalid-account-id",
      'The account in principal "arn:aws:iam::123:root" is "123", not a 12-digit AWS account id; AWS rejects the key policy.',
    ],
    [
      "$.Statement[0].Principal.AWS[2]",
      "invalid-account-id",
      'The account in principal "arn:aws:sts::12:assumed-role/a/b" is "12", not a 12-digit AWS account id; AWS rejects the key policy.',
    ],
    ["$.Statement[0].Principal.AWS[3]", "invalid-account-id", '"12345" is not a 12-digit AWS account id.'],
    [
      "$.Statement[0].Principal.AWS[4]",
      "invalid-aws-principal",
      '"arn:aws:iam::111122223333:group/x" is not an AWS principal: use "*", a 12-digit account id, or an ARN arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or arn:aws:sts::ACCOUNT:federated-user/NAME.',
    ],
    [
      "$.Statement[0].Principal.AWS[5]",
      "invalid-aws-principal",
      '"bob" is not an AWS principal: use "*", a 12-digit account id, or an ARN arn:aws:iam::ACCOUNT:root, arn:aws:iam::ACCOUNT:user/NAME, arn:aws:iam::ACCOUNT:role/NAME, arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION or arn:aws:sts::ACCOUNT:federated-user/NAME.',
    ],
  ],
  "service principals AWS rejects": [
    [
      "$.Statement[0].Principal.Service[0]",
      "invalid-service-principal",
      'Service principal "*.amazonaws.com" contains a wildcard; name the service.',
    ],
    [
      "$.Statement[0].Principal.Service[1]",
      "invalid-service-principal",
      '"cloudtrail" is not a service principal such as "cloudtrail.amazonaws.com".',
    ],
  ],
  "federated principals AWS rejects": [
    [
      "$.Statement[0].Principal.Federated[0]",
      "invalid-federated-principal",
      '"arn:aws:iam::111122223333:role/x" is not a federated principal: use an identity provider such as "cognito-identity.amazonaws.com" or arn:aws:iam::ACCOUNT:saml-provider/NAME / oidc-provider/HOST.',
    ],
    [
      "$.Statement[0].Principal.Federated[1]",
      "invalid-federated-principal",
      '"cognito*" is not a federated principal: use an identity provider such as "cognito-identity.amazonaws.com" or arn:aws:iam::ACCOUNT:saml-provider/NAME / oidc-provider/HOST.',
    ],
    [
      "$.Statement[0].Principal.Federated[2]",
      "invalid-federated-principal",
      '"localhost" is not a federated principal: use an identity provider such as "cognito-identity.amazonaws.com" or arn:aws:iam::ACCOUNT:saml-provider/NAME / oidc-provider/HOST.',
    ],
  ],
  "canonical users AWS rejects": [
    [
      "$.Statement[0].Principal.CanonicalUser[0]",
      "invalid-canonical-user",
      '"abc" is not a canonical user id (64 hexadecimal digits).',
    ],
    [
      "$.Statement[0].Principal.CanonicalUser[1]",
      "invalid-canonical-user",
      '"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2bG" is not a canonical user id (64 hexadecimal digits).',
    ],
  ],
  "actions that are not KMS actions": [
    [
      "$.Statement[0].Action[0]",
      "malformed-action",
      '"Decrypt" is not an action: write "*" or "kms:Name", e.g. "kms:Decrypt".',
    ],
    [
      "$.Statement[0].Action[1]",
      "malformed-action",
      '"kms:" is not an action: write "*" or "kms:Name", e.g. "kms:Decrypt".',
    ],
    [
      "$.Statement[0].Action[2]",
      "malformed-action",
      '":Decrypt" is not an action: write "*" or "kms:Name", e.g. "kms:Decrypt".',
    ],
    [
      "$.Statement[0].Action[3]",
      "malformed-action",
      '"kms:De crypt" is not an action: write "*" or "kms:Name", e.g. "kms:Decrypt".',
    ],
    [
      "$.Statement[0].Action[4]",
      "non-kms-action",
      '"s3:GetObject" is not a KMS action; a key policy governs only kms: actions on its key, so this never applies.',
    ],
    [
      "$.Statement[0].Action[5]",
      "unknown-kms-action",
      '"kms:Decrpyt" is not a KMS action; did you mean "kms:Decrypt"?',
    ],
    ["$.Statement[0].Action[6]", "kms-action-pattern-matches-nothing", '"kms:Foo*" matches no KMS action.'],
    ["$.Statement[0].Action[7]", "unknown-kms-action", '"kms:Zzzzzzzzzzzzzz" is not a KMS action.'],
    [
      "$.Statement[0].Action[8]",
      "non-kms-action",
      '"s*:Get*" is not a KMS action; a key policy governs only kms: actions on its key, so this never applies.',
    ],
  ],
  "a numeric Action": [
    [
      "$.Statement[0].Action",
      "invalid-action-value",
      "Action must be a string or an array of strings, not the number 5.",
    ],
  ],
  "an empty Action list": [
    ["$.Statement[0].Action", "invalid-action-value", "Action is an empty array; list at least one value."],
  ],
  "Action entries of the wrong shape": [
    ["$.Statement[0].Action[0]", "invalid-action-value", "Action entry is an empty string."],
    ["$.Statement[0].Action[1]", "invalid-action-value", "Action entries must be strings, not the number 3."],
    ["$.Statement[0].Action[3]", "unknown-kms-action", '"kms:Bad" is not a KMS action.'],
  ],
  "an empty NotAction": [["$.Statement[0].NotAction", "invalid-action-value", "NotAction is an empty string."]],
  "resources that can never be the key": [
    [
      "$.Statement[0].Resource[0]",
      "resource-never-matches-key",
      'Resource "arn:aws:s3:::bucket/*" can never match this KMS key: it is an ARN of service "s3", and a key policy controls only its own KMS key; use "*" (this key) or the key\'s ARN, arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.',
    ],
    [
      "$.Statement[0].Resource[1]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:us-east-1:111122223333:alias/x" can never match this KMS key: an alias ARN never matches in a key policy: the policy\'s resource is the key itself; use "*" or the key ARN.',
    ],
    [
      "$.Statement[0].Resource[2]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:*:*:alias/*" can never match this KMS key: the pattern cannot match any arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID; use "*" (this KMS key) or the key ARN.',
    ],
    [
      "$.Statement[0].Resource[3]",
      "resource-never-matches-key",
      'Resource "myKMSKeyARN" can never match this KMS key: it is not an ARN; use "*" (in a key policy, "*" means this KMS key) or the key\'s ARN, arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.',
    ],
    [
      "$.Statement[0].Resource[4]",
      "resource-never-matches-key",
      'Resource "arn:foo:kms:us-east-1:111122223333:key/a" can never match this KMS key: "foo" is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc).',
    ],
    [
      "$.Statement[0].Resource[5]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:US-EAST-1:111122223333:key/a" can never match this KMS key: "US-EAST-1" is not a Region code such as us-east-1.',
    ],
    [
      "$.Statement[0].Resource[6]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:us-east-1:1111:key/a" can never match this KMS key: the account "1111" is not a 12-digit AWS account id.',
    ],
    [
      "$.Statement[0].Resource[7]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:us-east-1:111122223333:key/ABC" can never match this KMS key: "key/ABC" is not key/KEY-ID with a lower-case key id.',
    ],
    [
      "$.Statement[0].Resource[8]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:us-east-1:111122223333:key/a*x:y" can never match this KMS key: the pattern cannot match any arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID; use "*" (this KMS key) or the key ARN.',
    ],
    [
      "$.Statement[0].Resource[9]",
      "resource-never-matches-key",
      'Resource "arn:aws" can never match this KMS key: it is not an ARN; use "*" (in a key policy, "*" means this KMS key) or the key\'s ARN, arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID.',
    ],
  ],
  "policy variables before the fifth colon": [
    [
      "$.Statement[0].Resource[0]",
      "resource-never-matches-key",
      'Resource "arn:aws:kms:*:${aws:PrincipalAccount}:key/*" can never match this KMS key: ${aws:PrincipalAccount} stands before the fifth colon, where AWS substitutes no policy variables (only the resource part after it takes them), so it is literal text no key ARN contains.',
    ],
    [
      "$.Statement[0].Resource[1]",
      "resource-never-matches-key",
      'Resource "${x}" can never match this KMS key: ${x} stands before the fifth colon, where AWS substitutes no policy variables (only the resource part after it takes them), so it is literal text no key ARN contains.',
    ],
  ],
  "an object Resource": [
    [
      "$.Statement[0].Resource",
      "invalid-resource-value",
      "Resource must be a string or an array of strings, not an object.",
    ],
  ],
  "a NotResource entry that is not a string": [
    [
      "$.Statement[0].NotResource[1]",
      "invalid-resource-value",
      "NotResource entries must be strings, not the number 1.",
    ],
  ],
  "a string Condition": [
    [
      "$.Statement[0].Condition",
      "invalid-condition",
      'Condition must be an object of operators, e.g. {"StringEquals": {"aws:SourceAccount": "111122223333"}}, not the string "x".',
    ],
  ],
  "a Condition array": [
    [
      "$.Statement[0].Condition",
      "invalid-condition",
      'Condition must be an object of operators, e.g. {"StringEquals": {"aws:SourceAccount": "111122223333"}}, not an array.',
    ],
  ],
  "Condition blocks nested in Condition": [
    [
      "$.Statement[0].Condition.Condition",
      "nested-condition-block",
      "A Condition block nested inside Condition is not a condition operator; AWS rejects the policy — and nothing it contains limits access. Move its operators up one level.",
    ],
    [
      "$.Statement[0].Condition.condition",
      "nested-condition-block",
      "A Condition block nested inside Condition is not a condition operator; AWS rejects the policy — and nothing it contains limits access. Move its operators up one level.",
    ],
    [
      "$.Statement[0].Condition.CONDITION",
      "nested-condition-block",
      "A Condition block nested inside Condition is not a condition operator; AWS rejects the policy — and nothing it contains limits access. Move its operators up one level.",
    ],
  ],
  "unknown condition operators": [
    [
      "$.Statement[0].Condition.StringEqual",
      "unknown-condition-operator",
      '"StringEqual" is not a condition operator; did you mean "StringEquals"? AWS rejects the policy.',
    ],
    [
      "$.Statement[0].Condition.Zzzzzzzzzz",
      "unknown-condition-operator",
      '"Zzzzzzzzzz" is not a condition operator. AWS rejects the policy.',
    ],
    [
      '$.Statement[0].Condition["ForAnyValu:StringEquals"]',
      "unknown-condition-operator",
      '"ForAnyValu:StringEquals" is not a condition operator; did you mean "ForAnyValue:StringEquals"? AWS rejects the policy.',
    ],
    [
      '$.Statement[0].Condition["Foo:StringEquals"]',
      "unknown-condition-operator",
      '"Foo:StringEquals" is not a condition operator. AWS rejects the policy.',
    ],
    [
      "$.Statement[0].Condition.StringEqualIfExists",
      "unknown-condition-operator",
      '"StringEqualIfExists" is not a condition operator; did you mean "StringEqualsIfExists"? AWS rejects the policy.',
    ],
  ],
  "operators in the wrong case": [
    [
      "$.Statement[0].Condition.stringequals",
      "condition-operator-case",
      'Condition operator "stringequals" must be written exactly as AWS documents it: "StringEquals".',
    ],
    [
      '$.Statement[0].Condition["forallvalues:stringequalsifexists"]',
      "condition-operator-case",
      'Condition operator "forallvalues:stringequalsifexists" must be written exactly as AWS documents it: "ForAllValues:StringEqualsIfExists".',
    ],
  ],
  NullIfExists: [
    [
      "$.Statement[0].Condition.NullIfExists",
      "null-ifexists",
      '"NullIfExists": Null takes no IfExists; Null itself tests whether the key is present. Write "Null".',
    ],
    [
      '$.Statement[0].Condition["ForAnyValue:nullifexists"]',
      "null-ifexists",
      '"ForAnyValue:nullifexists": Null takes no IfExists; Null itself tests whether the key is present. Write "Null".',
    ],
  ],
  "operator blocks that are not objects": [
    [
      "$.Statement[0].Condition.StringEquals",
      "invalid-condition-operator-block",
      '"StringEquals" must map condition keys to values, e.g. {"aws:SourceArn": "arn:..."}, not the string "aws:x".',
    ],
    [
      "$.Statement[0].Condition.Bool",
      "invalid-condition-operator-block",
      '"Bool" must map condition keys to values, e.g. {"aws:SourceArn": "arn:..."}, not an array.',
    ],
    [
      "$.Statement[0].Condition.Null",
      "invalid-condition-operator-block",
      '"Null" must map condition keys to values, e.g. {"aws:SourceArn": "arn:..."}, not null.',
    ],
  ],
  "condition keys that are not prefix:name": [
    [
      "$.Statement[0].Condition.StringEquals.SourceAccount",
      "invalid-condition-key",
      '"SourceAccount" is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or "kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:x "]',
      "invalid-condition-key",
      '"aws:x " is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or "kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
    ],
    [
      '$.Statement[0].Condition.StringEquals[" aws:x"]',
      "invalid-condition-key",
      '" aws:x" is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or "kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:"]',
      "invalid-condition-key",
      '"aws:" is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or "kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
    ],
    [
      '$.Statement[0].Condition.StringEquals["-a:b"]',
      "invalid-condition-key",
      '"-a:b" is not a condition key; keys are written prefix:name, e.g. "aws:SourceArn" or "kms:EncryptionContext:aws:cloudtrail:arn", without surrounding spaces.',
    ],
  ],
  "condition values of the wrong shape": [
    [
      '$.Statement[0].Condition.StringEquals["aws:a"][0]',
      "invalid-condition-value",
      "Condition values must be strings, numbers or booleans (or a flat array of them), not null.",
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:a"][1]',
      "invalid-condition-value",
      "Condition values must be strings, numbers or booleans (or a flat array of them), not an object.",
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:a"][2]',
      "invalid-condition-value",
      "Condition values must be strings, numbers or booleans (or a flat array of them), not an array.",
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:b"]',
      "invalid-condition-value",
      "Condition values must be strings, numbers or booleans (or a flat array of them), not null.",
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:c"]',
      "empty-condition-values",
      "The condition has an empty list of values; give at least one value.",
    ],
    [
      '$.Statement[0].Condition.StringEquals["aws:d"]',
      "invalid-condition-value",
      "Condition values must be strings, numbers or booleans (or a flat array of them), not the number Infinity.",
    ],
  ],
  "Null values": [
    [
      '$.Statement[0].Condition.Null["aws:a"][0]',
      "invalid-null-value",
      'Null takes true (the key is absent) or false (the key is present), not "no".',
    ],
    [
      '$.Statement[0].Condition.Null["aws:a"][3]',
      "invalid-null-value",
      'Null takes true (the key is absent) or false (the key is present), not "1".',
    ],
  ],
  "Bool values": [
    ['$.Statement[0].Condition.Bool["aws:a"][0]', "invalid-bool-value", 'Bool takes true or false, not "yes".'],
    [
      '$.Statement[0].Condition.BoolIfExists["aws:b"]',
      "invalid-bool-value",
      'BoolIfExists takes true or false, not "0".',
    ],
  ],
  "Numeric values": [
    [
      '$.Statement[0].Condition.NumericLessThan["aws:a"][0]',
      "invalid-numeric-value",
      'NumericLessThan takes numbers, not "ten".',
    ],
    [
      '$.Statement[0].Condition.NumericLessThan["aws:a"][4]',
      "invalid-numeric-value",
      'NumericLessThan takes numbers, not "1e".',
    ],
    [
      '$.Statement[0].Condition.NumericLessThan["aws:a"][5]',
      "invalid-numeric-value",
      'NumericLessThan takes numbers, not "--1".',
    ],
    [
      '$.Statement[0].Condition.NumericLessThan["aws:a"][6]',
      "invalid-numeric-value",
      'NumericLessThan takes numbers, not ".".',
    ],
    [
      '$.Statement[0].Condition.NumericLessThan["aws:a"][7]',
      "invalid-numeric-value",
      'NumericLessThan takes numbers, not " 1".',
    ],
  ],
  "Date values": [
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][0]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "yesterday".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][1]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-13-01".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][2]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-00-01".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][3]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-01-32".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][4]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-01-00".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][5]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-01-31T24:00:00Z".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][6]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-01-31T23:60:00Z".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][7]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-01-31T23:59:61Z".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][10]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "12345678901234".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][12]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-01-31T00:00:00.1234567890Z".',
    ],
    [
      '$.Statement[0].Condition.DateLessThan["aws:a"][14]',
      "invalid-date-value",
      'DateLessThan takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, not "2025-1-31".',
    ],
  ],
  "IpAddress values": [
    [
      '$.Statement[0].Condition.IpAddress["aws:a"][0]',
      "invalid-ip-value",
      'IpAddress takes IPv4 or IPv6 addresses or CIDR blocks such as "203.0.113.0/24", not "10.0.0.300".',
    ],
    [
      '$.Statement[0].Condition.IpAddress["aws:a"][1]',
      "invalid-ip-value",
      'IpAddress takes IPv4 or IPv6 addresses or CIDR blocks such as "203.0.113.0/24", not "10.0.0.0/33".',
    ],
    [
      '$.Statement[0].Condition.IpAddress["aws:a"][2]',
      "invalid-ip-value",
      'IpAddress takes IPv4 or IPv6 addresses or CIDR blocks such as "203.0.113.0/24", not "x".',
    ],
  ],
  "Binary values": [
    [
      '$.Statement[0].Condition.BinaryEquals["aws:a"][0]',
      "invalid-binary-value",
      'BinaryEquals takes base64-encoded values, not "".',
    ],
    [
      '$.Statement[0].Condition.BinaryEquals["aws:a"][1]',
      "invalid-binary-value",
      'BinaryEquals takes base64-encoded values, not "abc".',
    ],
    [
      '$.Statement[0].Condition.BinaryEquals["aws:a"][4]',
      "invalid-binary-value",
      'BinaryEquals takes base64-encoded values, not "a===".',
    ],
    [
      '$.Statement[0].Condition.BinaryEquals["aws:a"][6]',
      "invalid-binary-value",
      'BinaryEquals takes base64-encoded values, not "QUJDRA".',
    ],
  ],
  "Arn values": [
    [
      '$.Statement[0].Condition.ArnLike["aws:a"][0]',
      "invalid-arn-value",
      'ArnLike compares ARNs; "111122223333" is not an ARN (arn:PARTITION:SERVICE:...) and never matches.',
    ],
    [
      '$.Statement[0].Condition.ArnLike["aws:a"][5]',
      "invalid-arn-value",
      'ArnLike compares ARNs; "x*" is not an ARN (arn:PARTITION:SERVICE:...) and never matches.',
    ],
    [
      '$.Statement[0].Condition.ArnLike["aws:a"][7]',
      "invalid-arn-value",
      'ArnLike compares ARNs; "arnx*" is not an ARN (arn:PARTITION:SERVICE:...) and never matches.',
    ],
  ],
  "an Arn value under a qualified operator": [
    [
      '$.Statement[0].Condition["ForAnyValue:ArnNotEqualsIfExists"]["aws:a"]',
      "invalid-arn-value",
      'ForAnyValue:ArnNotEqualsIfExists compares ARNs; "x" is not an ARN (arn:PARTITION:SERVICE:...) and never matches.',
    ],
  ],
};

describe("parser messages", () => {
  for (const c of MESSAGE_CASES) {
    it(c.name, () => {
      const expected = EXPECTED[c.name];
      assert.ok(expected !== undefined, `no expected errors for ${c.name}`);
      const result = parsePolicy(c.input);
      assert.deepEqual(
        result.errors.map((e) => [e.path, e.code, e.message]),
        expected,
      );
      assert.equal(result.valid, expected.length === 0);
    });
  }

  it("every case has its expected errors, and every expectation its case", () => {
    assert.deepEqual(Object.keys(EXPECTED).sort(), MESSAGE_CASES.map((c) => c.name).sort());
  });
});
