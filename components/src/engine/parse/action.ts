/**
 * `Action` / `NotAction` of a key policy statement. A key policy only ever governs requests to AWS
 * KMS for its own key (AWS KMS Developer Guide, "Key policies"), so an action of another service can
 * never apply, and a `kms:` name that is not a KMS action is a typo that silently grants nothing.
 * Action names are case-insensitive (IAM User Guide, "IAM JSON policy elements: Action").
 */
import { memoMap, onClearCaches, remember } from "../caches";
import { kmsActions, type KmsActionInfo } from "../data/kms-reference";
import { closestMatch } from "./suggest";
import { isUnknown, quote, type ParseContext } from "./context";
import { readStrings, StringCheck } from "./strings";
import { hasWildcard, wildcardMatch } from "../wildcard";

const NAME_CHARS = /^[A-Za-z0-9*?]+$/;
const SERVICE_CHARS = /^[A-Za-z0-9*?-]+$/;

let table: ReadonlyMap<string, KmsActionInfo> | null | undefined;
onClearCaches(() => {
  table = undefined;
});

/**
 * The KMS action table, or `null` when it cannot be loaded (the generated table missing or the
 * module still a stub): the name checks are then skipped rather than failing every policy.
 */
function actionTable(): ReadonlyMap<string, KmsActionInfo> | null {
  if (table === undefined) {
    try {
      const loaded = kmsActions();
      table = loaded.size > 0 ? loaded : null;
    } catch {
      table = null;
    }
  }
  return table;
}

const patternCache = memoMap<string, boolean>();

function patternMatchesSomeAction(namePattern: string, actions: ReadonlyMap<string, KmsActionInfo>): boolean {
  return remember(patternCache, namePattern, 1_000, () =>
    [...actions.values()].some((info) => wildcardMatch(namePattern, info.name, true)),
  );
}

function checkAction(ctx: ParseContext, action: string, path: string): void {
  if (action === "*" || action.length === 0 || isUnknown(action)) return;
  const colon = action.indexOf(":");
  // No colon, or a colon first, leaves the service empty and an empty name follows a last colon:
  // both classes refuse the empty string.
  const service = action.slice(0, Math.max(colon, 0));
  const name = action.slice(colon + 1);
  if (!SERVICE_CHARS.test(service) || !NAME_CHARS.test(name)) {
    ctx.error(
      path,
      "malformed-action",
      `${quote(action)} is not an action: write "*" or "kms:Name", e.g. "kms:Decrypt".`,
    );
    return;
  }
  if (!wildcardMatch(service, "kms", true)) {
    ctx.error(
      path,
      "non-kms-action",
      `${quote(action)} is not a KMS action; a key policy governs only kms: actions on its key, so this never applies.`,
    );
    return;
  }
  const actions = actionTable();
  if (actions === null) return;
  if (!hasWildcard(name)) {
    if (!actions.has(name.toLowerCase())) {
      const suggestion = ctx.full
        ? undefined
        : closestMatch(
            name,
            [...actions.values()].map((a) => a.name),
          );
      ctx.error(
        path,
        "unknown-kms-action",
        `${quote(action)} is not a KMS action` +
          (suggestion === undefined ? "." : `; did you mean "kms:${suggestion}"?`),
      );
    }
  } else if (!patternMatchesSomeAction(name, actions)) {
    ctx.error(path, "kms-action-pattern-matches-nothing", `${quote(action)} matches no KMS action.`);
  }
}

const ACTION_CHECK = new StringCheck(checkAction);

/** Parses an `Action` or `NotAction` value; returns the action strings as written. */
export function parseActions(ctx: ParseContext, value: unknown, path: string, element: string): string[] {
  return readStrings(ctx, value, path, "invalid-action-value", element, ACTION_CHECK);
}
