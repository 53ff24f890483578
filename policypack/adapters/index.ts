/** Every type token the pack understands, AWS Classic and AWS Native, in one lookup table. */
import { AWS_CLASSIC_ADAPTERS, AWS_CLASSIC_KEY_POLICY_FIELDS } from "./aws-classic";
import { AWS_NATIVE_ADAPTERS, AWS_NATIVE_KEY_POLICY_FIELDS } from "./aws-native";
import type { Adapter, KeyPolicyFields } from "./types";

export type { Adapted, Adapter, KeyPolicyFields, RawResource } from "./types";

export const ADAPTERS: ReadonlyMap<string, Adapter> = new Map([...AWS_CLASSIC_ADAPTERS, ...AWS_NATIVE_ADAPTERS]);

/** Resource types that carry a key policy, and where: the resource-level rules look at these only. */
export const KEY_POLICY_FIELDS: ReadonlyMap<string, KeyPolicyFields> = new Map([
  ...AWS_CLASSIC_KEY_POLICY_FIELDS,
  ...AWS_NATIVE_KEY_POLICY_FIELDS,
]);
