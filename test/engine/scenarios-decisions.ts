/**
 * Scenario rows for how the evaluator weighs statements into a verdict (evaluate/index.ts) and for
 * the parts of a document the parser could not represent (evaluate/unrepresented.ts): whose account
 * the key is in when the request does not say; an Allow that applies for sure beside one that may;
 * a Deny that may apply beside each kind of grant (the reason then names every verdict still
 * possible, denied included); statements, Effects and Conditions not known yet during a preview, or
 * written the way AWS rejects, each named in the statement's explanation; members a program left
 * `undefined`, which JSON would not carry and which say nothing.
 */
import { PULUMI_UNKNOWN_SENTINEL as U, UNKNOWN, type Request } from "pulumi-kms-guardrails/engine";
import type { Scenario } from "./scenarios";

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const A = "111111111111";
const B = "222222222222";
const KEY = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/Alice`;
const BOB_B = `arn:aws:iam::${B}:user/Bob`;
const ROOT_A = `arn:aws:iam::${A}:root`;

const decrypt = (arn: string, extra: Partial<Request> = {}): Request => ({
  principal: { kind: "aws", arn },
  action: "kms:Decrypt",
  resource: KEY,
  ...extra,
});
/** The caller's team tag is not known yet (a preview). */
const teamUnknown = (arn: string): Request => decrypt(arn, { context: { "aws:PrincipalTag/team": UNKNOWN } });
const allow = (sid: string, principal: unknown, extra: Record<string, unknown> = {}) => ({
  Sid: sid,
  Effect: "Allow",
  Principal: principal,
  Action: "kms:Decrypt",
  Resource: "*",
  ...extra,
});
const onlyOps = { Condition: { StringEquals: { "aws:PrincipalTag/team": "ops" } } };
const denyUnlessOps = {
  Sid: "MaybeDeny",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:Decrypt",
  Resource: "*",
  Condition: { StringNotEquals: { "aws:PrincipalTag/team": "ops" } },
};
const ON_KEY = `it covers kms:Decrypt on ${KEY}`;
const ALICE_DIRECTLY = `Allowed by the key policy alone: "Alice" grants kms:Decrypt to ${ALICE} directly, so no IAM policy is needed.`;
const TEAM = "aws:PrincipalTag/team is not known yet";
const MAY_DENY = `depending on what is not known: "MaybeDeny" may apply (${TEAM}).`;
const ALLOWED = "allowed by the key policy";
const IAM = "left to IAM policies in the caller's account";
/** A statement the explanation names as written by the parser's opaque statement. */
const opaqueMay = (label: string, why: string) => [
  `${label} may apply: ${why}.`,
  `${why}, so its conditions are unknown`,
];

export const decisionScenarios: Scenario[] = [
  // The key's account when the request does not name it.
  {
    name: "decisions: a resource that is not a key ARN leaves the key in the caller's account",
    policy: doc(allow("Alice", { AWS: ALICE })),
    request: decrypt(ALICE, { resource: "*" }),
    expect: "allowed",
    decidingSid: "Alice",
    because: [ALICE_DIRECTLY, `"Alice" applies: the principal names ${ALICE}, it covers kms:Decrypt on *.`],
  },
  {
    name: "decisions: no resource at all, the same",
    policy: doc(allow("Alice", { AWS: ALICE }, { Resource: "*" })),
    request: { principal: { kind: "aws", arn: ALICE }, action: "kms:Decrypt" },
    expect: "allowed",
    decidingSid: "Alice",
    because: [ALICE_DIRECTLY],
  },
  {
    name: "decisions: an empty keyAccount is not given; the key ARN names the account",
    policy: doc(allow("Alice", { AWS: ALICE })),
    request: decrypt(ALICE, { keyAccount: "" }),
    expect: "allowed",
    decidingSid: "Alice",
    because: [ALICE_DIRECTLY],
  },
  {
    name: "decisions: keyAccount given wins over the key ARN",
    policy: doc(allow("Alice", { AWS: ALICE })),
    request: decrypt(ALICE, { keyAccount: B }),
    expect: "needs-iam",
    decidingSid: "Alice",
    because: [
      `The key policy allows it ("Alice"), but ${ALICE} is in account ${A} and the key in ${B}: an IAM policy in account ${A} must also allow kms:Decrypt on the key.`,
    ],
  },
  {
    name: "decisions: a caller whose account is not known yet, allowed to everyone: allowed or left to IAM",
    policy: doc(allow("Everyone", "*")),
    request: decrypt(`arn:aws:iam::${U}:user/Alice`),
    expect: "undecidable",
    decidingSid: "Everyone",
    because: [
      `Either ${ALLOWED} or ${IAM}, depending on what is not known: "Everyone" applies (the principal names arn:aws:iam::<not known yet>:user/Alice, ${ON_KEY}).`,
    ],
  },
  {
    name: "decisions: the account's root named by the bare account id is allowed by the key policy",
    policy: doc(allow("Account", { AWS: A })),
    request: decrypt(A),
    expect: "allowed",
    decidingSid: "Account",
    because: [`Allowed: "Account" grants kms:Decrypt to the root of the key's account ${A}, and no Deny applies.`],
  },

  // Allows that apply beside Allows that may.
  {
    name: "decisions: delegated to IAM, and a direct grant that may apply: allowed or left to IAM",
    policy: doc(allow("Root", { AWS: ROOT_A }), allow("MaybeAlice", { AWS: ALICE }, onlyOps)),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeAlice",
    because: [`Either ${ALLOWED} or ${IAM}, depending on what is not known: "MaybeAlice" may apply (${TEAM}).`],
  },
  {
    name: "decisions: another account's delegation, and one that may apply: still left to IAM",
    policy: doc(allow("B", { AWS: `arn:aws:iam::${B}:root` }), allow("MaybeBob", { AWS: BOB_B }, onlyOps)),
    request: teamUnknown(BOB_B),
    expect: "needs-iam",
    decidingSid: "B",
    because: [
      `The key policy allows it ("B"), but ${BOB_B} is in account ${B} and the key in ${A}: an IAM policy in account ${B} must also allow kms:Decrypt on the key.`,
    ],
  },
  {
    name: "decisions: only an Allow that may apply, for another account's user: left to IAM or denied",
    policy: doc(allow("MaybeBob", { AWS: BOB_B }, onlyOps)),
    request: teamUnknown(BOB_B),
    expect: "undecidable",
    decidingSid: "MaybeBob",
    because: [`Either ${IAM} or denied, depending on what is not known: "MaybeBob" may apply (${TEAM}).`],
  },
  {
    name: "decisions: only a delegation that may apply, in the key's account: left to IAM or denied",
    policy: doc(allow("MaybeRoot", { AWS: ROOT_A }, onlyOps)),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeRoot",
    because: [`Either ${IAM} or denied, depending on what is not known: "MaybeRoot" may apply (${TEAM}).`],
  },
  {
    name: "decisions: only a direct grant that may apply: allowed or denied",
    policy: doc(allow("MaybeAlice", { AWS: ALICE }, onlyOps)),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeAlice",
    because: [`Either ${ALLOWED} or denied, depending on what is not known: "MaybeAlice" may apply (${TEAM}).`],
  },

  {
    name: "decisions: a delegation and a direct grant that may each apply: every verdict is possible",
    policy: doc(allow("MaybeRoot", { AWS: ROOT_A }, onlyOps), allow("MaybeAlice", { AWS: ALICE }, onlyOps)),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeRoot",
    because: [`Either ${ALLOWED}, ${IAM} or denied, depending on what is not known: "MaybeRoot" may apply (${TEAM}).`],
  },
  {
    name: "decisions: a principal not known yet in the only Allow: every verdict is possible",
    policy: doc(allow("Pending", { AWS: U })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Pending",
    because: [
      `Either ${ALLOWED}, ${IAM} or denied, depending on what is not known: "Pending" may apply (a principal is not known yet).`,
    ],
  },
  {
    name: "decisions: a principal known in part is shown with the part not known yet",
    policy: doc(allow("Partial", { AWS: `arn:aws:iam::${U}:role/Admin` })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Partial",
    because: ['"Partial" may apply: principal arn:aws:iam::<not known yet>:role/Admin is known only in part.'],
  },
  {
    name: "decisions: a service principal known in part is shown with the part not known yet",
    policy: doc(allow("PartialService", { Service: `${U}.amazonaws.com` })),
    request: { principal: { kind: "service", service: "logs.amazonaws.com" }, action: "kms:Decrypt", resource: KEY },
    expect: "undecidable",
    decidingSid: "PartialService",
    because: ['"PartialService" may apply: service principal <not known yet>.amazonaws.com is not known or not valid.'],
  },

  // A Deny that may apply, beside each kind of grant.
  {
    name: "decisions: a Deny that may apply beside a direct grant: allowed or denied",
    policy: doc(allow("Alice", { AWS: ALICE }), denyUnlessOps),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeDeny",
    because: [`Either ${ALLOWED} or denied, ${MAY_DENY}`],
  },
  {
    name: "decisions: a Deny that may apply beside a delegation: left to IAM or denied",
    policy: doc(allow("Root", { AWS: ROOT_A }), denyUnlessOps),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeDeny",
    because: [`Either ${IAM} or denied, ${MAY_DENY}`],
  },
  {
    name: "decisions: a Deny that may apply beside a delegation and a direct grant that may: every verdict is possible",
    policy: doc(allow("Root", { AWS: ROOT_A }), allow("MaybeAlice", { AWS: ALICE }, onlyOps), denyUnlessOps),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeDeny",
    because: [`Either ${ALLOWED}, ${IAM} or denied, ${MAY_DENY}`],
  },
  {
    name: "decisions: a Deny that may apply beside a grant that may: allowed or denied",
    policy: doc(allow("MaybeAlice", { AWS: ALICE }, onlyOps), denyUnlessOps),
    request: teamUnknown(ALICE),
    expect: "undecidable",
    decidingSid: "MaybeDeny",
    because: [`Either ${ALLOWED} or denied, ${MAY_DENY}`],
  },
  {
    name: "decisions: a Deny that may apply and nothing that allows: denied, the Deny named",
    policy: doc(denyUnlessOps),
    request: teamUnknown(ALICE),
    expect: "denied-implicit",
    decidingSid: null,
    because: [
      `No statement allows kms:Decrypt for ${ALICE}. Add an Allow statement for it if it should be allowed. A Deny that may apply ("MaybeDeny") would deny it too.`,
    ],
  },

  // Statements the parser could not represent.
  {
    name: "unrepresented: a statement not known yet beside a direct grant: allowed or denied",
    policy: doc(allow("Alice", { AWS: ALICE }), U),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: null,
    because: [
      `Either ${ALLOWED} or denied, depending on what is not known: statement #1 may apply (the statement is not known yet).`,
      ...opaqueMay("statement #1", "the statement is not known yet"),
    ],
  },
  {
    name: "unrepresented: an Effect not known yet",
    policy: doc({ Sid: "Pending", Effect: U, Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Pending",
    because: [
      // Its Principal is not read (nothing about it is known), so it could also delegate to IAM.
      `Either ${ALLOWED}, ${IAM} or denied, depending on what is not known: "Pending" may apply (its Effect is not known yet).`,
      ...opaqueMay('"Pending"', "its Effect is not known yet"),
    ],
  },
  {
    name: "unrepresented: an Effect missing",
    policy: doc({ Sid: "NoEffect", Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "NoEffect",
    because: opaqueMay('"NoEffect"', "its Effect is missing"),
  },
  {
    name: "unrepresented: a single statement (not a list) with an Effect neither Allow nor Deny",
    policy: {
      Version: "2012-10-17",
      Statement: { Sid: "Maybe", Effect: "Maybe", Principal: "*", Action: "kms:Decrypt", Resource: "*" },
    },
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Maybe",
    because: opaqueMay('"Maybe"', 'its Effect "Maybe" is neither Allow nor Deny'),
  },
  {
    name: "unrepresented: a Condition not known yet",
    policy: doc(allow("Pending", "*", { Condition: U })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Pending",
    because: ['"Pending" may apply: the Condition is not known yet.', "the Condition is not known yet"],
  },
  {
    name: "unrepresented: a Condition that is a list",
    policy: doc(allow("List", "*", { Condition: [{ StringEquals: { "aws:PrincipalAccount": A } }] })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "List",
    because: ['"List" may apply: the Condition is not an object of operators.'],
  },
  {
    name: "unrepresented: a condition operator not known yet",
    policy: doc(allow("Op", "*", { Condition: { [U]: { "aws:PrincipalAccount": A } } })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Op",
    because: ['"Op" may apply: the operator is not known yet.'],
  },
  {
    name: "unrepresented: an operator's block not known yet",
    policy: doc(allow("Block", "*", { Condition: { StringEquals: U } })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Block",
    because: ['"Block" may apply: the block is not known yet.'],
  },
  {
    name: "unrepresented: an operator's block that is a string",
    policy: doc(allow("Text", "*", { Condition: { StringEquals: "aws:PrincipalAccount" } })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Text",
    because: ['"Text" may apply: StringEquals does not map condition keys to values.'],
  },
  {
    name: "unrepresented: an operator AWS does not accept",
    policy: doc(allow("Typo", "*", { Condition: { StringEqualz: { "aws:PrincipalAccount": A } } })),
    request: decrypt(ALICE),
    expect: "undecidable",
    decidingSid: "Typo",
    because: ['"Typo" may apply: StringEqualz is not a condition operator AWS accepts.'],
  },
  {
    name: "unrepresented: operators and keys a program left undefined say nothing",
    policy: doc(
      allow(
        "Alice",
        { AWS: ALICE },
        {
          Condition: { StringEquals: { "aws:PrincipalAccount": A, "aws:SourceArn": undefined }, StringLike: undefined },
        },
      ),
    ),
    request: decrypt(ALICE),
    expect: "allowed",
    decidingSid: "Alice",
    because: [ALICE_DIRECTLY, `aws:PrincipalAccount = ${A} matches ${A}`],
  },
];
