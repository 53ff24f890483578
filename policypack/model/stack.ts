/**
 * A stack's model: the normalized resources, the linker built over them, and room for the analyses
 * the stack rules share (key facts, probe outcomes). Built once per AnalyzeStack call and shared
 * by every stack rule (see memo.ts); everything beyond the one pass over resources is lazy.
 */
import { Linker } from "../linking";
import { buildStackResources, type StackResourceInput } from "./build";
import type { StackResources } from "./types";

export class StackModel {
  private linkerInstance: Linker | undefined;
  private secretStrings: readonly string[] | undefined;
  /** Memoized analyses, by name; each analysis module owns its entry's type. */
  private readonly analyses = new Map<string, unknown>();

  constructor(readonly resources: StackResources) {}

  static fromResources(resources: readonly StackResourceInput[]): StackModel {
    return new StackModel(buildStackResources(resources));
  }

  /** Every string of every secret key policy in the stack: no stack rule's message may print one. */
  get secrets(): readonly string[] {
    this.secretStrings ??= [
      ...new Set(
        [...this.resources.keys, ...this.resources.keyPolicies].flatMap((r) =>
          r.document.kind === "present" ? (r.document.secrets() ?? []) : [],
        ),
      ),
    ];
    return this.secretStrings;
  }

  get linker(): Linker {
    this.linkerInstance ??= new Linker(this.resources);
    return this.linkerInstance;
  }

  /** The analysis `name`, computed on first use. */
  memo<T>(name: string, compute: (model: StackModel) => T): T {
    if (this.analyses.has(name)) return this.analyses.get(name) as T;
    const value = compute(this);
    this.analyses.set(name, value);
    return value;
  }
}
