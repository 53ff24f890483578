/**
 * Narrow an AnalyzeStack request before it is decoded, on its protobuf bytes.
 *
 * stack-request-filter.ts keeps, of a decoded request, the modeled resources and the resources they
 * depend on (`resourcesForStackRules`). Decoding the others first is most of the cost of a large
 * stack (their properties are the bulk of the bytes: a 50,000-resource request is tens of MiB), and
 * nothing reads them afterwards. So the request's bytes are read once, lightly: of each resource only
 * its type (field 1), URN (3) and property dependencies (9) are read, and the properties and the rest
 * are stepped over by their lengths. The bytes of the resources the stack rules cannot need are then
 * cut out, and the server's own decoder decodes what remains: the same resources, in the same order,
 * as decoding everything and narrowing afterwards. Every other field of the request is kept as it is.
 *
 * Whatever this reader does not expect (a group, a truncated length, a field of the wrong wire type)
 * returns the bytes unchanged, and the request is decoded whole as before.
 */
import { isModeled } from "./model/build";

/** pulumirpc.AnalyzeStackRequest and AnalyzerResource field numbers (analyzer.proto). */
const REQUEST_RESOURCES = 1;
const RESOURCE_TYPE = 1;
const RESOURCE_URN = 3;
const RESOURCE_PROPERTY_DEPENDENCIES = 9;
/** A map entry's value (field 2), an AnalyzerPropertyDependencies, whose `urns` are field 1. */
const MAP_ENTRY_VALUE = 2;
const DEPENDENCIES_URNS = 1;

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

class Unexpected extends Error {}

/** A protobuf field as found in a message's bytes: its number, wire type and where its value lies. */
interface Field {
  readonly number: number;
  readonly wireType: number;
  /** Where the field starts (its tag) and ends, in the buffer. */
  readonly start: number;
  readonly end: number;
  /** Where a length-delimited value's bytes start. */
  readonly valueStart: number;
}

function readVarint(bytes: Uint8Array, at: number, end: number): { value: number; next: number } {
  let value = 0;
  let scale = 1;
  for (let i = at; i < end && i < at + 10; i++) {
    const byte = bytes[i];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return { value, next: i + 1 };
    scale *= 128;
  }
  throw new Unexpected("varint");
}

/** The fields of the message in `bytes[start, end)`, in order. */
function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let at = start;
  while (at < end) {
    const tag = readVarint(bytes, at, end);
    const wireType = tag.value % 8;
    const number = Math.floor(tag.value / 8);
    let next: number;
    let valueStart = tag.next;
    if (wireType === VARINT) next = readVarint(bytes, tag.next, end).next;
    else if (wireType === FIXED64) next = tag.next + 8;
    else if (wireType === FIXED32) next = tag.next + 4;
    else if (wireType === LENGTH_DELIMITED) {
      const length = readVarint(bytes, tag.next, end);
      valueStart = length.next;
      next = length.next + length.value;
    } else throw new Unexpected("group");
    if (number === 0 || next > end) throw new Unexpected("field");
    yield { number, wireType, start: at, end: next, valueStart };
    at = next;
  }
}

const utf8 = new TextDecoder();

function text(bytes: Uint8Array, field: Field): string {
  if (field.wireType !== LENGTH_DELIMITED) throw new Unexpected("string");
  return utf8.decode(bytes.subarray(field.valueStart, field.end));
}

interface ResourceEntry {
  readonly field: Field;
  readonly type: string;
  readonly urn: string;
  readonly dependencies: readonly string[];
}

function readResource(bytes: Uint8Array, field: Field): ResourceEntry {
  let type = "";
  let urn = "";
  const dependencies: string[] = [];
  for (const f of fields(bytes, field.valueStart, field.end)) {
    if (f.number === RESOURCE_TYPE) type = text(bytes, f);
    else if (f.number === RESOURCE_URN) urn = text(bytes, f);
    else if (f.number === RESOURCE_PROPERTY_DEPENDENCIES) {
      if (f.wireType !== LENGTH_DELIMITED) throw new Unexpected("map entry");
      for (const entry of fields(bytes, f.valueStart, f.end)) {
        if (entry.number !== MAP_ENTRY_VALUE) continue;
        if (entry.wireType !== LENGTH_DELIMITED) throw new Unexpected("map value");
        for (const u of fields(bytes, entry.valueStart, entry.end)) {
          if (u.number === DEPENDENCIES_URNS) dependencies.push(text(bytes, u));
        }
      }
    }
  }
  return { field, type, urn, dependencies };
}

/**
 * The request's bytes without the resources the stack rules cannot read: neither modeled nor named
 * by a modeled resource's property dependencies. The same bytes when all are needed, or when the
 * bytes are not what this reader expects.
 */
export function narrowStackRequestBytes(bytes: Uint8Array): Uint8Array {
  const kept: { start: number; end: number }[] = [];
  const resources: ResourceEntry[] = [];
  try {
    for (const field of fields(bytes, 0, bytes.length)) {
      if (field.number === REQUEST_RESOURCES) {
        if (field.wireType !== LENGTH_DELIMITED) throw new Unexpected("resource");
        resources.push(readResource(bytes, field));
      }
    }
  } catch (e) {
    if (e instanceof Unexpected) return bytes;
    throw e;
  }
  const needed = new Set<string>();
  for (const r of resources) {
    if (!isModeled(r.type)) continue;
    needed.add(r.urn);
    for (const urn of r.dependencies) needed.add(urn);
  }
  const dropped = resources.filter((r) => !needed.has(r.urn));
  if (dropped.length === 0) return bytes;
  // Copy every byte range between the dropped resources, in order.
  let at = 0;
  for (const r of dropped) {
    if (r.field.start > at) kept.push({ start: at, end: r.field.start });
    at = r.field.end;
  }
  if (at < bytes.length) kept.push({ start: at, end: bytes.length });
  const out = Buffer.allocUnsafe(kept.reduce((n, k) => n + k.end - k.start, 0));
  let offset = 0;
  for (const k of kept) {
    out.set(bytes.subarray(k.start, k.end), offset);
    offset += k.end - k.start;
  }
  return out;
}
