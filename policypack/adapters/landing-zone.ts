/**
 * A Control Tower landing zone, from either provider: the manifest (a JSON string in AWS Classic's
 * `manifestJson`, an object in AWS Native's `manifest`) read for the keys the landing zone
 * version's schema names (catalog `landingZoneManifestShape`). Each `kmsKeyArn` keeps its full
 * property path, so a finding names the field to fix.
 */
import { landingZoneManifestShape, type LandingZoneKeyField } from "pulumi-kms-guardrails/catalog";
import type { LandingZoneKeyUse, LandingZoneModel, ProviderFamily } from "../model/types";
import { isSentinel, readBoolean, readString, unknownValue, type RawProps } from "../model/values";
import { dependencies, regionOf } from "./common";
import type { RawResource } from "./types";

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return `a ${typeof v}`;
}

function isObject(v: unknown): v is RawProps {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The key a field names: absent, unknown (preview), a string, or a value of the wrong type on the way. */
function keyUse(
  manifest: RawProps,
  manifestField: string,
  field: LandingZoneKeyField,
  deps: readonly string[],
): LandingZoneKeyUse {
  const label = [manifestField, ...field.path].join(".");
  const enabled = field.enabledPath !== undefined ? readBoolean(manifest, field.enabledPath) : true;
  const base = { field, enabled };
  let cur: unknown = manifest;
  for (let i = 0; i < field.path.length; i++) {
    if (isSentinel(cur)) return { ...base, key: { field: label, value: unknownValue(label), dependencies: deps } };
    if (cur === undefined) return { ...base, key: { field: label, value: undefined, dependencies: deps } };
    if (!isObject(cur)) {
      const at = [manifestField, ...field.path.slice(0, i)].join(".");
      return {
        ...base,
        key: { field: label, value: undefined, dependencies: deps },
        problem: `${at} is ${typeOf(cur)}, not an object: the manifest cannot name the ${field.services} key (${label}).`,
      };
    }
    cur = cur[field.path[i]];
  }
  if (isSentinel(cur)) return { ...base, key: { field: label, value: unknownValue(label), dependencies: deps } };
  if (cur === undefined) return { ...base, key: { field: label, value: undefined, dependencies: deps } };
  if (typeof cur !== "string" || cur === "") {
    return {
      ...base,
      key: { field: label, value: undefined, dependencies: deps },
      problem:
        `${label} is ${cur === "" ? "an empty string" : typeOf(cur)}, not a KMS key ARN: ` +
        `give the ARN of the ${field.services} key, or omit the field to use Amazon S3 managed encryption.`,
    };
  }
  return { ...base, key: { field: label, value: cur, dependencies: deps } };
}

/**
 * The landing zone model. `manifest` is the property's value: a JSON string, an object, or the
 * unknown sentinel (preview). In preview each named key waits for the manifest; the version is
 * read first, since it decides which fields name keys.
 */
export function landingZoneModel(
  r: RawResource,
  family: ProviderFamily,
  manifestField: string,
  manifest: unknown,
): LandingZoneModel {
  const rawVersion = r.props.version;
  const version = isSentinel(rawVersion) ? unknownValue("version") : rawVersion;
  const base = {
    ref: r.ref,
    family,
    arn: readString(r.props, "arn"),
    region: regionOf(r),
    version,
    manifestField,
  };
  const shape = landingZoneManifestShape(version);
  const fields = shape.kind === "known" ? shape.fields : [];
  const deps = dependencies(r, manifestField);
  if (isSentinel(manifest)) {
    const unknown = unknownValue(manifestField);
    return {
      ...base,
      keys: fields.map((field) => ({
        field,
        enabled: unknown,
        key: { field: [manifestField, ...field.path].join("."), value: unknown, dependencies: deps },
      })),
    };
  }
  let parsed: unknown = manifest;
  if (typeof manifest === "string") {
    try {
      parsed = JSON.parse(manifest);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return { ...base, keys: [], manifestProblem: `${manifestField} is not valid JSON: ${why}` };
    }
  }
  if (parsed === undefined) return { ...base, keys: [] };
  if (!isObject(parsed)) {
    return { ...base, keys: [], manifestProblem: `${manifestField} is ${typeOf(parsed)}, not a JSON object.` };
  }
  return { ...base, keys: fields.map((field) => keyUse(parsed, manifestField, field, deps)) };
}
