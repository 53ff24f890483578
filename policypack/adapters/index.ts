/** Every type token the pack understands, AWS Classic and AWS Native, in one lookup table. */
import { AWS_CLASSIC_ADAPTERS } from "./aws-classic";
import { AWS_NATIVE_ADAPTERS } from "./aws-native";
import type { Adapter } from "./types";

export type { Adapted, Adapter, RawResource } from "./types";

export const ADAPTERS: ReadonlyMap<string, Adapter> = new Map([...AWS_CLASSIC_ADAPTERS, ...AWS_NATIVE_ADAPTERS]);

/** Resource types that carry a key policy: the resource-level rules look at these only. */
export const KEY_POLICY_TYPES: ReadonlySet<string> = new Set([
  "aws:kms/key:Key",
  "aws:kms/replicaKey:ReplicaKey",
  "aws:kms/keyPolicy:KeyPolicy",
  "aws-native:kms:Key",
  "aws-native:kms:ReplicaKey",
]);
