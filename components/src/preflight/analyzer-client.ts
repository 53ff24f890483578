/**
 * Drives a policy pack over the analyzer protocol exactly as the Pulumi CLI does for
 * `pulumi preview --policy-pack DIR`: start it through run-policy-pack, GetAnalyzerInfo, Configure
 * (and ConfigureStack), then Remediate and Analyze per resource, then AnalyzeStack.
 *
 * Every call has a deadline, a pack that exits fails the pending call at once instead of waiting for
 * it, and `close()` always kills the process.
 */
import type * as grpc from "@grpc/grpc-js";
import {
  decoders,
  encodeAnalyze,
  encodeAnalyzeStack,
  encodeConfigure,
  encodeConfigureStack,
  encodeGetAnalyzerInfo,
  encodeRemediate,
  methodPath,
  type AnalyzerMethod,
  type AnalyzerResponses,
  type EncodedRequest,
  type StackInfo,
} from "./analyzer-messages";
import { PackError, PackProcess, type PackProcessOptions } from "./pack-process";
import { PolicyPackConfigError, resolvePolicyConfig } from "./policy-config";
import { loadPulumiProtocol, type PulumiProtocol } from "./pulumi-modules";
import type {
  AnalyzeResult,
  AnalyzerInfo,
  EngineResource,
  PolicyPackConfig,
  RemediateResult,
  ResolvedPolicyConfig,
} from "./types";

export interface AnalyzerClientOptions extends PackProcessOptions {
  /** Deadline for each call. AnalyzeStack on a large stack is the slowest (about 1 s per 10,000 resources). */
  callTimeoutMs?: number;
}

// The pack raises its own receive limit to 400 MB; the CLI does the same for what it receives.
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;
const identity = (bytes: Buffer): Buffer => bytes;

const PACK_EXITED = Symbol("pack exited");
/** grpc.status.UNIMPLEMENTED: a pack built on an older @pulumi/policy lacks the method. */
const UNIMPLEMENTED = 12;

/** The pack answered a call with an error (a policy threw, or it does not implement the method). */
export class AnalyzerCallError extends Error {
  constructor(
    message: string,
    /** The gRPC status code. */
    readonly code: number,
    /** What the pack said, without our prefix. */
    readonly details?: string,
  ) {
    super(message);
    this.name = "AnalyzerCallError";
  }
}

/** The CLI carries on when a pack lacks ConfigureStack, Remediate or AnalyzeStack; so do we. */
async function unlessUnimplemented<T>(call: Promise<T>, fallback: T): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof AnalyzerCallError && error.code === UNIMPLEMENTED) return fallback;
    throw error;
  }
}

export class AnalyzerClient {
  private closed = false;
  /** Rejects with PACK_EXITED when the process ends: raced with every call, so a dead pack fails it at once. */
  private readonly packExited: Promise<never>;

  private constructor(
    private readonly pack: PackProcess,
    private readonly client: grpc.Client,
    /** The protocol modules of the @pulumi/pulumi the pack itself loads. */
    readonly protocol: PulumiProtocol,
    private readonly callTimeoutMs: number,
  ) {
    this.packExited = pack.exited.then(() => Promise.reject(PACK_EXITED));
    this.packExited.catch(() => {});
  }

  /** Starts the pack in `packDir` and connects to it. Rejects with a {@link PackError} if it does not come up. */
  static async start(options: AnalyzerClientOptions): Promise<AnalyzerClient> {
    const pack = await PackProcess.start(options);
    const protocol = loadPulumiProtocol(pack.packDir);
    const client = new protocol.grpc.Client(`127.0.0.1:${pack.port}`, protocol.grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
    return new AnalyzerClient(pack, client, protocol, options.callTimeoutMs ?? 120_000);
  }

  get packDir(): string {
    return this.pack.packDir;
  }

  get port(): number {
    return this.pack.port;
  }

  get pid(): number | undefined {
    return this.pack.pid;
  }

  /** What the pack wrote to stderr so far (its console.error and crash reports). */
  stderrTail(): string {
    return this.pack.stderrTail();
  }

  /** What the pack wrote to stdout after its port (console.log in policies). */
  stdoutTail(): string {
    return this.pack.stdoutTail();
  }

  async getAnalyzerInfo(): Promise<AnalyzerInfo> {
    return this.send(encodeGetAnalyzerInfo(this.protocol));
  }

  /**
   * Configures the pack as `--policy-pack-config` would: reconciles `config` with the pack's policies
   * (see policy-config.ts) and sends an entry for every policy. Returns what was sent.
   */
  async configure(
    config: PolicyPackConfig = {},
    info?: AnalyzerInfo,
    /** What to call the config in errors, e.g. `--policy-pack-config pack.json`. */
    source?: string,
  ): Promise<Record<string, ResolvedPolicyConfig>> {
    const resolved = resolvePolicyConfig(info ?? (await this.getAnalyzerInfo()), config, source);
    try {
      await this.send(encodeConfigure(this.protocol, resolved));
    } catch (error) {
      // The pack checked the config further than its schemas can (a date that does not exist): the
      // config is the user's to fix, as when the schema rejects it.
      if (error instanceof AnalyzerCallError && error.details !== undefined) {
        throw new PolicyPackConfigError([`the policy pack rejected it: ${error.details}`], source);
      }
      throw error;
    }
    return resolved;
  }

  async configureStack(stack: StackInfo): Promise<void> {
    await unlessUnimplemented(this.send(encodeConfigureStack(this.protocol, stack)), undefined);
  }

  async remediate(resource: EngineResource): Promise<RemediateResult> {
    const none: RemediateResult = { remediations: [], notApplicable: [] };
    return unlessUnimplemented(this.send(encodeRemediate(this.protocol, resource)), none);
  }

  async analyze(resource: EngineResource): Promise<AnalyzeResult> {
    return this.send(encodeAnalyze(this.protocol, resource));
  }

  async analyzeStack(resources: readonly EngineResource[]): Promise<AnalyzeResult> {
    const none: AnalyzeResult = { diagnostics: [], notApplicable: [] };
    return unlessUnimplemented(this.send(encodeAnalyzeStack(this.protocol, resources)), none);
  }

  /** Sends a request encoded beforehand (see analyzer-messages.ts), e.g. the same bytes to two packs. */
  async send<M extends AnalyzerMethod>(request: EncodedRequest<M>): Promise<AnalyzerResponses[M]> {
    const bytes = await this.sendRaw(request.method, request.bytes);
    return decoders[request.method](this.protocol, bytes) as AnalyzerResponses[M];
  }

  /** Sends bytes and returns the pack's undecoded answer. */
  sendRaw(method: AnalyzerMethod, bytes: Uint8Array): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(new Error(`analyzer client for ${this.packDir} is closed`));
    const { grpc: g } = this.protocol;
    const deadline = new Date(Date.now() + this.callTimeoutMs);
    const call = new Promise<Uint8Array>((resolve, reject) => {
      this.client.makeUnaryRequest<Buffer, Buffer>(
        methodPath(this.protocol, method),
        identity,
        identity,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        new g.Metadata(),
        { deadline },
        (error, response) => {
          if (error) reject(this.callError(method, error));
          else resolve(response ?? Buffer.alloc(0));
        },
      );
    });
    // A pack that dies mid-call would otherwise surface as a bare UNAVAILABLE after reconnect attempts.
    return Promise.race([call, this.packExited]).catch(async (error: unknown) => {
      if (error !== PACK_EXITED) throw error;
      const { code, signal } = await this.pack.exited;
      throw this.packError(`exited (${signal ?? `code ${code}`}) during ${method}`);
    });
  }

  private callError(method: AnalyzerMethod, error: grpc.ServiceError): Error {
    const { status } = this.protocol.grpc;
    if (error.code === status.DEADLINE_EXCEEDED) {
      return this.packError(`did not answer ${method} within ${this.callTimeoutMs} ms`);
    }
    if (this.pack.hasExited || error.code === status.UNAVAILABLE) {
      return this.packError(`stopped answering during ${method} (${error.details || error.message})`);
    }
    // The pack answered with an error: a policy threw (its message carries the policy's stack trace).
    return new AnalyzerCallError(
      `policy pack ${this.packDir}: ${method} failed: ${error.details || error.message}`,
      error.code,
      error.details || error.message,
    );
  }

  private packError(summary: string): PackError {
    return new PackError(this.packDir, `policy pack ${this.packDir} ${summary}`, this.pack.stderrTail());
  }

  /** Closes the connection and kills the pack. Safe to call more than once. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.client.close();
    }
    await this.pack.kill();
  }
}
