/**
 * Scenario rows for values known only in part (the first preview of a new stack): a trail ARN, key
 * ARN or caller whose account is not known yet carries the Pulumi unknown sentinel where the account
 * goes. The verdict is decided whenever the known parts decide it (AWS's semantics for every value the
 * unknown part could take), and `undecidable` only when the unknown part could change it.
 */
import { PULUMI_UNKNOWN_SENTINEL as U, UNKNOWN, type Request } from "pulumi-kms-guardrails/engine";
import type { Scenario } from "./scenarios";

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const A = "111111111111";
const KEY_A = `arn:aws:kms:us-east-2:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const TRAIL_A = `arn:aws:cloudtrail:us-east-2:${A}:trail/management-events`;
/** The trail of a new stack in preview: name and Region known, account not yet. */
const PENDING_TRAIL = `arn:aws:cloudtrail:us-east-2:${U}:trail/management-events`;
const PENDING_OTHER_TRAIL = `arn:aws:cloudtrail:us-east-2:${U}:trail/audit`;
const PENDING_KEY = `arn:aws:kms:us-east-2:${U}:key/${U}`;
const CT_CONTEXT = "kms:EncryptionContext:aws:cloudtrail:arn";
const SHOWN_TRAIL = "arn:aws:cloudtrail:us-east-2:<not known yet>:trail/management-events";
const SHOWN_OTHER_TRAIL = "arn:aws:cloudtrail:us-east-2:<not known yet>:trail/audit";

const cloudtrail = (action: string, context: Request["context"], resource = PENDING_KEY): Request => ({
  principal: { kind: "service", service: "cloudtrail.amazonaws.com" },
  action,
  resource,
  context,
});
const encryptFor = (trail: string): Request =>
  cloudtrail("kms:GenerateDataKey", { "aws:SourceArn": trail, "aws:SourceAccount": U, [CT_CONTEXT]: trail });

const cloudTrailStatement = (sid: string, condition: unknown, extra: Record<string, unknown> = {}) => ({
  Sid: sid,
  Effect: "Allow",
  Principal: { Service: "cloudtrail.amazonaws.com" },
  Action: "kms:GenerateDataKey*",
  Resource: "*",
  Condition: condition,
  ...extra,
});
const enableIam = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: `arn:aws:iam::${A}:root` },
  Action: "kms:*",
  Resource: "*",
};

/** Any CloudTrail request, except for trails other than management-events (in any account). */
const ONLY_MANAGEMENT_EVENTS = doc(cloudTrailStatement("Any", {}, { Condition: undefined }), {
  Sid: "Only management-events",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:*",
  Resource: "*",
  Condition: { ArnNotLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/management-events" } },
});

export const partialValues: Scenario[] = [
  {
    name: "partial: aws:SourceArn pinned to another trail fails on the trail name, whatever the account",
    policy: doc(enableIam, cloudTrailStatement("Other trail", { StringEquals: { "aws:SourceArn": TRAIL_A } })),
    request: encryptFor(PENDING_OTHER_TRAIL),
    expect: "denied-implicit",
    decidingSid: null,
    because: [`aws:SourceArn = ${SHOWN_OTHER_TRAIL} does not match ${TRAIL_A}`],
  },
  {
    name: "partial: aws:SourceArn pinned to the same trail name depends on the account not known yet",
    policy: doc(enableIam, cloudTrailStatement("This trail", { StringEquals: { "aws:SourceArn": TRAIL_A } })),
    request: encryptFor(PENDING_TRAIL),
    expect: "undecidable",
    decidingSid: "This trail",
    because: [`aws:SourceArn = ${SHOWN_TRAIL} against ${TRAIL_A} cannot be judged`],
  },
  {
    name: "partial: ArnLike with wildcards over every unknown part holds for any account",
    policy: doc(cloudTrailStatement("Any trail", { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:*:*:trail/*" } })),
    request: encryptFor(PENDING_TRAIL),
    expect: "allowed",
    decidingSid: "Any trail",
  },
  {
    name: "partial: ArnLike naming the account is undecidable while the account is not known",
    policy: doc(
      cloudTrailStatement("Account trails", { ArnLike: { "aws:SourceArn": `arn:aws:cloudtrail:*:${A}:trail/*` } }),
    ),
    request: encryptFor(PENDING_TRAIL),
    expect: "undecidable",
    decidingSid: "Account trails",
  },
  {
    name: "partial: ArnLike for another Region fails on the known Region",
    policy: doc(
      cloudTrailStatement("Other Region", { ArnLike: { "aws:SourceArn": "arn:aws:cloudtrail:eu-west-1:*:trail/*" } }),
    ),
    request: encryptFor(PENDING_TRAIL),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "partial: StringLike on the encryption context with the account's pattern waits for the account",
    policy: doc(cloudTrailStatement("Context", { StringLike: { [CT_CONTEXT]: `arn:aws:cloudtrail:*:${A}:trail/*` } })),
    request: encryptFor(PENDING_TRAIL),
    expect: "undecidable",
    decidingSid: "Context",
  },
  {
    name: "partial: no statement names cloudtrail.amazonaws.com: denied, whatever the unknowns",
    policy: doc(enableIam, {
      Sid: "Config",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: "kms:*",
      Resource: "*",
      Condition: { StringEquals: { "aws:SourceAccount": A } },
    }),
    request: cloudtrail("kms:GenerateDataKey", { "aws:SourceArn": UNKNOWN, "aws:SourceAccount": UNKNOWN }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "partial: an encryption-context condition on DescribeKey fails on a known element",
    policy: doc(
      cloudTrailStatement(
        "Describe",
        { StringEquals: { "aws:SourceArn": PENDING_TRAIL }, StringLike: { [CT_CONTEXT]: "arn:aws:cloudtrail:*" } },
        { Action: "kms:DescribeKey" },
      ),
    ),
    request: cloudtrail("kms:DescribeKey", { "aws:SourceArn": PENDING_TRAIL, "aws:SourceAccount": U }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "partial: a policy value known in part rules out a request for another trail",
    policy: doc(cloudTrailStatement("Pending trail", { StringEquals: { "aws:SourceArn": PENDING_OTHER_TRAIL } })),
    request: encryptFor(TRAIL_A),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "partial: a policy value known in part may be the request's trail",
    policy: doc(cloudTrailStatement("Pending trail", { StringEquals: { "aws:SourceArn": PENDING_TRAIL } })),
    request: encryptFor(TRAIL_A),
    expect: "undecidable",
    decidingSid: "Pending trail",
  },
  {
    name: "partial: Deny wins where a negated condition holds for every account (another trail name)",
    policy: ONLY_MANAGEMENT_EVENTS,
    request: encryptFor(PENDING_OTHER_TRAIL),
    expect: "denied-explicit",
    decidingSid: "Only management-events",
  },
  {
    name: "partial: a negated Deny that cannot hold for any account leaves the Allow to decide",
    policy: ONLY_MANAGEMENT_EVENTS,
    request: encryptFor(PENDING_TRAIL),
    expect: "allowed",
    decidingSid: "Any",
  },
  {
    name: "partial: a key ARN known in part against a Resource of another Region is no match",
    policy: doc(cloudTrailStatement("Key", {}, { Condition: undefined, Resource: "arn:aws:kms:eu-west-1:*:key/*" })),
    request: encryptFor(PENDING_TRAIL),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "partial: a key ARN known in part against a Resource naming one key waits for the key",
    policy: doc(cloudTrailStatement("Key", {}, { Condition: undefined, Resource: KEY_A })),
    request: encryptFor(PENDING_TRAIL),
    expect: "undecidable",
    decidingSid: "Key",
  },
  {
    name: "partial: a caller known in part is not named by a service-only Allow",
    policy: doc(cloudTrailStatement("Any", {}, { Condition: undefined, Action: "kms:Decrypt" })),
    request: { principal: { kind: "aws", arn: `arn:aws:iam::${U}:role/reader` }, action: "kms:Decrypt" },
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "partial: a caller known in part may or may not be in the account an Allow names",
    policy: doc(enableIam),
    request: { principal: { kind: "aws", arn: `arn:aws:iam::${U}:role/reader` }, action: "kms:Decrypt" },
    expect: "undecidable",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: "partial: with the key's account not known, Principal * is allowed or left to IAM",
    policy: doc({ Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }),
    request: {
      principal: { kind: "aws", arn: `arn:aws:iam::${A}:role/reader` },
      action: "kms:Decrypt",
      resource: PENDING_KEY,
      keyAccount: U,
    },
    expect: "undecidable",
    decidingSid: "Everyone",
  },
];
