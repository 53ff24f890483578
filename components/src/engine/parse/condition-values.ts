/**
 * The values a condition operator accepts, by operator family (IAM User Guide, "IAM JSON policy
 * elements: Condition operators"). A value the family cannot read never matches, so the condition
 * silently denies (or, negated, silently allows); AWS rejects some of them outright.
 */
import { parseCidr } from "../ip-address";
import { quote, type ErrorCode } from "./context";
import type { OperatorFamily } from "../types";

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** W3C ISO 8601 date or date-time, as the Date operators take them. */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^\d{1,13}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ARN_PREFIX = "arn:";

function isDate(value: string): boolean {
  if (EPOCH_SECONDS.test(value)) return true;
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (m[4] === undefined) return true;
  return Number(m[4]) <= 23 && Number(m[5]) <= 59 && (m[6] === undefined || Number(m[6]) <= 60);
}

/** An Arn-operator value can only match an ARN: it starts with `arn:` or with a wildcard that may. */
function canMatchArn(value: string): boolean {
  if (value.startsWith(ARN_PREFIX)) return true;
  let firstWildcard = value.length;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === "*" || value[i] === "?") {
      firstWildcard = i;
      break;
    }
  }
  return firstWildcard < value.length && ARN_PREFIX.startsWith(value.slice(0, firstWildcard));
}

// Booleans are compared case-insensitively by IAM; `"True"` is unusual but means true.
const isBoolean = (value: string): boolean => {
  const lower = value.toLowerCase();
  return lower === "true" || lower === "false";
};

export interface ValueProblem {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * The problem with one (stringified) value under an operator family, or `undefined` when the value
 * is fine. `operator` is the operator as written, for the message.
 */
export function checkConditionValue(family: OperatorFamily, operator: string, value: string): ValueProblem | undefined {
  switch (family) {
    case "String":
      return undefined;
    case "Null":
      return isBoolean(value)
        ? undefined
        : {
            code: "invalid-null-value",
            message: `Null takes true (the key is absent) or false (the key is present), not ${quote(value)}.`,
          };
    case "Bool":
      return isBoolean(value)
        ? undefined
        : { code: "invalid-bool-value", message: `${operator} takes true or false, not ${quote(value)}.` };
    case "Numeric":
      return NUMBER.test(value)
        ? undefined
        : { code: "invalid-numeric-value", message: `${operator} takes numbers, not ${quote(value)}.` };
    case "Date":
      return isDate(value)
        ? undefined
        : {
            code: "invalid-date-value",
            message:
              `${operator} takes an ISO 8601 date such as "2025-01-31T00:00:00Z" or epoch seconds, ` +
              `not ${quote(value)}.`,
          };
    case "IpAddress":
      return parseCidr(value) !== undefined
        ? undefined
        : {
            code: "invalid-ip-value",
            message: `${operator} takes IPv4 or IPv6 addresses or CIDR blocks such as "203.0.113.0/24", not ${quote(value)}.`,
          };
    case "Binary":
      return value.length > 0 && BASE64.test(value)
        ? undefined
        : { code: "invalid-binary-value", message: `${operator} takes base64-encoded values, not ${quote(value)}.` };
    case "Arn":
      return canMatchArn(value)
        ? undefined
        : {
            code: "invalid-arn-value",
            message: `${operator} compares ARNs; ${quote(value)} is not an ARN (arn:PARTITION:SERVICE:...) and never matches.`,
          };
  }
}
