/**
 * Scenario rows for organization-wide keys (issue 13 class 1): service principals limited by
 * aws:SourceOrgID / aws:SourceOrgPaths and IAM principals by aws:PrincipalOrgID, as the IAM User Guide
 * documents them ("AWS global condition context keys"; "The confused deputy problem", section
 * "Cross-service confused deputy prevention"). Sources of the policies:
 * - the organization Config and trail statements: the shape of public Terraform organization keys
 *   (a service statement limited by StringEquals aws:SourceOrgID alone);
 * - "EnforceConfusedDeputyProtection": aws-samples/data-perimeter-policy-examples,
 *   resource_control_policies/identity_perimeter_rcp.json (written for an RCP; in a key policy it is
 *   a Deny of the same meaning), its placeholders filled in;
 * - Principal "*" limited by aws:PrincipalOrgID: andrewblooman/medium, systems_manager_recording/kms.tf.
 */
import { UNKNOWN, type Request } from "pulumi-kms-guardrails/engine";
import type { Scenario } from "./scenarios";

const ORG = "o-a1b2c3d4e5";
const OTHER_ORG = "o-f6g7h8i9j0";
const ACCOUNT = "111122223333";
const MEMBER = "444455556666";
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const OU_PATH = `${ORG}/r-ab12/ou-ab12-11111111/ou-ab12-22222222/`;

const doc = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });

const configAllow = (condition: unknown) => ({
  Sid: "AWSConfigKMSPolicy",
  Effect: "Allow",
  Principal: { Service: "config.amazonaws.com" },
  Action: ["kms:Decrypt", "kms:GenerateDataKey"],
  Resource: "*",
  Condition: condition,
});

const CONFIG_ORG_KEY = doc(configAllow({ StringEquals: { "aws:SourceOrgID": ORG } }));
const CONFIG_OU_KEY = doc(
  configAllow({ "ForAnyValue:StringLike": { "aws:SourceOrgPaths": `${ORG}/r-ab12/ou-ab12-11111111/*` } }),
);

/** AWS Config's request for a member account of the organization (or not: `org` undefined). */
const configRequest = (context: Request["context"]): Request => ({
  principal: { kind: "service", service: "config.amazonaws.com" },
  action: "kms:GenerateDataKey",
  resource: KEY,
  context: { "aws:SourceAccount": MEMBER, "aws:SourceArn": `arn:aws:config:us-east-1:${MEMBER}:*`, ...context },
});

const CONFUSED_DEPUTY_PERIMETER = doc(configAllow({ StringEquals: { "aws:SourceAccount": [ACCOUNT, MEMBER] } }), {
  Sid: "EnforceConfusedDeputyProtection",
  Effect: "Deny",
  Principal: "*",
  Action: "kms:*",
  Resource: "*",
  Condition: {
    StringNotEqualsIfExists: { "aws:SourceOrgID": ORG },
    Null: { "aws:SourceAccount": "false" },
    Bool: { "aws:PrincipalIsAWSService": "true" },
  },
});

const ORG_PRINCIPALS_KEY = doc({
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: "*",
  Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
  Resource: "*",
  Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } },
});

const roleRequest = (context: Request["context"]): Request => ({
  principal: { kind: "aws", arn: `arn:aws:iam::${MEMBER}:role/Reader` },
  action: "kms:Decrypt",
  resource: KEY,
  context,
});

export const organizationScenarios: Scenario[] = [
  {
    name: "organization Config key: a member account's delivery carries the organization's aws:SourceOrgID",
    policy: CONFIG_ORG_KEY,
    request: configRequest({ "aws:SourceOrgID": ORG }),
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "organization Config key: another organization's account is refused (the confused deputy)",
    policy: CONFIG_ORG_KEY,
    request: configRequest({ "aws:SourceOrgID": OTHER_ORG }),
    expect: "denied-implicit",
    decidingSid: null,
  },
  {
    name: "organization Config key: an account in no organization sends no aws:SourceOrgID and is refused",
    policy: CONFIG_ORG_KEY,
    request: configRequest({}),
    expect: "denied-implicit",
  },
  {
    name: "organization Config key: an organization not known yet is undecidable, not a refusal",
    policy: CONFIG_ORG_KEY,
    request: configRequest({ "aws:SourceOrgID": UNKNOWN }),
    expect: "undecidable",
  },
  {
    name: "aws:SourceOrgPaths (multivalued, ForAnyValue:StringLike): an account under the OU",
    policy: CONFIG_OU_KEY,
    request: configRequest({ "aws:SourceOrgID": ORG, "aws:SourceOrgPaths": [OU_PATH] }),
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "aws:SourceOrgPaths: an account under another OU of the organization is refused",
    policy: CONFIG_OU_KEY,
    request: configRequest({ "aws:SourceOrgID": ORG, "aws:SourceOrgPaths": [`${ORG}/r-ab12/ou-ab12-33333333/`] }),
    expect: "denied-implicit",
  },
  {
    name: "EnforceConfusedDeputyProtection (data perimeter): the organization's own delivery is not denied",
    policy: CONFUSED_DEPUTY_PERIMETER,
    request: configRequest({ "aws:SourceOrgID": ORG }),
    expect: "allowed",
    decidingSid: "AWSConfigKMSPolicy",
  },
  {
    name: "EnforceConfusedDeputyProtection: a service acting for another organization is denied explicitly",
    policy: CONFUSED_DEPUTY_PERIMETER,
    request: configRequest({ "aws:SourceOrgID": OTHER_ORG }),
    expect: "denied-explicit",
    decidingSid: "EnforceConfusedDeputyProtection",
  },
  {
    name: "EnforceConfusedDeputyProtection: without aws:SourceOrgID (no organization) IfExists denies",
    policy: CONFUSED_DEPUTY_PERIMETER,
    request: configRequest({}),
    expect: "denied-explicit",
    decidingSid: "EnforceConfusedDeputyProtection",
  },
  {
    name: "EnforceConfusedDeputyProtection: the organization not known yet leaves the Deny undecidable",
    policy: CONFUSED_DEPUTY_PERIMETER,
    request: configRequest({ "aws:SourceOrgID": UNKNOWN }),
    expect: "undecidable",
  },
  {
    name: 'Principal "*" limited by aws:PrincipalOrgID: a role of a member account',
    policy: ORG_PRINCIPALS_KEY,
    request: roleRequest({ "aws:PrincipalOrgID": ORG }),
    // The role is in another account: its own IAM policies must allow it too.
    expect: "needs-iam",
    decidingSid: "Enable IAM User Permissions",
  },
  {
    name: 'Principal "*" limited by aws:PrincipalOrgID: a role of an account in no organization',
    policy: ORG_PRINCIPALS_KEY,
    request: roleRequest({}),
    expect: "denied-implicit",
  },
];
