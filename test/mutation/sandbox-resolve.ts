/**
 * Stryker mutates a copy of the repository in `.stryker-tmp/sandbox-*` and links the sandbox's
 * node_modules to ours, where `pulumi-kms-guardrails` is a link to the original `components/`:
 * tests importing `pulumi-kms-guardrails/engine` would run the unmutated engine. Every module
 * resolved into the original `components/` is redirected to the sandbox's copy. Required before
 * any test module (stryker.config.json), so no module is loaded from the original first.
 */
import Module from "node:module";
import path from "node:path";

type Resolve = (request: string, parent: unknown, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const original = loader._resolveFilename;
const sandboxComponents = path.join(process.cwd(), "components") + path.sep;
const linkedComponents = path.dirname(original("pulumi-kms-guardrails/package.json", module)) + path.sep;

if (linkedComponents !== sandboxComponents) {
  loader._resolveFilename = function (request, parent, ...rest) {
    const resolved = original.call(this, request, parent, ...rest);
    return resolved.startsWith(linkedComponents)
      ? sandboxComponents + resolved.slice(linkedComponents.length)
      : resolved;
  };
}
