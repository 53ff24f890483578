/**
 * The esbuild settings of the pack's bundle (bundle-pack.ts), shared with the benches that bundle
 * the pack's code to run it in process (bench/in-process.ts), so both run the same code.
 */
import type { BuildOptions } from "esbuild";

/** The pack's only runtime dependencies: left to `require`, never inlined. */
export const PACK_EXTERNAL = ["@pulumi/policy", "@pulumi/pulumi"];

export const PACK_BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node22",
  // The library's TypeScript sources (its exports' "source" condition), as the tests run them.
  conditions: ["source"],
  external: PACK_EXTERNAL.flatMap((name) => [name, `${name}/*`]),
  logLevel: "warning",
} as const satisfies BuildOptions;
