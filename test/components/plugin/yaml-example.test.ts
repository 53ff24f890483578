/**
 * examples/yaml-baseline cannot run here (no Pulumi CLI): check instead that every component type,
 * property and output it uses exists in the golden schema, down through nested object types.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { GOLDEN_SCHEMA, pluginProtocol } from "../../../scripts/component-plugin";

const EXAMPLE = path.resolve(__dirname, "../../../examples/yaml-baseline/Pulumi.yaml");
const PACKAGE = "pulumi-kms-guardrails";

interface PropertySpec {
  type?: string;
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
}
interface Schema {
  resources: Record<
    string,
    { inputProperties: Record<string, PropertySpec>; properties: Record<string, PropertySpec> }
  >;
  types: Record<string, { properties?: Record<string, PropertySpec>; enum?: { value: unknown }[] }>;
}

/** What is wrong with `value` as `spec`, path by path (free-form maps and `Any` accept anything). */
function problems(schema: Schema, spec: PropertySpec, value: unknown, at: string): string[] {
  if (typeof value === "string" && /^\$\{[^}]+\}$/.test(value)) return []; // an interpolation: checked as an output
  if (spec.$ref === "pulumi.json#/Any") return [];
  if (spec.$ref !== undefined) {
    const type = schema.types[spec.$ref.replace("#/types/", "")];
    if (type === undefined) return [`${at}: ${spec.$ref} is not in the schema`];
    if (type.enum !== undefined) {
      return type.enum.some((e) => e.value === value)
        ? []
        : [`${at}: ${JSON.stringify(value)} is not a value of the enum`];
    }
    return objectProblems(schema, type.properties ?? {}, value, at);
  }
  if (spec.type === "array") {
    if (!Array.isArray(value)) return [`${at}: not a list`];
    return value.flatMap((item, i) => problems(schema, spec.items ?? {}, item, `${at}[${i}]`));
  }
  if (spec.type === "object") {
    if (typeof value !== "object" || value === null) return [`${at}: not an object`];
    return Object.entries(value).flatMap(([k, v]) =>
      problems(schema, spec.additionalProperties ?? {}, v, `${at}.${k}`),
    );
  }
  const actual = typeof value;
  return spec.type === undefined || spec.type === actual ? [] : [`${at}: ${actual}, the schema says ${spec.type}`];
}

function objectProblems(
  schema: Schema,
  properties: Record<string, PropertySpec>,
  value: unknown,
  at: string,
): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${at}: not an object`];
  return Object.entries(value).flatMap(([key, v]) =>
    properties[key] === undefined
      ? [`${at}.${key}: no such property`]
      : problems(schema, properties[key], v, `${at}.${key}`),
  );
}

describe("examples/yaml-baseline against the golden schema", () => {
  const yaml = pluginProtocol().load("js-yaml") as { load(text: string): unknown };
  const program = yaml.load(fs.readFileSync(EXAMPLE, "utf8")) as {
    resources: Record<string, { type: string; properties?: Record<string, unknown> }>;
    outputs?: Record<string, string>;
  };
  const schema = JSON.parse(fs.readFileSync(GOLDEN_SCHEMA, "utf8")) as Schema;
  /** `pkg:Type` and `pkg:index:Type` name the same resource. */
  const token = (type: string) => type.replace(/^([^:]+):([^:]+)$/, "$1:index:$2");
  const ours = Object.entries(program.resources).filter(([, r]) => r.type.startsWith(`${PACKAGE}:`));

  it("uses at least three of the components", () => {
    assert.ok(new Set(ours.map(([, r]) => r.type)).size >= 3);
  });

  it("every component type and property exists, with the schema's types", () => {
    const found = ours.flatMap(([name, r]) => {
      const resource = schema.resources[token(r.type)];
      if (resource === undefined) return [`${name}: ${r.type} is not in the schema`];
      return objectProblems(schema as Schema, resource.inputProperties, r.properties ?? {}, name);
    });
    assert.deepEqual(found, []);
  });

  it("every output and interpolation of a component reads an output the schema declares", () => {
    const text = fs.readFileSync(EXAMPLE, "utf8");
    const types = new Map(ours.map(([name, r]) => [name, token(r.type)]));
    const reads = [...text.matchAll(/\$\{(\w+)\.(\w+)\}/g)].filter(([, name]) => types.has(name));
    assert.ok(reads.length > 0);
    const missing = reads
      .filter(([, name, property]) => schema.resources[types.get(name) as string].properties[property] === undefined)
      .map(([read]) => read);
    assert.deepEqual(missing, []);
  });
});
