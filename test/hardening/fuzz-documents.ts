/**
 * Generated key-policy resources for the protocol fuzz suite: documents the catalog composes and the
 * AWS documentation prints, then mutated the ways real stacks break them (a value of the wrong
 * type, `null`, the unknown sentinel anywhere, unicode in condition values, huge and deeply nested
 * documents, random JSON, text that is not JSON), sent as AWS Classic text, AWS Native objects or a
 * KeyPolicy resource, some of them secret.
 */
import fc from "fast-check";
import {
  accountRootPlan,
  cloudTrailTrailPlan,
  composeKeyPolicy,
  configServiceLinkedRolePlan,
  eventDataStorePlan,
  keyAdministratorsPlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { secret, UNKNOWN, type WireObject, type WireValue } from "../../components/src/preflight/proto-values";
import type { EngineResource } from "../../components/src/preflight/types";
import { SEED_EXAMPLE_POLICIES } from "../fixtures/seed-examples";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const ACCOUNT = "111122223333";
const KEY: KeyLocation = { partition: "aws", account: ACCOUNT, region: "us-east-1" };
/** Planted in every secret document; no message may contain it. */
export const MARKER = "fuzzmarker7f3a9c";

const BASES: readonly Json[] = [
  composeKeyPolicy([
    accountRootPlan({ key: KEY }),
    keyAdministratorsPlan({ key: KEY, principals: [`arn:aws:iam::${ACCOUNT}:role/Admin`] }),
    cloudTrailTrailPlan({ key: KEY, trailArns: [`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/audit`] }),
  ]) as unknown as Json,
  composeKeyPolicy([accountRootPlan({ key: KEY }), eventDataStorePlan({ key: KEY })]) as unknown as Json,
  composeKeyPolicy([
    accountRootPlan({ key: KEY }),
    configServiceLinkedRolePlan({ key: KEY, sourceAccounts: [ACCOUNT] }),
  ]) as unknown as Json,
  ...SEED_EXAMPLE_POLICIES.map((p) => p.policy as unknown as Json),
];

/** Every place in a document, as a path of keys and indices (the root is `[]`). */
function places(doc: Json): (string | number)[][] {
  const out: (string | number)[][] = [];
  const stack: { node: Json; path: (string | number)[] }[] = [{ node: doc, path: [] }];
  while (stack.length > 0) {
    const { node, path } = stack.pop() as { node: Json; path: (string | number)[] };
    out.push(path);
    if (Array.isArray(node)) node.forEach((v, i) => stack.push({ node: v, path: [...path, i] }));
    else if (node !== null && typeof node === "object")
      for (const [k, v] of Object.entries(node)) stack.push({ node: v, path: [...path, k] });
  }
  return out;
}

function copy(doc: Json): Json {
  return JSON.parse(JSON.stringify(doc)) as Json;
}

/** `doc` with the value at place `n` (modulo the number of places) replaced by `make(old)`. */
function replaceAt(doc: Json, n: number, make: (old: Json) => Json): Json {
  const all = places(doc);
  const path = all[n % all.length];
  if (path.length === 0) return make(doc);
  const out = copy(doc);
  let parent = out as Record<string | number, Json>;
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, Json>;
  const last = path[path.length - 1];
  parent[last] = make(parent[last]);
  return out;
}

/** The document's `Statement`, whatever the document is. */
function statementsOf(doc: Json): Json | undefined {
  return doc !== null && typeof doc === "object" && !Array.isArray(doc) ? doc.Statement : undefined;
}

function nested(depth: number): Json {
  let v: Json = "leaf";
  for (let i = 0; i < depth; i++) v = i % 2 === 0 ? [v] : { deeper: v };
  return v;
}

const unicode = fc.string({ unit: "binary", minLength: 1, maxLength: 12 });

/** What a mutation puts in place of a value. */
const replacement: fc.Arbitrary<(old: Json) => Json> = fc.oneof(
  fc.constantFrom<(old: Json) => Json>(
    () => null,
    () => UNKNOWN,
    () => 42,
    () => true,
    () => [],
    () => ({}),
    (old) => [old, old],
    (old) => ({ wrapped: old }),
    () => "x".repeat(5_000),
  ),
  unicode.map((s) => () => s),
  // Objects stay shallow: protobuf's Struct codec is slow on deep nesting (an empty pack as much as
  // ours); deep nesting goes in as JSON text (`text` below), where only the pack's parser sees it.
  fc.integer({ min: 1, max: 40 }).map((depth) => () => nested(depth)),
  fc.jsonValue({ maxDepth: 3 }).map((v) => () => v as Json),
);

/** A condition with unicode values (and sometimes the unknown sentinel) added to a statement. */
const unicodeCondition: fc.Arbitrary<(doc: Json) => Json> = fc
  .tuple(fc.nat(), fc.array(fc.oneof(unicode, fc.constant(UNKNOWN)), { minLength: 1, maxLength: 3 }))
  .map(([n, values]) => (doc: Json) => {
    const statements = statementsOf(doc);
    if (!Array.isArray(statements) || statements.length === 0) return doc;
    const out = copy(doc) as { Statement: Json[] };
    const s = out.Statement[n % statements.length];
    if (s !== null && typeof s === "object" && !Array.isArray(s)) {
      s.Condition = { StringEquals: { "kms:EncryptionContext:app": values, "aws:SourceVpc": values[0] } };
    }
    return out;
  });

const mutation: fc.Arbitrary<(doc: Json) => Json> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.tuple(fc.nat(), replacement).map(
      ([n, make]) =>
        (doc: Json) =>
          replaceAt(doc, n, make),
    ),
  },
  { weight: 4, arbitrary: unicodeCondition },
  {
    weight: 1,
    // A huge document: hundreds of statements (AWS's limit is 32 KB). limits.test.ts goes further.
    arbitrary: fc.integer({ min: 50, max: 200 }).map((n) => (doc: Json) => {
      const statements = statementsOf(doc);
      const first = Array.isArray(statements) && statements.length > 0 ? statements[0] : {};
      const base = doc !== null && typeof doc === "object" && !Array.isArray(doc) ? doc : {};
      return { ...base, Statement: Array.from({ length: n }, () => first) };
    }),
  },
);

export type Form = "classic" | "classic-raw" | "native" | "native-text" | "key-policy";
export type Secrecy = "none" | "whole" | "statement";

export interface FuzzCase {
  readonly document: Json;
  /** `text`: a string that is not JSON (the document is then unused). */
  readonly text?: string;
  readonly form: Form;
  readonly secrecy: Secrecy;
}

const document: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(fc.constantFrom(...BASES), fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([base, ms]) => ms.reduce((d, m) => m(d), copy(base))),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => v as Json) },
  { weight: 1, arbitrary: fc.constantFrom(...BASES) },
);

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record(
  {
    document,
    text: fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: unicode.map((s) => `{"Statement": [${s}`) },
      {
        weight: 1,
        arbitrary: fc
          .integer({ min: 1_000, max: 20_000 })
          .map(
            (depth) =>
              `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceVpc": ${"[".repeat(depth)}"vpc-1"${"]".repeat(depth)}}}}]}`,
          ),
      },
    ),
    form: fc.constantFrom<Form>("classic", "classic", "classic-raw", "native", "native-text", "key-policy"),
    secrecy: fc.constantFrom<Secrecy>("none", "none", "whole", "statement"),
  },
  { requiredKeys: ["document", "form", "secrecy"] },
);

/** The document with the marker planted as the first statement's Sid (or as the document, if it has none). */
function withMarker(doc: Json): Json {
  const statements = statementsOf(doc);
  if (
    !Array.isArray(statements) ||
    statements.length === 0 ||
    typeof statements[0] !== "object" ||
    statements[0] === null ||
    Array.isArray(statements[0])
  ) {
    return {
      Version: "2012-10-17",
      Id: MARKER,
      Statement: [{ Sid: MARKER, Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }],
    };
  }
  const out = copy(doc) as { Statement: Record<string, Json>[] };
  out.Statement[0] = { ...out.Statement[0], Sid: MARKER, Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/${MARKER}` } };
  return out;
}

/** The value of the key-policy property as the engine sends it. */
export function policyValue(c: FuzzCase): { field: "policy" | "keyPolicy"; value: WireValue; plain: unknown } {
  const doc = c.secrecy === "none" ? c.document : withMarker(c.document);
  const field = c.form === "native" || c.form === "native-text" ? "keyPolicy" : "policy";
  const text = c.text !== undefined && c.secrecy !== "none" ? c.text.replace("{", `{"Sid": "${MARKER}-x", `) : c.text;
  const asText = text ?? JSON.stringify(doc);
  const plain: WireValue =
    c.form === "classic" || c.form === "native-text" || c.form === "key-policy" ? asText : (doc as WireValue);
  if (c.secrecy === "none") return { field, value: plain, plain };
  if (c.secrecy === "statement" && c.form === "native" && c.text === undefined) {
    const out = copy(doc) as { Statement: WireValue[] } & WireObject;
    out.Statement = out.Statement.map((s, i) => (i === 0 ? secret(s) : s));
    return { field, value: out, plain };
  }
  return { field, value: secret(plain), plain };
}

export function fuzzResource(c: FuzzCase, index: number): EngineResource {
  const { field, value } = policyValue(c);
  const type =
    c.form === "key-policy"
      ? "aws:kms/keyPolicy:KeyPolicy"
      : field === "keyPolicy"
        ? "aws-native:kms:Key"
        : "aws:kms/key:Key";
  const name = `fuzz-${index}`;
  const inputs: WireObject =
    c.form === "key-policy" ? { keyId: `key-${index}`, [field]: value } : { description: name, [field]: value };
  const outputs: WireObject =
    type === "aws:kms/key:Key"
      ? { ...inputs, arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${name}`, keyId: name }
      : inputs;
  return {
    urn: `urn:pulumi:fuzz::hardening::${type}::${name}`,
    type,
    name,
    custom: true,
    dependencies: [],
    propertyDependencies: {},
    inputs,
    outputs,
  };
}
