/** Everything one run of the bench measured: printed as a table, written to bench/results.json. */
import type { AnalyzeResult } from "./sections/analyze";
import type { StackSizeResult } from "./sections/analyze-stack";
import type { EvaluatorResult } from "./sections/evaluator";
import type { PreflightResult } from "./sections/preflight";
import type { StartupResult } from "./sections/startup";

export interface BenchEnvironment {
  readonly date: string;
  readonly node: string;
  readonly cpus: number;
  readonly cpuModel: string;
  /** 1-minute load average when the bench started and ended: other work on the machine. */
  readonly load: { readonly start: number; readonly end?: number };
  readonly quick: boolean;
  readonly durationS?: number;
}

export interface BenchResults {
  readonly environment: BenchEnvironment;
  startup?: StartupResult;
  analyze?: AnalyzeResult;
  /** The same Analyze calls to a pack that only JSON.parses each key policy, against the empty pack. */
  analyzeFloor?: AnalyzeResult;
  analyzeStack: StackSizeResult[];
  evaluator?: EvaluatorResult;
  preflight?: PreflightResult;
}
