/**
 * The repository as a new user meets it: after `npm ci` at the root, `npx kms-guardrails` runs the
 * workspace's command (never a registry lookup), and every package carries the same Apache-2.0
 * LICENSE as the root.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, readJson, run } from "./npm";

describe("packaging: the repository", () => {
  it("`npx kms-guardrails --version` at the root prints the library's version without the registry", function () {
    this.timeout(60_000);
    const version = readJson<{ version: string }>(path.join(ROOT, "components", "package.json")).version;
    const out = run("npx", ["--no-install", "kms-guardrails", "--version"], ROOT, "npx kms-guardrails --version");
    assert.equal(out.stdout.trim(), version);
  });

  it("LICENSE is the Apache License 2.0, the same file at the root and in both packages", () => {
    const root = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
    assert.match(root, /^\s*Apache License\s+Version 2\.0, January 2004/);
    assert.match(root, /END OF TERMS AND CONDITIONS/);
    for (const dir of ["components", "policypack"]) {
      assert.equal(
        fs.readFileSync(path.join(ROOT, dir, "LICENSE"), "utf8"),
        root,
        `${dir}/LICENSE differs from LICENSE`,
      );
      assert.equal(readJson<{ license: string }>(path.join(ROOT, dir, "package.json")).license, "Apache-2.0");
    }
  });
});
