/**
 * What `pulumi policy publish` uploads is what `npm pack` makes of policypack/, and the machine that
 * enforces the pack extracts it and runs `npm install` in it. This suite does the same outside the
 * repository, starts the installed pack exactly as the Pulumi CLI does (run-policy-pack, port on
 * stdout), and sends it a stack whose trail encrypts with a key that grants CloudTrail nothing.
 *
 * The registry is used (through the machine's npm cache); the steps share one install.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzerClient } from "../../components/src/preflight/analyzer-client";
import { PackError } from "../../components/src/preflight/pack-process";
import type { EngineResource } from "../../components/src/preflight/types";
import { ROOT, extract, fileListDifference, missingModule, pack, readJson, run, tempDir, type Tarball } from "./npm";

const PACK_DIR = path.join(ROOT, "policypack");
/** Everything the enforcing machine needs, and nothing else: the engine and catalog are inside bin/index.js. */
const EXPECTED_FILES = ["LICENSE", "PulumiPolicy.yaml", "README.md", "RULES.md", "bin/index.js", "package.json"];
const PROBE = path.join(__dirname, "fixtures", "patch-probe.cjs");
const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const STACK = `urn:pulumi:prod::audit::pulumi:pulumi:Stack::audit-prod`;

interface Manifest {
  name: string;
  version: string;
  main: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  bundleDependencies?: unknown;
  bundledDependencies?: unknown;
}

/** A key whose policy only enables IAM policies, and a trail that encrypts with it. */
function stackWithUnusableTrailKey(): EngineResource[] {
  const keyArn = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
  const policy = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "Enable IAM User Permissions",
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
        Action: "kms:*",
        Resource: "*",
      },
    ],
  });
  const keyUrn = "urn:pulumi:prod::audit::aws:kms/key:Key::trail-key";
  const keyProps = { description: "trail key", enableKeyRotation: true, policy };
  const trailProps = {
    name: "org-trail",
    s3BucketName: "org-trail-logs",
    isMultiRegionTrail: true,
    kmsKeyId: keyArn,
  };
  return [
    {
      urn: keyUrn,
      type: "aws:kms/key:Key",
      name: "trail-key",
      custom: true,
      parent: STACK,
      dependencies: [],
      propertyDependencies: {},
      inputs: keyProps,
      outputs: { ...keyProps, arn: keyArn, keyId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
    },
    {
      urn: "urn:pulumi:prod::audit::aws:cloudtrail/trail:Trail::org-trail",
      type: "aws:cloudtrail/trail:Trail",
      name: "org-trail",
      custom: true,
      parent: STACK,
      dependencies: [keyUrn],
      propertyDependencies: { kmsKeyId: [keyUrn] },
      inputs: trailProps,
      outputs: { ...trailProps, arn: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-trail` },
    },
  ];
}

/** Starts the installed pack as the CLI does; a pack that cannot start names the module it misses. */
async function startInstalled(packDir: string, env?: Record<string, string>): Promise<AnalyzerClient> {
  try {
    return await AnalyzerClient.start({ packDir, startTimeoutMs: 60_000, ...(env ? { env } : {}) });
  } catch (error) {
    if (!(error instanceof PackError)) throw error;
    const missing = missingModule(error.message);
    throw new Error(
      missing !== undefined
        ? `the installed pack cannot start outside the repository: it requires "${missing}", which its package.json does not bring\n${error.message}`
        : `the installed pack cannot start outside the repository:\n${error.message}`,
      { cause: error },
    );
  }
}

describe("packaging: the policy pack from its tarball, installed outside the repository", function () {
  // npm pack, then npm install from the registry: minutes on a cold cache.
  this.timeout(10 * 60_000);
  let work: string;
  let tarball: Tarball;
  let installed: string;

  before(() => {
    work = tempDir("pack");
    tarball = pack(PACK_DIR, work);
  });
  after(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("the tarball holds the built pack, its manifest, PulumiPolicy.yaml, RULES.md, README and LICENSE", () => {
    assert.equal(fileListDifference(tarball, EXPECTED_FILES), "");
  });

  it("its manifest depends on public packages only, @pulumi/policy pinned to the tested version", () => {
    const manifest = readJson<Manifest>(path.join(extract(tarball, work), "package.json"));
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}).sort(), ["@pulumi/policy", "@pulumi/pulumi"]);
    // The enforcing machine runs a plain `npm install`, devDependencies included: there must be none.
    assert.equal(manifest.devDependencies, undefined, "a published pack must not list devDependencies");
    assert.equal(manifest.bundleDependencies ?? manifest.bundledDependencies, undefined);
    const tested = readJson<{ version: string }>(path.join(ROOT, "node_modules", "@pulumi", "policy", "package.json"));
    assert.equal(manifest.dependencies?.["@pulumi/policy"], tested.version.replace(/^v/, ""));
    assert.equal(manifest.main, "bin/index.js");
  });

  it("installs with `npm install --omit=dev` in an empty folder", () => {
    installed = path.join(work, "package");
    run("npm", ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"], installed, "npm install");
    assert.ok(fs.existsSync(path.join(installed, "node_modules", "@pulumi", "pulumi", "cmd", "run-policy-pack")));
  });

  it("starts as the CLI starts it and reports a trail whose key grants CloudTrail nothing (mandatory)", async () => {
    assert.ok(installed, "the install step failed");
    const client = await startInstalled(installed);
    try {
      const info = await client.getAnalyzerInfo();
      assert.equal(info.name, "kms-guardrails");
      assert.equal(info.version, readJson<Manifest>(path.join(PACK_DIR, "package.json")).version);
      await client.configure({});
      await client.configureStack({ project: "audit", stack: "prod", dryRun: false });
      const { diagnostics } = await client.analyzeStack(stackWithUnusableTrailKey());
      const mandatory = diagnostics.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName);
      assert.ok(
        mandatory.includes("cloudtrail-key-allows-encrypt"),
        `expected cloudtrail-key-allows-encrypt (mandatory), got: ${diagnostics.map((d) => `${d.policyName} ${d.enforcementLevel}`).join(", ") || "nothing"}\n${client.stderrTail()}`,
      );
    } finally {
      await client.close();
    }
  });

  it("its @pulumi/policy patches reach the modules the installed server calls", async () => {
    assert.ok(installed, "the install step failed");
    const client = await startInstalled(installed, { NODE_OPTIONS: `--require ${PROBE}` });
    try {
      await client.getAnalyzerInfo();
      const line = client
        .stderrTail()
        .split("\n")
        .find((l) => l.startsWith("PATCH-PROBE "));
      assert.ok(line, `the probe did not report; pack stderr:\n${client.stderrTail()}`);
      assert.deepEqual(JSON.parse(line.slice("PATCH-PROBE ".length)), {
        deserializeCache: true,
        proxyCache: true,
        stackRequestFilter: true,
        filterRegistered: true,
      });
    } finally {
      await client.close();
    }
  });

  it("a pack that requires a package it does not install is reported by the module's name", async () => {
    assert.ok(installed, "the install step failed");
    // The regression this suite exists for: a pack that still requires the unpublished library.
    const broken = path.join(installed, "broken");
    fs.mkdirSync(broken);
    fs.writeFileSync(
      path.join(broken, "package.json"),
      JSON.stringify({ name: "broken", version: "0.0.1", main: "index.js" }),
    );
    fs.writeFileSync(path.join(broken, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    fs.writeFileSync(path.join(broken, "index.js"), 'require("pulumi-kms-guardrails/engine");\n');
    await assert.rejects(startInstalled(broken), /requires "pulumi-kms-guardrails\/engine"/);
  });
});
