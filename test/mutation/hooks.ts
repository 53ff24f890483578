/**
 * Root hooks for Stryker's mocha runner (stryker.config.json), never loaded by `npm test`: each
 * mutant run starts from empty caches that the tests own (parsed policies), so no policy compiled
 * under one mutant is evaluated under another.
 */
import { clearPolicyCache } from "../engine/policy-helper";

export const mochaHooks = {
  beforeAll(): void {
    clearPolicyCache();
  },
};
