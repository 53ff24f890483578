/**
 * What a remediation changed, as a reviewer reads it: each property the pack rewrote, before and after,
 * as a unified diff (human and JSON reports) and as text edits (SARIF `fixes`).
 *
 * A key policy is a JSON document, given as a string (AWS Classic) or an object (AWS Native), often on
 * one line: both sides are shown as the same pretty-printed JSON, so the diff has one line per element
 * and names the statements added or changed. A secret stays secret: its change is reported, its text
 * never is, as `pulumi preview` shows `[secret]`.
 */
import { structuredPatch, type StructuredPatchHunk } from "diff";
import { isSecret, type WireObject, type WireValue } from "./proto-values";

export interface PropertyChange {
  /** The input property, e.g. `policy` (AWS Classic) or `keyPolicy` (AWS Native). */
  property: string;
  /** The value as the program declared it and as the pack remediated it; absent when a side has none. */
  before?: WireValue;
  after?: WireValue;
  /** True when either side is a secret: `before`, `after` and `diff` then carry no content. */
  secret: boolean;
  /** A unified diff of the two documents (`--- name: property` / `+++ … (remediated)`); empty when secret. */
  diff: string;
}

/** One replacement in the before text: `length` characters at `offset` become `text`. */
export interface TextEdit {
  offset: number;
  length: number;
  text: string;
}

const SECRET_TEXT = "[secret]";

/** The text a value is compared as: JSON documents pretty-printed with two spaces, each ending in a newline. */
export function documentText(value: WireValue | undefined): string {
  if (value === undefined) return "";
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null) return JSON.stringify(parsed, null, 2) + "\n";
    } catch {
      // Not JSON: compared as written.
    }
    return value.endsWith("\n") ? value : value + "\n";
  }
  return JSON.stringify(value, null, 2) + "\n";
}

function hunkText(hunk: StructuredPatchHunk): string {
  const range = (start: number, lines: number): string => (lines === 1 ? `${start}` : `${start},${lines}`);
  return [`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines].join(
    "\n",
  );
}

/** A unified diff with three lines of context, headed by the resource and property. */
export function unifiedDiff(label: string, before: string, after: string): string {
  const patch = structuredPatch(label, `${label} (remediated)`, before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return "";
  return [`--- ${label}`, `+++ ${label} (remediated)`, ...patch.hunks.map(hunkText)].join("\n") + "\n";
}

/** The before text's replacements that give the after text, one per changed run of lines. */
export function textEdits(before: string, after: string): TextEdit[] {
  const lineStarts = [0];
  for (let i = 0; i < before.length; i++) if (before[i] === "\n") lineStarts.push(i + 1);
  const { hunks } = structuredPatch("", "", before, after, undefined, undefined, { context: 0 });
  return hunks.map((hunk) => {
    const removed = hunk.lines.filter((l) => l.startsWith("-")).map((l) => l.slice(1) + "\n");
    const added = hunk.lines.filter((l) => l.startsWith("+")).map((l) => l.slice(1) + "\n");
    // Without context, jsdiff's oldStart is the first line replaced, or the line an insertion goes before
    // (one-based; one past the last line to append).
    const line = Math.min(Math.max(hunk.oldStart - 1, 0), lineStarts.length - 1);
    return { offset: lineStarts[line], length: removed.join("").length, text: added.join("") };
  });
}

function same(a: WireValue | undefined, b: WireValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The properties `after` changes in `before`, in the order of `before`'s properties, then new ones. */
export function propertyChanges(label: string, before: WireObject, after: WireObject): PropertyChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changes: PropertyChange[] = [];
  for (const property of names) {
    const [was, is] = [before[property], after[property]];
    if (same(was, is)) continue;
    if (isSecret(was) || isSecret(is)) {
      changes.push({ property, before: SECRET_TEXT, after: SECRET_TEXT, secret: true, diff: "" });
      continue;
    }
    changes.push({
      property,
      ...(was !== undefined ? { before: was } : {}),
      ...(is !== undefined ? { after: is } : {}),
      secret: false,
      diff: unifiedDiff(`${label}: ${property}`, documentText(was), documentText(is)),
    });
  }
  return changes;
}
