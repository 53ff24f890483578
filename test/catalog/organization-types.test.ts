/**
 * organizationErrors on configuration values that are not strings but read as valid ones once
 * converted (RegExp.test converts its argument): an id or a path given as a one-item list is
 * refused, never passed because ["o-a1b2c3d4e5"] prints as o-a1b2c3d4e5.
 */
import { strict as assert } from "node:assert";
import { organizationErrors } from "pulumi-kms-guardrails/catalog";

const ORG = "o-a1b2c3d4e5";
const PATH = `${ORG}/r-ab12/ou-ab12-11111111/`;

describe("catalog: organization values that only print as valid", () => {
  it("an organization id given as a one-item list is refused", () => {
    assert.deepEqual(organizationErrors([ORG], undefined), [
      `organizationId ["${ORG}"] is not an organization id such as o-a1b2c3d4e5 (o- and 10 to 32 lower-case letters or digits)`,
    ]);
  });

  it("an entity path given as a one-item list is refused, the other paths checked", () => {
    assert.deepEqual(organizationErrors(ORG, [[PATH], PATH]), [
      `organizationPaths[0] ["${PATH}"] is not an entity path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (organization, root, organizational units, each ending in /)`,
    ]);
  });
});
