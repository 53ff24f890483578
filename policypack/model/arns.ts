/** ARN helpers over the engine's parser, for values read off resources. */
import { isAccountId, parseArn, type Arn } from "pulumi-kms-guardrails/engine";
import { isUnknown, type Value } from "./values";

export function parseArnSafe(value: Value<string>): Arn | undefined {
  if (value === undefined || isUnknown(value)) return undefined;
  return parseArn(value);
}

/** The account of a known ARN, when it is a 12-digit account id. */
export function accountOfArn(value: Value<string>): string | undefined {
  const arn = parseArnSafe(value);
  return arn !== undefined && isAccountId(arn.account) ? arn.account : undefined;
}

export function regionOfArn(value: Value<string>): string | undefined {
  const arn = parseArnSafe(value);
  return arn !== undefined && arn.region !== "" ? arn.region : undefined;
}

export function partitionOfArn(value: Value<string>): string | undefined {
  return parseArnSafe(value)?.partition;
}
