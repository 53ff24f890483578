/**
 * Scenario rows for how one statement is judged and explained (evaluate/statement-match.ts): each
 * part of a statement (Principal or NotPrincipal, Action or NotAction, Resource or NotResource) named
 * in the explanation when it decides, and statements AWS would reject. AWS's grammar gives a statement
 * one principal block, one action block and one resource block, each either the element or its Not
 * form ("Grammar of the IAM JSON policy language",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html): a statement with
 * both, or without one, is never guessed into applying, unless it plainly cannot apply.
 */
import { PULUMI_UNKNOWN_SENTINEL as U, type Request } from "pulumi-kms-guardrails/engine";
import type { Scenario } from "./scenarios";

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const A = "111111111111";
const KEY = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ALICE = `arn:aws:iam::${A}:user/Alice`;
const BOB = `arn:aws:iam::${A}:user/Bob`;
const PENDING_ALICE = `arn:aws:iam::${U}:user/Alice`;
const SHOWN_PENDING_ALICE = "arn:aws:iam::<not known yet>:user/Alice";

const decrypt = (arn = ALICE): Request => ({ principal: { kind: "aws", arn }, action: "kms:Decrypt", resource: KEY });
const statement = (sid: string, parts: Record<string, unknown>) => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { AWS: ALICE },
  Action: "kms:Decrypt",
  Resource: "*",
  ...parts,
});
const ANY_VERDICT =
  "Either allowed by the key policy, left to IAM policies in the caller's account or denied, depending on what is not known";

export const statementScenarios: Scenario[] = [
  {
    name: "statement: Principal and NotPrincipal together leave an account principal's delegation open",
    policy: doc(statement("Both", { Principal: { AWS: `arn:aws:iam::${A}:root` }, NotPrincipal: { AWS: BOB } })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Both",
    because: [
      `${ANY_VERDICT}: "Both" may apply (it has both Principal and NotPrincipal).`,
      '"Both" may apply: it has both Principal and NotPrincipal.',
    ],
    note: "Neither block is read alone: the account root in Principal would only delegate to IAM, but the statement could name the caller.",
  },
  {
    name: "statement: Principal and NotPrincipal together do not exclude the caller NotPrincipal lists",
    policy: doc(statement("Both", { Principal: "*", NotPrincipal: { AWS: ALICE } })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Both",
  },
  {
    name: "statement: Principal and NotPrincipal together, in a statement for another action, decide nothing",
    policy: doc(statement("Both", { NotPrincipal: { AWS: BOB }, Action: "kms:Encrypt" })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
    because: ['"Both" does not apply: kms:Decrypt is not covered by its Action.'],
  },
  {
    name: "statement: without Action or NotAction it may apply",
    policy: doc(statement("NoAction", { Action: undefined })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "NoAction",
    because: ['"NoAction" may apply: it has no valid Action or NotAction.'],
  },
  {
    name: "statement: without Resource or NotResource it may apply",
    policy: doc(statement("NoResource", { Resource: undefined })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "NoResource",
    because: ['"NoResource" may apply: it has no valid Resource or NotResource.'],
  },
  {
    name: "statement: Action and NotAction together, both covering the request, may apply",
    policy: doc(statement("Both", { NotAction: "kms:Encrypt" })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "Both",
    because: ['"Both" may apply: it has both Action and NotAction.'],
  },
  {
    name: "statement: a caller whose account is not known yet, against a user ARN, is named in the explanation",
    policy: doc(statement("Alice", {})),
    request: decrypt(PENDING_ALICE),
    expect: "undecidable",
    decidingSid: "Alice",
    because: [`"Alice" may apply: whether the principal names ${SHOWN_PENDING_ALICE} is unknown.`],
  },
  {
    name: "statement: a request that names no key is explained as on the key",
    policy: doc(statement("Alice", {})),
    request: { principal: { kind: "aws", arn: ALICE }, action: "kms:Decrypt" },
    expect: "allowed",
    decidingSid: "Alice",
    because: [`"Alice" applies: the principal names ${ALICE}, it covers kms:Decrypt on the key.`],
  },
  {
    name: "statement: an account principal is explained as a delegation to the account's IAM policies",
    policy: doc(statement("Account", { Principal: { AWS: A } })),
    request: decrypt(),
    expect: "needs-iam",
    decidingSid: "Account",
    because: [
      `"Account" applies: the principal is account ${A}, which delegates to its IAM policies, it covers kms:Decrypt on ${KEY}.`,
    ],
  },
  {
    name: "statement: a NotPrincipal Allow names the caller it does not exclude",
    policy: doc(statement("AllButBob", { Principal: undefined, NotPrincipal: { AWS: BOB } })),
    request: decrypt(),
    expect: "allowed",
    decidingSid: "AllButBob",
    because: [`"AllButBob" applies: ${ALICE} is not excluded by NotPrincipal, it covers kms:Decrypt on ${KEY}.`],
  },
  {
    name: "statement: a NotPrincipal Allow names the caller it excludes",
    policy: doc(statement("AllButAlice", { Principal: undefined, NotPrincipal: { AWS: ALICE } })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
    because: [`"AllButAlice" does not apply: NotPrincipal excludes ${ALICE}.`],
  },
  {
    name: "statement: a caller whose account is not known yet, against NotPrincipal, is named in the explanation",
    policy: doc(statement("AllButAlice", { Principal: undefined, NotPrincipal: { AWS: ALICE } })),
    request: decrypt(PENDING_ALICE),
    expect: "undecidable",
    decidingSid: "AllButAlice",
    because: [`"AllButAlice" may apply: whether the principal names ${SHOWN_PENDING_ALICE} is unknown.`],
  },
  {
    name: "statement: NotAction excluding the action is named in the explanation",
    policy: doc(statement("NotDecrypt", { Action: undefined, NotAction: "kms:Decrypt" })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
    because: ['"NotDecrypt" does not apply: kms:Decrypt is not covered by its NotAction.'],
  },
  {
    name: "statement: NotResource excluding the key is named in the explanation",
    policy: doc(statement("NotThisKey", { Resource: undefined, NotResource: KEY })),
    request: decrypt(),
    expect: "denied-implicit",
    decidingSid: null,
    because: [`"NotThisKey" does not apply: ${KEY} is not covered by its NotResource.`],
  },
  {
    name: "statement: an Action not known yet perhaps covers the action",
    policy: doc(statement("PendingAction", { Action: [U] })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "PendingAction",
    because: ['"PendingAction" may apply: kms:Decrypt is perhaps covered by its Action.'],
  },
  {
    name: "statement: a NotAction not known yet perhaps covers the action",
    policy: doc(statement("PendingNotAction", { Action: undefined, NotAction: [U] })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "PendingNotAction",
    because: ['"PendingNotAction" may apply: kms:Decrypt is perhaps covered by its NotAction.'],
  },
  {
    name: "statement: a Resource not known yet perhaps covers the key",
    policy: doc(statement("PendingResource", { Resource: [U] })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "PendingResource",
    because: [`"PendingResource" may apply: ${KEY} is perhaps covered by its Resource.`],
  },
  {
    name: "statement: a NotResource not known yet perhaps covers the key",
    policy: doc(statement("PendingNotResource", { Resource: undefined, NotResource: [U] })),
    request: decrypt(),
    expect: "undecidable",
    decidingSid: "PendingNotResource",
    because: [`"PendingNotResource" may apply: ${KEY} is perhaps covered by its NotResource.`],
  },
];
