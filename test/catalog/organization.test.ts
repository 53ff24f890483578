import { strict as assert } from "node:assert";
import {
  SIDS,
  checkProbes,
  configIamRolePlan,
  configServiceLinkedRolePlan,
  eventDataStorePlan,
  organizationErrors,
  withOrganization,
  type KeyLocation,
  type Probe,
} from "pulumi-kms-guardrails/catalog";
import { UNKNOWN, parsePolicy } from "pulumi-kms-guardrails/engine";

const KEY: KeyLocation = { account: "111122223333", region: "us-east-1" };
const ORG = "o-a1b2c3d4e5";
const PATH = `${ORG}/r-ab12/ou-ab12-11111111/`;

const contextOf = (probe: Probe) => probe.request.context ?? {};
const byId = (probes: readonly Probe[], id: string): Probe => {
  const p = probes.find((x) => x.id === id);
  assert.ok(p !== undefined, id);
  return p;
};

describe("catalog: organization-wide keys (aws:SourceOrgID, aws:PrincipalOrgID)", () => {
  describe("organizationErrors: AWS's formats", () => {
    it("accepts an organization id and entity paths in it (to an OU, or to an account)", () => {
      assert.deepEqual(organizationErrors(ORG, [PATH, `${ORG}/r-ab12/ou-ab12-11111111/111122223333/`]), []);
      assert.deepEqual(organizationErrors(undefined, undefined), []);
    });
    it("refuses a malformed id, a malformed path, a path of another organization, paths without an id", () => {
      assert.match(organizationErrors("o-ABC", undefined).join(), /organizationId "o-ABC" is not an organization id/);
      assert.match(organizationErrors("123456789012", undefined).join(), /is not an organization id/);
      assert.match(organizationErrors(ORG, ["o-a1b2c3d4e5/ou-ab12-11111111"]).join(), /organizationPaths\[0\]/);
      assert.match(
        organizationErrors(ORG, ["o-zzzzzzzzzz/r-ab12/"]).join(),
        /organizationPaths\[0\] "o-zzzzzzzzzz\/r-ab12\/" is not in organization o-a1b2c3d4e5/,
      );
      assert.match(organizationErrors(undefined, [PATH]).join(), /organizationPaths needs organizationId/);
      assert.match(organizationErrors(ORG, PATH).join(), /must be a list/);
    });
  });

  describe("withOrganization: what the probes' requests carry", () => {
    const slr = configServiceLinkedRolePlan({ key: KEY });
    const iam = configIamRolePlan({ key: KEY });

    it("without the organization, the keys are unknown for the stack's own accounts", () => {
      const plan = withOrganization(slr, undefined);
      const own = contextOf(byId(plan.probes, "config-service-linked-role.generate-data-key"));
      assert.equal(own["aws:SourceOrgID"], UNKNOWN);
      assert.equal(own["aws:SourceOrgPaths"], UNKNOWN);
      const role = contextOf(byId(withOrganization(iam, undefined).probes, "config-iam-role.decrypt"));
      assert.equal(role["aws:PrincipalOrgID"], UNKNOWN);
    });

    it("with it, its id and paths; the confused deputy's account is in another organization", () => {
      const plan = withOrganization(slr, { id: ORG, paths: [PATH] });
      const own = contextOf(byId(plan.probes, "config-service-linked-role.decrypt"));
      assert.equal(own["aws:SourceOrgID"], ORG);
      assert.deepEqual(own["aws:SourceOrgPaths"], [PATH]);
      const stranger = contextOf(byId(plan.probes, "config-service-linked-role.generate-data-key.other-account"));
      assert.equal(typeof stranger["aws:SourceOrgID"], "string");
      assert.notEqual(stranger["aws:SourceOrgID"], ORG);
      const idOnly = contextOf(byId(withOrganization(slr, { id: ORG }).probes, "config-service-linked-role.decrypt"));
      assert.equal(idOnly["aws:SourceOrgPaths"], UNKNOWN);
    });

    it("a service request without source keys (CloudTrail Lake) gets none: AWS documents none for it", () => {
      const plan = withOrganization(eventDataStorePlan({ key: KEY }), { id: ORG });
      for (const p of plan.probes.filter((x) => x.request.principal.kind === "service")) {
        assert.equal(contextOf(p)["aws:SourceOrgID"], undefined, p.id);
      }
    });

    it("decides a Config statement limited by aws:SourceOrgID: undecidable, then allowed, the deputy denied", () => {
      const policy = parsePolicy({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: SIDS.configDelivery,
            Effect: "Allow",
            Principal: { Service: "config.amazonaws.com" },
            Action: ["kms:Decrypt", "kms:GenerateDataKey"],
            Resource: "*",
            Condition: { StringEquals: { "aws:SourceOrgID": ORG } },
          },
        ],
      }).policy;
      assert.ok(policy !== undefined);
      const satisfied = (org?: { id: string }) =>
        Object.fromEntries(
          checkProbes(policy, withOrganization(slr, org).probes).map((o) => [o.probe.id, o.satisfied]),
        );
      assert.deepEqual(satisfied(), {
        "config-service-linked-role.generate-data-key": "unknown",
        "config-service-linked-role.decrypt": "unknown",
        "config-service-linked-role.generate-data-key.other-account": true,
      });
      assert.deepEqual(satisfied({ id: ORG }), {
        "config-service-linked-role.generate-data-key": true,
        "config-service-linked-role.decrypt": true,
        "config-service-linked-role.generate-data-key.other-account": true,
      });
      assert.equal(satisfied({ id: "o-f6g7h8i9j0" })["config-service-linked-role.decrypt"], false);
    });
  });
});
