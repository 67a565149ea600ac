/**
 * Deep equality of states, as node's `isDeepStrictEqual` defines it, faster on the shapes states have.
 *
 * The SCR specs compare a replica's state with the reference core's after every packet, and the states
 * of the built-in programs are Maps of a few hundred small objects: node's general comparison spends
 * most of its time on checks those shapes never need (symbol keys, cycles, Map keys that are objects).
 * Here plain objects and Maps with primitive keys are compared directly; anything else — arrays, Sets,
 * class instances, symbol keys, object keys, deep nesting — is handed to `isDeepStrictEqual` itself, so the
 * answer is always node's (core/test/small.test.ts holds the two together on random pairs). The one
 * exception is core/persistent-map.ts's map, which node would compare by the empty storage of the Map it
 * extends: two of them are equal when they hold the same keys with equal values, as two Maps are (what
 * they share, and what an earlier comparison found equal, is not walked again).
 */
import { isDeepStrictEqual } from "node:util";
import { PersistentMap, type EqualLevels, type MapKey } from "./persistent-map.ts";

/** Levels of persistent maps this equality has found equal (core/persistent-map.ts). */
const EQUAL_LEVELS: EqualLevels = new WeakMap();

/** Nesting below which this walk goes; deeper (or cyclic) values are node's to compare. */
const MAX_DEPTH = 64;

export function deepEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, 0);
}

function equal(a: unknown, b: unknown, depth: number): boolean {
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Object.is(a, b);
  if (a === b) return true;
  const proto = Object.getPrototypeOf(a) as unknown;
  if (proto !== Object.getPrototypeOf(b)) return false;
  if (proto === PersistentMap.prototype) {
    return PersistentMap.equal(a as PersistentMap<MapKey, unknown>, b as PersistentMap<MapKey, unknown>, (x, y) => equal(x, y, depth + 1), EQUAL_LEVELS);
  }
  if (depth < MAX_DEPTH && !hasOwnSymbols(a) && !hasOwnSymbols(b)) {
    if (proto === Object.prototype) return plainObjectsEqual(a as Record<string, unknown>, b as Record<string, unknown>, depth);
    if (proto === Map.prototype) {
      const same = mapsEqual(a as ReadonlyMap<unknown, unknown>, b as ReadonlyMap<unknown, unknown>, depth);
      if (same !== undefined) return same;
    }
  }
  return isDeepStrictEqual(a, b);
}

function hasOwnSymbols(o: object): boolean {
  return Object.getOwnPropertySymbols(o).length > 0;
}

const enumerable = Object.prototype.propertyIsEnumerable;

function plainObjectsEqual(a: Record<string, unknown>, b: Record<string, unknown>, depth: number): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!enumerable.call(b, k) || !equal(a[k], b[k], depth + 1)) return false;
  return true;
}

/** Whether two Maps are equal, or undefined where node's rules for them are not these (own properties, object keys). */
function mapsEqual(a: ReadonlyMap<unknown, unknown>, b: ReadonlyMap<unknown, unknown>, depth: number): boolean | undefined {
  if (Object.keys(a).length > 0 || Object.keys(b).length > 0) return undefined;
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    if ((typeof k === "object" && k !== null) || typeof k === "function") return undefined;
    // A primitive key stands only for itself (node: strict mode).
    if (!b.has(k) || !equal(v, b.get(k), depth + 1)) return false;
  }
  return true;
}
