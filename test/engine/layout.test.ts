/**
 * The engine's layout (issue 14): a value moves forward through its stages, parse → evaluate → lint,
 * over the generated data, and never comes back. Every relative import of every engine file is read
 * with the TypeScript compiler (type-only imports and re-exports included): there is no cycle, and
 * each folder imports only the stages before it.
 */
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ENGINE = path.join(__dirname, "..", "..", "components", "src", "engine");

/** Engine files, relative to the engine folder with `/` separators, mapped to the engine files they import. */
type ImportGraph = ReadonlyMap<string, readonly string[]>;

function engineFiles(dir = ENGINE): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return engineFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

const relative = (file: string): string => path.relative(ENGINE, file).split(path.sep).join("/");

/** The file a relative specifier names: `x.ts`, or `x/index.ts` for a folder. */
function resolve(from: string, specifier: string): string {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, "index.ts")]) if (fs.existsSync(candidate)) return candidate;
  throw new Error(`${relative(from)} imports ${specifier}, which is no file`);
}

function importGraph(): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of engineFiles()) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((specifier) => specifier.startsWith("."))
      .map((specifier) => resolve(file, specifier));
    const outside = targets.filter((target) => relative(target).startsWith(".."));
    assert.deepEqual(outside.map(relative), [], `${relative(file)} imports from outside the engine`);
    graph.set(relative(file), [...new Set(targets.map(relative))].sort());
  }
  return graph;
}

/** The first import cycle found, as the files along it with the first repeated at the end; none: `undefined`. */
function findCycle(graph: ImportGraph): string[] | undefined {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const at = onPath.indexOf(file);
    if (at >= 0) return [...onPath.slice(at), file];
    if (done.has(file)) return undefined;
    onPath.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    onPath.pop();
    done.add(file);
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

/**
 * What each part of the engine may import besides itself. The top-level files other than the index
 * (types, ARNs, wildcards, IP addresses) are shared by every stage and import only one another.
 */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  shared: ["shared"],
  data: ["shared"],
  parse: ["shared", "data"],
  evaluate: ["shared", "data"],
  lint: ["shared", "data", "evaluate"],
  index: ["shared", "data", "parse", "evaluate", "lint"],
};

function partOf(file: string): string {
  if (file === "index.ts") return "index";
  return file.includes("/") ? file.split("/")[0] : "shared";
}

describe("engine layout", () => {
  const graph = importGraph();

  it("reads every engine file's imports (the walk finds each stage and what it imports)", () => {
    for (const part of ["index", "shared", "data", "parse", "evaluate", "lint"]) {
      assert.ok(
        [...graph.keys()].some((file) => partOf(file) === part),
        `no file of ${part}`,
      );
    }
    assert.ok(graph.get("parse/index.ts")?.includes("parse/decode.ts"), "parse/index.ts imports parse/decode.ts");
    assert.ok(graph.get("lint/probe.ts")?.includes("evaluate/index.ts"), "lint/probe.ts imports evaluate/index.ts");
  });

  it("has no import cycle", () => {
    const cycle = findCycle(graph);
    assert.equal(cycle, undefined, `import cycle: ${cycle?.join(" → ")}`);
  });

  it("names the cycle it finds", () => {
    const graphWithCycle = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["c.ts"]],
      ["c.ts", ["b.ts"]],
    ]);
    assert.deepEqual(findCycle(graphWithCycle), ["b.ts", "c.ts", "b.ts"]);
    assert.deepEqual(findCycle(new Map([["a.ts", ["a.ts"]]])), ["a.ts", "a.ts"]);
    assert.equal(findCycle(new Map([["a.ts", ["b.ts"]]])), undefined);
  });

  it("imports only earlier stages: data, then parse and evaluate, then lint", () => {
    const backwards = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => partOf(target) !== partOf(file) && !MAY_IMPORT[partOf(file)].includes(partOf(target)))
        .map((target) => `${file} → ${target}`),
    );
    assert.deepEqual(backwards, []);
  });

  it("keeps at most six files at the top level", () => {
    const topLevel = [...graph.keys()].filter((file) => !file.includes("/"));
    assert.ok(topLevel.length <= 6, topLevel.join(", "));
  });
});
