/**
 * Lets `require()` load a TypeScript program with the compiler options `pulumi preview` would use, wherever
 * this command runs (from a clone under ts-node, or installed and compiled).
 *
 * The rule is the Node.js language host's (@pulumi/pulumi cmd/run/run.ts): the program's working directory
 * (the `main` folder, else the project folder) has a tsconfig.json → its compilerOptions over the defaults
 * below; it has none → the defaults only, never a tsconfig.json found further up (ts-node's own search
 * would take the repository's). TypeScript and ts-node are the program's own when it has them.
 *
 * We only transpile: type errors are the program's compiler's business, and checking costs seconds.
 * Syntax errors still fail the load, as a {@link CompileError} with file:line:column.
 */
import { createRequire } from "node:module";
import * as fs from "node:fs";
import * as path from "node:path";
import type { PulumiProgram } from "./program";

interface TsDiagnostic {
  file?: { fileName: string; getLineAndCharacterOfPosition(pos: number): { line: number; character: number } };
  start?: number;
  code: number;
  messageText: string | { messageText: string; next?: unknown[] };
}

interface TsNodeService {
  compile(code: string, fileName: string): string;
}

interface TsNode {
  VERSION?: string;
  create?(options: Record<string, unknown>): TsNodeService;
  register(options: Record<string, unknown>): unknown;
}

/** A TypeScript file of the program does not compile. */
export class CompileError extends Error {
  constructor(
    readonly diagnostics: readonly string[],
    cause?: unknown,
  ) {
    super(`TypeScript does not compile:\n${diagnostics.map((d) => `  ${d}`).join("\n")}`, { cause });
    this.name = "CompileError";
  }
}

/** What run.ts passes to ts-node when the program has no tsconfig.json (TypeScript 4.7 and later: nodenext). */
export function pulumiDefaultCompilerOptions(typescriptVersion: string): Record<string, string> {
  const [major = 0, minor = 0] = typescriptVersion.split(".").map(Number);
  const nodeNext = major > 4 || (major === 4 && minor >= 7);
  return {
    target: "ES2020",
    module: nodeNext ? "nodenext" : "commonjs",
    moduleResolution: nodeNext ? "nodenext" : "node",
    sourceMap: "true",
  };
}

export interface TypeScriptSetup {
  /** The folder `pulumi` runs the program in: tsconfig.json is looked up there only. */
  workDir: string;
  /** That tsconfig.json, when it exists. */
  tsconfig?: string;
  /** The compiler (typescript's main file). */
  compiler: string;
  compilerVersion: string;
  /** What ts-node gets as compilerOptions: the defaults, then the tsconfig's own compilerOptions over them. */
  compilerOptions: Record<string, unknown>;
}

const load = createRequire(__filename);

function resolveFrom(dirs: readonly string[], request: string): string | undefined {
  for (const dir of dirs) {
    try {
      return createRequire(path.join(dir, "noop.js")).resolve(request);
    } catch {
      // next
    }
  }
  return undefined;
}

/** The tsconfig's compilerOptions as run.ts reads them (its own file only, no `extends`; unreadable → none). */
function tsconfigCompilerOptions(compiler: string, file: string): Record<string, unknown> {
  const ts = load(compiler) as {
    parseConfigFileTextToJson(name: string, text: string): { config?: { compilerOptions?: Record<string, unknown> } };
  };
  try {
    return ts.parseConfigFileTextToJson(file, fs.readFileSync(file, "utf8")).config?.compilerOptions ?? {};
  } catch {
    return {};
  }
}

export function typeScriptSetup(program: PulumiProgram, pulumiDir: string): TypeScriptSetup {
  const workDir = program.workDir;
  const compiler =
    resolveFrom([program.entryDir, __dirname], "typescript") ??
    path.join(pulumiDir, "vendor", "typescript@3.8.3", "typescript.js");
  const compilerVersion = (load(compiler) as { version: string }).version;
  const candidate = path.join(workDir, "tsconfig.json");
  const tsconfig = fs.existsSync(candidate) ? candidate : undefined;
  return {
    workDir,
    ...(tsconfig ? { tsconfig } : {}),
    compiler,
    compilerVersion,
    compilerOptions: {
      ...pulumiDefaultCompilerOptions(compilerVersion),
      ...(tsconfig ? tsconfigCompilerOptions(compiler, tsconfig) : {}),
    },
  };
}

function loadTsNode(program: PulumiProgram, pulumiDir: string): TsNode {
  const found =
    resolveFrom([program.entryDir, __dirname], "ts-node") ??
    resolveFrom([pulumiDir], path.join(pulumiDir, "vendor", "ts-node@7.0.1"));
  if (!found) throw new Error(`cannot load TypeScript program in ${program.entryDir}: ts-node is not installed`);
  return load(found) as TsNode;
}

function flatten(message: TsDiagnostic["messageText"]): string {
  if (typeof message === "string") return message;
  const next = (message.next ?? []) as { messageText: TsDiagnostic["messageText"] }[];
  return [message.messageText, ...next.map((n) => flatten(n.messageText))].join(" ");
}

/** ts-node's TSError as `file:line:column - error TSnnnn: message`, paths relative to `baseDir`. */
export function compileErrorOf(error: unknown, baseDir: string): CompileError | undefined {
  if (!(error instanceof Error) || error.name !== "TSError") return undefined;
  const { diagnostics, diagnosticText } = error as Error & { diagnostics?: TsDiagnostic[]; diagnosticText?: string };
  const lines = (diagnostics ?? []).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? (() => {
            const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
            return `${path.relative(baseDir, d.file.fileName) || d.file.fileName}:${line + 1}:${character + 1} - `;
          })()
        : "";
    return `${where}error TS${d.code}: ${flatten(d.messageText)}`;
  });
  if (lines.length === 0 && diagnosticText) lines.push(...diagnosticText.trim().split("\n"));
  return new CompileError(lines, error);
}

const registered = new Set<string>();

/**
 * Compiles the program's `.ts` files (those under its project folder; every `.ts` file when nothing else
 * compiles TypeScript in this process) with the program's setup. Other `.ts` files go to the handler already
 * installed (ts-node under mocha or `npm start`). Once per program folder and process.
 */
export function ensureTypeScript(program: PulumiProgram, pulumiDir: string): void {
  const key = program.projectDir;
  if (registered.has(key)) return;
  const setup = typeScriptSetup(program, pulumiDir);
  const tsNode = loadTsNode(program, pulumiDir);
  const options = {
    compiler: setup.compiler,
    transpileOnly: true,
    project: setup.tsconfig,
    skipProject: setup.tsconfig === undefined,
    compilerOptions: setup.compilerOptions,
    cwd: setup.workDir,
  };
  const extensions = load.extensions;
  if (!tsNode.create) {
    // ts-node 7 (vendored by @pulumi/pulumi) cannot be scoped: register it only if nothing compiles TypeScript.
    if (!extensions[".ts"]) tsNode.register(options);
    registered.add(key);
    return;
  }
  const service = tsNode.create(options);
  const previous = extensions[".ts"];
  const root = program.projectDir + path.sep;
  extensions[".ts"] = (module, filename) => {
    const ours = filename.startsWith(root) && !filename.includes(`${path.sep}node_modules${path.sep}`);
    if (!ours && previous) return previous(module, filename);
    const source = fs.readFileSync(filename, "utf8");
    (module as NodeJS.Module & { _compile(code: string, file: string): void })._compile(
      service.compile(source, filename),
      filename,
    );
  };
  registered.add(key);
}
