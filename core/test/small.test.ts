import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isDeepStrictEqual } from "node:util";
import { canonicalKey, writeCanonicalKey } from "../canonical.ts";
import { KeyWriter } from "../key-writer.ts";
import { deepEqual } from "../deep-equal.ts";
import { describeDifference } from "../diff.ts";
import { InputError } from "../model.ts";
import { countOf, formatTable } from "../report.ts";
import { DEFAULT_SEED, deriveSeed, resolveSeed } from "../seed.ts";

describe("seeds", () => {
  it("come from --seed, then NFCHECK_SEED, then the default", () => {
    expect(resolveSeed("5", { NFCHECK_SEED: "6" })).toEqual({ seed: 5, source: "--seed" });
    expect(resolveSeed(undefined, { NFCHECK_SEED: "6" })).toEqual({ seed: 6, source: "NFCHECK_SEED" });
    expect(resolveSeed(undefined, {})).toEqual({ seed: DEFAULT_SEED, source: "default" });
  });
  it("must be 32-bit integers", () => {
    expect(() => resolveSeed("1.5", {})).toThrow(InputError);
    expect(() => resolveSeed(undefined, { NFCHECK_SEED: "abc" })).toThrow(/NFCHECK_SEED: seed must be an integer/);
    expect(() => resolveSeed("99999999999", {})).toThrow(/32 bits/);
  });
  it("derive per check: stable, and different between checks", () => {
    expect(deriveSeed(1, "a")).toBe(deriveSeed(1, "a"));
    expect(deriveSeed(1, "a")).not.toBe(deriveSeed(1, "b"));
    expect(deriveSeed(1, "a")).not.toBe(deriveSeed(2, "a"));
  });
});

describe("canonical keys", () => {
  it("ignore the order of object fields, Map entries and Set members", () => {
    expect(canonicalKey({ a: 1, b: new Map([[1, "x"], [2, "y"]]) })).toBe(canonicalKey({ b: new Map([[2, "y"], [1, "x"]]), a: 1 }));
    expect(canonicalKey(new Set([1, 2]))).toBe(canonicalKey(new Set([2, 1])));
  });
  it("tell apart values that JSON would confuse", () => {
    expect(canonicalKey(new Map([[1, 1]]))).not.toBe(canonicalKey(new Map()));
    expect(canonicalKey([undefined])).not.toBe(canonicalKey([null]));
    expect(canonicalKey("1")).not.toBe(canonicalKey(1));
  });
  it("are the plain recursive definition's, key for key (canonical.ts is written for speed)", () => {
    /** The definition: each node's key from its children's keys, joined. */
    const plain = (value: unknown): string => {
      switch (typeof value) {
        case "number": return Object.is(value, -0) ? "0" : String(value);
        case "string": return JSON.stringify(value);
        case "boolean": return value ? "t" : "f";
        case "undefined": return "u";
        case "bigint": return `${value}n`;
        case "object": {
          if (value === null) return "n";
          if (Array.isArray(value)) return `[${value.map(plain).join(",")}]`;
          if (value instanceof Map) return `M{${[...value].map(([k, v]) => `${plain(k)}:${plain(v)}`).sort().join(",")}}`;
          if (value instanceof Set) return `S{${[...value].map(plain).sort().join(",")}}`;
          return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${plain((value as Record<string, unknown>)[k])}`).join(",")}}`;
        }
        default: return String(value);
      }
    };
    const values = fc.anything({ withMap: true, withSet: true, withBigInt: true, withSparseArray: true, withNullPrototype: true, maxDepth: 4 });
    fc.assert(fc.property(values, (v) => canonicalKey(v) === plain(v)), { seed: 1, numRuns: 2_000 });
  });
  it("written as units (the explorer's default key), are the string's code units, unit for unit", () => {
    const w = new KeyWriter();
    const units = (v: unknown) => { writeCanonicalKey(v, w.begin()); return w.toArray(); };
    const codes = (s: string) => Array.from(s, (_, i) => s.charCodeAt(i));
    const numbers = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-0, 1e9 - 1, -(1e9 - 1), 1e9, -1e9, 2 ** 53, 0.1));
    const values = fc.anything({ withMap: true, withSet: true, withBigInt: true, withSparseArray: true, withNullPrototype: true, maxDepth: 4, values: [fc.anything(), numbers, fc.array(numbers)] });
    fc.assert(fc.property(values, (v) => { expect(units(v)).toEqual(codes(canonicalKey(v))); }), { seed: 1, numRuns: 2_000 });
  });
});

describe("deep equality", () => {
  const values = fc.anything({ withMap: true, withSet: true, withBigInt: true, withSparseArray: true, withNullPrototype: true, withBoxedValues: true, withDate: true, withTypedArray: true, maxDepth: 4 });
  /** The same value built twice, then one of its leaves (a number, a string, a key, a missing field) changed, or not. */
  const pairs = fc.oneof(
    fc.tuple(values, values),
    fc.clone(values, 2).map(([a, b]) => [a, b] as const),
    fc.tuple(fc.clone(values, 2), fc.anything(), fc.string({ maxLength: 2 })).map(([[a, b], v, k]) => {
      const change = (x: unknown): unknown => {
        if (x instanceof Map) { const m = x as Map<unknown, unknown>; if (m.size === 0) m.set(k, v); else m.set([...m.keys()][0], v); }
        else if (typeof x === "object" && x !== null) (x as Record<string, unknown>)[k] = v;
        return x;
      };
      return [a, change(b)] as const;
    }),
  );
  it("is node's isDeepStrictEqual (core/deep-equal.ts compares the shapes of states faster)", () => {
    fc.assert(fc.property(pairs, ([a, b]) => deepEqual(a, b) === isDeepStrictEqual(a, b)), { seed: 2, numRuns: 3_000 });
    expect(deepEqual(new Map([["a", { n: 0 }]]), new Map([["a", { n: -0 }]]))).toBe(false);
    expect(deepEqual(new Map([["a", { n: NaN, m: [1] }]]), new Map([["a", { m: [1], n: NaN }]]))).toBe(true);
  });
});

describe("differences", () => {
  it("name the first key where two states differ", () => {
    expect(describeDifference(new Map([[7, { n: 1 }]]), new Map([[7, { n: 2 }]]))).toBe("at [7].n: 1 vs 2");
    expect(describeDifference(new Map([[7, 1]]), new Map())).toBe("key 7 is 1 in one and absent in the other");
    expect(describeDifference({ a: [1, 2] }, { a: [1, 2] })).toBeNull();
  });
});

describe("counts", () => {
  it("take the singular for one, and a plural of their own when -s is not it", () => {
    expect([countOf(1, "check"), countOf(2, "check"), countOf(0, "event"), countOf(12_345, "state")]).toEqual(["1 check", "2 checks", "0 events", "12,345 states"]);
    expect([countOf(1, "loss", "losses"), countOf(3, "loss", "losses")]).toEqual(["1 loss", "3 losses"]);
  });
});

describe("tables", () => {
  it("align text left and numbers right", () => {
    expect(formatTable({ columns: ["name", "n"], rows: [["a", "1"], ["bbb", "100"]] })).toBe(
      ["name    n", "────  ───", "a       1", "bbb   100"].join("\n"),
    );
  });
});
