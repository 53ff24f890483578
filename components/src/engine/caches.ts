/**
 * The engine's memos, registered so that a test harness can empty them all at once. Mutation
 * testing (`npm run mutation`) runs many mutants in one process: an answer remembered while one
 * mutant was active must not be served while the next one is. Nothing in the engine calls
 * `clearCaches`; the memos bound their own size.
 */
const clears: (() => void)[] = [];

/** A `Map` used as a memo: emptied by `clearCaches`. */
export function memoMap<K, V>(): Map<K, V> {
  const map = new Map<K, V>();
  clears.push(() => map.clear());
  return map;
}

/** A memo keyed by object identity (a `WeakMap`, which cannot be emptied): replaced by `clearCaches`. */
export interface WeakMemo<K extends object, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

/** A `WeakMap` used as a memo: forgotten by `clearCaches`. */
export function memoWeakMap<K extends object, V>(): WeakMemo<K, V> {
  let map = new WeakMap<K, V>();
  clears.push(() => {
    map = new WeakMap();
  });
  return {
    get: (key) => map.get(key),
    set: (key, value) => {
      map.set(key, value);
    },
  };
}

/**
 * The answer `compute` gives for `key`, remembered in `memo` (a `memoMap`): computed on the first ask,
 * and the memo emptied before it would hold more than `limit` keys, so that a long-running pack keeps
 * a bounded amount. The engine's bounded memos share this bookkeeping, which never changes an answer
 * (caches.test.ts decides everything again around `clearCaches` and compares).
 */
export function remember<K, V>(memo: Map<K, V>, key: K, limit: number, compute: (key: K) => V): V {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  if (memo.size >= limit) memo.clear();
  memo.set(key, value);
  return value;
}

/** `remember` for a memo keyed by object identity (unbounded: the garbage collector bounds it). */
export function rememberWeak<K extends object, V>(memo: WeakMemo<K, V>, key: K, compute: (key: K) => V): V {
  const known = memo.get(key);
  if (known !== undefined) return known;
  const value = compute(key);
  memo.set(key, value);
  return value;
}

/** Registers how to forget a remembered value that is not a memo map (a lazily built table, a last answer). */
export function onClearCaches(clear: () => void): void {
  clears.push(clear);
}

/** Forgets everything the engine remembers. */
export function clearCaches(): void {
  for (const clear of clears) clear();
}
