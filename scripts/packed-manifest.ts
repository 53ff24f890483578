/**
 * The library's manifest as it is packed: without the workspace's `source` export conditions.
 *
 * In this repository `exports` maps each entry point's `source` condition to its TypeScript file in
 * src/, which the tests, the bundler and Stryker select (`--conditions=source`, tsconfig
 * `customConditions`). The tarball holds no src/, so a published `source` condition would point at
 * files that are not there, and a project that sets a `source` condition of its own (a common
 * monorepo convention) would fail to resolve the package. components/package.json runs
 * `strip` in `prepack` and `restore` in `postpack`: npm packs the manifest on disk between the two.
 *
 * `strip` keeps the workspace manifest byte for byte in SAVED, and a `strip` after a pack that
 * failed before `postpack` restores it first, so the stripped manifest is never taken for the
 * original.
 *
 * Usage (from the package folder): node --require ts-node/register/transpile-only ../scripts/packed-manifest.ts strip|restore
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const WORKSPACE_CONDITION = "source";
const SAVED = ".package.json.workspace";

type Exports = string | null | readonly Exports[] | { readonly [key: string]: Exports };

/** `exports` without the workspace condition, at any depth (nested conditions included). */
export function withoutWorkspaceCondition(value: Exports): Exports {
  if (Array.isArray(value)) return value.map(withoutWorkspaceCondition);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, Exports> = {};
  for (const [key, inner] of Object.entries(value as Record<string, Exports>)) {
    if (key !== WORKSPACE_CONDITION) out[key] = withoutWorkspaceCondition(inner);
  }
  return out;
}

function strip(dir: string): void {
  const manifestFile = path.join(dir, "package.json");
  const savedFile = path.join(dir, SAVED);
  if (fs.existsSync(savedFile)) fs.copyFileSync(savedFile, manifestFile);
  const text = fs.readFileSync(manifestFile, "utf8");
  const manifest = JSON.parse(text) as { exports?: Exports };
  fs.writeFileSync(savedFile, text);
  if (manifest.exports === undefined) return;
  const packed = { ...manifest, exports: withoutWorkspaceCondition(manifest.exports) };
  fs.writeFileSync(manifestFile, `${JSON.stringify(packed, null, 2)}\n`);
}

function restore(dir: string): void {
  const savedFile = path.join(dir, SAVED);
  if (!fs.existsSync(savedFile)) return;
  fs.copyFileSync(savedFile, path.join(dir, "package.json"));
  fs.rmSync(savedFile);
}

if (require.main === module) {
  const [command] = process.argv.slice(2);
  if (command === "strip") strip(process.cwd());
  else if (command === "restore") restore(process.cwd());
  else {
    process.stderr.write("usage: packed-manifest.ts strip|restore (in the package folder)\n");
    process.exitCode = 2;
  }
}
