/**
 * Scenario rows for the request context the evaluator builds (evaluate/request-context.ts) and for
 * policy variables in condition values (evaluate/policy-variables.ts). Context: a key a program
 * passes as `null` or `undefined` is absent, in any letter case, and AWS's own value for a derived
 * key stays; an anonymous caller's request is unsigned, so aws:PrincipalIsAWSService is absent
 * ("AWS global condition context keys": present "for all signed API requests that use AWS
 * credentials"), and aws:PrincipalType is Anonymous; a caller whose ARN names no account has no
 * aws:PrincipalAccount; an empty keyAccount or keyRegion is not given; a session's role path is
 * unknown in every partition. Variables ("IAM policy elements: Variables and tags"): a variable
 * needs exactly one value (a multivalued key is not substituted, its default not used either);
 * a default is literal text, `*` included; ARN operators compare the six parts of the substituted
 * value, which must still be an ARN.
 */
import { PULUMI_UNKNOWN_SENTINEL as U, type Request } from "pulumi-kms-guardrails/engine";
import type { Scenario } from "./scenarios";

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const A = "111111111111";
const B = "222222222222";
const KEY = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/Alice`;
const TRAIL_A = `arn:aws:cloudtrail:us-east-2:${A}:trail/management-events`;
const TRAIL_B = `arn:aws:cloudtrail:us-east-2:${B}:trail/management-events`;

const decrypt = (
  principal: Request["principal"],
  context?: Request["context"],
  extra: Partial<Request> = {},
): Request => ({
  principal,
  action: "kms:Decrypt",
  resource: KEY,
  ...(context === undefined ? {} : { context }),
  ...extra,
});
const alice = (context?: Request["context"], extra: Partial<Request> = {}) =>
  decrypt({ kind: "aws", arn: ALICE }, context, extra);
const everyoneIf = (sid: string, condition: unknown) => ({
  Sid: sid,
  Effect: "Allow",
  Principal: "*",
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: condition,
});
const cloudtrailIf = (condition: unknown) => ({
  Sid: "CloudTrail",
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:GenerateDataKey*",
  Resource: "*",
  Condition: condition,
});
const trailRequest = (sourceArn: string): Request => ({
  principal: { kind: "service", service: "cloudtrail.amazonaws.com" },
  action: "kms:GenerateDataKey",
  resource: KEY,
  context: { "aws:SourceAccount": A, "aws:SourceArn": sourceArn },
});
const ownAccount = everyoneIf("Own", { StringEquals: { "aws:PrincipalAccount": A } });

export const contextScenarios: Scenario[] = [
  // Values a program leaves out.
  {
    name: "context: a key given as null is absent",
    policy: doc(everyoneIf("NoSource", { Null: { "aws:SourceAccount": "true" } })),
    request: alice({ "aws:SourceAccount": null as unknown as string }),
    expect: "allowed",
    decidingSid: "NoSource",
  },
  {
    name: "context: a derived key given as undefined keeps AWS's value",
    policy: doc(ownAccount),
    request: alice({ "aws:PrincipalAccount": undefined as unknown as string }),
    expect: "allowed",
    decidingSid: "Own",
  },
  {
    name: "context: a derived key given as null, in lower case, keeps AWS's value too",
    policy: doc(ownAccount),
    request: alice({ "aws:principalaccount": null as unknown as string }),
    expect: "allowed",
    decidingSid: "Own",
  },
  {
    name: "context: a derived key given as null, in any case, keeps AWS's value",
    policy: doc(ownAccount),
    request: alice({ "AWS:PrincipalAccount": null as unknown as string }),
    expect: "allowed",
    decidingSid: "Own",
  },

  // What AWS derives from the caller and the key.
  {
    name: "context: an anonymous request is unsigned, so aws:PrincipalIsAWSService is absent",
    policy: doc(everyoneIf("NotAService", { Bool: { "aws:PrincipalIsAWSService": "false" } })),
    request: decrypt({ kind: "anonymous" }),
    expect: "denied-implicit",
    because: ['"NotAService" does not apply: aws:PrincipalIsAWSService is absent; Bool requires it.'],
  },
  {
    name: "context: a signed request by an IAM user carries aws:PrincipalIsAWSService false",
    policy: doc(everyoneIf("NotAService", { Bool: { "aws:PrincipalIsAWSService": "false" } })),
    request: alice(),
    expect: "allowed",
    decidingSid: "NotAService",
  },
  {
    name: "context: an anonymous caller's aws:PrincipalType is Anonymous",
    policy: doc(everyoneIf("Anonymous", { StringEquals: { "aws:PrincipalType": "Anonymous" } })),
    request: decrypt({ kind: "anonymous" }),
    expect: "allowed",
    decidingSid: "Anonymous",
  },
  {
    name: "context: a caller whose ARN names no account has no aws:PrincipalAccount",
    policy: doc(everyoneIf("IfExists", { StringEqualsIfExists: { "aws:PrincipalAccount": B } })),
    request: decrypt({ kind: "aws", arn: "AIDACKCEVSQ6C2EXAMPLE" }),
    expect: "needs-iam",
    decidingSid: "IfExists",
  },
  {
    name: "context: an empty keyAccount is not given; aws:ResourceAccount comes from the key ARN",
    policy: doc(everyoneIf("Here", { StringEquals: { "aws:ResourceAccount": A, "aws:RequestedRegion": "us-east-2" } })),
    request: alice(undefined, { keyAccount: "", keyRegion: "" }),
    expect: "allowed",
    decidingSid: "Here",
  },
  {
    name: "context: a session's role path is unknown in the China partition too",
    policy: doc(everyoneIf("Admin", { ArnEquals: { "aws:PrincipalArn": `arn:aws-cn:iam::${A}:role/Admin` } })),
    request: decrypt({ kind: "aws", arn: `arn:aws-cn:sts::${A}:assumed-role/Admin/session` }, undefined, {
      resource: `arn:aws-cn:kms:cn-north-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    }),
    expect: "undecidable",
    decidingSid: "Admin",
  },

  {
    name: "context: a role-path question asked with a value that is not an ARN matches nothing",
    policy: doc(everyoneIf("NotAnArn", { ArnLike: { "aws:PrincipalArn": "arn:aws:iam:*:role/Admin" } })),
    request: decrypt({ kind: "aws", arn: `arn:aws:sts::${A}:assumed-role/Admin/session` }),
    expect: "denied-implicit",
  },

  // Policy variables in condition values.
  {
    name: "variables: a multivalued key is not substituted, and its default is not used",
    policy: doc(
      everyoneIf("Keys", { StringEquals: { "aws:PrincipalTag/dept": "${kms:EncryptionContextKeys, 'none'}" } }),
    ),
    request: alice({ "kms:EncryptionContextKeys": ["a", "b"], "aws:PrincipalTag/dept": "none" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: an absent key's default is used",
    policy: doc(
      everyoneIf("Keys", { StringEquals: { "aws:PrincipalTag/dept": "${kms:EncryptionContextKeys, 'none'}" } }),
    ),
    request: alice({ "aws:PrincipalTag/dept": "none" }),
    expect: "allowed",
    decidingSid: "Keys",
  },
  {
    name: "variables: a default of * is the character, not a wildcard",
    policy: doc(everyoneIf("Team", { StringLike: { "aws:PrincipalTag/dept": "${aws:PrincipalTag/team, '*'}" } })),
    request: alice({ "aws:PrincipalTag/dept": "ops" }),
    expect: "denied-implicit",
  },
  {
    name: "variables: a default of * matches the character",
    policy: doc(everyoneIf("Team", { StringLike: { "aws:PrincipalTag/dept": "${aws:PrincipalTag/team, '*'}" } })),
    request: alice({ "aws:PrincipalTag/dept": "*" }),
    expect: "allowed",
    decidingSid: "Team",
  },
  {
    name: "variables: StringLike's * after a variable spans line breaks",
    policy: doc(everyoneIf("Mine", { StringLike: { "aws:PrincipalTag/note": "${aws:username}-*" } })),
    request: alice({ "aws:PrincipalTag/note": "Alice-first line\nsecond line" }),
    expect: "allowed",
    decidingSid: "Mine",
  },
  {
    name: "variables: ArnLike with the source account substituted matches the trail of that account",
    policy: doc(
      cloudtrailIf({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-2:${aws:SourceAccount}:trail/*" } }),
    ),
    request: trailRequest(TRAIL_A),
    expect: "allowed",
    decidingSid: "CloudTrail",
  },
  {
    name: "variables: ArnLike with the source account substituted refuses another account's trail",
    policy: doc(
      cloudtrailIf({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-2:${aws:SourceAccount}:trail/*" } }),
    ),
    request: trailRequest(TRAIL_B),
    expect: "denied-implicit",
  },
  {
    name: "variables: ArnLike with a variable must still be six parts",
    policy: doc(cloudtrailIf({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-2:${aws:SourceAccount}" } })),
    request: trailRequest(TRAIL_A),
    expect: "denied-implicit",
  },
  {
    name: "variables: ArnLike with a variable must still begin with arn, as without one",
    policy: doc(
      cloudtrailIf({ ArnLike: { "aws:SourceArn": "*:aws:cloudtrail:us-east-2:${aws:SourceAccount}:trail/*" } }),
    ),
    request: trailRequest(TRAIL_A),
    expect: "denied-implicit",
  },
  {
    name: "variables: an ARN value beginning with a wildcard matches nothing, without a variable too",
    policy: doc(cloudtrailIf({ ArnLike: { "aws:SourceArn": `*:aws:cloudtrail:us-east-2:${A}:trail/*` } })),
    request: trailRequest(TRAIL_A),
    expect: "denied-implicit",
  },
  {
    name: "variables: ArnLike against a trail known only in part, the variable substituted",
    policy: doc(
      cloudtrailIf({ ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:us-east-2:${aws:SourceAccount}:trail/*" } }),
    ),
    request: trailRequest(`arn:aws:cloudtrail:us-east-2:${U}:trail/management-events`),
    expect: "undecidable",
  },
];
