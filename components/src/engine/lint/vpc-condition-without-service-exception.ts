/**
 * `vpc-condition-without-service-exception` (warning). Seed 004, "VPC endpoint": "If a policy
 * statement requires that requests come from a particular VPC or VPC endpoint, requests from
 * integrated AWS services that use an AWS KMS resource on your behalf might fail."
 *
 * A Deny on aws:SourceVpce / aws:SourceVpc is reported unless it also exempts AWS services (e.g.
 * `Bool aws:PrincipalIsAWSService false`, `Bool aws:ViaAWSService false`, `Null kms:ViaService
 * true`). The evaluator decides it: the Deny alone, against a CloudTrail request made by the service,
 * which carries the service markers and no VPC keys. A Deny that may apply to that request (a value
 * not known yet, a part the evaluator cannot read) is reported as one that may shut the services out:
 * an exemption the request meets makes the Deny plainly not apply, whatever else is unknown.
 */
import type { ConditionClause, Finding, KeyPolicy, Request, Statement, Tri } from "../types";
import { collectingCheck, finding, statementLabel, type CollectingCheck, type LintOptions } from "./check";
import { statementApplies } from "./probe";
import { coveredKmsActions, keyAccountId, statementsOf } from "./statements";

const VPC_KEYS = new Set(["aws:sourcevpce", "aws:sourcevpc"]);
const PREFERRED_ACTIONS = ["GenerateDataKey", "Decrypt", "DescribeKey"];

function serviceRequest(statement: Statement, account: string): Request | undefined {
  const covered = coveredKmsActions(statement).map((a) => a.name);
  const action = PREFERRED_ACTIONS.find((a) => covered.includes(a)) ?? covered[0];
  if (action === undefined) return undefined;
  return {
    principal: { kind: "service", service: "cloudtrail.amazonaws.com" },
    action: `kms:${action}`,
    context: {
      "aws:PrincipalIsAWSService": "true",
      "aws:ViaAWSService": "true",
      "kms:ViaService": "cloudtrail.us-east-1.amazonaws.com",
      "aws:SourceArn": `arn:aws:cloudtrail:us-east-1:${account}:trail/management-events`,
      "aws:SourceAccount": account,
    },
  };
}

/** Whether the Deny applies to a request an AWS service makes: `"unknown"` when it may; false without KMS actions. */
function deniesServices(statement: Statement, account: string): Tri {
  const request = serviceRequest(statement, account);
  return request === undefined ? false : statementApplies(statement, request);
}

function isVpcCondition(c: ConditionClause): boolean {
  return VPC_KEYS.has(c.keyLower);
}

function collect(policy: KeyPolicy, options: LintOptions, findings: Finding[]): void {
  const account = keyAccountId(options) ?? "111122223333";
  const statements = statementsOf(policy);
  for (let i = 0; i < statements.length; i++) {
    const s = statements[i];
    if (s.effect !== "Deny") continue;
    const vpc = s.conditions.find(isVpcCondition);
    if (vpc === undefined) continue;
    const denies = deniesServices(s, account);
    if (denies === false) continue;
    const services =
      denies === true
        ? "and that includes AWS services such as CloudTrail using the key on your behalf"
        : "and that may include AWS services such as CloudTrail using the key on your behalf (whether it does " +
          "depends on parts of the statement not known yet)";
    findings.push(
      finding(
        vpcConditionWithoutServiceException,
        s,
        vpc.path,
        `${statementLabel(s)} denies requests that do not come from a given ${vpc.key}, ${services}: their ` +
          "requests carry no VPC keys.",
      ),
    );
  }
}

export const vpcConditionWithoutServiceException: CollectingCheck = collectingCheck(
  {
    id: "vpc-condition-without-service-exception",
    severity: "warning",
    description:
      "A Deny on aws:SourceVpce or aws:SourceVpc also denies AWS services acting on your behalf unless it exempts them.",
    source: { seed: "004", section: "VPC endpoint" },
    fix: {
      description: "Exempt requests made by or through AWS services in the same Deny.",
      json: { Bool: { "aws:PrincipalIsAWSService": "false", "aws:ViaAWSService": "false" } },
    },
  },
  collect,
);
