/**
 * Property values as the Pulumi engine puts them on the wire: plain JSON inside a
 * `google.protobuf.Struct`, with a few reserved shapes.
 *
 * - An unknown value (a preview of something not yet created) is the string {@link UNKNOWN}.
 * - A secret is `{ [SIG_KEY]: SECRET_SIG, value }`.
 * - A resource reference is `{ [SIG_KEY]: RESOURCE_SIG, urn, id?, packageVersion? }`.
 *
 * These constants are the ones in `@pulumi/pulumi/runtime/rpc` and the engine's `resource/sig` package.
 */
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The engine's marker for a value that is not known until the resource exists. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** The key that marks an object as a special value rather than a map. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

/** A value that a `google.protobuf.Value` can hold. */
export type WireValue = null | boolean | number | string | WireValue[] | WireObject;
export interface WireObject {
  [key: string]: WireValue;
}

export function isWireObject(value: unknown): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function secret(value: WireValue): WireObject {
  return { [SIG_KEY]: SECRET_SIG, value };
}

export function isSecret(value: unknown): value is WireObject & { value: WireValue } {
  return isWireObject(value) && value[SIG_KEY] === SECRET_SIG;
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: WireValue): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (isWireObject(value)) return Object.values(value).some(containsUnknown);
  return false;
}

/**
 * Converts an arbitrary JS value to a wire value the way the SDK's serializer would for plain data:
 * `undefined` members are dropped (the engine treats them as absent), `undefined` array elements become
 * `null`, and anything that is not JSON data is rejected instead of silently stringified.
 */
export function toWireValue(value: unknown, path = "$"): WireValue {
  if (value === null || typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} cannot be sent in a protobuf Struct`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => (v === undefined ? null : toWireValue(v, `${path}[${i}]`)));
  if (typeof value === "object") {
    const out: WireObject = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = toWireValue(v, `${path}.${k}`);
    }
    return out;
  }
  throw new TypeError(`${path}: a ${typeof value} cannot be sent in a protobuf Struct`);
}

export function toWireObject(value: unknown, path = "$"): WireObject {
  const wire = toWireValue(value, path);
  if (!isWireObject(wire)) throw new TypeError(`${path}: expected an object of properties`);
  return wire;
}

/** `StructClass` must be the `Struct` of the google-protobuf that @pulumi/pulumi loads (see pulumi-modules). */
export function toStruct(StructClass: typeof Struct, properties: WireObject): Struct {
  return StructClass.fromJavaScript(properties);
}

export function fromStruct(struct: Struct | undefined): WireObject {
  return struct ? toWireObject(struct.toJavaScript()) : {};
}

/**
 * The engine sends resource references to analyzers downgraded: a custom resource becomes its ID, a
 * component its URN (plugin.MarshalOptions without KeepResources). @pulumi/policy rejects the reference
 * signature outright, so a reference left in place would crash the pack rather than test it.
 */
export function downgradeResourceReferences(value: WireValue): WireValue {
  if (Array.isArray(value)) return value.map(downgradeResourceReferences);
  if (!isWireObject(value)) return value;
  if (value[SIG_KEY] === RESOURCE_SIG) {
    const id = value["id"];
    if (id !== undefined) return id === "" ? UNKNOWN : id;
    return value["urn"] ?? UNKNOWN;
  }
  if (value[SIG_KEY] === OUTPUT_VALUE_SIG) {
    // Output values never reach analyzers; the engine resolves them to their plain (or unknown) value.
    const inner = "value" in value ? downgradeResourceReferences(value["value"]) : UNKNOWN;
    return value["secret"] === true ? secret(inner) : inner;
  }
  const out: WireObject = {};
  for (const [k, v] of Object.entries(value)) out[k] = downgradeResourceReferences(v);
  return out;
}
