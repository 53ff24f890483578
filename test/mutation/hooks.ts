/**
 * Root hooks for Stryker's mocha runner (stryker.config.json), never loaded by `npm test`: each
 * mutant run starts from empty caches, the engine's own (compiled policies, parsed operators, caller
 * identities, lint memos: `clearCaches`) and the parsed policies the tests keep, so no answer
 * computed under one mutant is served under another and a reused runner scores exactly.
 */
import { clearCaches } from "../../components/src/engine/caches";
import { clearPolicyCache } from "../engine/policy-helper";

export const mochaHooks = {
  beforeAll(): void {
    clearCaches();
    clearPolicyCache();
  },
};
