/**
 * cloudtrail-log-decrypt-null-guard (advisory). Seed 003, "Granting decrypt permissions": every
 * statement that lets users read CloudTrail logs carries `"Null": {"kms:EncryptionContext:aws:cloudtrail:arn": "false"}`,
 * so the permission covers log files and nothing else encrypted with the key. A statement on a
 * trail's key that allows kms:Decrypt to IAM principals without any encryption-context condition
 * lets them decrypt everything the key protects. Not applied to keys that also serve an event data
 * store: seed 003's statement for event data store users has no such condition, by design.
 */
import { ACCOUNT_IDS_SCHEMA } from "../config";
import { cloudTrailTrailPlan, SIDS } from "pulumi-kms-guardrails/catalog";
import { isAccountId, parseArn, wildcardMatch, type Statement } from "pulumi-kms-guardrails/engine";
import { keysUsedBy, trailChecks } from "../analysis/integrations";
import { keyLabel } from "../analysis/keys";
import { statementName } from "../analysis/probes";
import { json, replaceWith, seeAws } from "../messages";
import { catalogGrant, membersText } from "./stack-helpers";
import { ORGANIZATION_SCHEMA } from "../organization";
import type { StackRule, Violation } from "./types";

const allowsDecrypt = (s: Statement): boolean =>
  s.action !== undefined
    ? s.action.some((a) => wildcardMatch(a, "kms:Decrypt", true))
    : (s.notAction ?? []).every((a) => !wildcardMatch(a, "kms:Decrypt", true));

const hasContextCondition = (s: Statement): boolean =>
  s.conditions.some(
    (c) => c.keyLower.startsWith("kms:encryptioncontext:") || c.keyLower === "kms:encryptioncontextkeys",
  );

function accountOf(principal: string): string | undefined {
  if (isAccountId(principal)) return principal;
  return parseArn(principal)?.account;
}

/** The key's own account root: the statement that enables IAM policies, not a log reader. */
function isKeyAccountRoot(principal: string, keyAccount: string | undefined): boolean {
  if (keyAccount === undefined) return false;
  if (principal === keyAccount) return true;
  const arn = parseArn(principal);
  return arn !== undefined && arn.resource === "root" && arn.account === keyAccount;
}

const NULL_GUARD = { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } };
const SOURCE = {
  seed: "003",
  section: "Granting decrypt permissions",
  anchor: "create-kms-key-policy-for-cloudtrail-decrypt",
} as const;

export const cloudtrailLogDecryptNullGuard: StackRule = {
  scope: "stack",
  id: "cloudtrail-log-decrypt-null-guard",
  description:
    "On a trail's key, kms:Decrypt for IAM principals is limited to CloudTrail log files with the Null guard on kms:EncryptionContext:aws:cloudtrail:arn.",
  severity: "medium",
  enforcementLevel: "advisory",
  sources: [SOURCE],
  passing: {
    description: "AWS's decrypt statement for the user Bob (CloudTrail User Guide, granting decrypt permissions).",
    json: {
      Sid: "Enable CloudTrail log decrypt permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" },
      Action: "kms:Decrypt",
      Resource: "*",
      Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
    },
  },
  failing: {
    description: "The same statement without the condition: Bob can decrypt anything encrypted with the key.",
    json: {
      Sid: "Enable CloudTrail log decrypt permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111111111111:user/Bob" },
      Action: "kms:Decrypt",
      Resource: "*",
    },
  },
  configSchema: { properties: { ...ACCOUNT_IDS_SCHEMA.properties, ...ORGANIZATION_SCHEMA.properties } },
  check: (model, options) => {
    const storeKeys = keysUsedBy(model, ["event-data-store"]);
    const out: Violation[] = [];
    for (const group of trailChecks(model, options).groups) {
      const r = group.result;
      if (r.status !== "checked" || storeKeys.has(group.facts.key)) continue;
      for (const s of r.policy.statements) {
        if (
          s.effect !== "Allow" ||
          s.principal === undefined ||
          s.principal.any ||
          !allowsDecrypt(s) ||
          hasContextCondition(s)
        )
          continue;
        const readers = s.principal.aws.filter(
          (p) => !isKeyAccountRoot(p, r.location.account) && accountOf(p) !== undefined,
        );
        if (readers.length === 0) continue;
        const grant = catalogGrant(
          () =>
            cloudTrailTrailPlan({
              key: r.location,
              trailArns: group.members.map((t) => (typeof t.arn === "string" ? t.arn : "")).filter((a) => a !== ""),
              logReaders: readers,
            }),
          SIDS.cloudTrailLogDecrypt,
        );
        out.push({
          message:
            `${keyLabel(group.facts)} encrypts ${membersText(group.members)}, and ${statementName(s)} lets ${readers.join(", ")} call kms:Decrypt ` +
            "without the CloudTrail encryption-context condition: they can decrypt anything encrypted with this key, not only log files." +
            (grant !== undefined
              ? `\n${replaceWith(grant.statement, grant.source)}`
              : `\nAdd this condition to it:\n${json(NULL_GUARD)}${seeAws(SOURCE)}`),
          urn: group.facts.policySource.urn,
        });
      }
    }
    return out;
  },
};
