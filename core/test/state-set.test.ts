import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KeyWriter } from "../key-writer.ts";
import { FingerprintSet, omissionProbability } from "../fingerprint-set.ts";
import { StateSet, type VisitedKeys } from "../state-set.ts";

/** Key number `i`, `length` units long: its number, then units that depend on both. */
function key(w: KeyWriter, i: number, length: number): KeyWriter {
  w.begin().int(i);
  for (let x = 1; x < length; x++) w.int((i * 31 + x) & 0x7fff);
  return w;
}

/** Every add of random text keys answered as a Set of the strings answers it. */
function answersAsASet(make: () => VisitedKeys, units: readonly string[], seed: number): void {
  const text = fc.string({ unit: fc.constantFrom(...units), maxLength: 8 });
  fc.assert(fc.property(fc.array(text, { maxLength: 300 }), (keys) => {
    const set = make();
    const plain = new Set<string>();
    const w = new KeyWriter();
    for (const k of keys) {
      expect(set.add(w.begin().text(k))).toBe(!plain.has(k));
      plain.add(k);
    }
    expect(set.size).toBe(plain.size);
  }), { seed, numRuns: 300 });
}

/** 100 000 keys of numbers, added and then found again: the table doubles several times on the way. */
function findsEveryKeyAgain(make: () => VisitedKeys): void {
  const set = make();
  const w = new KeyWriter();
  let added = 0;
  let again = 0;
  for (let i = 0; i < 100_000; i++) if (set.add(key(w, i, 1 + (i % 5)))) added++;
  for (let i = 0; i < 100_000; i++) if (set.add(key(w, i, 1 + (i % 5)))) again++;
  expect([added, again, set.size]).toEqual([100_000, 0, 100_000]);
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

  it("finds every one of 100 000 keys again after the table has doubled several times", () => findsEveryKeyAgain(() => new StateSet()));

  it("answers as a fresh set when it writes into the chunks of sets released before it, whatever they left there", () => {
    /** A set made after another one, filled with keys like the ones to come and with long ones, was released. */
    const afterARelease = (): StateSet => {
      const before = new StateSet();
      const w = new KeyWriter();
      for (let i = 0; i < 2_000; i++) before.add(key(w, i, 1 + (i % 300)));
      for (const k of ["", "a", "ab", "ba", "\u0000"]) before.add(w.begin().text(k));
      before.release();
      const set = new StateSet();
      expect(set.reusedBytes).toBeGreaterThan(0);
      return set;
    };
    answersAsASet(afterARelease, ["a", "b", "\u0000", "\uffff"], 5);
    findsEveryKeyAgain(afterARelease);
  });

  it("holds text keys as a Set of the strings would: the same answer to every add", () => {
    // Short strings from few characters (many repeats, prefixes of each other, the empty one), lone
    // surrogates and characters whose code is the writer's escape unit among them.
    answersAsASet(() => new StateSet(), ["a", "b", "\uffff", "\ud800", "\u0000", "é"], 4);
  });
});

describe("FingerprintSet (hash compaction)", () => {
  it("answers every add as a Set of the keys would (no collision among these keys), across its growth", () => {
    answersAsASet(() => new FingerprintSet(), ["a", "b", "\uffff", "\u0000"], 5);
    findsEveryKeyAgain(() => new FingerprintSet());
  });

  it("gives the birthday bound as the chance of an omission", () => {
    // n(n − 1)/2 pairs, each sharing a fingerprint with chance 2^-64: 10^6 states, 4.99999 × 10^11 pairs.
    expect(omissionProbability(1_000_000)).toBeCloseTo(499_999_500_000 / 18_446_744_073_709_551_616, 20);
    expect(omissionProbability(1)).toBe(0);
    expect(omissionProbability(2 ** 40)).toBe(1);
  });
});
