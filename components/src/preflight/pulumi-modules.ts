/**
 * Loads the gRPC and protobuf modules that a given @pulumi/pulumi installation uses.
 *
 * The generated stubs check `arg instanceof AnalyzeRequest` (and `Empty`, `Struct`) before serializing,
 * and @grpc/grpc-js keeps per-copy state; a second copy of either fails in confusing ways. So every
 * module here is required by the path that @pulumi/pulumi itself resolves, and only types are imported
 * statically.
 */
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as analyzerGrpcPb from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";
import type * as emptyPb from "google-protobuf/google/protobuf/empty_pb";

export interface PulumiProtocol {
  /** The folder of the @pulumi/pulumi package these modules belong to. */
  pulumiDir: string;
  /** `@pulumi/pulumi/cmd/run-policy-pack`, the launcher the CLI runs for Node.js policy packs. */
  runPolicyPack: string;
  grpc: typeof grpc;
  analyzer: typeof analyzerPb;
  analyzerService: typeof analyzerGrpcPb.AnalyzerService;
  plugin: typeof pluginPb;
  struct: typeof structPb;
  empty: typeof emptyPb;
}

const cache = new Map<string, PulumiProtocol>();

/** The folder of the @pulumi/pulumi that code in `fromDir` would load. */
export function resolvePulumiDir(fromDir: string): string {
  const load = createRequire(path.join(fromDir, "noop.js"));
  try {
    return path.dirname(load.resolve("@pulumi/pulumi/package.json"));
  } catch {
    throw new Error(`@pulumi/pulumi is not installed where ${fromDir} can load it (run npm install there)`);
  }
}

/** The protocol modules of the @pulumi/pulumi that code in `fromDir` resolves (cached per installation). */
export function loadPulumiProtocol(fromDir: string = __dirname): PulumiProtocol {
  const pulumiDir = resolvePulumiDir(fromDir);
  const cached = cache.get(pulumiDir);
  if (cached) return cached;
  const load = createRequire(path.join(pulumiDir, "package.json"));
  const protocol: PulumiProtocol = {
    pulumiDir,
    runPolicyPack: load.resolve("./cmd/run-policy-pack"),
    grpc: load("@grpc/grpc-js") as typeof grpc,
    analyzer: load("./proto/analyzer_pb") as typeof analyzerPb,
    analyzerService: (load("./proto/analyzer_grpc_pb") as typeof analyzerGrpcPb).AnalyzerService,
    plugin: load("./proto/plugin_pb") as typeof pluginPb,
    struct: load("google-protobuf/google/protobuf/struct_pb") as typeof structPb,
    empty: load("google-protobuf/google/protobuf/empty_pb") as typeof emptyPb,
  };
  cache.set(pulumiDir, protocol);
  return protocol;
}
