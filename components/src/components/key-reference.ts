/**
 * The `keyArn` argument of the components that encrypt with a key: none (the component creates an
 * `AuditKey`), the ARN of an `AuditKey` of this program (the component declares its needs on it, or,
 * once its policy is rendered, checks that the policy covers them), or the ARN of a key this program
 * does not manage (the component cannot change its policy, says so, and leaves the check to the
 * policy pack).
 */
import * as pulumi from "@pulumi/pulumi";
import { AuditKey, auditKeyOfArn, auditKeyOfArnValue } from "./audit-key";
import type { KeySettings } from "./audit-key-args";
import type { AwsContext } from "./aws-context";
import { configurationError } from "./errors";
import type { KeyIntegration, ResolvedKeyIntegration } from "./key-integrations";
import { planKeyPolicy, verifyKeyPolicy } from "./key-policy-render";

/** The key a component ended up with. */
export interface KeyReference {
  /** The key ARN to give the service (it fails when a known `AuditKey`'s policy lacks what is needed). */
  readonly arn: pulumi.Output<string>;
  /** The `AuditKey`, created or found by its `arn` output; undefined for a key known only by value. */
  readonly auditKey?: AuditKey;
  /** The policy of the `AuditKey`, or undefined for a key managed elsewhere. */
  readonly policy: pulumi.Output<string | undefined>;
}

/** What `useKey` needs to know. */
export interface UseKeyParams {
  /** The component that uses the key: parent of a created key, subject of messages. */
  readonly owner: pulumi.ComponentResource;
  readonly name: string;
  /** `EncryptedTrail 'audit'`. */
  readonly label: string;
  readonly keyArn: pulumi.Input<string> | undefined;
  /** Settings of the key created when `keyArn` is undefined. */
  readonly keyArgs?: KeySettings;
  /** What the component needs in the key policy. */
  readonly integration: KeyIntegration;
  /** More needs of the same component (an EncryptedTrail's CloudWatch Logs log group). */
  readonly extraIntegrations?: readonly KeyIntegration[];
  readonly context: pulumi.Output<AwsContext>;
}

const KEY_ARN = /^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/;

function needsOf(p: UseKeyParams): KeyIntegration[] {
  return [p.integration, ...(p.extraIntegrations ?? [])];
}

/** Resolves the `keyArn` argument: creates, declares on, checks, or warns about the key. */
export function useKey(p: UseKeyParams): KeyReference {
  if (p.keyArn === undefined) {
    const auditKey = new AuditKey(`${p.name}-key`, p.keyArgs ?? {}, { parent: p.owner });
    for (const need of needsOf(p)) auditKey.addIntegration(need, p.label);
    return { arn: auditKey.arn, auditKey, policy: auditKey.policy };
  }
  if (typeof p.keyArn === "string" && !KEY_ARN.test(p.keyArn)) {
    throw configurationError(
      p.label,
      `keyArn ${JSON.stringify(p.keyArn)} is not a KMS key ARN. Give the key's ARN ` +
        "(arn:PARTITION:kms:REGION:ACCOUNT:key/ID), an AuditKey's `arn`, or nothing to have a key created.",
      p.owner,
    );
  }
  const auditKey = auditKeyOfArn(p.keyArn);
  if (auditKey !== undefined && !auditKey.sealed) {
    for (const need of needsOf(p)) auditKey.addIntegration(need, p.label);
    return { arn: auditKey.arn, auditKey, policy: auditKey.policy };
  }
  if (auditKey !== undefined) {
    // Rendered already (the key was built before an await): its arguments must have listed this need.
    const arn = pulumi
      .all([p.context, pulumi.output(needsOf(p)), auditKey.policy, auditKey.arn])
      .apply(([context, needs, policy, keyArn]) => checkCovered(p, context, needs, policy, keyArn));
    return { arn, auditKey, policy: auditKey.policy };
  }
  const keyArn = pulumi.output(p.keyArn);
  // A key of an earlier Construct call (another language's program) arrives as an output and is
  // known by value once resolved; a literal ARN names a key of somewhere else.
  const known = keyArn.apply((arn) => (typeof p.keyArn === "string" ? undefined : auditKeyOfArnValue(arn)));
  const policy = known.apply((k): pulumi.Output<string | undefined> => k?.policy ?? pulumi.output(undefined));
  const arn = pulumi
    .all([p.context, pulumi.output(needsOf(p)), keyArn, policy])
    .apply(([context, needs, value, policy]) => {
      if (policy !== undefined) return checkCovered(p, context, needs, policy, value);
      warnForeignKey(p, context, needs, value);
      return value;
    });
  return { arn, policy };
}

/** `keyArn` when the rendered `policy` of that AuditKey lets the integration do its job; else an error. */
function checkCovered(
  p: UseKeyParams,
  context: AwsContext,
  needs: readonly ResolvedKeyIntegration[],
  policy: string,
  keyArn: string,
): string {
  // The first plan enables IAM policies for the owning account: not this component's need.
  const plans = planKeyPolicy(context, needs).slice(1);
  const { errors } = verifyKeyPolicy({ plans, document: JSON.parse(policy), json: policy });
  if (errors.length > 0) {
    throw configurationError(
      p.label,
      `the policy of the AuditKey ${keyArn} does not let it do its job; list it in the AuditKey's arguments ` +
        `(its ${needs.map((n) => n.kind).join(" and ")} integration):\n${errors.join("\n")}`,
      p.owner,
    );
  }
  return keyArn;
}

/** Says plainly that the key's policy is not changed here and which catalog statements it needs. */
function warnForeignKey(
  p: UseKeyParams,
  context: AwsContext,
  integrations: readonly ResolvedKeyIntegration[],
  key: string,
): void {
  let needs: string;
  try {
    // The first plan enables IAM policies for the owning account: not this component's need.
    const plans = planKeyPolicy(context, integrations).slice(1);
    needs = plans.flatMap((plan) => plan.grants.map((g) => JSON.stringify(g.statement.Sid))).join(", ");
  } catch {
    needs = `the statements of the catalog's ${integrations.map((i) => i.kind).join(" and ")} integration`;
  }
  pulumi.log.warn(
    `${p.label}: the key ${key} is not managed by this component, so its key policy cannot be changed here. ` +
      `It must contain ${needs} (pulumi-kms-guardrails catalog); the pulumi-kms-guardrails policy pack checks ` +
      "the key policy. Pass an AuditKey's `arn`, or no key, to have the statements added for you.",
    p.owner,
  );
}
