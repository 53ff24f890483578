/**
 * Records every resource registration a program makes, as the engine would see it, by wrapping the
 * mock monitor's `registerResource` (the mock's own `MockResourceArgs` has no parent, dependencies or
 * property dependencies, and has already decoded the inputs).
 *
 * Preview mode simulates the first preview of a new stack: a resource being created has no ID and its
 * computed outputs are unknown, whatever the mocks return. The program sees those outputs as unknown
 * (so inputs built from them carry the unknown sentinel, as in a real preview) and AnalyzeStack sees
 * them as unknown.
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type * as resourcePb from "@pulumi/pulumi/proto/resource_pb";
import { fromStruct, UNKNOWN, type WireObject } from "./proto-values";
import type { AnalyzerProvider, AnalyzerResourceOptions, EngineResource, SourcePosition } from "./types";

type Callback<T> = (error: Error | null, response?: T) => void;

/** The part of the mock monitor we wrap. */
export interface RecordableMonitor {
  registerResource(
    req: resourcePb.RegisterResourceRequest,
    callback: Callback<resourcePb.RegisterResourceResponse>,
  ): void;
  registerResourceOutputs(req: resourcePb.RegisterResourceOutputsRequest, callback: Callback<unknown>): void;
  invoke(req: unknown, callback: Callback<unknown>): void;
}

export interface RecorderOptions {
  project: string;
  stack: string;
  preview: boolean;
  /** Stack config ("aws:region" -> "us-east-1"): default providers take their package's keys from it. */
  config: Record<string, string>;
  onResource?: (resource: EngineResource) => void;
  /** The program's project folder: a resource's source is the first frame of its stack trace in it. */
  programDir?: string;
}

/** Go duration strings ("1h30m", "90s") as the analyzer's seconds. */
export function durationSeconds(duration: string): number {
  const units: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let seconds = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    seconds += Number(amount) * (units[unit] ?? 0);
  }
  return seconds;
}

function resourceOptions(req: resourcePb.RegisterResourceRequest): AnalyzerResourceOptions {
  const options: AnalyzerResourceOptions = {
    protect: req.getProtect() ?? false,
    ignoreChanges: req.getIgnorechangesList(),
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    // Alias specs without a URN name a previous identity the engine resolves; only URNs are analyzable.
    aliases: [
      ...req.getAliasurnsList(),
      ...req
        .getAliasesList()
        .map((a) => a.getUrn())
        .filter((u) => u),
    ],
  };
  if (req.getDeletebeforereplacedefined()) options.deleteBeforeReplace = req.getDeletebeforereplace();
  const timeouts = req.getCustomtimeouts();
  const [create, update, del] = [timeouts?.getCreate(), timeouts?.getUpdate(), timeouts?.getDelete()];
  // The SDK always sends the message; the CLI forwards timeouts only when one is set.
  if (create || update || del) {
    options.customTimeouts = {
      createSeconds: durationSeconds(create ?? ""),
      updateSeconds: durationSeconds(update ?? ""),
      deleteSeconds: durationSeconds(del ?? ""),
    };
  }
  return options;
}

/**
 * In a preview the engine has not created the resource: no ID, and outputs that are not inputs are
 * unknown. Removing them from the mock's answer makes the SDK treat them as unknown. Returns their keys.
 */
function hideComputedOutputs(inputs: WireObject, response: resourcePb.RegisterResourceResponse): string[] {
  response.setId("");
  const fields = response.getObject()?.getFieldsMap();
  if (!fields) return [];
  const computed = Array.from(fields.keys()).filter((key) => !(key in inputs));
  for (const key of computed) fields.del(key);
  return computed;
}

/**
 * The first frame of the registration's stack trace (the SDK's `stackTrace`, source-mapped by ts-node) in
 * `programDir` and not in node_modules: for a resource a component creates, the line that creates the
 * component. Falls back to the SDK's `sourcePosition` when no program folder is given.
 */
function declaredAt(
  req: resourcePb.RegisterResourceRequest,
  programDir: string | undefined,
): SourcePosition | undefined {
  const toPosition = (pos: { getUri(): string; getLine(): number; getColumn(): number } | undefined) => {
    if (!pos?.getUri().startsWith("file:")) return undefined;
    return { file: fileURLToPath(pos.getUri()), line: pos.getLine(), column: pos.getColumn() };
  };
  if (programDir === undefined) return toPosition(req.getSourceposition());
  const root = programDir + path.sep;
  for (const frame of req.getStacktrace()?.getFramesList() ?? []) {
    const position = toPosition(frame.getPc());
    if (position?.file.startsWith(root) && !position.file.includes(`${path.sep}node_modules${path.sep}`)) {
      return position;
    }
  }
  return undefined;
}

export class RegistrationRecorder {
  /** Registrations in the order the program made them; filled in when the monitor answers. */
  private readonly slots: (EngineResource | undefined)[] = [];
  private readonly componentOutputs = new Map<string, WireObject>();
  private readonly providersByRef = new Map<string, AnalyzerProvider>();
  /** Each resource's provider reference ("urn::id", empty for the default provider) and package version. */
  private readonly providerRefs = new Map<EngineResource, { ref: string; version: string }>();

  constructor(private readonly options: RecorderOptions) {}

  install(monitor: RecordableMonitor): void {
    const register = monitor.registerResource.bind(monitor);
    const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
    monitor.registerResource = (req, callback) => {
      const slot = this.slots.length;
      this.slots.push(undefined);
      register(req, (error, response) => {
        if (!error && response) this.record(slot, req, response);
        callback(error, response);
      });
    };
    // The mock monitor answers an invoke in the same turn; the engine answers over gRPC, after I/O. A program
    // that awaits an invoke between two resources must see that, or it passes here and fails in a preview
    // (AuditKey renders its policy at the end of the turn that constructed it).
    const invoke = monitor.invoke.bind(monitor);
    monitor.invoke = (req, callback) => {
      invoke(req, (error, response) => setImmediate(() => callback(error, response)));
    };
    monitor.registerResourceOutputs = (req, callback) => {
      this.componentOutputs.set(req.getUrn(), fromStruct(req.getOutputs()));
      registerOutputs(req, callback);
    };
  }

  private record(
    slot: number,
    req: resourcePb.RegisterResourceRequest,
    response: resourcePb.RegisterResourceResponse,
  ): void {
    const inputs = fromStruct(req.getObject());
    const computed = this.options.preview && req.getCustom() ? hideComputedOutputs(inputs, response) : [];
    const outputs: WireObject = { ...inputs, ...fromStruct(response.getObject()) };
    for (const key of computed) outputs[key] = UNKNOWN;
    const propertyDependencies: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    const resource: EngineResource = {
      urn: response.getUrn(),
      type: req.getType(),
      name: req.getName(),
      custom: req.getCustom(),
      dependencies: req.getDependenciesList(),
      propertyDependencies,
      inputs,
      outputs,
      options: resourceOptions(req),
    };
    if (req.getParent()) resource.parent = req.getParent();
    const source = declaredAt(req, this.options.programDir);
    if (source) resource.source = source;
    if (req.getType().startsWith("pulumi:providers:")) {
      this.providersByRef.set(resource.urn, {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        properties: inputs,
      });
    }
    this.slots[slot] = resource;
    this.providerRefs.set(resource, { ref: req.getProvider(), version: req.getVersion() });
    this.options.onResource?.(resource);
  }

  /**
   * The recorded resources, with the default provider of each package inserted before its first user
   * (the engine creates `default_<version>` providers itself; programs never register them).
   */
  resources(): EngineResource[] {
    const result: EngineResource[] = [];
    const defaults = new Map<string, AnalyzerProvider>();
    const byUrn = new Map<string, EngineResource>();
    for (const resource of this.slots) {
      if (!resource) continue;
      byUrn.set(resource.urn, resource);
      // Created where no program frame is on the stack (in a component, an apply): where its parent is.
      const inherited = resource.parent ? byUrn.get(resource.parent)?.source : undefined;
      if (!resource.source && inherited) resource.source = inherited;
      const outputs = this.componentOutputs.get(resource.urn);
      if (outputs && !resource.custom) resource.outputs = outputs;
      const pending = this.providerRefs.get(resource);
      if (pending && resource.custom && !resource.type.startsWith("pulumi:")) {
        const explicit = pending.ref
          ? this.providersByRef.get(pending.ref.split("::").slice(0, -1).join("::"))
          : undefined;
        if (explicit) resource.provider = explicit;
        else {
          const pkg = resource.type.split(":")[0];
          const key = `${pkg}@${pending.version}`;
          let provider = defaults.get(key);
          if (!provider) {
            provider = this.defaultProvider(pkg, pending.version);
            defaults.set(key, provider);
            result.push(this.providerResource(provider));
          }
          resource.provider = provider;
        }
      }
      result.push(resource);
    }
    return result;
  }

  private defaultProvider(pkg: string, version: string): AnalyzerProvider {
    const properties: WireObject = {};
    for (const [key, value] of Object.entries(this.options.config)) {
      if (key.startsWith(`${pkg}:`)) properties[key.slice(pkg.length + 1)] = value;
    }
    if (version) properties["version"] = version;
    const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
    const type = `pulumi:providers:${pkg}`;
    const { project, stack } = this.options;
    return { urn: `urn:pulumi:${stack}::${project}::${type}::${name}`, type, name, properties };
  }

  private providerResource(provider: AnalyzerProvider): EngineResource {
    return {
      urn: provider.urn,
      type: provider.type,
      name: provider.name,
      custom: true,
      dependencies: [],
      propertyDependencies: {},
      inputs: provider.properties,
      outputs: provider.properties,
      options: {},
    };
  }
}
