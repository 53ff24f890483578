import { strict as assert } from "node:assert";
import {
  accountRootPlan,
  keyAdministratorsPlan,
  keyUsersPlan,
  composeKeyPolicy,
  type KeyLocation,
} from "pulumi-kms-guardrails/catalog";
import { assertGolden, outcomes, probeIds, satisfiedById } from "./golden";

const KEY: KeyLocation = { account: "111122223333", region: "us-east-1" };

describe("catalog: account root and default key policy personas (seed 004)", () => {
  it("the account root statement is the KMS default key policy's", () => {
    const root = accountRootPlan({ key: KEY });
    assert.deepEqual(root.grants[0].statement, {
      Sid: "Enable IAM User Permissions",
      Effect: "Allow",
      Principal: { AWS: "arn:aws:iam::111122223333:root" },
      Action: "kms:*",
      Resource: "*",
    });
    assert.deepEqual(root.grants[0].source, { seed: "004", section: "IAM policies" });
  });

  it("golden: IAM delegation and manageability allowed, another account denied", () => {
    const root = accountRootPlan({ key: KEY });
    assert.deepEqual(probeIds(root), [
      "account-root.iam-delegation",
      "account-root.manage-policy",
      "account-root.other-account",
    ]);
    const results = assertGolden(composeKeyPolicy([root]), root);
    assert.equal(results[0].decision.verdict, "needs-iam");
  });

  it("without the account root statement, IAM policies cannot grant anything (seed 004)", () => {
    const root = accountRootPlan({ key: KEY });
    const users = keyUsersPlan({ key: KEY, principals: ["arn:aws:iam::111122223333:role/App"] });
    const results = outcomes(composeKeyPolicy([users]), root);
    assert.deepEqual(satisfiedById(results, "account-root.iam-delegation"), [false]);
  });

  it("golden: administrators manage; users use and grant to AWS resources", () => {
    const root = accountRootPlan({ key: KEY });
    const admins = keyAdministratorsPlan({
      key: KEY,
      principals: ["arn:aws:iam::111122223333:role/KeyAdmin", "arn:aws:iam::444455556666:role/RemoteAdmin"],
    });
    const users = keyUsersPlan({ key: KEY, principals: ["111122223333", "arn:aws:iam::444455556666:role/App"] });
    const doc = composeKeyPolicy([root, admins, users]);
    assertGolden(doc, admins);
    assertGolden(doc, users);
    assert.deepEqual(probeIds(users), [
      "key-users.decrypt",
      "key-users.create-grant",
      "key-users.create-grant.not-for-aws-resource",
      "key-users.administer",
    ]);
    // An account id becomes its root ARN, as AWS stores it.
    assert.deepEqual(users.grants[0].statement.Principal, {
      AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/App"],
    });
    assert.deepEqual(satisfiedById(outcomes(doc, admins), "key-administrators.use"), [true]);
  });
});
