/**
 * organization.ts, whole: every organizationErrors message word for word at the edges of AWS's
 * formats, and withOrganization on hand-made probes (the keys per principal kind, a source key in
 * any case, the confused deputy's other organization, what the probe already says, the rest kept).
 */
import { strict as assert } from "node:assert";
import {
  ORGANIZATION_KEYS,
  organizationErrors,
  withOrganization,
  type IntegrationPlan,
  type Probe,
} from "pulumi-kms-guardrails/catalog";
import { UNKNOWN, type Request } from "pulumi-kms-guardrails/engine";

const ORG = "o-a1b2c3d4e5";
const PATH = `${ORG}/r-ab12/ou-ab12-11111111/`;
const badId = (id: unknown) =>
  `organizationId ${JSON.stringify(id)} is not an organization id such as o-a1b2c3d4e5 (o- and 10 to 32 lower-case letters or digits)`;
const badPath = (i: number, p: unknown) =>
  `organizationPaths[${i}] ${JSON.stringify(p)} is not an entity path such as o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ (organization, root, organizational units, each ending in /)`;

const probe = (id: string, principal: Request["principal"], context: Request["context"] = {}): Probe => ({
  id,
  description: "d",
  request: { principal, action: "kms:Decrypt", keyAccount: "111122223333", keyRegion: "us-east-1", context },
  expect: "allow",
  source: { seed: "001", section: "s" } as never,
});
const planOf = (...probes: Probe[]): IntegrationPlan => ({
  integration: "service-grant",
  grants: [],
  probes,
  notes: ["kept"],
});
const SERVICE = { kind: "service", service: "cloudtrail.amazonaws.com" } as const;
const ROLE = { kind: "aws", arn: "arn:aws:iam::111122223333:role/R" } as const;

describe("catalog: organization.ts, whole", () => {
  it("organization ids: 10 to 32 lower-case letters or digits after o-", () => {
    for (const ok of ["o-abcdefghij", `o-${"a".repeat(32)}`, "o-0123456789"])
      assert.deepEqual(organizationErrors(ok, undefined), [], ok);
    for (const bad of [
      "o-abcdefghi",
      `o-${"a".repeat(33)}`,
      "o-ABCDEFGHIJ",
      "x-abcdefghij",
      "o-abcdefghij ",
      " o-abcdefghij",
      7,
      null,
    ]) {
      assert.deepEqual(organizationErrors(bad, undefined), [badId(bad)], String(bad));
    }
  });

  it("entity paths: organization, root, OUs each ending in /, optionally an account id", () => {
    const ok = [
      `${ORG}/r-ab12/`,
      PATH,
      `${PATH}ou-ab12-22222222/`,
      `${PATH}111122223333/`,
      `${ORG}/r-${"a".repeat(32)}/ou-${"b".repeat(32)}-${"c".repeat(32)}/`,
    ];
    assert.deepEqual(organizationErrors(ORG, ok), []);
    const bad = [
      `${ORG}/r-ab1/`,
      `${ORG}/r-ab12`,
      `${ORG}/r-ab12/ou-ab12-1111111/`,
      `${PATH}11112222333/`,
      `${PATH}111122223333`,
      `x${PATH}`,
      `${PATH}x`,
      `${ORG}/r-${"a".repeat(33)}/`,
      5,
    ];
    assert.deepEqual(
      organizationErrors(ORG, bad),
      bad.map((p, i) => badPath(i, p)),
    );
  });

  it("paths of another organization, paths without an id, paths that are not a list", () => {
    const other = "o-zzzzzzzzzz/r-ab12/";
    assert.deepEqual(organizationErrors(ORG, [PATH, other]), [
      `organizationPaths[1] "${other}" is not in organization ${ORG}`,
    ]);
    // The id is a prefix only with its slash.
    const longer = "o-a1b2c3d4e5f/r-ab12/";
    assert.deepEqual(organizationErrors(ORG, [longer]), [
      `organizationPaths[0] "${longer}" is not in organization ${ORG}`,
    ]);
    assert.deepEqual(organizationErrors(undefined, [PATH]), [
      "organizationPaths needs organizationId, the organization the paths are in",
    ]);
    assert.deepEqual(organizationErrors(ORG, PATH), [
      `organizationPaths must be a list of entity paths, not ${JSON.stringify(PATH)}`,
    ]);
    assert.deepEqual(organizationErrors(undefined, { a: 1 }), [
      "organizationPaths needs organizationId, the organization the paths are in",
      'organizationPaths must be a list of entity paths, not {"a":1}',
    ]);
    // A malformed id: its paths are checked for their form, not against it.
    assert.deepEqual(organizationErrors(7, [PATH]), [badId(7)]);
  });

  it("the organization keys, lower-cased", () => {
    assert.deepEqual(
      [...ORGANIZATION_KEYS],
      ["aws:sourceorgid", "aws:sourceorgpaths", "aws:principalorgid", "aws:principalorgpaths"],
    );
  });

  it("a service request with a source key, in any case, gets aws:SourceOrgID and aws:SourceOrgPaths", () => {
    for (const key of ["aws:SourceArn", "AWS:SOURCEACCOUNT", "aws:sourcearn", "Aws:SourceAccount"]) {
      const out = withOrganization(planOf(probe("x.encrypt", SERVICE, { [key]: "v" })), { id: ORG, paths: [PATH] });
      assert.deepEqual(
        out.probes[0].request.context,
        { "aws:SourceOrgID": ORG, "aws:SourceOrgPaths": [PATH], [key]: "v" },
        key,
      );
    }
  });

  it("a service request without a source key, and an anonymous one, are left as they are", () => {
    const plain = probe("x.encrypt", SERVICE, { "aws:SourceOrgX": "v", "kms:ViaService": "s" });
    const anonymous = probe("x.anonymous", { kind: "anonymous" });
    const out = withOrganization(planOf(plain, anonymous), { id: ORG });
    assert.equal(out.probes[0], plain);
    assert.equal(out.probes[1], anonymous);
    const noContext: Probe = { ...plain, request: { ...plain.request, context: undefined } };
    assert.equal(withOrganization(planOf(noContext), { id: ORG }).probes[0], noContext);
  });

  it("an IAM principal gets aws:PrincipalOrgID and aws:PrincipalOrgPaths: UNKNOWN unless given", () => {
    const p = probe("x.use", ROLE);
    assert.deepEqual(withOrganization(planOf(p), undefined).probes[0].request.context, {
      "aws:PrincipalOrgID": UNKNOWN,
      "aws:PrincipalOrgPaths": UNKNOWN,
    });
    assert.deepEqual(withOrganization(planOf(p), { id: ORG }).probes[0].request.context, {
      "aws:PrincipalOrgID": ORG,
      "aws:PrincipalOrgPaths": UNKNOWN,
    });
  });

  it("the confused deputy's account is in another organization, never the configured one", () => {
    const outsider = probe("x.encrypt.other-account", SERVICE, { "aws:SourceAccount": "999999999999" });
    const other = (org?: { id: string }) => withOrganization(planOf(outsider), org).probes[0].request.context;
    const expected = (id: string) => ({
      "aws:SourceOrgID": id,
      "aws:SourceOrgPaths": [`${id}/r-zzzz/`],
      "aws:SourceAccount": "999999999999",
    });
    assert.deepEqual(other(undefined), expected("o-otherorg000"));
    assert.deepEqual(other({ id: ORG }), expected("o-otherorg000"));
    assert.deepEqual(other({ id: "o-otherorg000" }), expected("o-otherorg001"));
    // Only a probe id that ends in .other-account.
    const notOutside = probe("x.other-account.allow", ROLE);
    assert.equal(
      withOrganization(planOf(notOutside), { id: ORG }).probes[0].request.context?.["aws:PrincipalOrgID"],
      ORG,
    );
  });

  it("what the probe already says about an organization key stays; the plan's other parts are kept", () => {
    const p = probe("x.use", ROLE, { "aws:PrincipalOrgID": "o-given00000" });
    const plan = planOf(p);
    const out = withOrganization(plan, { id: ORG, paths: [PATH] });
    assert.deepEqual(out.probes[0].request.context, {
      "aws:PrincipalOrgID": "o-given00000",
      "aws:PrincipalOrgPaths": [PATH],
    });
    assert.deepEqual({ ...out, probes: [] }, { ...plan, probes: [] });
    assert.deepEqual({ ...out.probes[0], request: undefined }, { ...p, request: undefined });
    assert.deepEqual(p.request.context, { "aws:PrincipalOrgID": "o-given00000" }, "the input probe is not changed");
  });
});
