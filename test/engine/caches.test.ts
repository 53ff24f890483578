/**
 * The engine's cache registry (components/src/engine/caches.ts), which `npm run mutation` empties
 * between mutants: every memo the engine keeps must be in it, or a mutant is judged by answers the
 * previous mutant's code computed.
 *
 * Behaviour: caches-probe.ts, in a fresh process, watches every Map and WeakMap, decides the
 * scenario table and the lint fixtures twice with `clearCaches` between, and reports each map that
 * answered from the first run during the second. Structure: module-level state the probe cannot see
 * (a lazily built table, a remembered last answer, a memo its inputs never reach) is found in the
 * source with the TypeScript parser and must be registered.
 */
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.join(__dirname, "..", "..");
const SOURCES = ["engine", "catalog"].map((folder) => path.join(ROOT, "components", "src", folder));

interface ProbeReport {
  readonly sameDecisions: boolean;
  readonly decisions: number;
  /** Creation site of each map that answered from before the clear, and how often it did. */
  readonly stale: Readonly<Record<string, number>>;
}

function probe(unregistered?: string): ProbeReport {
  const out = execFileSync(
    process.execPath,
    ["--conditions=source", "--require", "ts-node/register/transpile-only", path.join(__dirname, "caches-probe.ts")],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CACHES_PROBE_UNREGISTERED: unregistered, TS_NODE_TRANSPILE_ONLY: "true" },
    },
  );
  return JSON.parse(out) as ProbeReport;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Names assigned anywhere inside `node`. */
function assignedNames(node: ts.Node, names = new Set<string>()): Set<string> {
  if (
    ts.isBinaryExpression(node) &&
    node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
    ts.isIdentifier(node.left)
  ) {
    names.add(node.left.text);
  }
  node.forEachChild((child) => void assignedNames(child, names));
  return names;
}

const EMPTY_COLLECTIONS = new Set(["Map", "WeakMap", "Set", "WeakSet"]);

/**
 * Module-level state of one file that no `onClearCaches` resets: `let` variables, and collections
 * created empty (`new Map()`: filled later, so a memo) instead of through `memoMap`/`memoWeakMap`.
 */
function unregisteredState(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const reset = new Set<string>();
  const found: string[] = [];
  for (const statement of file.statements) {
    if (
      ts.isExpressionStatement(statement) &&
      ts.isCallExpression(statement.expression) &&
      ts.isIdentifier(statement.expression.expression) &&
      statement.expression.expression.text === "onClearCaches"
    ) {
      for (const name of assignedNames(statement.expression)) reset.add(name);
    }
  }
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const isLet = (statement.declarationList.flags & ts.NodeFlags.Let) !== 0;
    for (const declaration of statement.declarationList.declarations) {
      const name = declaration.name.getText(file);
      const init = declaration.initializer;
      const emptyCollection =
        init !== undefined &&
        ts.isNewExpression(init) &&
        ts.isIdentifier(init.expression) &&
        EMPTY_COLLECTIONS.has(init.expression.text) &&
        (init.arguments === undefined || init.arguments.length === 0);
      if ((isLet && !reset.has(name)) || emptyCollection) found.push(name);
    }
  }
  return found;
}

describe("engine caches: clearCaches forgets every memo", () => {
  it("no memo answers from before clearCaches, and the decisions do not change", function () {
    this.timeout(60_000);
    const report = probe();
    assert.ok(report.decisions > 400, `only ${report.decisions} decisions`);
    assert.equal(report.sameDecisions, true);
    assert.deepEqual(report.stale, {});
  });

  it("the probe names a memo whose registration is missing (Map, WeakMap, lint memo)", function () {
    this.timeout(60_000);
    const report = probe("data/kms-reference.ts,evaluate/compiled-policy.ts,lint/memo.ts");
    const sites = Object.keys(report.stale).map((site) => site.replace(/^at .*\(|:\d+:\d+\)$/g, ""));
    assert.deepEqual([...new Set(sites)].sort(), [
      "components/src/engine/data/kms-reference.ts",
      "components/src/engine/evaluate/compiled-policy.ts",
      "components/src/engine/lint/memo.ts",
    ]);
  });

  it("every module-level let and empty collection of the engine and catalog is registered", () => {
    const found = SOURCES.flatMap((dir) =>
      sourceFiles(dir)
        .filter((file) => path.basename(file) !== "caches.ts")
        .flatMap((file) =>
          unregisteredState(file, fs.readFileSync(file, "utf8")).map((name) => `${path.relative(ROOT, file)}: ${name}`),
        ),
    );
    assert.deepEqual(found, []);
  });

  it("the source check finds an unregistered let, a half-reset pair and a raw memo", () => {
    const text = [
      "let table: Map<string, number> | undefined;",
      "let lastArn: string | undefined;",
      "let lastAccount: string | undefined;",
      "onClearCaches(() => {",
      "  lastArn = undefined;",
      "});",
      "const memo = new Map<string, RegExp>();",
      "const registered = memoMap<string, RegExp>();",
      "const KEYS = new Set(['a', 'b']);",
      "let counter = 0;",
      "onClearCaches(() => (counter = 0));",
    ].join("\n");
    assert.deepEqual(unregisteredState("example.ts", text), ["table", "lastAccount", "memo"]);
  });
});
