// --stack NAME and -c key=value: the program sees the stack's config through @pulumi/pulumi Config, as under
// `pulumi preview --stack NAME -c key=value`; a secret cannot be read offline and says how to override it.
import { strict as assert } from "node:assert";
import { locateProgram } from "../../components/src/preflight/program";
import { readStackConfig } from "../../components/src/preflight/stack-config";
import { TINY_PACK, removeProgram, runCli, writeProgram } from "./preflight-helpers";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";

class Bucket extends pulumi.CustomResource {
  constructor(name: string, args: Record<string, unknown>) {
    super("test:index:Bucket", name, args);
  }
}

const config = new pulumi.Config();
new Bucket("site-content", {
  acl: config.require("acl"),
  copies: config.requireNumber("copies"),
  tags: config.requireObject<Record<string, string>>("tags"),
  region: new pulumi.Config("aws").require("region"),
});
`;

const FILES = {
  "Pulumi.yaml": "name: shop\nruntime: nodejs\nconfig:\n  copies:\n    type: integer\n    default: 2\n",
  "Pulumi.dev.yaml": "config:\n  shop:acl: public-read\n  shop:tags:\n    team: web\n  aws:region: eu-west-1\n",
  "Pulumi.prod.yaml":
    "config:\n  shop:acl: private\n  shop:dbPassword:\n    secure: v1:c2VjcmV0:AAAA\n  aws:region: eu-west-1\n",
  "index.ts": PROGRAM,
};

describe("preflight: stack config (--stack, -c) (e2e)", function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = writeProgram(FILES);
  });
  after(() => removeProgram(dir));

  it("reads the project's defaults, Pulumi.<stack>.yaml, then each -c, namespaced as the CLI does", () => {
    const { values } = readStackConfig(locateProgram(dir), "dev", ["copies=3", "aws:profile=ci"]);
    assert.deepEqual(values, {
      "shop:copies": "3",
      "shop:acl": "public-read",
      "shop:tags": '{"team":"web"}',
      "aws:region": "eu-west-1",
      "aws:profile": "ci",
    });
    assert.deepEqual(readStackConfig(locateProgram(dir), undefined, []).values, { "shop:copies": "2" });
  });

  it("the program reads them through Config; --region may come from aws:region; -c overrides", async () => {
    const dev = await runCli(
      "preflight",
      dir,
      "--account",
      "111122223333",
      "--stack",
      "dev",
      "--pack",
      TINY_PACK,
      "--json",
      "--quiet",
    );
    assert.equal(dev.code, 1, dev.stdout);
    const result = JSON.parse(dev.stdout) as {
      program: { stack: string };
      findings: { policyName: string; name: string }[];
    };
    assert.equal(result.program.stack, "dev");
    assert.ok(result.findings.some((f) => f.policyName === "tiny-no-public-bucket" && f.name === "site-content"));
    const overridden = await runCli(
      "preflight",
      dir,
      "--account",
      "111122223333",
      "--stack",
      "dev",
      "-c",
      "acl=private",
      "--pack",
      TINY_PACK,
      "--quiet",
    );
    assert.equal(overridden.code, 0, overridden.stderr);
  });

  it("a required value missing: the program's own error, as in a preview", async () => {
    const run = await runCli(
      "preflight",
      dir,
      "--account",
      "111122223333",
      "--region",
      "eu-west-1",
      "--pack",
      TINY_PACK,
      "--json",
      "--quiet",
    );
    const { error } = JSON.parse(run.stdout) as { error: { code: string; message: string } };
    assert.equal(error.code, "program-failed");
    assert.match(error.message, /Missing required configuration variable 'shop:acl'/);
  });

  it("a secure: value is an error naming the key and the -c that replaces it; with that -c it runs", async () => {
    const args = ["preflight", dir, "--account", "111122223333", "--stack", "prod", "--pack", TINY_PACK, "--quiet"];
    const secret = await runCli(...args, "--json");
    assert.equal(secret.code, 2);
    assert.deepEqual(JSON.parse(secret.stdout), {
      error: {
        code: "stack-config",
        message:
          'Pulumi.prod.yaml: "shop:dbPassword" is a secret (secure:), which preflight cannot decrypt offline; ' +
          "give a stand-in value with -c shop:dbPassword=<value>",
      },
    });
    const replaced = await runCli(...args, "-c", "shop:dbPassword=stand-in", "-c", "tags={}");
    assert.equal(replaced.code, 0, replaced.stderr);
  });

  it("--region that disagrees with the stack's aws:region is a usage error", async () => {
    const run = await runCli(
      "preflight",
      dir,
      "--account",
      "111122223333",
      "--region",
      "us-east-1",
      "--stack",
      "dev",
      "--json",
    );
    assert.deepEqual(JSON.parse(run.stdout), {
      error: { code: "usage", message: "--region us-east-1 disagrees with aws:region eu-west-1 of the stack config" },
    });
  });
});
