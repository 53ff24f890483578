/**
 * When the warm-up (warm-up.ts) runs: once the pack has answered ConfigureStack, while the CLI
 * starts the program.
 *
 * The Pulumi CLI starts a policy pack, asks GetAnalyzerInfo, sends Configure and ConfigureStack,
 * and only then runs the program, whose first resource reaches the pack after the language host,
 * the program and its provider plugins have started (hundreds of milliseconds at the very least).
 * Run before the port is printed, the warm-up delayed every preview by its own length; run after
 * ConfigureStack has been answered, it uses time the pack otherwise spends waiting. A CLI that never
 * sends ConfigureStack gets no warm-up: its first keys run colder code, with the same answers.
 *
 * The hook is the service definition's `responseSerialize` for ConfigureStack (grpc-js calls it
 * to write the answer); the warm-up is scheduled with `setImmediate`, after the answer has been
 * handed to the socket. Install before constructing the PolicyPack. If the definition changes
 * shape, nothing is patched and the pack starts without a warm-up.
 */
import type { Policies } from "@pulumi/policy";
import { analyzerMethod } from "./policy-internals";
import { warmUp } from "./warm-up";

type Serialize = (response: unknown) => Buffer;

interface PatchableMethod {
  responseSerialize?: Serialize;
  __kmsGuardrailsWarmUp?: true;
}

/** What the next first ConfigureStack answer warms up; installing again replaces it (tests). */
let next: { readonly policies: Policies; readonly run: (policies: Policies) => unknown } | undefined;

/**
 * Runs `run(policies)` once, after the first ConfigureStack answer from now on. Returns whether the
 * hook is in place. `run` is for tests; the pack passes nothing.
 */
export function warmUpAfterConfigureStack(policies: Policies, run: (policies: Policies) => unknown = warmUp): boolean {
  const method = analyzerMethod<PatchableMethod>("configureStack");
  const original = method?.responseSerialize;
  if (method === undefined || typeof original !== "function") return false;
  next = { policies, run };
  if (method.__kmsGuardrailsWarmUp === true) return true;
  method.responseSerialize = (response) => {
    const bytes = original(response);
    const due = next;
    next = undefined;
    if (due !== undefined) setImmediate(() => due.run(due.policies));
    return bytes;
  };
  method.__kmsGuardrailsWarmUp = true;
  return true;
}
