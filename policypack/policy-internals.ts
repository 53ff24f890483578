/**
 * The @pulumi/policy module objects the pack patches (server-cache.ts, stack-request-filter.ts),
 * loaded through @pulumi/policy's own `require`, so they are the very objects its server calls
 * through (server.js: `deserialize_1.deserializeProperties(...)`, `analyzerrpc.AnalyzerService`).
 *
 * Not namespace imports: the published pack is bundled (scripts/bundle-pack.ts), and a bundler
 * wraps an external CommonJS module in a copy with read-only getters (esbuild's `__toESM`), so a
 * patch written on the copy would never reach the server. The shapes relied on here are checked
 * against the installed @pulumi/policy by test/packaging/policy-internals.test.ts; @pulumi/policy is
 * pinned exactly in policypack/package.json.
 */
import { createRequire } from "node:module";

/** `request` as @pulumi/policy's index.js would require it ("./deserialize", "@pulumi/pulumi/..."); undefined if absent. */
export function policyInternal<T>(request: string): T | undefined {
  try {
    return createRequire(require.resolve("@pulumi/policy"))(request) as T;
  } catch {
    return undefined;
  }
}

/**
 * A method of the analyzer service definition the server registers (`AnalyzerService.<name>`, from
 * the @pulumi/pulumi that @pulumi/policy itself loads: a second copy would be a different object).
 * grpc-js reads its `requestDeserialize` and `responseSerialize` when the PolicyPack registers the
 * service, so a patch must be installed before the PolicyPack is constructed.
 */
export function analyzerMethod<T>(name: string): T | undefined {
  const grpcPb = policyInternal<{ AnalyzerService?: Record<string, unknown> }>("@pulumi/pulumi/proto/analyzer_grpc_pb");
  return grpcPb?.AnalyzerService?.[name] as T | undefined;
}
