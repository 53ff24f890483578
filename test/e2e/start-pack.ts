/**
 * The compiled policy pack, started as `pulumi preview --policy-pack policypack` starts it, for the
 * tests that drive it over the analyzer protocol. A pack that is not built (its package.json's main
 * missing, or still TypeScript) fails the test with what to run: never a skip, which would let a
 * suite pass without running.
 */
import * as path from "node:path";
import { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { checkPackEntry } from "../../components/src/preflight/locate-pack";

export const PACK_DIR = path.join(__dirname, "..", "..", "policypack");

export const NOT_BUILT = "the pack is not built: run npm run build";

/** Throws NOT_BUILT unless `packDir` runs from its compiled entry. */
export function assertPackBuilt(packDir = PACK_DIR): void {
  let compiled: boolean;
  try {
    compiled = !checkPackEntry(packDir).typescript;
  } catch {
    compiled = false;
  }
  if (!compiled) throw new Error(NOT_BUILT);
}

/** The compiled pack in `packDir`, started and connected; close it with `close()`. */
export async function startPack(packDir = PACK_DIR): Promise<AnalyzerClient> {
  assertPackBuilt(packDir);
  return AnalyzerClient.start({ packDir });
}
