/**
 * Construction errors. A misconfiguration fails where it is written, with a message that names the
 * component and says what to change (STYLE.md, "Validate before deploy"), never as a failed AWS call
 * ten minutes into `pulumi up`.
 */
import * as pulumi from "@pulumi/pulumi";

/** `EncryptedTrail 'audit'`: how messages name a component. */
export function componentLabel(kind: string, name: string): string {
  return `${kind} '${name}'`;
}

/** A `pulumi.ResourceError` whose message starts with the component's label. */
export function configurationError(label: string, message: string, resource?: pulumi.Resource): pulumi.ResourceError {
  return new pulumi.ResourceError(`${label}: ${message}`, resource);
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
