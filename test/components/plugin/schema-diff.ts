/** The JSON paths where two schemas differ, for a golden-file message that says what changed. */
export function schemaDifferences(expected: unknown, actual: unknown, at = "$"): string[] {
  if (typeof expected !== typeof actual || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${at}: ${describe(expected)} became ${describe(actual)}`];
  }
  if (expected === null || actual === null || typeof expected !== "object") {
    return expected === actual ? [] : [`${at}: ${describe(expected)} became ${describe(actual)}`];
  }
  const before = expected as Record<string, unknown>;
  const after = actual as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.flatMap((key) => {
    const path = Array.isArray(expected) ? `${at}[${key}]` : `${at}.${key}`;
    if (!(key in after)) return [`${path}: removed`];
    if (!(key in before)) return [`${path}: added (${describe(after[key])})`];
    return schemaDifferences(before[key], after[key], path);
  });
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
