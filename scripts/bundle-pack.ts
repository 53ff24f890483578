/**
 * Builds policypack/bin/index.js: the pack, the engine and the catalog in one CommonJS file, with
 * @pulumi/policy and @pulumi/pulumi left to `require` (the pack's only runtime dependencies, both on
 * the public registry). `npm run build -w policypack` runs it, and so does `prepack`, which
 * `pulumi policy publish` triggers through `npm pack`.
 *
 * Why a bundle rather than bundledDependencies: the published tarball stays one file of our code
 * plus its manifest, the enforcing machine's `npm install` fetches only public packages, and the
 * pack loads one module instead of about a hundred (see the packaging note in README.md).
 *
 * @pulumi/* stay external because the pack patches @pulumi/policy's own module objects
 * (policypack/policy-internals.ts): a second, inlined copy would not be the one its server calls.
 * The build fails if the bundle would require any other package.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { builtinModules } from "node:module";
import { build } from "esbuild";
import { PACK_BUILD_OPTIONS, PACK_EXTERNAL } from "./pack-build-options";

const PACK_DIR = path.join(__dirname, "..", "policypack");
const OUT_DIR = path.join(PACK_DIR, "bin");
const EXTERNAL = PACK_EXTERNAL;

/** The package an import path names ("@pulumi/pulumi/proto/x" → "@pulumi/pulumi"). */
function packageOf(request: string): string {
  const parts = request.split("/");
  return request.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function isBuiltin(request: string): boolean {
  return request.startsWith("node:") || builtinModules.includes(request);
}

async function main(): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(PACK_DIR, "package.json"), "utf8")) as {
    dependencies?: Record<string, string>;
  };
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  for (const name of EXTERNAL) {
    if (!declared.has(name)) throw new Error(`policypack/package.json must depend on ${name}`);
  }
  // A stale bin/ would be packed along with the bundle ("files": ["bin"]).
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(PACK_DIR, "index.ts")],
    outfile: path.join(OUT_DIR, "index.js"),
    ...PACK_BUILD_OPTIONS,
    banner: { js: "// Built by scripts/bundle-pack.ts from policypack/ and components/src: do not edit." },
    metafile: true,
  });
  const required = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) if (imported.external) required.add(imported.path);
  }
  const undeclared = [...required].filter((r) => !isBuiltin(r) && !declared.has(packageOf(r)));
  if (undeclared.length > 0) {
    throw new Error(`the bundle requires ${undeclared.join(", ")}, not in policypack/package.json dependencies`);
  }
  const bytes = fs.statSync(path.join(OUT_DIR, "index.js")).size;
  const inputs = Object.keys(result.metafile.inputs).length;
  process.stdout.write(`policypack/bin/index.js: ${inputs} modules, ${(bytes / 1024).toFixed(0)} KiB\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bundle-pack: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
