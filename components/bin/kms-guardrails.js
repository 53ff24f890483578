#!/usr/bin/env node
// The `kms-guardrails` command. A committed file, so that npm can link it (and mark it executable)
// before the TypeScript is compiled: `npm ci` links bins first and builds dist/ afterwards.
// Everything else, --version and --help included, is dist/preflight/cli.js.
"use strict";
const path = require("node:path");

const LIBRARY_ROOT = path.join(__dirname, "..");

let cli;
try {
  cli = require(path.join(LIBRARY_ROOT, "dist", "preflight", "cli.js"));
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && String(error.message).includes("cli.js")) {
    process.stderr.write(`kms-guardrails: ${LIBRARY_ROOT} is not built: run \`npm run build\` there\n`);
    process.exit(2);
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => {
  // Exit explicitly: the Pulumi runtime can leave handles open, and the report must be flushed first.
  process.stdout.write("", () => process.exit(code));
});
