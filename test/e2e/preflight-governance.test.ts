// Exemptions and remediation through the preflight CLI with the compiled pack, as CI runs it: a program with
// an AWS Classic key, an aws.kms.KeyPolicy and an AWS Native key whose policies the pack remediates, and keys
// exempted live, expired and by a name that matches nothing; the human report (diff), --json and
// --format sarif (fixes, validated against the SARIF 2.1.0 schema); invalid exemptions exit 2.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type { PreflightResult } from "../../components/src/preflight/preflight";
import { ACCOUNT, FIXTURES, PACK_DIR, removeProgram, runCli, statementsOf, writeProgram } from "./preflight-helpers";
import { assertPackBuilt } from "./start-pack";

const EC_RULE = "kms-encryption-context-on-unsupported-action";
const IAM_RULE = "kms-key-policy-enables-iam-policies";
const PUBLIC_RULE = "kms-no-unconditioned-public-principal";

/** The keys, each on its own line so the SARIF locations can be checked. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const account = "111122223333";
const root = {
  Sid: "Enable IAM User Permissions",
  Effect: "Allow",
  Principal: { AWS: \`arn:aws:iam::\${account}:root\` },
  Action: "kms:*",
  Resource: "*",
};
// Encrypt may carry an encryption context; DescribeKey and GetKeyPolicy never do, so the condition
// denies them: one cause, one finding, one remediation moving both.
const app = {
  Sid: "App",
  Effect: "Allow",
  Principal: { AWS: \`arn:aws:iam::\${account}:role/App\` },
  Action: ["kms:Encrypt", "kms:DescribeKey", "kms:GetKeyPolicy"],
  Resource: "*",
  Condition: { StringEquals: { "kms:EncryptionContext:app": "orders" } },
};
const admins = {
  Sid: "Admins",
  Effect: "Allow",
  Principal: { AWS: \`arn:aws:iam::\${account}:role/Admin\` },
  Action: "kms:*",
  Resource: "*",
};
const everyone = { Sid: "Everyone", Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" };
const doc = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });

class NativeKey extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("aws-native:kms:Key", name, args);
  }
}

new aws.kms.Key("classic", { policy: JSON.stringify(doc(root, app)) });
new aws.kms.KeyPolicy("attached", {
  keyId: \`arn:aws:kms:us-east-1:\${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab\`,
  policy: JSON.stringify(doc(admins)),
});
new NativeKey("native", { keyPolicy: doc(root, app) });
new aws.kms.Key("legacy-live", { policy: JSON.stringify(doc(root, everyone)) });
new aws.kms.Key("legacy-expired", { policy: JSON.stringify(doc(root, everyone)) });
`;

const REASON = "legacy key, replaced in SEC-1234";
const CONFIG = {
  [EC_RULE]: "remediate",
  [IAM_RULE]: "remediate",
  [PUBLIC_RULE]: {
    exemptions: [
      { resource: "legacy-live", reason: REASON, expires: "2999-12-31", ticket: "SEC-1234" },
      // The type part of a URN starts with its parents' types: the stack's for a resource without a parent.
      { resource: "urn:pulumi:*$aws:kms/key:Key::legacy-expired", reason: REASON, expires: "2000-01-01" },
      { resource: "legacy-removed", reason: "gone since SEC-99", expires: "2999-12-31" },
    ],
  },
};

const SCHEMA = JSON.parse(fs.readFileSync(path.join(FIXTURES, "sarif", "sarif-2.1.0-rtm.5.json"), "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(SCHEMA);

interface SarifReplacement {
  deletedRegion: { charOffset: number; charLength: number };
  insertedContent: { text: string };
}
interface SarifLog {
  runs: {
    artifacts?: { contents: { text: string }; properties: { urn: string; property: string } }[];
    invocations: {
      toolConfigurationNotifications?: { descriptor: { id: string }; associatedRule?: { id: string } }[];
    }[];
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { region: { startLine: number } } }[];
      properties: { urn: string };
      fixes?: {
        artifactChanges: { artifactLocation: { index: number }; replacements: SarifReplacement[] }[];
      }[];
    }[];
  }[];
}

function applyReplacements(text: string, replacements: readonly SarifReplacement[]): string {
  let out = text;
  for (const r of [...replacements].sort((a, b) => b.deletedRegion.charOffset - a.deletedRegion.charOffset)) {
    const { charOffset, charLength } = r.deletedRegion;
    out = out.slice(0, charOffset) + r.insertedContent.text + out.slice(charOffset + charLength);
  }
  return out;
}

describe("preflight: exemptions and remediation with the pack (e2e)", function () {
  this.timeout(180_000);
  let program: string;
  let configFile: string;
  const run = (...extra: string[]): ReturnType<typeof runCli> =>
    runCli("preflight", program, ...ACCOUNT, "--pack", PACK_DIR, "--quiet", ...extra);

  before(() => {
    assertPackBuilt();
    program = writeProgram({
      "Pulumi.yaml": "name: governance\nruntime: nodejs\n",
      "index.ts": PROGRAM,
      "pack.json": JSON.stringify(CONFIG),
    });
    configFile = path.join(program, "pack.json");
  });
  after(() => {
    if (program) removeProgram(program);
  });

  describe("one run per format", () => {
    let json: PreflightResult;
    let jsonCode: number;

    before(async () => {
      const out = await run("--policy-pack-config", configFile, "--json");
      jsonCode = out.code;
      json = JSON.parse(out.stdout) as PreflightResult;
    });

    it("JSON: a remediation per rule and provider, each with the property's before, after and diff", () => {
      assert.deepEqual(
        json.remediations.map((r) => [r.name, r.policyName, r.changes.map((c) => c.property)]),
        [
          ["classic", EC_RULE, ["policy"]],
          ["attached", IAM_RULE, ["policy"]],
          ["native", EC_RULE, ["keyPolicy"]],
        ],
      );
      const [classic, attached, native] = json.remediations;
      // DescribeKey and GetKeyPolicy move to one statement without the context condition; Encrypt keeps it.
      const fixed = statementsOf(classic.changes[0].after);
      assert.deepEqual(
        fixed.map((s) => [s.Action, s.Condition !== undefined]),
        [
          ["kms:*", false],
          ["kms:Encrypt", true],
          [["kms:DescribeKey", "kms:GetKeyPolicy"], false],
        ],
      );
      assert.equal(typeof native.changes[0].after, "object");
      assert.equal(statementsOf(native.changes[0].after).length, 3);
      assert.deepEqual(
        statementsOf(attached.changes[0].after).map((s) => s.Sid),
        ["Enable IAM User Permissions", "Admins"],
      );
      for (const r of json.remediations) {
        assert.match(r.changes[0].diff, new RegExp(`^--- ${r.name}: ${r.changes[0].property}\\n`));
        assert.equal(r.location?.file.endsWith("index.ts"), true, JSON.stringify(r.location));
      }
      // Remediated, so the rules pass: no finding of either rule is left.
      assert.deepEqual(
        json.findings.filter((f) => f.policyName === EC_RULE || f.policyName === IAM_RULE),
        [],
      );
    });

    it("JSON: the live exemption is advisory, the expired one blocks, the unmatched one is listed", () => {
      const publicFindings = json.findings
        .filter((f) => f.policyName === PUBLIC_RULE)
        .map((f) => [f.name, f.enforcementLevel, f.message.slice(0, f.message.indexOf(": Key policy of"))]);
      assert.deepEqual(publicFindings, [
        ["legacy-expired", "mandatory", `Exemption expired on 2000-01-01 (${REASON}), so this blocks again`],
        ["legacy-live", "advisory", `Exempt until 2999-12-31 (${REASON}; ticket SEC-1234)`],
      ]);
      assert.equal(jsonCode, 1);
      assert.deepEqual(json.unmatchedExemptions, [
        {
          rule: PUBLIC_RULE,
          exemption: { resource: "legacy-removed", reason: "gone since SEC-99", expires: "2999-12-31" },
        },
      ]);
    });

    it("human: each remediation as a diff under Policy Remediations, then the unmatched exemption", async () => {
      const { code, stdout } = await run("--policy-pack-config", configFile);
      assert.equal(code, 1);
      const section = stdout.slice(stdout.indexOf("Policy Remediations:"), stdout.indexOf("Unmatched Exemptions"));
      assert.match(
        section,
        new RegExp(
          `^ {4}\\[remediate\\] {2}kms-guardrails v[^ ]+ {2}${IAM_RULE} \\(attached: aws:kms/keyPolicy:KeyPolicy\\)$`,
          "m",
        ),
      );
      assert.match(section, /^ {4}--- attached: policy\n {4}\+\+\+ attached: policy \(remediated\)\n {4}@@ /m);
      assert.match(section, /^ {4}\+ {6}"Sid": "Enable IAM User Permissions",$/m);
      assert.match(section, /^ {4}--- native: keyPolicy$/m);
      assert.match(section, /^ {4}at index\.ts:\d+:\d+$/m);
      assert.match(
        stdout,
        new RegExp(
          `^Unmatched Exemptions \\(they name no resource of this program\\):\\n {4}${PUBLIC_RULE}: "legacy-removed" \\(gone since SEC-99; expires 2999-12-31\\)$`,
          "m",
        ),
      );
      assert.match(
        stdout,
        /^1 mandatory violation, \d+ advisor(y|ies), 3 remediations in \d+ resources: preflight failed/m,
      );
    });

    it("SARIF: valid 2.1.0; each remediation a result whose fix turns the declared policy into the remediated one", async () => {
      const { code, stdout } = await run("--policy-pack-config", configFile, "--format", "sarif");
      assert.equal(code, 1);
      const log = JSON.parse(stdout) as SarifLog;
      assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2));
      const [run0] = log.runs;
      const fixed = run0.results.filter((r) => r.fixes !== undefined);
      assert.deepEqual(
        fixed.map((r) => [r.ruleId, r.properties.urn.split("::").pop(), r.level]),
        [
          [EC_RULE, "classic", "warning"],
          [IAM_RULE, "attached", "warning"],
          [EC_RULE, "native", "warning"],
        ],
      );
      for (const [i, result] of fixed.entries()) {
        const remediation = json.remediations[i];
        const [change] = result.fixes?.[0].artifactChanges ?? [];
        const artifact = run0.artifacts?.[change.artifactLocation.index];
        assert.ok(artifact !== undefined);
        assert.equal(artifact.properties.urn, remediation.urn);
        const after = applyReplacements(artifact.contents.text, change.replacements);
        const expected = remediation.changes[0].after;
        assert.deepEqual(JSON.parse(after), typeof expected === "string" ? JSON.parse(expected) : expected);
        assert.ok(result.locations[0].physicalLocation.region.startLine > 1);
      }
      assert.deepEqual(
        run0.invocations[0].toolConfigurationNotifications?.map((n) => [n.descriptor.id, n.associatedRule?.id]),
        [["unmatched-exemption", PUBLIC_RULE]],
      );
    });
  });

  it("invalid exemptions exit 2 with code pack-config, every mistake named: all, no reason, no expires, bad dates", async () => {
    const bad = path.join(program, "bad.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({
        all: { enforcementLevel: "mandatory", exemptions: [{ resource: "x", reason: "r", expires: "2999-12-31" }] },
        [PUBLIC_RULE]: {
          exemptions: [
            { resource: "legacy-live", expires: "2999-12-31" },
            { resource: "legacy-live", reason: REASON },
            { resource: "legacy-live", reason: REASON, expires: "2027-3-31" },
            { resource: "legacy-live", reason: REASON, expires: "2027-02-30" },
          ],
        },
      }),
    );
    const { code, stdout, stderr } = await run("--policy-pack-config", bad, "--json");
    assert.equal(code, 2, stderr);
    const { error } = JSON.parse(stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, "pack-config");
    assert.equal(
      error.message,
      [
        `--policy-pack-config ${bad} is invalid:`,
        '  "all" cannot have exemptions: list them under the rule they exempt from',
        `  "${PUBLIC_RULE}": exemptions[0].reason is required: say why the resource is exempt`,
        `  "${PUBLIC_RULE}": exemptions[1].expires is required (YYYY-MM-DD)`,
        `  "${PUBLIC_RULE}": exemptions[2].expires "2027-3-31" is not a date (YYYY-MM-DD)`,
        `  "${PUBLIC_RULE}": exemptions[3].expires "2027-02-30" is not a date (YYYY-MM-DD)`,
      ].join("\n"),
    );
    assert.match(stderr, /^kms-guardrails preflight: error: --policy-pack-config .* is invalid:/m);
  });
});
