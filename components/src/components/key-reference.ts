/**
 * The `key` argument of the components that encrypt with a key: none (the component creates an
 * `AuditKey`), an `AuditKey` (the component declares its needs on it), or the ARN of a key this
 * program does not manage (the component cannot change its policy, says so, and leaves the check to
 * the policy pack).
 */
import * as pulumi from "@pulumi/pulumi";
import { AuditKey, type AuditKeyArgs } from "./audit-key";
import type { AwsContext } from "./aws-context";
import { configurationError } from "./errors";
import type { KeyIntegration } from "./key-integrations";
import { planKeyPolicy } from "./key-policy-render";

/** A key to encrypt with: an `AuditKey` of this program, or the ARN of a key managed elsewhere. */
export type KeyArgument = AuditKey | pulumi.Input<string>;

/** The key a component ended up with. */
export interface KeyReference {
  /** The key ARN to give the service. */
  readonly arn: pulumi.Output<string>;
  /** The `AuditKey`, created or given; undefined for a key managed elsewhere. */
  readonly auditKey?: AuditKey;
}

/** What `useKey` needs to know. */
export interface UseKeyParams {
  /** The component that uses the key: parent of a created key, subject of messages. */
  readonly owner: pulumi.ComponentResource;
  readonly name: string;
  /** `EncryptedTrail 'audit'`. */
  readonly label: string;
  readonly key: KeyArgument | undefined;
  /** Arguments of the key created when `key` is undefined. */
  readonly keyArgs?: AuditKeyArgs;
  /** What the component needs in the key policy. */
  readonly integration: KeyIntegration;
  readonly context: pulumi.Output<AwsContext>;
}

/** Resolves the `key` argument: creates, declares on, or warns about the key. */
export function useKey(p: UseKeyParams): KeyReference {
  if (p.key === undefined) {
    const auditKey = new AuditKey(`${p.name}-key`, p.keyArgs ?? {}, { parent: p.owner });
    auditKey.addIntegration(p.integration, p.label);
    return { arn: auditKey.arn, auditKey };
  }
  if (AuditKey.isInstance(p.key)) {
    p.key.addIntegration(p.integration, p.label);
    return { arn: p.key.arn, auditKey: p.key };
  }
  if (typeof p.key === "string" && !/^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(p.key)) {
    throw configurationError(
      p.label,
      `key ${JSON.stringify(p.key)} is not a KMS key ARN. Give the key's ARN ` +
        "(arn:PARTITION:kms:REGION:ACCOUNT:key/ID), an AuditKey, or nothing to have a key created.",
      p.owner,
    );
  }
  warnForeignKey(p, p.key);
  return { arn: pulumi.output(p.key) };
}

/** Says plainly that the key's policy is not changed here and which catalog statements it needs. */
function warnForeignKey(p: UseKeyParams, key: pulumi.Input<string>): void {
  const which = typeof key === "string" ? `the key ${key}` : "the given key";
  pulumi.all([p.context, pulumi.output(p.integration)]).apply(([context, integration]) => {
    let needs: string;
    try {
      // The first plan enables IAM policies for the owning account: not this component's need.
      const plans = planKeyPolicy(context, [integration]).slice(1);
      needs = plans.flatMap((plan) => plan.grants.map((g) => JSON.stringify(g.statement.Sid))).join(", ");
    } catch {
      needs = `the statements of the catalog's ${integration.kind} integration`;
    }
    pulumi.log.warn(
      `${p.label}: ${which} is not managed by this component, so its key policy cannot be changed here. ` +
        `It must contain ${needs} (pulumi-kms-guardrails catalog); the pulumi-kms-guardrails policy pack checks ` +
        "the key policy. Pass an AuditKey, or no key, to have the statements added for you.",
      p.owner,
    );
  });
}
