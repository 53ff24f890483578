/**
 * Which property values arrived as secrets, and what in them must never be printed.
 *
 * @pulumi/policy's deserializer (analyze path) unwraps secrets into plain values, so a rule cannot
 * tell a secret key policy from any other. server-cache.ts records the protobuf Struct each
 * properties object was decoded from; when an adapter reads a key policy it asks here whether that
 * one property holds a secret (the whole value, or a part of it), and gets the strings inside the
 * secret that a violation message must not show. The answer is computed on demand, for that one
 * property: nothing is paid for the thousands of properties no rule reads.
 */

/** The engine's marker of a special value, and the signature of a secret (`@pulumi/pulumi/runtime/rpc`). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** The parts of google-protobuf's `Struct` this module reads. */
interface StructLike {
  getFieldsMap(): { get(key: string): { toJavaScript(): unknown } | undefined };
}

const sources = new WeakMap<object, StructLike>();

/** Called by the deserialize cache for every properties object it produces. */
export function recordSource(props: unknown, struct: unknown): void {
  if (typeof props !== "object" || props === null) return;
  if (typeof struct !== "object" || struct === null || !("getFieldsMap" in struct)) return;
  sources.set(props, struct as StructLike);
}

function isSecret(value: unknown): value is { readonly value?: unknown } {
  return typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
}

/**
 * Values that say nothing about an account: the policy grammar (`Allow`, versions, `*`), KMS action
 * names, service principals, booleans. They stay readable, so a redacted message still says which
 * statement and action it is about; everything else in a secret is withheld.
 */
function harmless(s: string): boolean {
  return (
    s.length < 4 ||
    /^(allow|deny|true|false|2012-10-17|2008-10-17)$/i.test(s) ||
    /^kms:[a-z*?]*$/i.test(s) ||
    /^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/i.test(s)
  );
}

/** Every string in a value, keys of objects excepted (they are the policy's grammar), without recursion. */
function strings(root: unknown, out: Set<string>): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (!harmless(v)) out.add(v);
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === "object" && v !== null) {
      for (const item of Object.values(v)) stack.push(item);
    }
  }
}

/**
 * A secret's strings. A JSON text (AWS Classic's `policy`) also gives the strings inside it; a text
 * that is not JSON gives its words, since a parse error may quote any part of it.
 */
function secretContent(secret: unknown, out: Set<string>): void {
  strings(secret, out);
  if (typeof secret !== "string") return;
  try {
    strings(JSON.parse(secret), out);
  } catch {
    for (const word of secret.split(/["'{}[\],:\s]+/)) if (!harmless(word)) out.add(word);
  }
}

/**
 * The strings a message must not print from property `field` of `props`, or `undefined` when no
 * part of the property arrived as a secret (or the properties were not decoded by the server).
 */
export function secretStrings(props: object, field: string): readonly string[] | undefined {
  let wire: unknown;
  try {
    wire = sources.get(props)?.getFieldsMap().get(field)?.toJavaScript();
  } catch {
    // A value too deep to convert (toJavaScript recurses): the server could not have decoded it either.
    return undefined;
  }
  if (wire === undefined) return undefined;
  const found = new Set<string>();
  const stack: unknown[] = [wire];
  let any = false;
  while (stack.length > 0) {
    const v = stack.pop();
    if (isSecret(v)) {
      any = true;
      secretContent(v.value, found);
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === "object" && v !== null) {
      for (const item of Object.values(v)) stack.push(item);
    }
  }
  return any ? [...found] : undefined;
}
