/**
 * Property tests of the key-policy parser: for any input at all (JSON values, arbitrary text,
 * mutations of documented policies) it never throws and its result is consistent. Fixed seed, so a
 * failure reproduces; set FUZZ_RUNS for a longer run.
 */
import { strict as assert } from "node:assert";
import fc from "fast-check";
import {
  PARSE_ERROR_CODES,
  PULUMI_UNKNOWN_SENTINEL,
  parsePolicy,
  type ParseResult,
} from "pulumi-kms-guardrails/engine";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2_000);
const PARAMS = { seed: 42, numRuns: RUNS };
const CODES = new Set<string>(PARSE_ERROR_CODES);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Selector = string | number;

/** A CloudTrail + Config key policy in the shape seeds 001-003 document it. */
const DOCUMENTED: { [key: string]: Json } = {
  Version: "2012-10-17",
  Id: "audit-key",
  Statement: [
    {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    },
    {
      Sid: "Allow CloudTrail to encrypt logs",
      Effect: "Allow",
      Principal: { Service: "cloudtrail.amazonaws.com" },
      Action: "kms:GenerateDataKey*",
      Resource: "*",
      Condition: {
        StringLike: { "kms:EncryptionContext:aws:cloudtrail:arn": ["arn:aws:cloudtrail:*:111122223333:trail/*"] },
        ArnEquals: { "aws:SourceArn": "arn:aws:cloudtrail:us-west-2:111122223333:trail/finance" },
      },
    },
    {
      Sid: "Enable CloudTrail log decrypt permissions",
      Effect: "Allow",
      Principal: { AWS: ["arn:aws:iam::111122223333:user/Bob", "arn:aws:iam::222222222222:root"] },
      Action: ["kms:Decrypt", "kms:ReEncryptFrom"],
      Resource: "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      Condition: { Null: { "kms:EncryptionContext:aws:cloudtrail:arn": "false" } },
    },
    {
      Sid: "Allow Config to use KMS for encryption",
      Effect: "Allow",
      Principal: { Service: "config.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: "*",
      Condition: {
        StringEquals: { "AWS:SourceAccount": "111122223333" },
        ArnLike: { "AWS:SourceArn": "arn:aws:config:us-east-1:111122223333:*" },
        DateLessThan: { "aws:CurrentTime": "2030-01-01T00:00:00Z" },
        IpAddress: { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] },
      },
    },
    {
      Sid: "Deny insecure transport",
      Effect: "Deny",
      Principal: "*",
      NotAction: "kms:DescribeKey",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": false }, NumericLessThan: { "kms:x": 7 } },
    },
  ],
};

/** The same path syntax the parser documents, written independently. */
function formatPath(selectors: readonly Selector[]): string {
  return selectors.reduce<string>(
    (path, s) =>
      typeof s === "number"
        ? `${path}[${s}]`
        : /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)
          ? `${path}.${s}`
          : `${path}[${JSON.stringify(s)}]`,
    "$",
  );
}

/** Every path to a value inside `value`, the root included. */
function allPaths(value: Json, prefix: Selector[] = []): Selector[][] {
  const paths: Selector[][] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...allPaths(v, [...prefix, i])));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) paths.push(...allPaths(v, [...prefix, k]));
  }
  return paths;
}

/**
 * The text of `mutate(DOCUMENTED, { kind: "nest", at, depth })`, built without `JSON.stringify`, whose
 * recursion cannot take 20 000 levels.
 */
function nestedText(at: number, depth: number): string {
  const marker = "\u0000nest\u0000";
  const path = PATHS[at];
  const leaf = path.reduce<Json>((v, s) => (v as Record<Selector, Json>)[s], DOCUMENTED);
  // `mutate` wraps inside out, starting with an array: openers outermost first, closers innermost first.
  const opens: string[] = [];
  const closes: string[] = [];
  for (let i = 0; i < depth; i++) {
    opens.push(i % 2 === 0 ? "[" : '{"Statement":');
    closes.push(i % 2 === 0 ? "]" : "}");
  }
  const inner = opens.reverse().join("") + JSON.stringify(leaf) + closes.join("");
  if (path.length === 0) return inner;
  const { value } = mutate(DOCUMENTED, { kind: "replace", at, value: marker });
  return JSON.stringify(value).replace(JSON.stringify(marker), inner);
}

type Mutation =
  | { kind: "replace"; at: number; value: Json }
  | { kind: "delete"; at: number }
  | { kind: "unknown"; at: number }
  | { kind: "nest"; at: number; depth: number }
  | { kind: "rename"; at: number; name: string };

const PATHS = allPaths(DOCUMENTED);

/** Wraps `value` in `depth` levels, alternately an array and a `{"Statement": ...}` object. */
function nest(value: Json, depth: number): Json {
  let nested = value;
  for (let i = 0; i < depth; i++) nested = i % 2 === 0 ? [nested] : { Statement: nested };
  return nested;
}

/** Applies a mutation to a copy; returns the copy and, for `unknown`, the path of the sentinel. */
function mutate(base: Json, mutation: Mutation): { value: Json; sentinelAt?: string } {
  const copy = structuredClone(base);
  const path = PATHS[mutation.at];
  if (path.length === 0) {
    if (mutation.kind === "replace") return { value: mutation.value };
    if (mutation.kind === "unknown") return { value: PULUMI_UNKNOWN_SENTINEL, sentinelAt: "$" };
    if (mutation.kind === "nest") return { value: nest(copy, mutation.depth) };
    return { value: copy };
  }
  if (copy === null || typeof copy !== "object") return { value: copy };
  let parent: { [key: string]: Json } | Json[] = copy;
  // Where the path really leads: an index applied to an object (after a mutation) is a member name.
  const actual: Selector[] = [];
  const step = (container: object, s: Selector): Selector => (Array.isArray(container) ? s : String(s));
  for (const s of path.slice(0, -1)) {
    actual.push(step(parent, s));
    const next = (parent as Record<Selector, Json>)[s];
    // An earlier mutation may have removed or replaced what this path leads through.
    if (next === null || typeof next !== "object") return { value: copy };
    parent = next;
  }
  const last = path[path.length - 1];
  // A member name on an array would not survive into JSON.
  if (Array.isArray(parent) && typeof last !== "number") return { value: copy };
  const container = parent as Record<Selector, Json>;
  switch (mutation.kind) {
    case "replace":
      container[last] = mutation.value;
      break;
    case "delete":
      if (Array.isArray(parent) && typeof last === "number") parent.splice(last, 1);
      else delete container[last];
      break;
    case "unknown":
      container[last] = PULUMI_UNKNOWN_SENTINEL;
      return { value: copy, sentinelAt: formatPath([...actual, step(parent, last)]) };
    case "nest":
      container[last] = nest(container[last], mutation.depth);
      break;
    case "rename":
      if (!Array.isArray(parent) && typeof last === "string" && !(mutation.name in parent)) {
        parent[mutation.name] = parent[last];
        delete parent[last];
      }
      break;
  }
  return { value: copy };
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("replace" as const),
    at: fc.nat(PATHS.length - 1),
    value: fc.jsonValue() as fc.Arbitrary<Json>,
  }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(PATHS.length - 1) }),
  fc.record({ kind: fc.constant("unknown" as const), at: fc.nat(PATHS.length - 1) }),
  fc.record({
    kind: fc.constant("nest" as const),
    at: fc.nat(PATHS.length - 1),
    depth: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({
    kind: fc.constant("rename" as const),
    at: fc.nat(PATHS.length - 1),
    name: fc.oneof(fc.string(), fc.constantFrom("Effect", "Statement", "Condition", "StringEquals", "Null", "AWS")),
  }),
);

/** What every result must satisfy, whatever the input. */
function checkInvariants(result: ParseResult): void {
  assert.equal(result.valid, result.errors.length === 0);
  assert.ok(result.errors.length <= 101);
  for (const error of result.errors) {
    assert.ok(error.path.startsWith("$"), error.path);
    assert.ok(CODES.has(error.code), error.code);
    assert.ok(error.message.length > 0);
  }
  for (const path of result.unknownPaths) assert.ok(path.startsWith("$"), path);
  if (result.policy !== undefined) {
    for (const statement of result.policy.statements) {
      assert.ok(statement.path.startsWith("$.Statement"));
      for (const clause of statement.conditions) {
        assert.equal(clause.keyLower, clause.key.toLowerCase());
        assert.ok(clause.values.every((v) => typeof v === "string"));
      }
    }
  }
}

function statementCount(value: Json): number | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const statement = value.Statement;
  return Array.isArray(statement) ? statement.length : statement !== undefined ? 1 : undefined;
}

describe("parsePolicy properties", function () {
  this.timeout(600_000);

  it("documented policy is valid (the base of the mutations)", () => {
    const result = parsePolicy(DOCUMENTED);
    assert.deepEqual(result.errors, []);
    assert.equal(result.policy?.statements.length, 5);
  });

  it("any JSON value, as a value and as text: never throws, consistent, same answer both ways", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const fromValue = parsePolicy(value);
        const fromText = parsePolicy(JSON.stringify(value));
        checkInvariants(fromValue);
        checkInvariants(fromText);
        // A string value is itself read as JSON text; every other value means what its text means.
        if (typeof value !== "string") {
          assert.deepEqual(fromText.errors, fromValue.errors);
          assert.deepEqual(fromText.unknownPaths, fromValue.unknownPaths);
        }
      }),
      PARAMS,
    );
  });

  it("any text: never throws, consistent", () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom(...'{}[]:,"\\ 0123456789.eE+-truefalsenul') as fc.Arbitrary<string>,
        maxLength: 200,
      }),
      fc.json().map((j) => j.slice(0, Math.max(0, j.length - 1))),
    );
    fc.assert(
      fc.property(text, (input) => {
        checkInvariants(parsePolicy(input));
      }),
      PARAMS,
    );
  });

  it("mutations of a documented policy: never throw, consistent, statements round-trip when valid", () => {
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, asText) => {
        let value: Json = DOCUMENTED;
        let sentinelAt: string | undefined;
        for (const mutation of mutations) {
          const applied = mutate(value, mutation);
          value = applied.value;
          sentinelAt = applied.sentinelAt;
        }
        const text = JSON.stringify(value);
        const result = parsePolicy(asText ? text : value);
        checkInvariants(result);
        if (result.valid && result.unknownPaths.length === 0) {
          assert.equal(result.policy?.statements.length, statementCount(value));
        }
        // A sentinel inserted by the last mutation is reported where it was put (unless the policy is too
        // deep for full paths, or a later mutation moved it).
        const last = mutations[mutations.length - 1];
        if (last.kind === "unknown" && sentinelAt !== undefined && !sentinelAt.includes("…")) {
          assert.ok(
            result.unknownPaths.includes(sentinelAt) || result.unknownPaths.some((p) => p.endsWith("…")),
            sentinelAt,
          );
        }
      }),
      PARAMS,
    );
  });

  it("documented statements with random condition blocks: never throw, consistent", () => {
    const operator = fc.oneof(
      fc.constantFrom(
        "StringEquals",
        "ArnLike",
        "Null",
        "NullIfExists",
        "Bool",
        "IpAddress",
        "DateLessThan",
        "Condition",
      ),
      fc.string({ maxLength: 30 }),
    );
    const value = fc.jsonValue({ maxDepth: 2 });
    const key = fc.oneof(
      fc.constantFrom("aws:SourceArn", "kms:EncryptionContext:aws:cloudtrail:arn", "Condition"),
      fc.string(),
    );
    const condition = fc.dictionary(operator, fc.oneof(fc.dictionary(key, value, { maxKeys: 4 }), value), {
      maxKeys: 4,
    });
    fc.assert(
      fc.property(condition, (block) => {
        const value = structuredClone(DOCUMENTED);
        ((value.Statement as Json[])[1] as { [key: string]: Json }).Condition = block as Json;
        const result = parsePolicy(value);
        checkInvariants(result);
        assert.equal(result.policy?.statements.length, 5);
      }),
      PARAMS,
    );
  });

  it("builds nested text the way JSON.stringify would (the helper of the next test)", () => {
    for (const at of [0, 3, PATHS.length - 1]) {
      assert.equal(nestedText(at, 5), JSON.stringify(mutate(DOCUMENTED, { kind: "nest", at, depth: 5 }).value));
    }
  });

  it("deep nesting anywhere: never throws", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.nat(PATHS.length - 1), fc.boolean(), (depth, at, asText) => {
        const { value } = mutate(DOCUMENTED, { kind: "nest", at, depth });
        checkInvariants(parsePolicy(asText ? nestedText(at, depth) : value));
      }),
      { seed: 42, numRuns: Math.max(20, Math.floor(RUNS / 20)) },
    );
  });
});
