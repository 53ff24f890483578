/**
 * `source-ip-condition` (warning). Seed 004, "VPC endpoint": "the aws:sourceIP condition key is not
 * effective when the request comes from an Amazon VPC endpoint. To restrict requests to a VPC
 * endpoint, use the aws:sourceVpce or aws:sourceVpc condition keys."
 *
 * Any statement is reported: an Allow on aws:SourceIp refuses callers that reach KMS through an
 * endpoint, and a Deny on it lets them through.
 */
import type { Finding, KeyPolicy } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { conditionsOf, statementsOf } from "./statements";

function collect(policy: KeyPolicy, _options: LintOptions, findings: Finding[]): void {
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    const conditions = conditionsOf(s);
    for (let j = 0; j < conditions.length; j++) {
      const c = conditions[j];
      if (c.keyLower !== "aws:sourceip") continue;
      findings.push(
        finding(
          sourceIpCondition,
          s,
          c.path,
          `${statementLabel(s)} uses ${c.key} (${c.operator.raw}), which is not effective for requests that come ` +
            `through a VPC endpoint: such requests carry no public source IP, so the ${s.effect} does not do what it says.`,
        ),
      );
    }
  }
}

export const sourceIpCondition: CollectingCheck = collectingCheck(
  {
    id: "source-ip-condition",
    severity: "warning",
    description:
      "aws:SourceIp is not effective for requests through a VPC endpoint; use aws:SourceVpce or aws:SourceVpc.",
    source: { seed: "004", section: "VPC endpoint" },
    fix: {
      description: "Restrict by VPC endpoint or VPC instead of by IP address.",
      json: { StringEquals: { "aws:SourceVpce": "vpce-0123456789abcdef0" } },
    },
  },
  collect,
);
