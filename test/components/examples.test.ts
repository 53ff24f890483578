import { strict as assert } from "node:assert";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import {
  accountRootPlan,
  cloudTrailTrailPlan,
  configServiceLinkedRolePlan,
  controlTowerPlan,
  eventDataStorePlan,
  trailArn,
  type IntegrationPlan,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { ACCOUNT, REGION, assertPolicyHolds, eventually, known, setUp } from "./helpers";

const key: KeyLocation = { account: ACCOUNT, region: REGION, partition: "aws" };
const trail = (name: string) => trailArn({ account: ACCOUNT, region: REGION, name });

/**
 * What each example's key must do, built here from the catalog as the policy pack would (not read
 * from the components): the rendered policy is checked against probes it did not produce.
 */
const EXAMPLES: Record<string, { plans: IntegrationPlan[]; eventDataStoreKey?: boolean }> = {
  baseline: {
    plans: [
      accountRootPlan({ key }),
      cloudTrailTrailPlan({ key, trailArns: [trail("baseline-trail")] }),
      configServiceLinkedRolePlan({ key, sourceAccounts: [ACCOUNT], sourceRegions: [REGION] }),
    ],
  },
  "organization-trail": {
    plans: [accountRootPlan({ key }), cloudTrailTrailPlan({ key, trailArns: [trail("org-audit")] })],
  },
  "control-tower": { plans: [accountRootPlan({ key }), controlTowerPlan({ key })] },
  "event-data-store": { plans: [accountRootPlan({ key }), eventDataStorePlan({ key })], eventDataStoreKey: true },
};

/** Runs an example program under the mocks, as the Pulumi runtime does, and returns its stack outputs. */
function runExample(name: string): Record<string, pulumi.Output<unknown> | undefined> {
  // The examples are programs: each is loaded once, after setMocks, like `pulumi preview` would.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(__dirname, "..", "..", "examples", name, "index.ts"));
}

describe("examples (the end-to-end fixtures of the policy pack)", () => {
  for (const [name, expected] of Object.entries(EXAMPLES)) {
    it(`${name}: runs offline in preview; its key policy is known and does the documented jobs only`, async () => {
      const { mocks } = await setUp({}, true);
      const outputs = runExample(name);
      assert.ok(outputs.keyPolicy !== undefined, "the example exports keyPolicy");
      const policy = await known(outputs.keyPolicy);
      assert.equal(typeof policy, "string");
      const isKey = (r: { type: string }) => r.type === "aws:kms/key:Key";
      await eventually(() => mocks.resources.some(isKey), "the key's registration");
      const keys = mocks.resources.filter(isKey);
      assert.equal(keys.length, 1);
      assert.equal(keys[0].inputs.policy, policy, "the key is registered with the rendered policy");
      assertPolicyHolds(String(policy), expected.plans, { eventDataStoreKey: expected.eventDataStoreKey });
      assert.deepEqual(mocks.unansweredCalls, []);
    });
  }
});
