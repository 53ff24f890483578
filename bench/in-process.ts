/**
 * What the in-process benches (per-key.ts, pair.ts) share: bundling code against a checkout with the
 * pack's own esbuild settings (scripts/pack-build-options.ts), and the Node they run it on.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { build } from "esbuild";
import { PACK_BUILD_OPTIONS } from "../scripts/pack-build-options";

export const HERE = path.join(__dirname, "..");

/** Bundles `contents` (TypeScript, resolved from `root`/bench) into `out`, as the pack is bundled. */
export async function bundleAgainst(root: string, contents: string, sourcefile: string, out: string): Promise<void> {
  await build({
    stdin: { contents, resolveDir: path.join(root, "bench"), sourcefile, loader: "ts" },
    outfile: out,
    ...PACK_BUILD_OPTIONS,
  });
}

/** The Node the npm scripts run on (the `node` devDependency), else this one. */
export function nodeBinary(): string {
  const local = path.join(HERE, "node_modules", ".bin", "node");
  return fs.existsSync(local) ? local : process.execPath;
}
