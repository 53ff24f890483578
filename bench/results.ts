/** Everything one run of the bench measured: printed as a table, written to bench/results.json. */
import type { AnalyzeResult } from "./sections/analyze";
import type { AnalyzeColdResult } from "./sections/analyze-cold";
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
  /** The first Analyze calls to freshly started packs. */
  analyzeCold?: AnalyzeColdResult;
  /** The same Analyze calls to the floor pack (bench/packs/floor), against the empty pack. */
  analyzeFloor?: AnalyzeResult;
  /** How many resource policies the floor pack has: as many as our pack. */
  floorResourcePolicies?: number;
  /** The same Analyze calls to our pack, against the floor pack (in the `empty` slot). */
  analyzeOverFloor?: AnalyzeResult;
  analyzeStack: StackSizeResult[];
  evaluator?: EvaluatorResult;
  preflight?: PreflightResult;
}
