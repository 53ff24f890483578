/** startPack: a pack that is not built fails with what to run, never a skip. */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { assertPackBuilt, NOT_BUILT, PACK_DIR, startPack } from "./start-pack";

describe("startPack", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "start-pack-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a pack whose main is still TypeScript: rejects with the command to run", async () => {
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "p", version: "1.0.0", main: "index.ts" }));
    fs.writeFileSync(path.join(dir, "index.ts"), "");
    await assert.rejects(startPack(dir), { message: NOT_BUILT });
    assert.equal(NOT_BUILT, "the pack is not built: run npm run build");
  });

  it("a pack whose main does not exist, or no package.json: the same", async () => {
    await assert.rejects(startPack(dir), { message: NOT_BUILT });
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "p", version: "1.0.0", main: "bin/index.js" }),
    );
    assert.throws(() => assertPackBuilt(dir), { message: NOT_BUILT });
  });

  it("a compiled entry passes the check (the repository's pack after npm run build)", () => {
    fs.mkdirSync(path.join(dir, "bin"));
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "p", version: "1.0.0", main: "bin/index.js" }),
    );
    fs.writeFileSync(path.join(dir, "bin", "index.js"), "");
    assert.doesNotThrow(() => assertPackBuilt(dir));
    assert.ok(PACK_DIR.endsWith(`${path.sep}policypack`));
  });
});
