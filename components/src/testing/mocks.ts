/**
 * Running a Pulumi program offline: mocks for `pulumi.runtime.setMocks` that answer the AWS invokes
 * the components read (caller identity, Region, partition, organization) and give the resources they
 * create the outputs AWS would compute (ARNs, ids, names; for AWS Native types see
 * aws-native-outputs.ts), plus a recorder of every registration (type, name, parent, dependencies,
 * inputs) for wiring assertions.
 *
 * Used by the component tests and by the offline preflight (which runs a user's program without a
 * Pulumi CLI or AWS credentials and checks the key policies it renders).
 *
 * Preview behaves like the engine: in a dry run (`setMocks(..., preview = true)`) a resource's
 * outputs are its inputs and nothing computed, so an ARN read from a created resource is unknown;
 * invokes are answered as in an update. A value that is still known in preview was computed from
 * invokes and inputs only, which is what the components promise for their key policies.
 *
 * @example
 * ```ts
 * const mocks = new GuardrailsMocks({ account: "111122223333", region: "eu-west-1" });
 * await pulumi.runtime.setMocks(mocks, "project", "stack", false);
 * const registrations = recordRegistrations();
 * const trail = new EncryptedTrail("audit");
 * ```
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { awsNativeInvoke, awsNativeOutputs } from "./aws-native-outputs";

/** Where the mocked program runs and how the mocks behave. */
export interface GuardrailsMocksOptions {
  /** Caller identity account. Default `123456789012`. */
  readonly account?: string;
  /** Provider Region. Default `us-east-1`. */
  readonly region?: string;
  /** Partition. Default `aws`. */
  readonly partition?: string;
  /** Caller identity ARN. Default `arn:PARTITION:iam::ACCOUNT:role/deployer`. */
  readonly callerArn?: string;
  /** `aws.organizations.getOrganization` id. Default `o-exampleorg1`. */
  readonly organizationId?: string;
  /** The organization's management account. Default: `account`. */
  readonly managementAccount?: string;
  /** Compute resource outputs in preview too (unlike the engine). Default false. */
  readonly knownOutputsInPreview?: boolean;
  /**
   * Whether the program runs a preview: give the `preview` passed to `setMocks` when the program
   * loads another copy of @pulumi/pulumi than this package. Default: this package's
   * `pulumi.runtime.isDryRun()`.
   */
  readonly preview?: boolean;
  /** Answers for other invokes, by token, e.g. `aws:ec2/getAmi:getAmi`. */
  readonly calls?: Readonly<Record<string, (inputs: Record<string, unknown>) => Record<string, unknown>>>;
}

type State = Record<string, unknown>;

/** The `pulumi.runtime.Mocks` of pulumi-kms-guardrails. */
export class GuardrailsMocks implements pulumi.runtime.Mocks {
  /** The caller identity account. */
  readonly account: string;
  /** The provider Region. */
  readonly region: string;
  /** The partition. */
  readonly partition: string;
  /** Every `newResource` call, in order (components included). */
  readonly resources: pulumi.runtime.MockResourceArgs[] = [];
  /** Every invoke, in order. */
  readonly calls: pulumi.runtime.MockCallArgs[] = [];
  /** Tokens of invokes nobody answered (they returned `{}`). */
  readonly unansweredCalls: string[] = [];
  private readonly options: GuardrailsMocksOptions;

  /** Mocks for `options` (defaults: account 123456789012, us-east-1, aws). */
  constructor(options: GuardrailsMocksOptions = {}) {
    this.options = options;
    this.account = options.account ?? "123456789012";
    this.region = options.region ?? "us-east-1";
    this.partition = options.partition ?? "aws";
  }

  /**
   * Answers the invokes (AWS Native's getAccountId, getRegion and getPartition too); an unknown token
   * returns `{}` and is listed in `unansweredCalls`.
   */
  call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
    this.calls.push(args);
    const custom = this.options.calls?.[args.token];
    if (custom !== undefined) return custom(args.inputs as Record<string, unknown>);
    const { account, region, partition } = this;
    switch (args.token) {
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return {
          accountId: account,
          id: account,
          arn: this.options.callerArn ?? `arn:${partition}:iam::${account}:role/deployer`,
          userId: "AROAEXAMPLEDEPLOYER:session",
        };
      case "aws:index/getRegion:getRegion":
        return { region, name: region, id: region, description: region, endpoint: `${region}.${dnsSuffix(partition)}` };
      case "aws:index/getPartition:getPartition":
        return { partition, id: partition, dnsSuffix: dnsSuffix(partition), reverseDnsPrefix: "com.amazonaws" };
      case "aws:organizations/getOrganization:getOrganization": {
        const id = this.options.organizationId ?? "o-exampleorg1";
        const management = this.options.managementAccount ?? account;
        return {
          id,
          arn: `arn:${partition}:organizations::${management}:organization/${id}`,
          masterAccountId: management,
          masterAccountArn: `arn:${partition}:organizations::${management}:account/${id}/${management}`,
          featureSet: "ALL",
          accounts: [],
          awsServiceAccessPrincipals: [],
          enabledPolicyTypes: [],
        };
      }
      default: {
        const native = awsNativeInvoke(args.token, this);
        if (native !== undefined) return native;
        this.unansweredCalls.push(args.token);
        return {};
      }
    }
  }

  /** Inputs plus what AWS computes, or in a preview only the inputs (see the module comment). */
  newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    this.resources.push(args);
    const inputs = (args.inputs ?? {}) as State;
    if (args.custom !== true) return { id: undefined, state: inputs };
    const preview = this.options.preview ?? pulumi.runtime.isDryRun();
    if (preview && this.options.knownOutputsInPreview !== true) {
      return { id: undefined, state: inputs };
    }
    const computed = this.computed(args.type, args.name, inputs);
    return { id: computed.id, state: { ...inputs, ...computed.state } };
  }

  private arn(service: string, resource: string, region = this.region, account: string = this.account): string {
    return `arn:${this.partition}:${service}:${region}:${account}:${resource}`;
  }

  /** The outputs AWS computes for the resource types the components create. */
  private computed(type: string, name: string, inputs: State): { id: string; state: State } {
    const given = (key: string): string | undefined =>
      typeof inputs[key] === "string" ? (inputs[key] as string) : undefined;
    const uuid = stableUuid(`${type}::${name}`);
    const physical = (given("name") ?? `${name}-${uuid.slice(0, 7)}`).toString();
    switch (type) {
      case "aws:kms/key:Key": {
        const keyId = inputs.multiRegion === true ? `mrk-${uuid.replace(/-/g, "")}` : uuid;
        return { id: keyId, state: { keyId, arn: this.arn("kms", `key/${keyId}`) } };
      }
      case "aws:kms/alias:Alias": {
        const alias = given("name") ?? `alias/${name}`;
        const target = given("targetKeyId") ?? "";
        const targetKeyArn = target.startsWith("arn:") ? target : this.arn("kms", `key/${target}`);
        return { id: alias, state: { name: alias, arn: this.arn("kms", alias), targetKeyArn } };
      }
      case "aws:cloudtrail/trail:Trail":
        return {
          id: physical,
          state: { name: physical, arn: this.arn("cloudtrail", `trail/${physical}`), homeRegion: this.region },
        };
      case "aws:cloudtrail/eventDataStore:EventDataStore": {
        const arn = this.arn("cloudtrail", `eventdatastore/${uuid}`);
        return { id: arn, state: { name: physical, arn } };
      }
      case "aws:s3/bucket:Bucket": {
        const bucket = given("bucket") ?? `${given("bucketPrefix") ?? `${name}-`}${uuid.slice(0, 8)}`.toLowerCase();
        return {
          id: bucket,
          state: {
            bucket,
            arn: `arn:${this.partition}:s3:::${bucket}`,
            bucketDomainName: `${bucket}.s3.${dnsSuffix(this.partition)}`,
            region: this.region,
          },
        };
      }
      case "aws:iam/role:Role": {
        const path = given("path") ?? "/";
        return {
          id: physical,
          state: { name: physical, arn: this.iamArn(`role${path}${physical}`), uniqueId: `AROA${uuid.slice(0, 8)}` },
        };
      }
      case "aws:iam/serviceLinkedRole:ServiceLinkedRole": {
        const service = given("awsServiceName") ?? "example.amazonaws.com";
        const roleName =
          serviceLinkedRoleName(service) + (given("customSuffix") !== undefined ? `_${given("customSuffix")}` : "");
        const arn = this.iamArn(`role/aws-service-role/${service}/${roleName}`);
        return { id: arn, state: { name: roleName, arn, path: `/aws-service-role/${service}/` } };
      }
      case "aws:iam/policy:Policy":
        return {
          id: this.iamArn(`policy/${physical}`),
          state: { name: physical, arn: this.iamArn(`policy/${physical}`) },
        };
      case "aws:cloudwatch/logGroup:LogGroup":
        return { id: physical, state: { name: physical, arn: this.arn("logs", `log-group:${physical}`) } };
      case "aws:sns/topic:Topic":
        return { id: this.arn("sns", physical), state: { name: physical, arn: this.arn("sns", physical) } };
      case "aws:controltower/landingZone:LandingZone": {
        const id = uuid.replace(/-/g, "").slice(0, 16).toUpperCase();
        return { id, state: { arn: this.arn("controltower", `landingzone/${id}`) } };
      }
      case "aws:cfg/recorder:Recorder":
      case "aws:cfg/deliveryChannel:DeliveryChannel":
      case "aws:cfg/recorderStatus:RecorderStatus":
        return { id: given("name") ?? name, state: { name: given("name") ?? name } };
      default:
        return awsNativeOutputs(type, name, inputs, this, uuid) ?? { id: `${name}-id`, state: {} };
    }
  }

  private iamArn(resource: string): string {
    return `arn:${this.partition}:iam::${this.account}:${resource}`;
  }
}

function dnsSuffix(partition: string): string {
  return partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** `AWSServiceRoleForConfig` for `config.amazonaws.com`; a plausible name for other services. */
function serviceLinkedRoleName(service: string): string {
  if (service === "config.amazonaws.com") return "AWSServiceRoleForConfig";
  const label = service.split(".")[0] ?? service;
  return `AWSServiceRoleFor${label.charAt(0).toUpperCase()}${label.slice(1)}`;
}

/** A UUID-shaped id derived from `seed`: the same program gets the same ids on every run. */
function stableUuid(seed: string): string {
  const hex = createHash("sha256").update(seed).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One resource registration as the engine would receive it. */
export interface Registration {
  /** Resource type token, e.g. `aws:kms/key:Key`. */
  readonly type: string;
  /** Logical name. */
  readonly name: string;
  /** The parent's URN, or `""`. */
  readonly parent: string;
  /** False for component resources. */
  readonly custom: boolean;
  /** URNs of the resources it depends on (`dependsOn` and the resources its inputs came from). */
  readonly dependencies: readonly string[];
  /** Per input property, the URNs it depends on. */
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
  /** Inputs as sent; an unknown value is the string `04da6b54-80e4-46f7-96ec-b56ff0331ba9`. */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Filled in when the monitor answers. */
  urn?: string;
}

/** The subset of the generated protobuf request this module reads. */
interface RegisterRequestLike {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getDependenciesList(): string[];
  getPropertydependenciesMap(): { forEach(callback: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type RegisterCallback = (error: unknown, response: { getUrn(): string } | undefined) => void;

interface MonitorLike {
  registerResource(request: RegisterRequestLike, callback: RegisterCallback): unknown;
}

/** The part of `pulumi.runtime` `recordRegistrations` uses. */
export interface RuntimeWithMonitor {
  getMonitor(): unknown;
}

/**
 * Records every resource registration from now on (call it right after `setMocks`, which replaces
 * the monitor). `MockResourceArgs` carries no parent or dependencies; the registration does.
 * `runtime` is the `pulumi.runtime` of the SDK copy the program uses (default: this package's).
 */
export function recordRegistrations(runtime: RuntimeWithMonitor = pulumi.runtime): Registration[] {
  // The generated gRPC client type is not exported in a usable form; this module reads only MonitorLike.
  const monitor = runtime.getMonitor() as MonitorLike | undefined;
  if (monitor === undefined) throw new Error("recordRegistrations: no monitor; call pulumi.runtime.setMocks first.");
  const records: Registration[] = [];
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const propertyDependencies: Record<string, readonly string[]> = {};
    request.getPropertydependenciesMap().forEach((value, key) => {
      propertyDependencies[key] = value.getUrnsList();
    });
    const record: Registration = {
      type: request.getType(),
      name: request.getName(),
      parent: request.getParent(),
      custom: request.getCustom(),
      dependencies: request.getDependenciesList(),
      propertyDependencies,
      inputs: request.getObject()?.toJavaScript() ?? {},
    };
    records.push(record);
    return register(request, (error, response) => {
      if (response !== undefined) record.urn = response.getUrn();
      callback(error, response);
    });
  };
  return records;
}

/** The value of an output, or `known: false` when it stays unknown for `timeoutMs` (preview). */
export type OutputReading<T> = { readonly known: true; readonly value: T } | { readonly known: false };

/**
 * Reads an output. In preview an unknown output never runs `apply`, so this waits at most
 * `timeoutMs` (default 2000) and then reports it unknown.
 */
export function readOutput<T>(output: pulumi.Output<T>, timeoutMs = 2000): Promise<OutputReading<T>> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ known: false }), timeoutMs);
    output.apply((value) => {
      clearTimeout(timer);
      resolve({ known: true, value });
      return value;
    });
  });
}
