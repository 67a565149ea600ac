/**
 * What a connection table (models/conntrack/) must guarantee, against the map with expiry it implements:
 *
 * lookup-correctness   a lookup returns the value the map has for a live key, and misses a key the map
 *                      does not have (never inserted, deleted, or expired — also when the entry is still
 *                      stored);
 * no-duplicate-key     no key is stored twice;
 * no-lost-key          a key live in the map is stored in the table (an insert that succeeded is kept until
 *                      it is deleted or expires);
 * layout               each scheme's own invariant: cuckoo, every key in one of its two buckets; hopscotch,
 *                      every key within H slots of its home; robin hood, no empty slot between a key's home
 *                      and its slot, and probe distances that rise by at most one from slot to slot;
 * never-evict-active   the ageing removes only expired entries (used at least a timeout ago);
 * bounded-staleness    an expired entry is gone within the scheme's promise: scanning, timeout + period;
 *                      a timing wheel, timeout + one slot (lazy deletion promises space, not time);
 * reclaim-before-refuse  with lazy deletion, an insert fails only if no expired entry is in its reach.
 */
import type { Invariant, StepProperty } from "../core/spec.ts";
import { homes, type TableConfig } from "../models/conntrack/config.ts";
import { liveIn, type Reference, type TableEvent, type TableState } from "../models/conntrack/system.ts";
import { distance, entriesOf, expired, reach } from "../models/conntrack/table.ts";

export const LOOKUP_CORRECTNESS = "lookup-correctness";
export const NO_DUPLICATE_KEY = "no-duplicate-key";
export const NO_LOST_KEY = "no-lost-key";
export const LAYOUT = "layout";
export const NEVER_EVICT_ACTIVE = "never-evict-active";
export const BOUNDED_STALENESS = "bounded-staleness";
export const RECLAIM_BEFORE_REFUSE = "reclaim-before-refuse";

type Step = StepProperty<TableState, TableEvent, TableConfig>;
type Inv = Invariant<TableState, TableConfig>;

/** What a lookup must return: the map's value of a live key, else a miss (the table's and a user's table alike). */
export function lookupProblem(
  before: { readonly reference: Reference; readonly now: number }, key: number, got: number | null, c: Pick<TableConfig, "ageing" | "timeout">, name = `key ${key}`,
): string | null {
  const expected = liveIn(before.reference, key, before.now, c) ? before.reference[key]!.value : null;
  if (got === expected) return null;
  const why = before.reference[key] === null ? "it is not in the map" : expected === null ? `it expired at ${before.reference[key]!.used + c.timeout}` : `the map has ${expected}`;
  return `lookup of ${name} at time ${before.now} returned ${got === null ? "a miss" : `value ${got}`}, but ${why}`;
}

const lookupCorrectness: Step = {
  kind: "step", name: LOOKUP_CORRECTNESS,
  check: (before, e, after, c) => (e.type !== "lookup" || after.last?.type !== "lookup" ? null : lookupProblem(before, e.key, after.last.value, c)),
};

const noDuplicateKey: Inv = {
  kind: "invariant", name: NO_DUPLICATE_KEY,
  check(s) {
    const seen = new Map<number, number>();
    for (const e of entriesOf(s.store)) {
      if (seen.has(e.key)) return `key ${e.key} is stored twice: at ${seen.get(e.key)} and at ${e.home}`;
      seen.set(e.key, e.home);
    }
    return null;
  },
};

const noLostKey: Inv = {
  kind: "invariant", name: NO_LOST_KEY,
  check(s, c) {
    const stored = new Set(entriesOf(s.store).map((e) => e.key));
    for (let k = 0; k < c.keys; k++) if (liveIn(s.reference, k, s.now, c) && !stored.has(k)) return `key ${k} is in the map (value ${s.reference[k]!.value}) but no longer stored in the table`;
    return null;
  },
};

const layout: Inv = {
  kind: "invariant", name: LAYOUT,
  check(s, c) {
    for (const e of entriesOf(s.store)) {
      if (c.scheme === "cuckoo" && e.home !== c.h1[e.key] && e.home !== c.h2[e.key]) return `key ${e.key} is in bucket ${e.home}, neither of its buckets ${c.h1[e.key]} and ${c.h2[e.key]}`;
      if (c.scheme === "chaining" && e.home !== c.h1[e.key]) return `key ${e.key} is in chain ${e.home}, not its bucket ${c.h1[e.key]}`;
      if (c.scheme === "hopscotch" && distance(c.h1[e.key]!, e.home, c) >= c.neighbourhood) return `key ${e.key} is ${distance(c.h1[e.key]!, e.home, c)} slots past its home ${c.h1[e.key]}: beyond its neighbourhood of ${c.neighbourhood}`;
      if (c.scheme === "robinhood") {
        const d = distance(c.h1[e.key]!, e.home, c);
        for (let back = 1; back <= d; back++) {
          const slot = (e.home - back + homes(c)) % homes(c);
          if (s.store[slot]!.length === 0) return `key ${e.key} is in slot ${e.home}, but slot ${slot}, between it and its home ${c.h1[e.key]}, is empty: a lookup stops there`;
        }
        const prev = s.store[(e.home - 1 + homes(c)) % homes(c)]![0];
        if (prev !== undefined && d > distance(c.h1[prev.key]!, (e.home - 1 + homes(c)) % homes(c), c) + 1) {
          return `key ${e.key} is ${d} slots from its home in slot ${e.home}, after key ${prev.key} at distance ${distance(c.h1[prev.key]!, (e.home - 1 + homes(c)) % homes(c), c)}: the distance rises by more than one`;
        }
      }
    }
    return null;
  },
};

const neverEvictActive: Step = {
  kind: "step", name: NEVER_EVICT_ACTIVE,
  check(before, e, after, c) {
    if (e.type === "delete") return null;
    const kept = new Set(entriesOf(after.store).map((x) => x.key));
    for (const x of entriesOf(before.store)) {
      if (kept.has(x.key) || (e.type === "insert" && e.key === x.key)) continue;
      if (!expired(x, after.now, c)) return `key ${x.key}, last used at ${x.used}, was removed at time ${after.now} (on ${e.type}), before its timeout of ${c.timeout}`;
    }
    return null;
  },
};

const boundedStaleness: Inv = {
  kind: "invariant", name: BOUNDED_STALENESS,
  check(s, c) {
    const bound = c.ageing === "scan" ? c.scanPeriod : c.ageing === "wheel" ? 1 : null;
    if (bound === null) return null;
    for (const e of entriesOf(s.store)) {
      const late = s.now - (e.used + c.timeout);
      if (late >= bound) return `key ${e.key} expired at ${e.used + c.timeout} and is still stored at ${s.now}: ${late} ticks late, the ${c.ageing === "scan" ? `scan period of ${c.scanPeriod}` : "wheel's one slot"} promises less`;
    }
    return null;
  },
};

const reclaimBeforeRefuse: Step = {
  kind: "step", name: RECLAIM_BEFORE_REFUSE,
  check(before, e, after, c) {
    if (c.ageing !== "lazy" || e.type !== "insert" || after.last?.type !== "insert" || after.last.ok) return null;
    const reclaimable = reach(before.store, e.key, c).flatMap((h) => before.store[h]!).find((x) => expired(x, before.now, c));
    return reclaimable === undefined ? null : `insert of key ${e.key} was refused while key ${reclaimable.key}, expired at ${reclaimable.used + c.timeout}, was in its reach`;
  },
};

export const TABLE_SPECS = [lookupCorrectness, noDuplicateKey, noLostKey, layout, neverEvictActive, boundedStaleness, reclaimBeforeRefuse] as const;
