/**
 * The CrossGuard side of remediation (`remediateResource`, run by @pulumi/policy's Remediate RPC
 * for a policy at the `remediate` level): read the key policy where the resource type keeps it
 * (adapters' KEY_POLICY_FIELDS: `policy` on AWS Classic keys and aws.kms.KeyPolicy, `keyPolicy` on
 * AWS Native keys), fix it, and write it back in the same form (a JSON string, or an object for
 * AWS Native). The server passes properties whose secrets are unwrapped on read and kept secret on
 * write, so a secret policy stays secret. Nothing is returned when there is nothing to fix, the
 * policy is not known yet (preview), or the fix is declined: Analyze then reports the violation at
 * `mandatory`, as the server does for every `remediate` policy that still finds something.
 */
import type { ResourceRemediation, ResourceValidationArgs } from "@pulumi/policy";
import { keyPolicySubject, providerAccountIds } from "../model/build";
import { rawProps } from "../model/values";
import { KEY_POLICY_FIXES, remediateKeyPolicy } from "./remediate";

/** The one account an AWS provider may use (`allowedAccountIds`); `undefined` for none, several or unknown. */
export function providerAccount(providerProps: unknown): string | undefined {
  const ids = providerAccountIds(providerProps);
  return ids.length === 1 ? ids[0] : undefined;
}

/** The remediation of a rule, when its fix follows from the key alone; `undefined` otherwise. */
export function remediationFor(ruleId: string): ResourceRemediation | undefined {
  if (!KEY_POLICY_FIXES.has(ruleId)) return undefined;
  return (args: ResourceValidationArgs) => {
    // Read through the subject, not the Analyze memo: an earlier remediation may have changed the props.
    const subject = keyPolicySubject(args);
    const document = subject?.document;
    if (document?.kind !== "present") return undefined;
    const keyAccount = providerAccount(args.provider?.props);
    const result = remediateKeyPolicy(ruleId, document.value, {
      ...(subject?.keyArn !== undefined ? { keyArn: subject.keyArn } : {}),
      ...(keyAccount !== undefined ? { keyAccount } : {}),
    });
    if (result.kind !== "fixed") return undefined;
    const props = rawProps(args.props) as Record<string, unknown>;
    props[document.field] = result.value;
    return args.props;
  };
}
