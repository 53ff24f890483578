/**
 * `remember` / `rememberWeak` (caches.ts), the bookkeeping of the engine's bounded memos: computed
 * once per key, bounded by emptying the memo when full, and forgotten by `clearCaches`.
 */
import { strict as assert } from "node:assert";
import { clearCaches, memoMap, memoWeakMap, remember, rememberWeak } from "../../components/src/engine/caches";

describe("engine caches: remember", () => {
  it("computes once per key and answers from the memo after that", () => {
    const memo = memoMap<string, number>();
    let calls = 0;
    const length = (s: string) => (calls++, s.length);
    assert.equal(remember(memo, "abc", 10, length), 3);
    assert.equal(remember(memo, "abc", 10, length), 3);
    assert.equal(calls, 1);
    clearCaches();
    assert.equal(remember(memo, "abc", 10, length), 3);
    assert.equal(calls, 2);
  });

  it("remembers a null answer, and empties the memo before it would exceed its bound", () => {
    const memo = memoMap<string, null>();
    remember(memo, "a", 2, () => null);
    remember(memo, "b", 2, () => null);
    assert.deepEqual([...memo.keys()], ["a", "b"]);
    assert.equal(
      remember(memo, "a", 2, () => assert.fail("recomputed")),
      null,
    );
    remember(memo, "c", 2, () => null);
    assert.deepEqual([...memo.keys()], ["c"]);
  });

  it("rememberWeak computes once per object until clearCaches", () => {
    const memo = memoWeakMap<object, number>();
    const key = {};
    let calls = 0;
    const count = () => ++calls;
    assert.equal(rememberWeak(memo, key, count), 1);
    assert.equal(rememberWeak(memo, key, count), 1);
    clearCaches();
    assert.equal(rememberWeak(memo, key, count), 2);
  });
});
