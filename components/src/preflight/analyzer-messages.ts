/**
 * Builds the analyzer requests the engine sends and reads the pack's answers, as plain data in and out.
 * Requests can be encoded once and sent many times ({@link EncodedRequest}), so a benchmark can send
 * byte-identical requests to two packs.
 */
import type * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type { PulumiProtocol } from "./pulumi-modules";
import { downgradeResourceReferences, fromStruct, isWireObject, toStruct, type WireObject } from "./proto-values";
import {
  ENFORCEMENT_LEVEL_WIRE,
  enforcementLevelFromWire,
  type AnalyzeResult,
  type AnalyzerInfo,
  type AnalyzerProvider,
  type AnalyzerResourceOptions,
  type Diagnostic,
  type EngineResource,
  type NotApplicable,
  type PolicyInfo,
  type RemediateResult,
  type ResolvedPolicyConfig,
  type Severity,
} from "./types";

/** The answer each analyzer method decodes to. */
export interface AnalyzerResponses {
  getAnalyzerInfo: AnalyzerInfo;
  configure: void;
  configureStack: void;
  analyze: AnalyzeResult;
  remediate: RemediateResult;
  analyzeStack: AnalyzeResult;
}
export type AnalyzerMethod = keyof AnalyzerResponses;

/** A serialized request for one method: send it with `AnalyzerClient.send`, as often as you like. */
export interface EncodedRequest<M extends AnalyzerMethod = AnalyzerMethod> {
  method: M;
  bytes: Uint8Array;
}

/** The stack the pack is told about in ConfigureStack (the engine sends it before any analysis). */
export interface StackInfo {
  project: string;
  stack: string;
  organization?: string;
  dryRun: boolean;
  config?: Record<string, string>;
  tags?: Record<string, string>;
}

type Pb = PulumiProtocol;

function encodeOptions(pb: Pb, options: AnalyzerResourceOptions | undefined): analyzerPb.AnalyzerResourceOptions {
  // @pulumi/policy rejects a request without options ("A more recent version of the Pulumi CLI is
  // required"), so an empty message is always sent.
  const msg = new pb.analyzer.AnalyzerResourceOptions();
  if (!options) return msg;
  msg.setProtect(options.protect ?? false);
  msg.setIgnorechangesList(options.ignoreChanges ?? []);
  if (options.deleteBeforeReplace !== undefined) {
    msg.setDeletebeforereplace(options.deleteBeforeReplace);
    msg.setDeletebeforereplacedefined(true);
  }
  msg.setAdditionalsecretoutputsList(options.additionalSecretOutputs ?? []);
  msg.setAliasesList(options.aliases ?? []);
  if (options.customTimeouts) {
    const timeouts = new pb.analyzer.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(options.customTimeouts.createSeconds);
    timeouts.setUpdate(options.customTimeouts.updateSeconds);
    timeouts.setDelete(options.customTimeouts.deleteSeconds);
    msg.setCustomtimeouts(timeouts);
  }
  if (options.parent) msg.setParent(options.parent);
  return msg;
}

function encodeProvider(pb: Pb, provider: AnalyzerProvider): analyzerPb.AnalyzerProviderResource {
  const msg = new pb.analyzer.AnalyzerProviderResource();
  msg.setType(provider.type);
  msg.setName(provider.name);
  msg.setUrn(provider.urn);
  msg.setProperties(toStruct(pb.struct.Struct, engineView(provider.properties)));
  return msg;
}

/** Properties as the engine marshals them for analyzers (resource references downgraded). */
function engineView(properties: WireObject): WireObject {
  const view = downgradeResourceReferences(properties);
  return isWireObject(view) ? view : {};
}

function analyzeRequest(pb: Pb, resource: EngineResource): analyzerPb.AnalyzeRequest {
  const msg = new pb.analyzer.AnalyzeRequest();
  msg.setUrn(resource.urn);
  msg.setType(resource.type);
  msg.setName(resource.name);
  msg.setProperties(toStruct(pb.struct.Struct, engineView(resource.inputs)));
  msg.setOptions(encodeOptions(pb, { ...resource.options, parent: resource.parent }));
  if (resource.provider) msg.setProvider(encodeProvider(pb, resource.provider));
  return msg;
}

function stackResource(pb: Pb, resource: EngineResource): analyzerPb.AnalyzerResource {
  const msg = new pb.analyzer.AnalyzerResource();
  msg.setUrn(resource.urn);
  msg.setType(resource.type);
  msg.setName(resource.name);
  msg.setProperties(toStruct(pb.struct.Struct, engineView(resource.outputs)));
  msg.setOptions(encodeOptions(pb, { ...resource.options, parent: resource.parent }));
  if (resource.provider) msg.setProvider(encodeProvider(pb, resource.provider));
  if (resource.parent) msg.setParent(resource.parent);
  msg.setDependenciesList(resource.dependencies);
  const deps = msg.getPropertydependenciesMap();
  for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
    const entry = new pb.analyzer.AnalyzerPropertyDependencies();
    entry.setUrnsList(urns);
    deps.set(property, entry);
  }
  return msg;
}

function encoded<M extends AnalyzerMethod>(method: M, message: { serializeBinary(): Uint8Array }): EncodedRequest<M> {
  return { method, bytes: message.serializeBinary() };
}

export function encodeGetAnalyzerInfo(pb: Pb): EncodedRequest<"getAnalyzerInfo"> {
  return encoded("getAnalyzerInfo", new pb.empty.Empty());
}

/** Analyze and Remediate take the same request: the resource's inputs. */
export function encodeAnalyze(pb: Pb, resource: EngineResource): EncodedRequest<"analyze"> {
  return encoded("analyze", analyzeRequest(pb, resource));
}

export function encodeRemediate(pb: Pb, resource: EngineResource): EncodedRequest<"remediate"> {
  return encoded("remediate", analyzeRequest(pb, resource));
}

export function encodeAnalyzeStack(pb: Pb, resources: readonly EngineResource[]): EncodedRequest<"analyzeStack"> {
  const msg = new pb.analyzer.AnalyzeStackRequest();
  msg.setResourcesList(resources.map((r) => stackResource(pb, r)));
  return encoded("analyzeStack", msg);
}

export function encodeConfigure(
  pb: Pb,
  config: Readonly<Record<string, ResolvedPolicyConfig>>,
): EncodedRequest<"configure"> {
  const msg = new pb.analyzer.ConfigureAnalyzerRequest();
  const map = msg.getPolicyconfigMap();
  for (const [policy, entry] of Object.entries(config)) {
    const policyConfig = new pb.analyzer.PolicyConfig();
    policyConfig.setEnforcementlevel(ENFORCEMENT_LEVEL_WIRE[entry.enforcementLevel] as analyzerPb.EnforcementLevel);
    policyConfig.setProperties(toStruct(pb.struct.Struct, entry.properties));
    map.set(policy, policyConfig);
  }
  return encoded("configure", msg);
}

export function encodeConfigureStack(pb: Pb, stack: StackInfo): EncodedRequest<"configureStack"> {
  const msg = new pb.analyzer.AnalyzerStackConfigureRequest();
  msg.setProject(stack.project);
  msg.setStack(stack.stack);
  msg.setOrganization(stack.organization ?? "organization");
  msg.setDryRun(stack.dryRun);
  for (const [k, v] of Object.entries(stack.config ?? {})) msg.getConfigMap().set(k, v);
  for (const [k, v] of Object.entries(stack.tags ?? {})) msg.getTagsMap().set(k, v);
  return encoded("configureStack", msg);
}

const SEVERITIES: Readonly<Record<number, Severity>> = { 1: "low", 2: "medium", 3: "high", 4: "critical" };

function decodeNotApplicable(list: analyzerPb.PolicyNotApplicable[]): NotApplicable[] {
  return list.map((n) => ({ policyName: n.getPolicyName(), reason: n.getReason() }));
}

function decodeDiagnostic(d: analyzerPb.AnalyzeDiagnostic): Diagnostic {
  const diagnostic: Diagnostic = {
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: enforcementLevelFromWire(d.getEnforcementlevel()),
    urn: d.getUrn(),
  };
  const severity = SEVERITIES[d.getSeverity()];
  if (severity) diagnostic.severity = severity;
  return diagnostic;
}

function decodePolicy(p: analyzerPb.PolicyInfo): PolicyInfo {
  const policyTypes = { 1: "resource", 2: "stack" } as const;
  const info: PolicyInfo = {
    name: p.getName(),
    displayName: p.getDisplayname(),
    description: p.getDescription(),
    enforcementLevel: enforcementLevelFromWire(p.getEnforcementlevel()),
    policyType: policyTypes[p.getPolicyType() as 1 | 2] ?? "unknown",
  };
  const severity = SEVERITIES[p.getSeverity()];
  if (severity) info.severity = severity;
  if (p.getUrl()) info.url = p.getUrl();
  const schema = p.getConfigschema();
  if (schema)
    info.configSchema = { properties: fromStruct(schema.getProperties()), required: schema.getRequiredList() };
  return info;
}

export const decoders: { [M in AnalyzerMethod]: (pb: Pb, bytes: Uint8Array) => AnalyzerResponses[M] } = {
  getAnalyzerInfo(pb, bytes) {
    const info = pb.analyzer.AnalyzerInfo.deserializeBinary(bytes);
    const initialConfig: AnalyzerInfo["initialConfig"] = {};
    info.getInitialconfigMap().forEach((entry, policy) => {
      initialConfig[policy] = {
        enforcementLevel: enforcementLevelFromWire(entry.getEnforcementlevel()),
        properties: fromStruct(entry.getProperties()),
      };
    });
    return {
      name: info.getName(),
      displayName: info.getDisplayname(),
      version: info.getVersion(),
      supportsConfig: info.getSupportsconfig(),
      policies: info.getPoliciesList().map(decodePolicy),
      initialConfig,
    };
  },
  configure() {},
  configureStack() {},
  analyze(pb, bytes) {
    const resp = pb.analyzer.AnalyzeResponse.deserializeBinary(bytes);
    return {
      diagnostics: resp.getDiagnosticsList().map(decodeDiagnostic),
      notApplicable: decodeNotApplicable(resp.getNotApplicableList()),
    };
  },
  analyzeStack(pb, bytes) {
    return decoders.analyze(pb, bytes);
  },
  remediate(pb, bytes) {
    const resp = pb.analyzer.RemediateResponse.deserializeBinary(bytes);
    return {
      remediations: resp.getRemediationsList().map((r) => {
        const properties = r.getProperties();
        return {
          policyName: r.getPolicyname(),
          description: r.getDescription(),
          ...(properties ? { properties: fromStruct(properties) } : {}),
          ...(r.getDiagnostic() ? { diagnostic: r.getDiagnostic() } : {}),
        };
      }),
      notApplicable: decodeNotApplicable(resp.getNotApplicableList()),
    };
  },
};

/** The gRPC path of each method, from the generated service definition. */
export function methodPath(pb: Pb, method: AnalyzerMethod): string {
  return pb.analyzerService[method].path;
}
