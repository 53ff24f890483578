/**
 * The components package as a Pulumi plugin, started the way the Pulumi CLI starts a Node.js
 * source-based plugin: `node <@pulumi/pulumi/cmd/run-plugin> <package dir> <engine address>` in the
 * package's folder; the host prints its gRPC port on stdout. Used by the plugin tests, the schema
 * generator (`npm run generate:schema`) and the GetSchema benchmark. Needs the compiled package
 * (`npm run build`): the host loads `dist/index.js`, the schema analyzer reads `src/` through
 * `components/tsconfig.json`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpc from "@grpc/grpc-js";
import type * as providerGrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerPb from "@pulumi/pulumi/proto/provider_pb";

export const COMPONENTS_DIR = path.resolve(__dirname, "..", "components");
/** The committed golden schema: what `pulumi package add` generates SDKs from. */
export const GOLDEN_SCHEMA = path.join(COMPONENTS_DIR, "schema.json");

/** The @pulumi/pulumi the plugin host runs with (resolved from the package), and its gRPC modules. */
export function pluginProtocol() {
  const load = createRequire(path.join(COMPONENTS_DIR, "package.json"));
  const pulumiDir = path.dirname(load.resolve("@pulumi/pulumi/package.json"));
  const fromPulumi = createRequire(path.join(pulumiDir, "package.json"));
  return {
    pulumiDir,
    version: (fromPulumi("./package.json") as { version: string }).version,
    runPlugin: fromPulumi.resolve("./cmd/run-plugin"),
    grpc: fromPulumi("@grpc/grpc-js") as typeof grpc,
    provider: fromPulumi("./proto/provider_pb") as typeof providerPb,
    providerService: fromPulumi("./proto/provider_grpc_pb") as typeof providerGrpc,
    load: fromPulumi,
  };
}

export type PluginProtocol = ReturnType<typeof pluginProtocol>;

/** A running plugin host and a client of its ResourceProvider service. */
export interface PluginHost {
  readonly port: number;
  /** Spawn to printed port, in ms. */
  readonly startMs: number;
  readonly client: providerGrpc.ResourceProviderClient;
  /** What the host wrote to stderr so far. */
  stderr(): string;
  stop(): void;
}

/** Starts the host with `engineAddress` (the engine it logs to). */
export async function startPluginHost(engineAddress: string, timeoutMs = 120_000): Promise<PluginHost> {
  const protocol = pluginProtocol();
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, [protocol.runPlugin, COMPONENTS_DIR, engineAddress], {
    cwd: COMPONENTS_DIR,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the plugin host printed no port in ${timeoutMs} ms\n${stderr}`)),
      timeoutMs,
    );
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n")[0].trim();
      if (out.includes("\n") || /^\d+$/.test(line)) {
        clearTimeout(timer);
        resolve(Number(line));
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the plugin host exited (${code}) before printing its port\n${stderr}`));
    });
  });
  const client = new protocol.providerService.ResourceProviderClient(
    `127.0.0.1:${port}`,
    protocol.grpc.credentials.createInsecure(),
  );
  return {
    port,
    startMs: Date.now() - started,
    client,
    stderr: () => stderr,
    stop: () => {
      client.close();
      child.kill();
    },
  };
}

/** GetSchema over gRPC: the schema the host infers from the exported components, parsed. */
export function getSchema(host: PluginHost): Promise<Record<string, unknown>> {
  const protocol = pluginProtocol();
  return new Promise((resolve, reject) => {
    host.client.getSchema(new protocol.provider.GetSchemaRequest(), (error, response) => {
      if (error !== null) reject(new Error(`GetSchema failed: ${error.details || error.message}\n${host.stderr()}`));
      else resolve(JSON.parse(response.getSchema()) as Record<string, unknown>);
    });
  });
}

/** The schema as committed: stable key order, two-space indent, final newline. */
export function formatSchema(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
