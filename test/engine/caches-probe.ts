/**
 * Run in a fresh process by caches.test.ts (never by mocha itself): finds every engine memo that
 * still answers from what it learned before `clearCaches`.
 *
 * Every `Map` and `WeakMap` the process creates is watched before the engine loads. The engine
 * evaluates the scenario table and lints the lint fixtures twice, with `clearCaches` between the two
 * runs, on the same input objects. A memo that is registered is emptied (or replaced) by the clear,
 * so during the second run it answers nothing it was told during the first. One that is not
 * registered serves a first-run entry: the probe prints where that map was created. Both runs must
 * also decide the same.
 */
import * as path from "node:path";
// Under `npm run mutation` this runs in Stryker's sandbox: load the sandbox's engine, not the original.
import "../mutation/sandbox-resolve";

const NativeMap = Map;
const NativeWeakMap = WeakMap;
const NativeSet = Set;

type Phase = "load" | "first" | "second";
let phase: Phase = "load";
/** Keys each map was given during the first run and not again since (by map; weak, so nothing is kept alive). */
const learned = new NativeWeakMap<object, Set<unknown>>();
/** Where each map was created (a captured, not yet formatted, stack). */
const created = new NativeWeakMap<object, Error>();
const stale = new NativeMap<string, number>();

function noteSet(map: object, key: unknown): void {
  if (phase === "load") return;
  let keys = learned.get(map);
  if (phase === "first") {
    if (keys === undefined) learned.set(map, (keys = new NativeSet()));
    keys.add(key);
  } else keys?.delete(key);
}

function noteAnswer(map: object, key: unknown, answered: boolean): void {
  if (phase !== "second" || !answered || learned.get(map)?.has(key) !== true) return;
  const site = creationSite(created.get(map));
  stale.set(site, (stale.get(site) ?? 0) + 1);
}

const ROOT = path.join(__dirname, "..", "..") + path.sep;
const THIS_FILE = path.basename(__filename, path.extname(__filename));

/** The first frame of the creating stack outside this file and the cache registry. */
function creationSite(error: Error | undefined): string {
  const frames = (error?.stack ?? "").split("\n").slice(1);
  const site = frames.find((frame) => !frame.includes(THIS_FILE) && !/[/\\]caches\.[jt]s:/.test(frame)) ?? "unknown";
  return site.trim().replace(ROOT, "");
}

class WatchedMap<K, V> extends NativeMap<K, V> {
  constructor(entries?: Iterable<readonly [K, V]> | null) {
    super();
    created.set(this, new Error());
    if (entries != null) for (const [key, value] of entries) this.set(key, value);
  }
}

class WatchedWeakMap<K extends object, V> extends NativeWeakMap<K, V> {
  constructor(entries?: Iterable<readonly [K, V]> | null) {
    super();
    created.set(this, new Error());
    if (entries != null) for (const [key, value] of entries) this.set(key, value);
  }
}

interface MapMethods {
  get(this: object, key: unknown): unknown;
  has(this: object, key: unknown): boolean;
  set(this: object, key: unknown, value: unknown): unknown;
}

// The same three watched methods on both kinds of map.
for (const [Watched, Native] of [
  [WatchedMap, NativeMap],
  [WatchedWeakMap, NativeWeakMap],
] as const) {
  const native = Native.prototype as unknown as MapMethods;
  const watched: MapMethods = {
    get(key) {
      noteAnswer(this, key, native.has.call(this, key));
      return native.get.call(this, key);
    },
    has(key) {
      const answer = native.has.call(this, key);
      noteAnswer(this, key, answer);
      return answer;
    },
    set(key, value) {
      noteSet(this, key);
      return native.set.call(this, key, value);
    },
  };
  Object.assign(Watched.prototype, watched);
}

globalThis.Map = WatchedMap as MapConstructor;
globalThis.WeakMap = WatchedWeakMap as WeakMapConstructor;

/**
 * For the probe's own test: the memos created by the named engine files (comma-separated, e.g.
 * `data/kms-reference.ts`) are left out of the registry, as if their registration line were missing.
 */
function unregister(files: string | undefined): void {
  if (files === undefined) return;
  const skipped = (): boolean => {
    const site = creationSite(new Error());
    return files.split(",").some((file) => site.includes(file));
  };
  const registry = caches as { -readonly [K in keyof typeof caches]: (typeof caches)[K] };
  const { memoMap, memoWeakMap, onClearCaches } = caches;
  registry.memoMap = <K, V>() => (skipped() ? new Map<K, V>() : memoMap<K, V>());
  registry.memoWeakMap = <K extends object, V>() => {
    if (!skipped()) return memoWeakMap<K, V>();
    const map = new WeakMap<K, V>();
    return { get: (key: K) => map.get(key), set: (key: K, value: V) => void map.set(key, value) };
  };
  registry.onClearCaches = (clear) => {
    if (!skipped()) onClearCaches(clear);
  };
}

// Loaded only now, so that every module-level map of the engine is watched.
/* eslint-disable @typescript-eslint/no-require-imports */
const caches = require("../../components/src/engine/caches") as typeof import("../../components/src/engine/caches");
unregister(process.env.CACHES_PROBE_UNREGISTERED);
const engine = require("pulumi-kms-guardrails/engine") as typeof import("pulumi-kms-guardrails/engine");
const { SCENARIOS } = require("./scenarios") as typeof import("./scenarios");
const { CHECK_FIXTURES } = require("./lint-fixtures") as typeof import("./lint-fixtures");
/* eslint-enable @typescript-eslint/no-require-imports */

// The first run starts with parsing: the parser's memos are watched too.
phase = "first";
const policies = SCENARIOS.map((scenario) => {
  const { policy } = engine.parsePolicy(scenario.policy);
  if (policy === undefined) throw new Error(`scenario ${scenario.name}: no policy`);
  return policy;
});
const fixtures = CHECK_FIXTURES.flatMap((check) => check.fixtures).map((fixture) => {
  const json = fixture.json as { Statement?: unknown };
  const document = json.Statement === undefined ? { Version: "2012-10-17", Statement: [json] } : json;
  const { policy } = engine.parsePolicy(document);
  if (policy === undefined) throw new Error(`lint fixture ${fixture.name}: no policy`);
  return { policy, options: fixture.options };
});

/** Everything the engine decides for the inputs, as text: parse, evaluate, lint. */
function decideAll(): string {
  const decided = SCENARIOS.map((scenario, i) => {
    const decision = engine.evaluate(policies[i], scenario.request);
    return [decision.verdict, decision.reason, decision.trace.map((t) => t.explanation)];
  });
  const parsed = SCENARIOS.map((scenario) => engine.parsePolicy(scenario.policy).errors.map((e) => e.message));
  const linted = fixtures.map(({ policy, options }) =>
    engine.lintPolicy(policy, options).map((f) => [f.id, f.path, f.message, f.fix]),
  );
  return JSON.stringify([decided, parsed, linted]);
}

const first = decideAll();
caches.clearCaches();
phase = "second";
const second = decideAll();

process.stdout.write(
  JSON.stringify({
    sameDecisions: first === second,
    decisions: SCENARIOS.length + fixtures.length,
    stale: Object.fromEntries(stale),
  }),
);
