/** Shrinking by whole cuts (core/shrink.ts): ddmin's chunk removal, the greedy loop, its budget. */
import { describe, expect, it } from "vitest";
import { groupedBy, removeChunks, shrinkLoop, without } from "../shrink.ts";

/** Fails when the trace holds at least `n` "a" and a "b" after the last of them (so one "b" and n "a" are needed). */
const needs = (n: number) => (t: readonly string[]) => {
  const lastA = t.lastIndexOf("a");
  return t.filter((x) => x === "a").length >= n && t.slice(lastA + 1).includes("b") ? t : null;
};

describe("shrinkLoop with removeChunks", () => {
  it("cuts a long trace down to the events the failure needs, and says it finished", () => {
    const trace = Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? "a" : i % 11 === 0 ? "b" : "x"));
    const r = shrinkLoop(trace, { reducers: [removeChunks<string>()], fails: needs(5), stop: () => false });
    expect(r.complete).toBe(true);
    expect(r.events).toEqual(["a", "a", "a", "a", "a", "b"]);
    // O(n log n) candidates, not O(n²): a pass of chunk sizes 300, 150, … 1 over 600 events is about 1,200.
    expect(r.steps).toBeLessThan(4_000);
  });

  it("keeps the best trace so far when stopped, and says it did not finish", () => {
    const trace = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? "a" : "b"));
    let calls = 0;
    const smaller: number[] = [];
    const r = shrinkLoop(trace, {
      reducers: [removeChunks<string>()], fails: needs(3), stop: () => ++calls > 5, onSmaller: (t) => smaller.push(t.length),
    });
    expect(r.complete).toBe(false);
    expect(needs(3)(r.events)).not.toBeNull();
    expect(r.events.length).toBe(smaller.at(-1) ?? 200);
    expect(smaller).toEqual([...smaller].sort((a, b) => b - a));
  });

  it("takes what a failing candidate ran up to (a run stops where it breaks)", () => {
    const trace = ["x", "a", "x", "b", "x", "x"];
    const r = shrinkLoop(trace, { reducers: [removeChunks<string>()], fails: (t) => (t.includes("b") ? t.slice(0, t.indexOf("b") + 1) : null), stop: () => false });
    expect(r.events).toEqual(["b"]);
  });

  it("tries whole groups first with groupedBy, biggest group first", () => {
    const keepOne = groupedBy<string>((e) => e[0]!, function* (group, events) {
      yield group.map((i) => events[i]!);
    });
    expect([...keepOne(["a1", "b1", "a2", "c1", "a3"])]).toEqual([["a1", "a2", "a3"], ["b1"], ["c1"]]);
    expect(without(["a", "b", "c"], new Set([1]))).toEqual(["a", "c"]);
  });
});
