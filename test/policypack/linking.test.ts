/** Linking integrations to keys: by key ARN, key id, alias name, alias ARN, and property dependencies. */
import { strict as assert } from "node:assert";
import { StackModel } from "../../policypack/model/stack";
import type { KeyReference } from "../../policypack/model/types";
import { unknownValue } from "../../policypack/model/values";
import { analyzeStack, mandatory, type TestResource } from "./harness";
import * as aws from "./fixtures/aws";
import * as seeds from "./fixtures/seeds";

const urn = (type: string, name: string): string => `urn:pulumi:test::kms::${type}::${name}`;

function model(resources: readonly TestResource[]): StackModel {
  return StackModel.fromResources(
    resources.map((r) => ({
      type: r.type,
      urn: r.urn ?? urn(r.type, r.name),
      name: r.name,
      props: r.props,
      propertyDependencies: Object.fromEntries(
        Object.entries(r.propertyDependencies ?? {}).map(([k, names]) => [
          k,
          names.map((n) => ({ urn: urn(resources.find((x) => x.name === n)?.type ?? "", n) })),
        ]),
      ),
    })),
  );
}

const audit = aws.key("audit", seeds.withDefault());
const AUDIT_ID = String(audit.props.keyId);
const ref = (value: KeyReference["value"], dependencies: readonly string[] = []): KeyReference => ({
  field: "kmsKeyId",
  value,
  dependencies,
});

describe("policy pack: linking", () => {
  const m = model([audit, aws.alias("audit-alias", "alias/audit", AUDIT_ID), aws.key("other", undefined)]);

  const cases: [string, KeyReference, string][] = [
    ["key ARN", ref(seeds.KEY), "linked audit"],
    ["key id", ref(AUDIT_ID), "linked audit"],
    ["alias name", ref("alias/audit"), "linked audit"],
    ["alias ARN", ref(`arn:aws:kms:${aws.REGION}:${aws.ACCOUNT}:alias/audit`), "linked audit"],
    [
      "unknown value, dependency on the key",
      ref(unknownValue("kmsKeyId"), [urn("aws:kms/key:Key", "audit")]),
      "linked audit",
    ],
    [
      "unknown value, dependency on the alias",
      ref(unknownValue("kmsKeyId"), [urn("aws:kms/alias:Alias", "audit-alias")]),
      "linked audit",
    ],
    ["unknown value, no dependency", ref(unknownValue("kmsKeyId")), "unknown"],
    ["a key of another stack", ref(aws.keyArn("elsewhere")), "external"],
    ["an alias of another stack", ref("alias/elsewhere"), "external"],
    ["nothing", ref(undefined), "none"],
  ];
  for (const [name, reference, expected] of cases) {
    it(name, () => {
      const link = m.linker.resolveKey(reference);
      assert.equal(link.status === "linked" ? `linked ${link.key.ref.name}` : link.status, expected);
    });
  }

  it("a KeyPolicy resource replaces the key's own policy", async () => {
    const resources: TestResource[] = [
      aws.key("audit", undefined),
      {
        type: "aws:kms/keyPolicy:KeyPolicy",
        name: "audit-policy",
        props: {
          keyId: AUDIT_ID,
          policy: JSON.stringify(seeds.withDefault(seeds.S001_CLOUDTRAIL, seeds.S003_DESCRIBE)),
        },
      },
      aws.trail("finance", { kmsKeyId: seeds.KEY }),
    ];
    assert.deepEqual(mandatory(await analyzeStack(resources)), []);
    const broken = await analyzeStack([
      resources[0],
      { ...resources[1], props: { keyId: AUDIT_ID, policy: JSON.stringify(seeds.withDefault()) } },
      resources[2],
    ]);
    const encrypt = mandatory(broken).filter((r) => r.policy === "cloudtrail-key-allows-encrypt");
    assert.equal(encrypt.length, 1);
    assert.equal(
      encrypt[0].urn,
      urn("aws:kms/keyPolicy:KeyPolicy", "audit-policy"),
      "reported on the resource that declares the policy",
    );
  });

  it("a bucket's encryption configuration links by its property dependency when the name is unknown", () => {
    const bucket = aws.bucket("logs");
    const encryption = {
      ...aws.bucketEncryption("logs-sse", "04da6b54-80e4-46f7-96ec-b56ff0331ba9", seeds.KEY),
      propertyDependencies: { bucket: ["logs"] },
    };
    const mm = model([audit, bucket, encryption]);
    const b = mm.linker.bucket("logs", []);
    assert.ok(b !== undefined);
    const enc = mm.linker.bucketEncryption(b);
    assert.ok(enc !== undefined && "algorithm" in enc && enc.algorithm === "aws:kms");
  });

  // How long this takes is measured by `npm run bench` (model + linking of 20,000 trails and keys).
  it("10,000 trails each link to their own key among 10,000", () => {
    const resources: TestResource[] = [];
    for (let i = 0; i < 10_000; i++) {
      const k = aws.key(`k${i}`, undefined);
      resources.push(k, aws.trail(`t${i}`, { kmsKeyId: k.props.arn }));
    }
    const mm = model(resources);
    let linked = 0;
    for (const [i, t] of mm.resources.trails.entries()) {
      const link = mm.linker.resolveKey(t.key);
      if (link.status === "linked" && link.key.ref.name === `k${i}`) linked++;
    }
    assert.equal(linked, 10_000);
  });
});
