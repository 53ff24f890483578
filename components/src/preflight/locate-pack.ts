/**
 * Where the default policy pack lives, and whether it can be started fast.
 *
 * The pack is the `pulumi-kms-guardrails-policypack` package: installed beside the library, or (in this
 * repository) the `policypack` folder next to `components`. This file sits at `<library>/src/preflight`
 * or `<library>/dist/preflight`, so the library root is two folders up either way.
 */
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import { PackError } from "./pack-process";

const LIBRARY_ROOT = path.resolve(__dirname, "..", "..");
const PACK_PACKAGE = "pulumi-kms-guardrails-policypack";

export function defaultPackDir(): string {
  try {
    const load = createRequire(path.join(LIBRARY_ROOT, "package.json"));
    return path.dirname(load.resolve(`${PACK_PACKAGE}/package.json`));
  } catch {
    const sibling = path.join(LIBRARY_ROOT, "..", "policypack");
    if (fs.existsSync(path.join(sibling, "package.json"))) return sibling;
    throw new Error(`cannot find the policy pack: install ${PACK_PACKAGE} or pass --pack <dir>`);
  }
}

/**
 * Checks what run-policy-pack will `require()`: package.json `main` (else index.js). A missing file
 * is the usual "forgot to build" mistake and gets a clear message instead of the launcher's; a
 * TypeScript entry works (run-policy-pack type-checks it through ts-node) but takes seconds, so the
 * caller may warn.
 */
export function checkPackEntry(packDir: string): { entry: string; typescript: boolean } {
  const manifestPath = path.join(packDir, "package.json");
  if (!fs.existsSync(manifestPath)) throw new PackError(packDir, `policy pack ${packDir} has no package.json`, "");
  const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { main?: unknown };
  const main = typeof manifest.main === "string" ? manifest.main : "index.js";
  const entry = path.resolve(packDir, main);
  const candidates = [entry, `${entry}.js`, path.join(entry, "index.js"), `${entry}.ts`, path.join(entry, "index.ts")];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) {
    throw new PackError(
      packDir,
      `policy pack ${packDir} is not built: its main ${main} does not exist (run \`npm run build\` in it)`,
      "",
    );
  }
  return { entry: found, typescript: found.endsWith(".ts") };
}
