/**
 * Finds a Pulumi program the way the CLI does: a folder with a `Pulumi.yaml` whose `name` is the project
 * and whose optional `main` points at the program's folder or file (relative to the project folder);
 * `require(main)` then follows package.json `main` or `index.{js,ts}`.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface PulumiProgram {
  /** The folder holding Pulumi.yaml. */
  projectDir: string;
  project: string;
  runtime: string;
  /** What to `require()`: the `main` of Pulumi.yaml, else the project folder. */
  entry: string;
  /** The folder the program's own imports resolve from. */
  entryDir: string;
  /**
   * The folder `pulumi` runs the program in: `main` when it is a folder, else the project folder
   * (the CLI's GetPwdMain). The language host looks for tsconfig.json there.
   */
  workDir: string;
}

export class NotAPulumiProgramError extends Error {
  constructor(dir: string, why: string) {
    super(`${dir} is not a Pulumi program: ${why}`);
    this.name = "NotAPulumiProgramError";
  }
}

/**
 * Reads a top-level scalar of a YAML file. Pulumi.yaml's `name` and `main` are plain scalars; a YAML
 * library is not a dependency we want for two keys.
 */
function topLevelScalar(yaml: string, key: string): string | undefined {
  const match = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*(?:#.*)?$`, "m").exec(yaml);
  const raw = match?.[1];
  if (!raw) return undefined;
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  return quoted ? quoted[2] : raw;
}

export function locateProgram(dir: string): PulumiProgram {
  const projectDir = path.resolve(dir);
  if (!fs.existsSync(projectDir) || !fs.statSync(projectDir).isDirectory()) {
    throw new NotAPulumiProgramError(projectDir, "no such folder");
  }
  const yamlPath = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(projectDir, f)).find((f) => fs.existsSync(f));
  if (!yamlPath) throw new NotAPulumiProgramError(projectDir, "no Pulumi.yaml");
  const yaml = fs.readFileSync(yamlPath, "utf8");
  const project = topLevelScalar(yaml, "name");
  if (!project) throw new NotAPulumiProgramError(projectDir, `${path.basename(yamlPath)} has no name`);
  // `runtime: nodejs` or `runtime:\n  name: nodejs`.
  const runtime = topLevelScalar(yaml, "runtime") || /^runtime:\s*\n\s+name:\s*(\S+)/m.exec(yaml)?.[1] || "";
  if (runtime !== "nodejs") {
    throw new NotAPulumiProgramError(projectDir, `runtime is "${runtime}"; preflight runs Node.js programs`);
  }
  const main = topLevelScalar(yaml, "main");
  const entry = main ? path.resolve(projectDir, main) : projectDir;
  if (!fs.existsSync(entry)) throw new NotAPulumiProgramError(projectDir, `its main ${main} does not exist`);
  const mainIsDir = fs.statSync(entry).isDirectory();
  const entryDir = mainIsDir ? entry : path.dirname(entry);
  return { projectDir, project, runtime, entry, entryDir, workDir: main && mainIsDir ? entry : projectDir };
}
