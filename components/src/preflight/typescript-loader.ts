/**
 * Lets `require()` load a TypeScript program. The CLI's language host type-checks through ts-node; we
 * only transpile (type errors are the program's compiler's business, and checking costs seconds).
 */
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";

interface TsNode {
  register(options: { transpileOnly: boolean; projectSearchDir?: string }): unknown;
}

function tryLoad(fromDir: string, request: string): TsNode | undefined {
  try {
    const load = createRequire(path.join(fromDir, "noop.js"));
    return load(load.resolve(request)) as TsNode;
  } catch {
    return undefined;
  }
}

/** Registers ts-node (transpile only) unless something already handles `.ts` (mocha, ts-node itself). */
export function ensureTypeScript(programDir: string, pulumiDir: string): void {
  const load = createRequire(__filename);
  if (load.extensions[".ts"]) return;
  const vendored = path.join(pulumiDir, "vendor", "ts-node@7.0.1");
  // The program's own ts-node first (it matches its TypeScript), then ours, then the one @pulumi/pulumi vendors.
  const tsNode =
    tryLoad(programDir, "ts-node") ??
    tryLoad(__dirname, "ts-node") ??
    (fs.existsSync(vendored) ? tryLoad(pulumiDir, vendored) : undefined);
  if (!tsNode) throw new Error(`cannot load TypeScript program in ${programDir}: ts-node is not installed`);
  tsNode.register({ transpileOnly: true, projectSearchDir: programDir });
}
