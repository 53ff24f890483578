/**
 * kms-service-principal-source-condition. Seed 001, "Using aws:SourceArn or aws:SourceAccount
 * condition keys": "When the principal in a key policy statement is an AWS service principal, we
 * strongly recommend that you use the aws:SourceArn or aws:SourceAccount global condition keys ...
 * [to avoid] a potential confused deputy scenario."
 *
 * Proved where the stack says what the key is for: the catalog's confused-deputy probes (another
 * account's trail or delivery channel, another trail of the same account) must be denied. Levels:
 * - the rule's level: a statement with no source condition lets another account's or another
 *   trail's request through, for anything beyond Decrypt / DescribeKey;
 * - practice findings (advisory unless `practiceLevel` is "rule"): a statement that is limited, only not to this stack's resource (seed 003: aws:SourceAccount
 *   is "supported, but not recommended"; seed 000's statement pins the account, not the Region),
 *   one that grants only Decrypt / DescribeKey (seed 003 prints "Allow CloudTrail to decrypt a
 *   trail" without a condition), and any unconditioned service statement the stack does not prove
 *   (the engine's service-principal-without-source-condition; seed 002's Config statement has none).
 * Statements that serve an event data store are exempt: seed 003, "The aws:SourceArn and
 * aws:SourceAccount condition keys are not supported in KMS key policies for event data stores."
 *
 * Organization-wide keys: the IAM User Guide ("The confused deputy problem", "Cross-service confused
 * deputy prevention") recommends aws:SourceOrgID and aws:SourceOrgPaths beside aws:SourceArn and
 * aws:SourceAccount. A statement limited by them is protected: the other-account probes act for an
 * account outside the organization (catalog organization.ts). Another trail of the organization
 * gets through, a practice finding like aws:SourceAccount's, once the rule knows the organization
 * (`organizationId`); until then that probe is undecidable and reports nothing.
 */
import { SOURCES, type Organization, type ProbeOutcome } from "pulumi-kms-guardrails/catalog";
import { isLimitingMatch, type Statement } from "pulumi-kms-guardrails/engine";
import { resolveKeyAccount } from "../analysis/account";
import { deliveryChannelChecks, keysUsedBy, trailChecks, type KeyGroup } from "../analysis/integrations";
import { keyFacts, keyLabel } from "../analysis/keys";
import { allowingStatements, grantFor, requestText, statementName, type CheckedPlan } from "../analysis/probes";
import { forKeyPolicy, json, replaceWith, seeAws } from "../messages";
import { lintDocument, parseDocument } from "../model/policy-cache";
import type { StackModel } from "../model/stack";
import type { KeyModel, ResourceRef } from "../model/types";
import { membersText } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule, Violation } from "./types";

/** The confused-deputy keys: the IAM User Guide names the organization's two beside the resource's and account's. */
const SOURCE_KEYS = new Set(["aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid", "aws:sourceorgpaths"]);
const READ_ONLY = new Set(["kms:decrypt", "kms:describekey"]);
const LINT_FINDING = "service-principal-without-source-condition";
/** The one check that reports it: a key policy is not linted whole for one finding kind. */
const LINT_CHECK: ReadonlySet<string> = new Set([LINT_FINDING]);

/** Limited by a source key: a negated or IfExists clause admits every other source, so it does not count. */
const hasSourceCondition = (s: Statement): boolean =>
  s.conditions.some((c) => SOURCE_KEYS.has(c.keyLower) && isLimitingMatch(c));
const readOnly = (s: Statement): boolean =>
  s.action !== undefined && s.action.every((a) => READ_ONLY.has(a.toLowerCase()));
const cloudTrailOnly = (s: Statement): boolean => {
  const services = s.principal?.service ?? [];
  return services.length > 0 && services.every((p) => p.toLowerCase() === "cloudtrail.amazonaws.com");
};

interface Context {
  readonly model: StackModel;
  readonly organization: Organization | undefined;
  readonly eventDataStoreKeys: ReadonlySet<KeyModel>;
  readonly reported: Set<string>;
  readonly out: Violation[];
}

function reportDenyFailure<T extends { readonly ref: ResourceRef }>(
  ctx: Context,
  group: KeyGroup<T>,
  checked: CheckedPlan,
  outcome: ProbeOutcome,
): void {
  if (group.result.status !== "checked" || outcome.probe.request.principal.kind !== "service") return;
  const statements = group.result.policy.statements;
  for (const trace of allowingStatements(outcome.decision)) {
    const statement = statements.find((s) => s.index === trace.index);
    if (statement === undefined) continue;
    if (ctx.eventDataStoreKeys.has(group.facts.key) && cloudTrailOnly(statement) && !hasSourceCondition(statement))
      continue;
    const id = `${group.facts.policySource.urn}#${trace.index}`;
    if (ctx.reported.has(id)) continue;
    ctx.reported.add(id);
    const otherAccount = outcome.probe.id.includes("other-account");
    const practice = readOnly(statement) || (hasSourceCondition(statement) && !otherAccount);
    const grant = grantFor(checked.plan, outcome.probe);
    ctx.out.push({
      message:
        `${keyLabel(group.facts)}: ${requestText(outcome.probe, true)} on behalf of a resource the key is not for (${outcome.probe.description}) ` +
        `because ${statementName(trace)} does not limit aws:SourceArn / aws:SourceAccount to ${membersText(group.members)}.` +
        (grant !== undefined ? `\n${replaceWith(grant.statement, grant.source)}` : ""),
      urn: group.facts.policySource.urn,
      ...(practice ? { kind: "practice" } : {}),
    });
  }
}

function fromProbes(ctx: Context): void {
  for (const group of trailChecks(ctx.model, { organization: ctx.organization }).groups) {
    if (group.result.status !== "checked") continue;
    for (const checked of group.result.plans) {
      for (const o of checked.outcomes)
        if (o.probe.expect === "deny" && o.satisfied === false) reportDenyFailure(ctx, group, checked, o);
    }
  }
  for (const group of deliveryChannelChecks(ctx.model, { organization: ctx.organization }).groups) {
    if (group.result.status !== "checked") continue;
    // The service-linked-role plan: its deny probes are the Config service principal's confused deputies.
    const checked = group.result.plans[1];
    if (checked === undefined) continue;
    for (const o of checked.outcomes)
      if (o.probe.expect === "deny" && o.satisfied === false) reportDenyFailure(ctx, group, checked, o);
  }
}

function fromLint(ctx: Context): void {
  for (const key of ctx.model.resources.keys) {
    const facts = keyFacts(ctx.model, key);
    if (facts.document.kind !== "present") continue;
    const policy = parseDocument(facts.document.value).policy;
    if (policy === undefined) continue;
    // The account only names the account in the suggested condition: in a first preview it comes
    // from wherever analysis/account.ts finds it, so the JSON is the one an update would show.
    const account = resolveKeyAccount(ctx.model, facts, {}, {}, policy);
    const keyAccount = account.known && account.candidates === undefined ? account.account : undefined;
    const writtenFor =
      facts.account === undefined && keyAccount !== undefined
        ? `\nThe key's ARN is not known yet: the condition is written for ${keyAccount}, taken from ${account.from ?? "the stack"}.`
        : "";
    // Only what this finding depends on, so keys that share a policy share one lint run.
    const options = {
      ...(keyAccount !== undefined ? { keyAccount } : {}),
      eventDataStoreKey: ctx.eventDataStoreKeys.has(key),
    };
    for (const f of lintDocument(policy, options, LINT_CHECK)) {
      if (f.id !== LINT_FINDING) continue;
      const id = `${facts.policySource.urn}#${f.statement?.index ?? -1}`;
      if (ctx.reported.has(id)) continue;
      ctx.reported.add(id);
      const fix =
        (f.fix !== undefined
          ? `\n${f.fix.description}${f.fix.json !== undefined ? `\n${json(forKeyPolicy(f.fix.json))}${writtenFor}` : ""}`
          : "") + seeAws(f.source);
      ctx.out.push({
        message: `${keyLabel(facts)}: ${f.message}${fix}`,
        urn: facts.policySource.urn,
        kind: "practice",
      });
    }
  }
}

export const kmsServicePrincipalSourceCondition: StackRule = {
  scope: "stack",
  id: "kms-service-principal-source-condition",
  description:
    "Every Allow to an AWS service principal is limited with aws:SourceArn or aws:SourceAccount to the stack's own resources, or with aws:SourceOrgID / aws:SourceOrgPaths to its organization (event data store statements excepted).",
  severity: "high",
  enforcementLevel: "mandatory",
  configSchema: ORGANIZATION_SCHEMA,
  practices:
    "Service statements that are limited, only not to this stack's own trail or delivery channel (aws:SourceAccount alone, a Region wildcard, or the organization); statements that grant only kms:Decrypt or kms:DescribeKey; and unconditioned service statements the stack does not show to be exploitable (AWS's own Control Tower example has one).",
  sources: [
    {
      seed: "001",
      section: "Using aws:SourceArn or aws:SourceAccount condition keys",
      anchor: "least-privilege-source-arn",
    },
    { seed: "003", section: "Required KMS key policy elements for trails", anchor: "required-kms-key-policy-trails" },
    {
      seed: "000",
      section: "Required Permissions for the KMS Key When Using Service-Linked Roles (S3 Bucket Delivery)",
      anchor: "required-permissions-s3-kms-key-using-servicelinkedrole",
    },
    SOURCES.crossServiceConfusedDeputy,
    SOURCES.sourceOrgId,
  ],
  passing: {
    description: "The AWS KMS Developer Guide's statement: aws:SourceArn pins CloudTrail to the finance trail.",
    json: {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey",
      Resource: "*",
      Condition: {
        ArnEquals: { "aws:SourceArn": ["arn:aws:cloudtrail:us-west-2:111122223333:trail/finance"] },
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*:111122223333:trail/*"] },
      },
    },
  },
  failing: {
    description: "CloudTrail may encrypt with the key for any trail of any account.",
    json: {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
    },
  },
  check: (model, options) => {
    const ctx: Context = {
      model,
      organization: options.organization,
      eventDataStoreKeys: keysUsedBy(model, ["event-data-store"]),
      reported: new Set(),
      out: [],
    };
    fromProbes(ctx);
    fromLint(ctx);
    return ctx.out;
  },
};
