/**
 * A connection table, the structure every stateful NF sits on (the talk's first half: connection tracking
 * at 100 Gbit/s), in four collision schemes: the state, and the operations of each scheme.
 *
 * The table is a row of homes — buckets (chaining, cuckoo) or slots (hopscotch, robin hood) — each holding
 * its entries: a chain of any length within a pool of `capacity` entries; a cuckoo bucket of `bucketSize`
 * slots; one entry per slot otherwise. An entry is a key, its value, the time it was inserted and the time it
 * was last used.
 *
 * - Chaining: key k in the chain of bucket h1[k].
 * - Cuckoo (Pagh and Rodler; Cuckoo++): k in bucket h1[k] or h2[k]; with both full, the shortest
 *   displacement path (at most `maxPath` moves, breadth first) makes room, else the insert fails.
 * - Hopscotch (Herlihy, Shavit and Tzafrir): k within `neighbourhood` slots of h1[k]; the first free slot
 *   from the home is moved towards it by displacing entries that may move there, else the insert fails.
 * - Robin hood (Celis): linear probing from h1[k]; an insert takes the slot of an entry closer to its
 *   home than the inserted one is and carries that entry on; a lookup stops at an empty slot or an entry
 *   closer to its home; a delete shifts the run after it back by one (backward-shift deletion).
 *
 * Expired entries (now ≥ last use + timeout) are never returned by a lookup. Lazy deletion removes the
 * expired entries an insert meets (its reach: the chain, the two buckets, the probe run) before it inserts.
 */
import type { TableConfig } from "./config.ts";
import { homes } from "./config.ts";

export interface Entry {
  readonly key: number;
  readonly value: number;
  readonly inserted: number;
  readonly used: number;
}

export type Store = readonly (readonly Entry[])[];

export const emptyStore = (c: TableConfig): Store => Array.from({ length: homes(c) }, () => []);

export const expired = (e: Entry, now: number, c: TableConfig) => c.ageing !== "none" && now >= e.used + c.timeout;

/** Where an entry is: its home (bucket or slot) and its index there. */
export interface Place { readonly home: number; readonly index: number }

const ring = (i: number, c: TableConfig) => ((i % homes(c)) + homes(c)) % homes(c);
/** How far slot `slot` is past `home`, going round the ring. */
export const distance = (home: number, slot: number, c: TableConfig) => ring(slot - home, c);

const setHome = (s: Store, home: number, entries: readonly Entry[]): Store => s.map((x, i) => (i === home ? entries : x));

export function entriesOf(s: Store): (Entry & Place)[] {
  // Loops and the fields by name, not flatMap and `{ ...e, home, index }`: the specs list the entries on
  // every state, and the spread was most of what a conntrack check spent.
  const out: (Entry & Place)[] = [];
  for (let home = 0; home < s.length; home++) {
    const x = s[home]!;
    for (let index = 0; index < x.length; index++) {
      const e = x[index]!;
      out.push({ key: e.key, value: e.value, inserted: e.inserted, used: e.used, home, index });
    }
  }
  return out;
}
export const count = (s: Store) => s.reduce((n, x) => n + x.length, 0);

/** Where key k is stored, if it is, as the scheme's lookup finds it. */
export function find(s: Store, k: number, c: TableConfig): Place | null {
  const at = (home: number): Place | null => {
    const index = s[home]!.findIndex((e) => e.key === k);
    return index >= 0 ? { home, index } : null;
  };
  switch (c.scheme) {
    case "chaining": return at(c.h1[k]!);
    case "cuckoo": return at(c.h1[k]!) ?? at(c.h2[k]!);
    case "hopscotch": {
      for (let d = 0; d < Math.min(c.neighbourhood, homes(c)); d++) {
        const p = at(ring(c.h1[k]! + d, c));
        if (p) return p;
      }
      return null;
    }
    case "robinhood": {
      for (let d = 0; d < homes(c); d++) {
        const slot = ring(c.h1[k]! + d, c);
        const e = s[slot]![0];
        if (e === undefined || distance(c.h1[e.key]!, slot, c) < d) return null;
        if (e.key === k) return { home: slot, index: 0 };
      }
      return null;
    }
  }
}

/** The homes an insert of k meets (lazy deletion reclaims the expired entries there). */
export function reach(s: Store, k: number, c: TableConfig): number[] {
  switch (c.scheme) {
    case "chaining": return [c.h1[k]!];
    case "cuckoo": return [...new Set([c.h1[k]!, c.h2[k]!])];
    case "hopscotch":
    case "robinhood": {
      // The probe run: from the home up to the first empty slot.
      const run: number[] = [];
      for (let d = 0; d < homes(c); d++) {
        const slot = ring(c.h1[k]! + d, c);
        run.push(slot);
        if (s[slot]!.length === 0) break;
      }
      return run;
    }
  }
}

/** Removes key k (a delete, or an entry aged out). */
export function remove(s: Store, k: number, c: TableConfig): Store {
  const p = entriesOf(s).find((e) => e.key === k);
  if (!p) return s;
  const without = setHome(s, p.home, s[p.home]!.filter((_, i) => i !== p.index));
  if (c.scheme !== "robinhood" || c.fault === "delete-without-backward-shift") return without;
  // Backward shift: the run after the hole moves back one slot, up to an empty slot or an entry at its home.
  let out = without;
  for (let hole = p.home, d = 1; d < homes(c); d++) {
    const next = ring(p.home + d, c);
    const e = out[next]![0];
    if (e === undefined || distance(c.h1[e.key]!, next, c) === 0) break;
    out = setHome(setHome(out, hole, [e]), next, []);
    hole = next;
  }
  return out;
}

/** Inserts a new entry (its key not in the table); false when the scheme finds no room. */
export function insertNew(s: Store, entry: Entry, c: TableConfig): { store: Store; ok: boolean } {
  const k = entry.key;
  switch (c.scheme) {
    case "chaining": {
      if (count(s) >= c.capacity) return { store: s, ok: false };
      return { store: setHome(s, c.h1[k]!, [...s[c.h1[k]!]!, entry]), ok: true };
    }
    case "cuckoo": return cuckooInsert(s, entry, c);
    case "hopscotch": return hopscotchInsert(s, entry, c);
    case "robinhood": {
      let out = s;
      let carried = entry;
      let d = 0;
      for (let step = 0; step < homes(c); step++) {
        const slot = ring(c.h1[carried.key]! + d, c);
        const occupant = out[slot]![0];
        if (occupant === undefined) return { store: setHome(out, slot, [carried]), ok: true };
        const theirs = distance(c.h1[occupant.key]!, slot, c);
        if (theirs < d) {
          // Robin hood: the richer entry (closer to its home) gives up its slot and is carried on.
          out = setHome(out, slot, [carried]);
          carried = occupant;
          d = theirs;
        }
        d++;
      }
      return { store: s, ok: false };
    }
  }
}

function cuckooInsert(s: Store, entry: Entry, c: TableConfig): { store: Store; ok: boolean } {
  const k = entry.key;
  const room = (b: number) => s[b]!.length < c.bucketSize;
  for (const b of [c.h1[k]!, c.h2[k]!]) if (room(b)) return { store: setHome(s, b, [...s[b]!, entry]), ok: true };
  // Breadth first over moves of an occupant to its other bucket, from the key's two buckets.
  type Node = { readonly bucket: number; readonly moves: readonly { from: number; index: number; to: number }[] };
  let frontier: Node[] = [...new Set([c.h1[k]!, c.h2[k]!])].map((bucket) => ({ bucket, moves: [] }));
  const seen = new Set(frontier.map((n) => n.bucket));
  for (let depth = 0; depth < c.maxPath; depth++) {
    const next: Node[] = [];
    for (const n of frontier) {
      for (const [index, e] of s[n.bucket]!.entries()) {
        const to = c.h1[e.key] === n.bucket ? c.h2[e.key]! : c.h1[e.key]!;
        const moves = [...n.moves, { from: n.bucket, index, to }];
        if (room(to) && !seen.has(to)) {
          // Moves from the end of the path: each key into the room the next move made.
          let out = s;
          for (const m of [...moves].reverse()) {
            const moving = out[m.from]![m.index]!;
            out = setHome(setHome(out, m.to, [...out[m.to]!, moving]), m.from, out[m.from]!.filter((_, i) => i !== m.index));
          }
          return { store: setHome(out, moves[0]!.from, [...out[moves[0]!.from]!, entry]), ok: true };
        }
        if (!seen.has(to)) {
          seen.add(to);
          next.push({ bucket: to, moves });
        }
      }
    }
    frontier = next;
  }
  if (c.fault === "overwrite-when-full") return { store: setHome(s, c.h1[k]!, [entry, ...s[c.h1[k]!]!.slice(1)]), ok: true };
  return { store: s, ok: false };
}

function hopscotchInsert(s: Store, entry: Entry, c: TableConfig): { store: Store; ok: boolean } {
  const home = c.h1[entry.key]!;
  const n = homes(c);
  let free = -1;
  for (let d = 0; d < n; d++) if (s[ring(home + d, c)]!.length === 0) { free = ring(home + d, c); break; }
  if (free < 0) return { store: s, ok: false };
  let out = s;
  const h = Math.min(c.neighbourhood, n);
  while (distance(home, free, c) >= h && c.fault !== "neighbourhood-ignored") {
    // An entry in the h − 1 slots before the free one that may move into it (the free slot is within its neighbourhood).
    let moved = false;
    for (let back = h - 1; back >= 1; back--) {
      const slot = ring(free - back, c);
      const e = out[slot]![0];
      if (e !== undefined && distance(c.h1[e.key]!, free, c) < h) {
        out = setHome(setHome(out, free, [e]), slot, []);
        free = slot;
        moved = true;
        break;
      }
    }
    if (!moved) return { store: s, ok: false };
  }
  return { store: setHome(out, free, [entry]), ok: true };
}
