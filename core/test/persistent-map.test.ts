/**
 * core/persistent-map.ts against a Map: random sequences of updates give the same entries, leave the maps
 * they came from as they were, and build the same shape whatever their order; equality, keys, hashes,
 * printing and freezing treat it as the Map of its entries; keys whose 32-bit hashes collide (found here
 * by search) are kept apart.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalKey } from "../canonical.ts";
import { deepEqual } from "../deep-equal.ts";
import { describeDifference, formatValue } from "../diff.ts";
import { deepFreeze } from "../freeze.ts";
import { hashKey, PersistentMap } from "../persistent-map.ts";
import { structuralHash } from "../structural-hash.ts";

type Op = { readonly set: string | number; readonly value: number } | { readonly delete: string | number };

const keys = fc.oneof(fc.integer({ min: -3, max: 300 }), fc.constantFrom(0xffff_fff0, -0, 2.5, NaN), fc.string({ maxLength: 3 }));
const ops = fc.array(fc.oneof({ weight: 3, arbitrary: fc.record({ set: keys, value: fc.integer({ min: 0, max: 3 }) }) }, { weight: 1, arbitrary: fc.record({ delete: keys }) }), { maxLength: 200 });

function apply(list: readonly Op[]): { map: PersistentMap<string | number, number>; reference: Map<string | number, number>; history: PersistentMap<string | number, number>[] } {
  let map = PersistentMap.empty<string | number, number>();
  const reference = new Map<string | number, number>();
  const history = [map];
  for (const op of list) {
    if ("set" in op) {
      map = map.with(op.set, op.value);
      reference.set(op.set, op.value);
    } else {
      map = map.without(op.delete);
      reference.delete(op.delete);
    }
    history.push(map);
  }
  return { map, reference, history };
}

/** Strings with equal hashes: the first pairs met among "k0", "k1", …. */
function collidingKeys(pairs: number): string[][] {
  const seen = new Map<number, string>();
  const found: string[][] = [];
  for (let i = 0; found.length < pairs; i++) {
    const k = `k${i}`;
    const h = hashKey(k);
    const other = seen.get(h);
    if (other !== undefined) found.push([other, k]);
    else seen.set(h, k);
  }
  return found;
}

describe("persistent maps", () => {
  it("hold what a Map holds after the same updates, and every earlier map keeps what it held", () => {
    fc.assert(fc.property(ops, (list) => {
      const { map, reference, history } = apply(list);
      expect(map.size).toBe(reference.size);
      expect(new Map(map)).toEqual(reference);
      for (const [k, v] of reference) expect(map.get(k)).toBe(v);
      for (const k of [-1, 301, "zzzz"]) expect(map.has(k)).toBe(reference.has(k));
      // Replaying the prefix gives each earlier map again: no update wrote into a map it came from.
      for (let i = 0; i < history.length; i += 17) expect(new Map(history[i]!)).toEqual(new Map(apply(list.slice(0, i)).reference));
    }), { seed: 1, numRuns: 300 });
  });

  it("have one shape and one order of entries for one set of entries, whatever order they came in", () => {
    fc.assert(fc.property(ops, fc.integer(), (list, seed) => {
      const { map, reference } = apply(list);
      const shuffled = fc.sample(fc.shuffledSubarray([...reference], { minLength: reference.size, maxLength: reference.size }), { seed, numRuns: 1 })[0]!;
      const again = PersistentMap.of(shuffled);
      expect([...again]).toEqual([...map]);
      expect(deepEqual(again, map)).toBe(true);
      expect(canonicalKey(again)).toBe(canonicalKey(reference));
      expect(structuralHash(again)).toMatchObject({ hi: structuralHash(map).hi, lo: structuralHash(map).lo });
    }), { seed: 2, numRuns: 300 });
  });

  it("are equal exactly when their entries are, shared parts or not", () => {
    fc.assert(fc.property(ops, ops, (l1, l2) => {
      const a = apply(l1);
      const b = apply([...l1, ...l2]);
      expect(deepEqual(a.map, b.map)).toBe(deepEqual(a.reference, b.reference));
      expect(deepEqual(a.map, PersistentMap.of(b.reference))).toBe(deepEqual(a.reference, b.reference));
    }), { seed: 3, numRuns: 300 });
    const m = PersistentMap.of<string, { n: number }>([["a", { n: 1 }], ["b", { n: 2 }]]);
    expect(deepEqual(m.with("a", { n: 1 }), m)).toBe(true);
    expect(deepEqual(m.with("a", { n: 3 }), m)).toBe(false);
    expect(deepEqual(m, new Map(m))).toBe(false); // a Map is another class, as node says of a Map and an object
  });

  it("compared again and again as they change (the levels found equal remembered), answer as Maps compared afresh", () => {
    // Two maps updated side by side, mostly alike (as a core and the reference): most updates go to both,
    // a few to one side, over few keys (so that one side's update often changes an entry the other holds
    // equal); values are objects made anew by each update. After each step the two are compared, with what
    // deepEqual remembers of earlier comparisons, and as plain Maps.
    const step = fc.record({ key: fc.integer({ min: 0, max: 40 }), n: fc.integer({ min: 0, max: 2 }), side: fc.oneof({ weight: 8, arbitrary: fc.constant("both") }, fc.constant("a"), fc.constant("b")), drop: fc.boolean() });
    fc.assert(fc.property(fc.array(step, { maxLength: 300 }), (steps) => {
      let a = PersistentMap.empty<number, { n: number }>();
      let b = PersistentMap.empty<number, { n: number }>();
      for (const { key, n, side, drop } of steps) {
        if (side !== "b") a = drop ? a.without(key) : a.with(key, { n });
        if (side !== "a") b = drop ? b.without(key) : b.with(key, { n });
        expect(deepEqual(a, b)).toBe(deepEqual(new Map(a), new Map(b)));
      }
    }), { seed: 5, numRuns: 200 });
  });

  it("keep keys with equal hashes apart, and remove them one by one", () => {
    const pairs = collidingKeys(3);
    for (const [a, b] of pairs) expect(hashKey(a)).toBe(hashKey(b!));
    const flat = pairs.flat();
    let m = PersistentMap.empty<string, number>();
    flat.forEach((k, i) => (m = m.with(k, i)));
    expect(m.size).toBe(flat.length);
    flat.forEach((k, i) => expect(m.get(k)).toBe(i));
    expect([...PersistentMap.of([...m].reverse())]).toEqual([...m]);
    for (const k of flat) {
      const before = m;
      m = m.without(k);
      expect(m.has(k)).toBe(false);
      expect(m.size).toBe(before.size - 1);
      expect(before.has(k)).toBe(true);
    }
    expect(m.size).toBe(0);
    expect(deepEqual(m, PersistentMap.empty())).toBe(true);
  });

  it("are read, printed, diffed and frozen as a Map; written in place they refuse", () => {
    const m = PersistentMap.of<number, { n: number }>([[1, { n: 1 }], [2, { n: 2 }]]);
    expect(formatValue(m)).toBe(formatValue(new Map(m)));
    expect(describeDifference(m, m.with(2, { n: 3 }))).toBe("at [2].n: 2 vs 3");
    expect(() => m.set(3, { n: 3 })).toThrow(/in place/);
    expect(() => m.delete(1)).toThrow(/in place/);
    deepFreeze(m);
    expect(() => { m.get(1)!.n = 9; }).toThrow(TypeError);
    expect(m.with(3, { n: 3 }).size).toBe(3);
    expect(() => PersistentMap.empty<never, number>().with({} as never, 1)).toThrow(/not objects/);
  });
});
