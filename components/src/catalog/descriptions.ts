/**
 * Probe descriptions are sentences users read (a failed probe's message, the pack's "Cannot check
 * whether ... yet"). A value Pulumi does not know yet (preview) is shown there as `<not known yet>`,
 * as the engine's explanations show it, never as the raw unknown sentinel; the requests keep the
 * value as it is, for the evaluator to decide on.
 */
import { showPartial } from "../engine/evaluate/partial-values";
import type { Probe } from "./types";

export function readableProbes(probes: readonly Probe[]): Probe[] {
  return probes.map((p) => ({ ...p, description: showPartial(p.description) }));
}
