import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyWriter } from "../key-writer.ts";
import { StateSet } from "../state-set.ts";

/** Key number `i`, `length` units long: its number, then units that depend on both. */
function key(w: KeyWriter, i: number, length: number): KeyWriter {
  w.begin().int(i);
  for (let x = 1; x < length; x++) w.int((i * 31 + x) & 0x7fff);
  return w;
}

describe("StateSet", () => {
  it("finds every key again across chunks, a key larger than a chunk among them, and tells near ones apart", () => {
    // 3 000 keys of 1–200 units and one of 300 000: several chunks (the first holds 65 536 units).
    const lengths = Array.from({ length: 3_000 }, (_, i) => 1 + ((i * 7) % 200));
    lengths[1_500] = 300_000;
    const set = new StateSet();
    const w = new KeyWriter();
    for (const [i, n] of lengths.entries()) expect(set.add(key(w, i, n))).toBe(true);
    for (const [i, n] of lengths.entries()) expect(set.add(key(w, i, n))).toBe(false);
    expect(set.size).toBe(3_000);
    // Same first unit, other length; same length, last unit changed: new keys.
    expect(set.add(key(w, 1_500, 299_999))).toBe(true);
    key(w, 2_999, lengths[2_999]!).units[lengths[2_999]! - 1]! ^= 1;
    expect(set.add(w)).toBe(true);
    expect(set.size).toBe(3_002);
  });

  it("holds text keys as a Set of the strings would: the same answer to every add", () => {
    // Short strings from few characters (many repeats, prefixes of each other, the empty one), lone
    // surrogates and characters whose code is the writer's escape unit among them.
    const text = fc.string({ unit: fc.constantFrom("a", "b", "\uffff", "\ud800", "\u0000", "é"), maxLength: 6 });
    fc.assert(fc.property(fc.array(text, { maxLength: 300 }), (keys) => {
      const set = new StateSet();
      const plain = new Set<string>();
      const w = new KeyWriter();
      for (const k of keys) {
        expect(set.add(w.begin().text(k))).toBe(!plain.has(k));
        plain.add(k);
      }
      expect(set.size).toBe(plain.size);
    }), { seed: 4, numRuns: 300 });
  });
});
