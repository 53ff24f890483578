/**
 * Reading resource properties the way the pack needs them: without tripping @pulumi/policy's
 * unknown-checking proxy, and keeping "not known yet" (preview) apart from "absent".
 *
 * The server wraps every resource's properties in `unknownCheckingProxy`, which throws
 * `UnknownValueError` on any read of an unknown value; the server then turns the whole policy into
 * one advisory "can't run policy during preview". The pack wants to say precisely which value a
 * rule waits for, so it reads the proxy's target (the plain deserialized object) and recognizes the
 * sentinels itself. Reading the target once is also much faster than a proxy per property access.
 */

/** A value Pulumi does not know yet (preview), with the field it comes from. */
export interface UnknownValue {
  readonly unknown: true;
  /** `kmsKeyId`, `manifestJson`, `keyPolicy.Statement[0]`: what to wait for. */
  readonly field: string;
}

/** A property read off a resource: known, not known yet, or absent (also: of the wrong type). */
export type Value<T> = T | UnknownValue | undefined;

export function isUnknown(v: unknown): v is UnknownValue {
  return typeof v === "object" && v !== null && (v as { unknown?: unknown }).unknown === true && "field" in v;
}

export function unknownValue(field: string): UnknownValue {
  return { unknown: true, field };
}

export function known<T>(v: Value<T>): T | undefined {
  return isUnknown(v) ? undefined : v;
}

/**
 * The sentinels @pulumi/policy's deserializer leaves in place of unknown values (one per type:
 * boolean, number, string, array, asset, archive, object; node_modules/@pulumi/policy/proxy.js).
 * The string one is also the engine's `PULUMI_UNKNOWN_SENTINEL`.
 */
const SENTINELS: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export function isSentinel(v: unknown): boolean {
  return typeof v === "string" && SENTINELS.has(v);
}

export type RawProps = Readonly<Record<string, unknown>>;

/** Marker keys of @pulumi/policy's proxies (proxy.js `isSpecialProxy` / `getSpecialProxyTarget`). */
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";

/** The plain object behind @pulumi/policy's property proxy; the value itself when not proxied. */
export function rawProps(props: unknown): RawProps {
  if (typeof props !== "object" || props === null) return {};
  const p = props as Record<string, unknown>;
  if (p[IS_SPECIAL_PROXY] === true) {
    const target = p[SPECIAL_PROXY_TARGET];
    if (typeof target === "object" && target !== null) return target as RawProps;
  }
  return p;
}

function asObject(v: unknown): RawProps | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as RawProps) : undefined;
}

/** The value at `path` (object keys), or unknown/undefined on the way. */
export function readPath(props: RawProps, path: readonly string[], label = path.join(".")): unknown {
  let cur: unknown = props;
  for (const key of path) {
    if (isSentinel(cur)) return unknownValue(label);
    const obj = asObject(cur);
    if (obj === undefined) return undefined;
    cur = obj[key];
  }
  return isSentinel(cur) ? unknownValue(label) : cur;
}

export function readString(props: RawProps, field: string | readonly string[]): Value<string> {
  const path = typeof field === "string" ? [field] : field;
  const v = readPath(props, path);
  if (isUnknown(v)) return v;
  return typeof v === "string" && v !== "" ? v : undefined;
}

export function readBoolean(props: RawProps, field: string | readonly string[]): Value<boolean> {
  const path = typeof field === "string" ? [field] : field;
  const v = readPath(props, path);
  if (isUnknown(v)) return v;
  if (typeof v === "boolean") return v;
  // Struct round trips and some providers carry booleans as strings.
  if (v === "true") return true;
  if (v === "false") return false;
  return undefined;
}

/** The first of several fields that is present (known or unknown). */
export function firstOf<T>(...values: readonly Value<T>[]): Value<T> {
  for (const v of values) if (v !== undefined) return v;
  return undefined;
}
