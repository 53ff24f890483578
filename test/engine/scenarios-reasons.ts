/**
 * Scenario rows for the reason a decision gives (evaluate/decision-reason.ts) and for who the caller
 * is (evaluate/caller-identity.ts). The reason is what users read: each row pins it whole, for every
 * kind of outcome (allowed to a service, to the key account's root, to everyone, directly; delegated
 * to IAM in the key's account or another; denied explicitly with and without conditions; implicitly,
 * naming the nearest statement; undecided). Callers: the aws:PrincipalType AWS puts in the request
 * context for each kind of caller ("AWS global condition context keys", aws:PrincipalType: Account,
 * User, FederatedUser, AssumedRole, Anonymous;
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principaltype),
 * and aws:username (the user's friendly name, the last part of its ARN after the path).
 */
import { PULUMI_UNKNOWN_SENTINEL as U, UNKNOWN, type Request } from "pulumi-kms-guardrails/engine";
import type { Scenario } from "./scenarios";

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const A = "111111111111";
const B = "222222222222";
const KEY = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OTHER_KEY = `arn:aws:kms:us-east-2:${A}:key/0000abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/Alice`;
const BOB = `arn:aws:iam::${A}:user/Bob`;

const decrypt = (principal: Request["principal"], context?: Request["context"], resource = KEY): Request => ({
  principal,
  action: "kms:Decrypt",
  resource,
  ...(context === undefined ? {} : { context }),
});
const aws = (arn: string) => ({ kind: "aws", arn }) as const;
const allow = (sid: string | undefined, principal: unknown, extra: Record<string, unknown> = {}) => ({
  ...(sid === undefined ? {} : { Sid: sid }),
  Effect: "Allow",
  Principal: principal,
  Action: "kms:Decrypt",
  Resource: "*",
  ...extra,
});
const onlyType = (type: string) => ({ Condition: { StringEquals: { "aws:PrincipalType": type } } });
const CHANGE = "Change that statement or the request if it should be allowed.";
const directly = (sid: string, who: string) =>
  `Allowed by the key policy alone: "${sid}" grants kms:Decrypt to ${who} directly, so no IAM policy is needed.`;

export const reasonScenarios: Scenario[] = [
  {
    name: "reason: allowed to a service principal",
    policy: doc(allow("CloudTrail", { Service: "cloudtrail.amazonaws.com" })),
    request: decrypt({ kind: "service", service: "cloudtrail.amazonaws.com" }),
    expect: "allowed",
    decidingSid: "CloudTrail",
    because: [
      'Allowed: "CloudTrail" grants kms:Decrypt to the service principal cloudtrail.amazonaws.com, and no Deny applies.',
    ],
  },
  {
    name: "reason: allowed to the root of the key's account",
    policy: doc(allow("Root", { AWS: `arn:aws:iam::${A}:root` })),
    request: decrypt(aws(`arn:aws:iam::${A}:root`)),
    expect: "allowed",
    decidingSid: "Root",
    because: [`Allowed: "Root" grants kms:Decrypt to the root of the key's account ${A}, and no Deny applies.`],
  },
  {
    name: "reason: allowed to everyone, an anonymous caller included",
    policy: doc(allow("Public", "*")),
    request: decrypt({ kind: "anonymous" }),
    expect: "allowed",
    decidingSid: "Public",
    because: [
      'Allowed: "Public" grants kms:Decrypt to everyone, including unauthenticated callers; add conditions or a narrower Principal.',
    ],
  },
  {
    name: "reason: an anonymous caller not named is denied, and named as such",
    policy: doc(allow("Alice", { AWS: ALICE })),
    request: decrypt({ kind: "anonymous" }),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for an anonymous caller: the nearest, "Alice", does not apply because the principal does not name an anonymous caller. ${CHANGE}`,
    ],
  },
  {
    name: "reason: a caller of another account also needs an IAM policy in its own account",
    policy: doc(allow("Bob of B", { AWS: `arn:aws:iam::${B}:user/Bob` })),
    request: decrypt(aws(`arn:aws:iam::${B}:user/Bob`)),
    expect: "needs-iam",
    decidingSid: "Bob of B",
    because: [
      `The key policy allows it ("Bob of B"), but arn:aws:iam::${B}:user/Bob is in account ${B} and the key in ${A}: an IAM policy in account ${B} must also allow kms:Decrypt on the key.`,
    ],
  },
  {
    name: "reason: the key account's principal delegates to its IAM policies",
    policy: doc(allow("Enable IAM User Permissions", { AWS: `arn:aws:iam::${A}:root` })),
    request: decrypt(aws(ALICE)),
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
    because: [
      `"Enable IAM User Permissions" delegates kms:Decrypt to the IAM policies of account ${A}: it is allowed only if an IAM policy of ${ALICE} also allows it (or name the principal in the key policy).`,
    ],
  },
  {
    name: "reason: the nearest statement is the one that names the caller and failed on a condition",
    policy: doc(
      allow("Bob", { AWS: BOB }),
      allow("AliceFromOffice", { AWS: ALICE }, { Condition: { IpAddress: { "aws:SourceIp": "192.0.2.0/24" } } }),
    ),
    request: decrypt(aws(ALICE), { "aws:SourceIp": "203.0.113.7" }),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}: the nearest, "AliceFromOffice", does not apply because aws:SourceIp = 203.0.113.7 is not in 192.0.2.0/24. ${CHANGE}`,
    ],
  },
  {
    name: "reason: else the nearest covers the action and the key",
    policy: doc(allow("AliceOtherKey", { AWS: ALICE }, { Resource: OTHER_KEY }), allow("Bob", { AWS: BOB })),
    request: decrypt(aws(ALICE)),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}: the nearest, "Bob", does not apply because the principal does not name ${ALICE}. ${CHANGE}`,
    ],
  },
  {
    name: "reason: else the nearest covers the action, and a statement without a Sid is named by position",
    policy: doc(
      allow("AliceEncrypt", { AWS: ALICE }, { Action: "kms:Encrypt" }),
      allow(undefined, { AWS: ALICE }, { Resource: OTHER_KEY }),
    ),
    request: decrypt(aws(ALICE)),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}: the nearest, statement #1, does not apply because ${KEY} is not covered by its Resource. ${CHANGE}`,
    ],
  },
  {
    name: "reason: a statement with an empty Sid is named by position",
    policy: doc(allow("", { AWS: BOB })),
    request: decrypt(aws(ALICE)),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}: the nearest, statement #0, does not apply because the principal does not name ${ALICE}. ${CHANGE}`,
      `statement #0 does not apply: the principal does not name ${ALICE}.`,
    ],
  },
  {
    name: "reason: no Allow at all, and a Deny that may apply is named",
    policy: doc({
      Sid: "MaybeDeny",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceVpc": "vpc-1a2b3c4d" } },
    }),
    request: decrypt(aws(ALICE), { "aws:SourceVpc": UNKNOWN }),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}. Add an Allow statement for it if it should be allowed. A Deny that may apply ("MaybeDeny") would deny it too.`,
    ],
  },
  {
    name: "reason: an explicit Deny names each of its conditions that held",
    policy: doc(allow("Alice", { AWS: ALICE }), {
      Sid: "DenyOutside",
      Effect: "Deny",
      Principal: "*",
      Action: "kms:*",
      Resource: "*",
      Condition: { StringNotEquals: { "aws:SourceVpc": "vpc-1" }, NotIpAddress: { "aws:SourceIp": "192.0.2.0/24" } },
    }),
    request: decrypt(aws(ALICE), { "aws:SourceVpc": "vpc-2", "aws:SourceIp": "203.0.113.7" }),
    expect: "denied-explicit",
    decidingSid: "DenyOutside",
    because: [
      'Denied explicitly by "DenyOutside": aws:SourceVpc = vpc-2 does not match vpc-1, so StringNotEquals holds; aws:SourceIp = 203.0.113.7 is not in 192.0.2.0/24, so NotIpAddress holds. A Deny overrides every Allow; change the request or narrow that statement.',
    ],
  },
  {
    name: "reason: an explicit Deny without conditions says what it covers",
    policy: doc(allow("Alice", { AWS: ALICE }), {
      Sid: "DenyAlice",
      Effect: "Deny",
      Principal: { AWS: ALICE },
      Action: "kms:Decrypt",
      Resource: "*",
    }),
    request: decrypt(aws(ALICE)),
    expect: "denied-explicit",
    decidingSid: "DenyAlice",
    because: [
      `Denied explicitly by "DenyAlice": the principal names ${ALICE}, it covers kms:Decrypt on ${KEY}. A Deny overrides every Allow; change the request or narrow that statement.`,
    ],
  },
  {
    name: "reason: an applying Allow whose grant depends on the key's account not known yet",
    policy: doc(allow("Alice", { AWS: ALICE })),
    request: decrypt(aws(ALICE), undefined, `arn:aws:kms:us-east-2:${U}:key/${U}`),
    expect: "undecidable",
    decidingSid: "Alice",
    because: [
      `Either allowed by the key policy or left to IAM policies in the caller's account, depending on what is not known: "Alice" applies (the principal names ${ALICE}, it covers kms:Decrypt on arn:aws:kms:us-east-2:<not known yet>:key/<not known yet>).`,
    ],
  },
  {
    name: "caller: a role ARN calls as a session of the role (aws:PrincipalType AssumedRole)",
    policy: doc(allow("Roles", "*", onlyType("AssumedRole"))),
    request: decrypt(aws(`arn:aws:iam::${A}:role/ops/Admin`)),
    expect: "allowed",
    decidingSid: "Roles",
    because: [directly("Roles", `arn:aws:iam::${A}:role/ops/Admin`)],
  },
  {
    name: "caller: a federated user is a FederatedUser",
    policy: doc(allow("Federated", "*", onlyType("FederatedUser"))),
    request: decrypt(aws(`arn:aws:sts::${A}:federated-user/Bob`)),
    expect: "allowed",
    decidingSid: "Federated",
  },
  {
    name: "caller: a federated user is not an AssumedRole",
    policy: doc(allow("Roles", "*", onlyType("AssumedRole"))),
    request: decrypt(aws(`arn:aws:sts::${A}:federated-user/Bob`)),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "caller: an assumed-role ARN without a session name is not classified (no aws:PrincipalType)",
    policy: doc(allow("Unclassified", "*", { Condition: { Null: { "aws:PrincipalType": "true" } } })),
    request: decrypt(aws(`arn:aws:sts::${A}:assumed-role/Admin`)),
    expect: "allowed",
    decidingSid: "Unclassified",
  },
  {
    name: "caller: a caller that is not an ARN is not classified, and is not the key account's root",
    policy: doc(allow("Unclassified", "*", { Condition: { Null: { "aws:PrincipalType": "true" } } })),
    request: decrypt(aws("not-an-arn")),
    expect: "needs-iam",
    decidingSid: "Unclassified",
    because: [
      `The key policy allows it ("Unclassified"), but not-an-arn is in account unknown and the key in ${A}: an IAM policy in account unknown must also allow kms:Decrypt on the key.`,
    ],
  },
  {
    name: "caller: a user under a path is a User named by the last part of its ARN",
    policy: doc(
      allow("Bob", "*", { Condition: { StringEquals: { "aws:username": "Bob", "aws:PrincipalType": "User" } } }),
    ),
    request: decrypt(aws(`arn:aws:iam::${A}:user/division/Bob`)),
    expect: "allowed",
    decidingSid: "Bob",
  },
  {
    name: "reason: every Deny that may apply is named",
    policy: doc(
      ...["MaybeDenyVpc", "MaybeDenyVpce"].map((sid, i) => ({
        Sid: sid,
        Effect: "Deny",
        Principal: "*",
        Action: "kms:*",
        Resource: "*",
        Condition: { StringEquals: { [i === 0 ? "aws:SourceVpc" : "aws:SourceVpce"]: "vpc-1a2b3c4d" } },
      })),
    ),
    request: decrypt(aws(ALICE), { "aws:SourceVpc": UNKNOWN, "aws:SourceVpce": UNKNOWN }),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}. Add an Allow statement for it if it should be allowed. A Deny that may apply ("MaybeDenyVpc", "MaybeDenyVpce") would deny it too.`,
    ],
  },
  {
    name: "caller: the account root is an Account",
    policy: doc(allow("Roots", "*", onlyType("Account"))),
    request: decrypt(aws(`arn:aws:iam::${A}:root`)),
    expect: "allowed",
    decidingSid: "Roots",
  },
  {
    name: "caller: a federated user is not the account root: the account principal delegates to IAM",
    policy: doc(allow("Account", { AWS: `arn:aws:iam::${A}:root` })),
    request: decrypt(aws(`arn:aws:sts::${A}:federated-user/Bob`)),
    expect: "needs-iam",
    decidingSid: "Account",
  },
  {
    name: "caller: an unclassified caller of the account is not the account root either",
    policy: doc(allow("Account", { AWS: `arn:aws:iam::${A}:root` })),
    request: decrypt(aws(`arn:aws:sts::${A}:assumed-role/Admin`)),
    expect: "needs-iam",
    decidingSid: "Account",
  },
];
