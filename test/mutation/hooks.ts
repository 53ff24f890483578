/**
 * Root hooks for Stryker's mocha runner (stryker.config.json), never loaded by `npm test`: each test
 * starts from empty caches, the engine's own (compiled policies, parsed operators, caller identities,
 * lint memos: `clearCaches`) and the parsed policies the tests keep. Per test, not per run: so that no
 * answer computed under one mutant is served under another (a reused runner scores exactly), and so
 * that the dry run's per-test coverage credits a policy's compilation to every test that evaluates it,
 * not only to the first (Stryker then runs only the tests it credits, and would miss the asserting one).
 */
import { clearCaches } from "../../components/src/engine/caches";
import { clearPolicyCache } from "../engine/policy-helper";

export const mochaHooks = {
  beforeEach(): void {
    clearCaches();
    clearPolicyCache();
  },
};
