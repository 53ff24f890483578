/**
 * What the stack rules need to know about a key of the stack: where it is (partition, account,
 * Region), which resource declares its policy, and that policy parsed, or why it cannot be yet.
 */
import type { KeyLocation } from "pulumi-kms-guardrails/catalog";
import type { KeyPolicy, ParseResult } from "pulumi-kms-guardrails/engine";
import { accountOfArn, parseArnSafe, partitionOfArn, regionOfArn } from "../model/arns";
import { parseDocument } from "../model/policy-cache";
import type { StackModel } from "../model/stack";
import type { KeyModel, PolicyDocument, ResourceRef } from "../model/types";
import { known } from "../model/values";

export interface KeyFacts {
  readonly key: KeyModel;
  /** The resource that declares the policy in force (the key, or a KeyPolicy resource). */
  readonly policySource: ResourceRef;
  readonly document: PolicyDocument;
  readonly arn?: string;
  readonly account?: string;
  readonly region?: string;
  readonly partition: string;
}

export type PolicyState =
  | { readonly state: "parsed"; readonly policy: KeyPolicy; readonly result: ParseResult; readonly isDefault: boolean }
  /** The rule waits for this value (preview). */
  | { readonly state: "unknown"; readonly waitsFor: string }
  /** Not a usable policy at all: kms-key-policy-valid reports why. */
  | { readonly state: "invalid" };

/** The ARN of a key from whichever of its values is an ARN: its `arn` output, or a `keyId` given as one. */
function keyArnOf(key: KeyModel): string | undefined {
  const arn = known(key.arn);
  if (arn !== undefined) return arn;
  const id = known(key.keyId);
  return id !== undefined && parseArnSafe(id)?.service === "kms" ? id : undefined;
}

export function keyFacts(model: StackModel, key: KeyModel): KeyFacts {
  const all = model.memo("key-facts", () => new Map<KeyModel, KeyFacts>());
  let facts = all.get(key);
  if (facts === undefined) {
    const effective = model.linker.effectiveDocument(key);
    const arn = keyArnOf(key);
    const account = accountOfArn(arn);
    const region = regionOfArn(arn) ?? known(key.region);
    facts = {
      key,
      policySource: effective.source,
      document: effective.document,
      partition: partitionOfArn(arn) ?? "aws",
      ...(arn !== undefined ? { arn } : {}),
      ...(account !== undefined ? { account } : {}),
      ...(region !== undefined ? { region } : {}),
    };
    all.set(key, facts);
  }
  return facts;
}

/** `key 'audit' (arn:aws:kms:...)`, for messages. */
export function keyLabel(facts: KeyFacts): string {
  return `key '${facts.key.ref.name}'${facts.arn !== undefined ? ` (${facts.arn})` : ""}`;
}

/** AWS's default key policy: only "Enable IAM User Permissions" (applied when a key names no policy). */
export function defaultKeyPolicy(partition: string, account: string): unknown {
  return {
    Version: "2012-10-17",
    Id: "key-default-1",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:${partition}:iam::${account}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  };
}

/** The key's policy, parsed (once per document, see policy-cache.ts). */
export function policyState(facts: KeyFacts, location: KeyLocation | undefined): PolicyState {
  const doc = facts.document;
  if (doc.kind === "unknown") {
    return {
      state: "unknown",
      waitsFor: `${doc.field} of ${facts.policySource.type.endsWith("KeyPolicy") ? "KeyPolicy" : "key"} '${facts.policySource.name}'`,
    };
  }
  if (doc.kind === "absent") {
    if (location === undefined) return { state: "unknown", waitsFor: `the ARN of ${keyLabel(facts)}` };
    const result = parseDocument(defaultKeyPolicy(location.partition ?? "aws", location.account));
    return result.policy === undefined
      ? { state: "invalid" }
      : { state: "parsed", policy: result.policy, result, isDefault: true };
  }
  const result = parseDocument(doc.value);
  if (result.policy === undefined) return { state: "invalid" };
  return { state: "parsed", policy: result.policy, result, isDefault: false };
}
