import { memoMap, remember } from "../caches";
import { hasWildcard } from "../wildcard";

/**
 * Whether a `Resource` pattern of a key policy can ever match the key the policy is attached to.
 *
 * In a key policy, `"Resource": "*"` means "this KMS key" (AWS KMS Developer Guide, "Key policies");
 * an ARN is compared with the key's ARN, `arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID`, with `*` and
 * `?` wildcards. A pattern that cannot match any such ARN makes its statement dead: AWS's old default
 * CloudTrail key policy carried `arn:aws:s3:::bucket/*` on its root statement, for instance.
 *
 * A literal pattern is checked with one regular expression. A pattern with wildcards is checked
 * exactly by walking the pattern and a small automaton of key ARNs together (a product search with
 * at most `pattern length x 40` states), since `*` may span colons.
 */

/** The AWS partitions (IAM User Guide, "IAM identifiers": ARN formats). */
export const PARTITIONS: readonly string[] = [
  "aws",
  "aws-cn",
  "aws-us-gov",
  "aws-iso",
  "aws-iso-b",
  "aws-iso-e",
  "aws-iso-f",
  "aws-eusc",
];

const PARTITION_GROUP = `(?:${PARTITIONS.join("|")})`;
/** Key ids are lower-case UUIDs, multi-Region keys `mrk-` and 32 hex digits. */
const KEY_ARN = new RegExp(`^arn:${PARTITION_GROUP}:kms:[a-z0-9-]+:\\d{12}:key/[a-z0-9-]+$`);
/**
 * Longer wildcard patterns are not searched and are taken to possibly match (no finding). A key
 * policy holds at most 32 KB, so only a value built in code gets here; the search costs time in
 * proportion to the pattern's length.
 */
const MAX_PATTERN_LENGTH = 65_536;

interface Unit {
  readonly test: (code: number) => boolean;
  /** One or more characters of the class (`+`); otherwise exactly one. */
  readonly repeat: boolean;
}

const isRegionChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

function literal(text: string): Unit[] {
  return [...text].map((ch) => {
    const code = ch.charCodeAt(0);
    return { test: (c: number) => c === code, repeat: false };
  });
}

function keyArnUnits(partition: string): Unit[] {
  return [
    ...literal(`arn:${partition}:kms:`),
    { test: isRegionChar, repeat: true },
    ...literal(":"),
    ...Array.from({ length: 12 }, () => ({ test: isDigit, repeat: false })),
    ...literal(":key/"),
    { test: isRegionChar, repeat: true },
  ];
}

const AUTOMATA: readonly (readonly Unit[])[] = PARTITIONS.map(keyArnUnits);

/** Product search: can `pattern` (with `*`, `?`) match some word of the automaton `units`? */
function canMatch(pattern: string, units: readonly Unit[]): boolean {
  const n = pattern.length;
  const t = units.length;
  const width = t + 1;
  const seen = new Uint8Array((n + 1) * width);
  const queue: number[] = [0];
  seen[0] = 1;
  const visit = (i: number, s: number): void => {
    const id = i * width + s;
    if (seen[id] === 0) {
      seen[id] = 1;
      queue.push(id);
    }
  };
  while (queue.length > 0) {
    const id = queue.pop() as number;
    const i = Math.floor(id / width);
    const s = id % width;
    if (i === n) {
      if (s === t) return true;
      continue;
    }
    const p = pattern.charCodeAt(i);
    // After a repeating unit, more of its characters may follow before the next unit.
    const loop = s > 0 && units[s - 1].repeat ? units[s - 1] : undefined;
    if (p === 42 /* * */) {
      visit(i + 1, s);
      if (s < t) visit(i, s + 1);
    } else if (p === 63 /* ? */) {
      if (s < t) visit(i + 1, s + 1);
      if (loop !== undefined) visit(i + 1, s);
    } else {
      if (s < t && units[s].test(p)) visit(i + 1, s + 1);
      if (loop !== undefined && loop.test(p)) visit(i + 1, s);
    }
  }
  return false;
}

const cache = memoMap<string, boolean>();

/** Whether `pattern` can match the ARN of some KMS key. */
export function canMatchKeyArn(pattern: string): boolean {
  if (!hasWildcard(pattern)) return KEY_ARN.test(pattern);
  if (pattern.length > MAX_PATTERN_LENGTH) return true;
  return remember(cache, pattern, 1_000, (p) => AUTOMATA.some((units) => canMatch(p, units)));
}

const GENERIC =
  'the pattern cannot match any arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID; use "*" (this KMS key) or the key ARN';

/**
 * Why a resource cannot match a key ARN: the first wrong segment. Segments after a wildcard are not
 * judged, since `*` may span colons; when nothing before the first wildcard is wrong the reason is
 * generic.
 */
export function explainNotKeyArn(resource: string): string {
  const expected = "arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID";
  const parts = resource.split(":");
  const literal = (i: number): boolean => parts.slice(0, i + 1).every((part) => !hasWildcard(part));
  const whollyLiteral = !hasWildcard(resource);
  if (literal(0) && (parts[0] !== "arn" || (parts.length < 6 && whollyLiteral))) {
    return `it is not an ARN; use "*" (in a key policy, "*" means this KMS key) or the key's ARN, ${expected}`;
  }
  const [, partition, service, region, account] = parts;
  if (literal(1) && !PARTITIONS.includes(partition)) {
    return `"${partition}" is not an AWS partition (${PARTITIONS.join(", ")})`;
  }
  if (literal(2) && service !== "kms") {
    return (
      `it is an ARN of service "${service}", and a key policy controls only its own KMS key; ` +
      `use "*" (this key) or the key's ARN, ${expected}`
    );
  }
  if (literal(3) && !/^[a-z0-9-]+$/.test(region)) return `"${region}" is not a Region code such as us-east-1`;
  if (literal(4) && !/^\d{12}$/.test(account)) return `the account "${account}" is not a 12-digit AWS account id`;
  const rest = parts.slice(5).join(":");
  if (literal(4) && rest.startsWith("alias/")) {
    return 'an alias ARN never matches in a key policy: the policy\'s resource is the key itself; use "*" or the key ARN';
  }
  return whollyLiteral ? `"${rest}" is not key/KEY-ID with a lower-case key id` : GENERIC;
}
