/**
 * A cuckoo hash table with one writer and lock-free readers, at the granularity of single slot reads and
 * writes (the talk's "one table shared by cores with lock-free access"; the scheme of DPDK's `rte_hash`,
 * lib/hash/rte_cuckoo_hash.c).
 *
 * The table has `buckets` buckets of `slotsPerBucket` slots; key k lives in bucket h1[k] or h2[k] (the
 * hash functions are part of the config, so a small exploration can force every collision pattern). The
 * writer runs its operations one after another. An insert writes the key into a free slot of its primary,
 * else its secondary bucket; with both full it finds a displacement path (breadth first, at most `maxPath`
 * moves) and moves keys along it from the end, as rte_hash's `rte_hash_cuckoo_move_insert_mw` does: each
 * move writes the key into the slot the previous move left (the free slot first), then bumps the change
 * counter (`changeCounter`, rte_hash's `tbl_chng_cnt`); the slot a key left is overwritten by the next move,
 * and the new key goes into the slot the path started from. No path: the insert fails (the table is full for
 * it). A delete clears the key's slot.
 *
 * A reader's lookup reads the change counter, then the slots of the key's primary bucket one by one, then
 * its secondary's; on a miss it reads the counter again and, if it changed, scans again (rte_hash's
 * `search_one_bucket` loop). Without the counter a lookup can run while the writer moves its key from the
 * secondary to the primary bucket — the primary read before the move, the secondary after the next write
 * went over the slot the key left — and miss a key that was in the table all along.
 *
 * Slots hold pointers to entries (a key and its value) in a pool. A delete clears the slot and frees the
 * entry — at once (`reclamation: immediate`: the next insert may reuse it), or, RCU-style, after a grace
 * period (`quiescent`, the default): only once every reader that was inside a lookup when it was freed has
 * finished that lookup. A reader that found its key reads the entry through its pointer in a step of its
 * own; with immediate reuse, the entry may hold another key by then. Ghost: which lookups saw their key
 * present for their whole duration, the first false miss, and the first read of a reused entry.
 */
import { Schema } from "effect";
import { optionalField } from "../../core/config-field.ts";
import { ModelError, type Model } from "../../core/model.ts";
import type { Table } from "../../core/registry.ts";
import { traceTable } from "../../core/trace-table.ts";

export const CUCKOO_RW_FAULTS = [
  /** The writer bumps the change counter after the slot a key moved from is overwritten, not before. */
  "bump-after-overwrite",
  /** The moves of a displacement path done from its start: each overwrites the next key before that one moved. */
  "moves-from-the-front",
  /** The grace period ends when the delete is done, not when the readers inside a lookup have finished it. */
  "grace-period-ignores-readers",
] as const;

const Index = Schema.Int.pipe(Schema.between(0, 63));
const Op = Schema.Union(Schema.Struct({ op: Schema.Literal("insert"), key: Index }), Schema.Struct({ op: Schema.Literal("delete"), key: Index })).annotations({ title: "{ op: insert | delete, key }" });

/**
 * The default: bucket 0 fills with key 1, key 0 goes to its secondary bucket 1; key 1 is deleted; key 2,
 * whose buckets are both 1, displaces key 0 back to its primary bucket 0 — while reader 0 looks key 0 up
 * and reader 1 key 1.
 */
export const CUCKOO_RW_DEFAULTS = {
  buckets: 2, slotsPerBucket: 1, h1: [0, 0, 1], h2: [1, 0, 1],
  ops: [{ op: "insert", key: 1 }, { op: "insert", key: 0 }, { op: "delete", key: 1 }, { op: "insert", key: 2 }],
  lookups: [[0], [1]], changeCounter: true, maxPath: 2, reclamation: "quiescent",
} as const;

export const RECLAMATION = ["quiescent", "immediate"] as const;

export const CuckooRwConfigJson = Schema.Struct({
  buckets: optionalField(Schema.Int.pipe(Schema.between(1, 16)), "buckets of the table", CUCKOO_RW_DEFAULTS.buckets),
  slotsPerBucket: optionalField(Schema.Int.pipe(Schema.between(1, 8)), "slots of each bucket (b)", CUCKOO_RW_DEFAULTS.slotsPerBucket),
  h1: optionalField(Schema.NonEmptyArray(Index).annotations({ title: "a list of buckets, one per key" }), "each key's primary bucket (key k: h1[k])", [...CUCKOO_RW_DEFAULTS.h1]),
  h2: optionalField(Schema.NonEmptyArray(Index).annotations({ title: "a list of buckets, one per key" }), "each key's secondary bucket (key k: h2[k])", [...CUCKOO_RW_DEFAULTS.h2]),
  ops: optionalField(Schema.Array(Op).annotations({ title: "a JSON array of { op, key }" }), "the writer's operations, in order", CUCKOO_RW_DEFAULTS.ops.map((o) => ({ ...o }))),
  lookups: optionalField(Schema.Array(Schema.Array(Index)).annotations({ title: "a JSON array of key lists, one per reader" }), "each reader's lookups, in order", CUCKOO_RW_DEFAULTS.lookups.map((l) => [...l])),
  changeCounter: optionalField(Schema.Boolean, "the writer bumps a change counter at each move and a reader that missed scans again if it changed (rte_hash's tbl_chng_cnt)", CUCKOO_RW_DEFAULTS.changeCounter),
  maxPath: optionalField(Schema.Int.pipe(Schema.between(1, 8)), "moves a displacement path may take before the insert fails", CUCKOO_RW_DEFAULTS.maxPath),
  reclamation: optionalField(Schema.Literal(...RECLAMATION), "a deleted entry is freed after the readers inside a lookup have finished it (quiescent, RCU-style) or at once (immediate)", CUCKOO_RW_DEFAULTS.reclamation),
  fault: optionalField(Schema.Literal(...CUCKOO_RW_FAULTS), "a broken variant (a mutant; absent: the design)"),
});
export type CuckooRwConfigJson = Schema.Schema.Type<typeof CuckooRwConfigJson>;

export interface CuckooRwConfig {
  readonly buckets: number;
  readonly slotsPerBucket: number;
  readonly h1: readonly number[];
  readonly h2: readonly number[];
  readonly ops: readonly { readonly op: "insert" | "delete"; readonly key: number }[];
  readonly lookups: readonly (readonly number[])[];
  readonly changeCounter: boolean;
  readonly maxPath: number;
  readonly reclamation: (typeof RECLAMATION)[number];
  readonly fault: (typeof CUCKOO_RW_FAULTS)[number] | null;
}

export function toCuckooRwConfig(json: CuckooRwConfigJson): CuckooRwConfig {
  const c = { ...CUCKOO_RW_DEFAULTS, ...json, fault: json.fault ?? null } as CuckooRwConfig;
  const keys = new Set([...c.ops.map((o) => o.key), ...c.lookups.flat()]);
  for (const k of keys) {
    const b = [c.h1[k], c.h2[k]];
    if (b.some((x) => x === undefined || x >= c.buckets)) throw new ModelError(`key ${k} needs a bucket below ${c.buckets} in h1 and h2 (h1[${k}] = ${b[0]}, h2[${k}] = ${b[1]})`);
  }
  return c;
}

export const describeCuckooRwConfig = (c: CuckooRwConfig) =>
  `${c.buckets} buckets × ${c.slotsPerBucket} slot(s), writer: ${c.ops.map((o) => `${o.op} ${o.key}`).join(", ")}; ${c.lookups.length} reader(s); change counter ${c.changeCounter ? "on" : "off"}, ${c.reclamation} reclamation${c.fault ? `, fault ${c.fault}` : ""}`;

/** One write of the writer: a key into a slot, a key moved, a slot cleared, the change counter bumped. */
export type Micro =
  | { readonly kind: "write"; readonly slot: number; readonly key: number; readonly adds?: boolean }
  /** A move: the key in `from`, read when the write happens, written into `slot`. */
  | { readonly kind: "move"; readonly slot: number; readonly from: number }
  | { readonly kind: "clear"; readonly slot: number; readonly removes?: number }
  | { readonly kind: "bump" }
  | { readonly kind: "fail"; readonly key: number };

export interface Lookup {
  /** Index in the reader's list. */
  readonly at: number;
  /**
   * "start": the counter not yet read; "scan": reading slot `pos` of the scan order; "recheck": reading the
   * counter again; "read": reading the entry found, through `held`.
   */
  readonly stage: "start" | "scan" | "recheck" | "read";
  readonly held: number | null;
  readonly pos: number;
  readonly counter: number;
  /** Ghost: the key has been in the table since the lookup started. */
  readonly presentThroughout: boolean;
}

export interface CuckooRwState {
  /** Each slot's pointer into the pool, or null. */
  readonly slots: readonly (number | null)[];
  /** The pool: each entry's key, or null. */
  readonly entries: readonly (number | null)[];
  /** Free entries, the next one used first. */
  readonly free: readonly number[];
  /** Entries deleted but not yet free: the readers whose lookups they wait for. */
  readonly pending: readonly { readonly entry: number; readonly waitFor: readonly number[] }[];
  readonly counter: number;
  /** The writer: its next operation, and what is left of the current one. */
  readonly writer: { readonly op: number; readonly plan: readonly Micro[] };
  readonly readers: readonly Lookup[];
  /** Ghost: the keys in the table as the map it implements has them (changed at an insert's last write, a delete's clear). */
  readonly present: readonly number[];
  /** Ghost: each reader's results, "hit" or "miss". */
  readonly results: readonly (readonly ("hit" | "miss")[])[];
  readonly falseMiss: string | null;
  readonly reusedRead: string | null;
}

export type CuckooRwEvent = { readonly type: "writer" } | { readonly type: "reader"; readonly reader: number };

const bucketSlots = (b: number, c: CuckooRwConfig) => Array.from({ length: c.slotsPerBucket }, (_, i) => b * c.slotsPerBucket + i);
/** The slots a lookup of k reads, in order: its primary bucket's, then its secondary's. */
export const scanOrder = (k: number, c: CuckooRwConfig) => [...bucketSlots(c.h1[k]!, c), ...(c.h2[k] !== c.h1[k] ? bucketSlots(c.h2[k]!, c) : [])];
const bucketOf = (slot: number, c: CuckooRwConfig) => Math.floor(slot / c.slotsPerBucket);
const alternate = (k: number, b: number, c: CuckooRwConfig) => (c.h1[k] === b ? c.h2[k]! : c.h1[k]!);

/**
 * The writes of inserting k: into a free slot of its buckets; else along the shortest displacement path
 * (breadth first over "move the key in this slot to a free slot of its other bucket"), moved from the end.
 */
export function insertPlan(slots: readonly (number | null)[], k: number, c: CuckooRwConfig): Micro[] {
  const home = scanOrder(k, c);
  const free = home.find((s) => slots[s] === null);
  if (free !== undefined) return [{ kind: "write", slot: free, key: k, adds: true }];
  // Breadth first: each node is a slot to free, with the moves (from, to) that free it.
  let frontier: { slot: number; moves: { from: number; to: number }[] }[] = home.map((slot) => ({ slot, moves: [] }));
  const seen = new Set(home);
  for (let depth = 0; depth < c.maxPath; depth++) {
    const next: typeof frontier = [];
    for (const { slot, moves } of frontier) {
      const occupant = slots[slot]!;
      const targets = bucketSlots(alternate(occupant, bucketOf(slot, c), c), c);
      const empty = targets.find((t) => slots[t] === null && !seen.has(t));
      if (empty !== undefined) {
        // Moves from the end of the path: the last key moves into the empty slot first, and each slot a key
        // left is written by the next move (the fault: from the start, over keys not yet moved).
        const forward = [...moves, { from: slot, to: empty }];
        const path = c.fault === "moves-from-the-front" ? forward : [...forward].reverse();
        const steps: Micro[] = path.flatMap(({ from, to }): Micro[] => [{ kind: "move", slot: to, from }, ...(c.changeCounter ? [{ kind: "bump" } as const] : [])]);
        // The new key goes into the slot the path started from (one of its buckets).
        const all: Micro[] = [...steps, { kind: "write", slot: forward[0]!.from, key: k, adds: true }];
        return c.fault === "bump-after-overwrite" ? bumpsLate(all) : all;
      }
      for (const t of targets) {
        if (seen.has(t)) continue;
        seen.add(t);
        next.push({ slot: t, moves: [...moves, { from: slot, to: t }] });
      }
    }
    frontier = next;
  }
  return [{ kind: "fail", key: k }];
}

/** Each bump one write later: after the write that overwrites the slot the moved key left. */
function bumpsLate(micro: readonly Micro[]): Micro[] {
  const out = [...micro];
  for (let i = out.length - 2; i >= 0; i--) if (out[i]!.kind === "bump") [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  return out;
}

/** The key in each slot (through its pointer). */
export const keysOf = (s: CuckooRwState): (number | null)[] => s.slots.map((p) => (p === null ? null : s.entries[p]!));

function planOf(s: CuckooRwState, c: CuckooRwConfig): Micro[] {
  const o = c.ops[s.writer.op]!;
  const keys = keysOf(s);
  if (o.op === "insert") return keys.includes(o.key) ? [] : insertPlan(keys, o.key, c);
  const at = keys.indexOf(o.key);
  return at < 0 ? [] : [{ kind: "clear", slot: at, removes: o.key }];
}

/** The writer's next write needs a free entry (a new key's) and none is free yet: it waits for the grace period. */
function writerWaits(s: CuckooRwState, c: CuckooRwConfig): boolean {
  const next = (s.writer.plan.length > 0 ? s.writer.plan : planOf(s, c))[0];
  return next?.kind === "write" && s.free.length === 0;
}

/** The readers inside a lookup (a grace period waits for them). */
const inLookup = (s: CuckooRwState) => s.readers.flatMap((r, i) => (r.stage !== "start" ? [i] : []));

/** Frees a deleted entry at once, or after the grace period (the readers inside a lookup now). */
function release(s: CuckooRwState, entry: number, c: CuckooRwConfig): CuckooRwState {
  const waitFor = c.reclamation === "immediate" || c.fault === "grace-period-ignores-readers" ? [] : inLookup(s);
  return waitFor.length === 0 ? { ...s, free: [entry, ...s.free] } : { ...s, pending: [...s.pending, { entry, waitFor }] };
}

/** The writer's next write (an operation with nothing to write — a key already there or absent — takes one step). */
function writerStep(s: CuckooRwState, c: CuckooRwConfig): CuckooRwState {
  const plan = s.writer.plan.length > 0 ? s.writer.plan : planOf(s, c);
  const [m, ...rest] = plan;
  const writer = rest.length > 0 ? { op: s.writer.op, plan: rest } : { op: s.writer.op + 1, plan: [] };
  if (m === undefined) return { ...s, writer };
  switch (m.kind) {
    case "write": {
      // A new entry from the pool, filled in, then published in the slot.
      const [entry, ...free] = s.free as [number, ...number[]];
      return {
        ...s, writer, free, entries: s.entries.map((x, i) => (i === entry ? m.key : x)), slots: s.slots.map((x, i) => (i === m.slot ? entry : x)),
        present: m.adds ? [...s.present, m.key].sort((a, b) => a - b) : s.present,
      };
    }
    case "clear": {
      const present = m.removes !== undefined ? s.present.filter((k) => k !== m.removes) : s.present;
      // A deleted key is no longer "present throughout" for the lookups of it under way.
      const readers = m.removes !== undefined ? s.readers.map((r, i) => (lookupKey(i, r, c) === m.removes ? { ...r, presentThroughout: false } : r)) : s.readers;
      const cleared = { ...s, writer, slots: s.slots.map((x, i) => (i === m.slot ? null : x)), present, readers };
      return release(cleared, s.slots[m.slot]!, c);
    }
    case "move": return { ...s, writer, slots: s.slots.map((x, i) => (i === m.slot ? s.slots[m.from]! : x)) };
    case "bump": return { ...s, writer, counter: s.counter + 1 };
    case "fail": return { ...s, writer };
  }
}

const lookupKey = (reader: number, r: Lookup, c: CuckooRwConfig) => c.lookups[reader]![r.at];

function finish(s: CuckooRwState, reader: number, hit: boolean, c: CuckooRwConfig): CuckooRwState {
  const r = s.readers[reader]!;
  const key = lookupKey(reader, r, c)!;
  const falseMiss = s.falseMiss ?? (!hit && r.presentThroughout ? `reader ${reader}'s lookup of key ${key} missed it, though key ${key} was in the table for the whole lookup (${c.changeCounter ? "the change counter did not tell" : "no change counter"})` : null);
  // The reader is out of its lookup: the grace periods that waited only for it end, and their entries are free.
  const pending = s.pending.map((p) => ({ ...p, waitFor: p.waitFor.filter((x) => x !== reader) }));
  return {
    ...s, falseMiss,
    readers: s.readers.map((x, i) => (i === reader ? IDLE_LOOKUP(x.at + 1) : x)),
    results: s.results.map((x, i) => (i === reader ? [...x, hit ? "hit" as const : "miss" as const] : x)),
    pending: pending.filter((p) => p.waitFor.length > 0),
    free: [...pending.filter((p) => p.waitFor.length === 0).map((p) => p.entry), ...s.free],
  };
}

const IDLE_LOOKUP = (at: number): Lookup => ({ at, stage: "start", pos: 0, counter: 0, presentThroughout: false, held: null });

function readerStep(s: CuckooRwState, reader: number, c: CuckooRwConfig): CuckooRwState {
  const r = s.readers[reader]!;
  const key = lookupKey(reader, r, c)!;
  const set = (x: Lookup) => ({ ...s, readers: s.readers.map((y, i) => (i === reader ? x : y)) });
  if (r.stage === "start") return set({ ...r, stage: "scan", pos: 0, counter: s.counter, presentThroughout: s.present.includes(key) });
  if (r.stage === "recheck") return s.counter !== r.counter ? set({ ...r, stage: "scan", pos: 0, counter: s.counter }) : finish(s, reader, false, c);
  if (r.stage === "read") {
    // Through the pointer found: the entry must still be the key's.
    const got = s.entries[r.held!];
    const reusedRead = s.reusedRead ?? (got === key ? null : `reader ${reader} found key ${key} and read its entry through the pointer, but the entry had been freed and reused: it holds ${got === null ? "nothing" : `key ${got}`}`);
    return finish({ ...s, reusedRead }, reader, got === key, c);
  }
  const order = scanOrder(key, c);
  const p = s.slots[order[r.pos]!] ?? null;
  if (p !== null && s.entries[p] === key) return set({ ...r, stage: "read", held: p });
  if (r.pos + 1 < order.length) return set({ ...r, pos: r.pos + 1 });
  return c.changeCounter ? set({ ...r, stage: "recheck" }) : finish(s, reader, false, c);
}

export const cuckooRwModel: Model<CuckooRwState, CuckooRwEvent, CuckooRwConfig> = {
  name: "conntrack.cuckoo-rw",
  init: (c) => ({
    slots: Array.from({ length: c.buckets * c.slotsPerBucket }, () => null), counter: 0, writer: { op: 0, plan: [] },
    // A pool with an entry per slot and one per reader: room for every key and for those in a grace period.
    entries: Array.from({ length: c.buckets * c.slotsPerBucket + c.lookups.length }, () => null),
    free: Array.from({ length: c.buckets * c.slotsPerBucket + c.lookups.length }, (_, i) => i), pending: [],
    readers: c.lookups.map(() => IDLE_LOOKUP(0)), present: [], results: c.lookups.map(() => []), falseMiss: null, reusedRead: null,
  }),
  enabled: (s, c) => [
    ...(s.writer.op < c.ops.length && !writerWaits(s, c) ? [{ type: "writer" as const }] : []),
    ...s.readers.flatMap((r, reader) => (r.at < c.lookups[reader]!.length ? [{ type: "reader" as const, reader }] : [])),
  ],
  step(s, e, c) {
    if (e.type === "writer") {
      if (s.writer.op >= c.ops.length || writerWaits(s, c)) throw new ModelError("the writer has no operation left, or waits for a free entry");
      return writerStep(s, c);
    }
    const r = s.readers[e.reader];
    if (r === undefined || r.at >= c.lookups[e.reader]!.length) throw new ModelError(`reader ${e.reader} has no lookup left`);
    return readerStep(s, e.reader, c);
  },
  quiescent: (s, c) => s.writer.op >= c.ops.length && s.readers.every((r, i) => r.at >= c.lookups[i]!.length),
};

export const CuckooRwEventJson = Schema.Union(Schema.Struct({ type: Schema.Literal("writer") }), Schema.Struct({ type: Schema.Literal("reader"), reader: Schema.Int.pipe(Schema.nonNegative()) }));

const slotText = (s: CuckooRwState, c: CuckooRwConfig) =>
  Array.from({ length: c.buckets }, (_, b) => bucketSlots(b, c).map((i) => (s.slots[i] === null ? "·" : String(s.entries[s.slots[i]!]))).join("")).join(" | ");

/** What one event did. */
export function describeCuckooRwEvent(before: CuckooRwState, e: CuckooRwEvent, after: CuckooRwState, c: CuckooRwConfig): string {
  if (e.type === "writer") {
    const o = c.ops[before.writer.op]!;
    const plan = before.writer.plan.length > 0 ? before.writer.plan : planOf(before, c);
    const m = plan[0];
    const what = `${o.op} ${o.key}`;
    if (m === undefined) return `writer: ${what}: nothing to do`;
    switch (m.kind) {
      case "write": return `writer: ${what}: key ${m.key} written into entry ${before.free[0]}, published in bucket ${bucketOf(m.slot, c)}`;
      case "move": return `writer: ${what}: key ${keysOf(before)[m.from]} moved from bucket ${bucketOf(m.from, c)} to bucket ${bucketOf(m.slot, c)}`;
      case "clear": {
        const freed = after.free.length > before.free.length;
        return `writer: ${what}: bucket ${bucketOf(m.slot, c)}'s slot cleared, entry ${before.slots[m.slot]} ${freed ? "freed" : "freed after the readers inside a lookup finish it"}`;
      }
      case "bump": return `writer: ${what}: change counter → ${after.counter}`;
      case "fail": return `writer: ${what}: no displacement path within ${c.maxPath} moves: the insert fails`;
    }
  }
  const r = before.readers[e.reader]!;
  const key = lookupKey(e.reader, r, c)!;
  if (r.stage === "start") return `reader ${e.reader}: lookup of key ${key} starts${c.changeCounter ? `, counter ${before.counter}` : ""}`;
  if (r.stage === "read") return `reader ${e.reader}: reads entry ${r.held} through its pointer: ${before.entries[r.held!] === key ? `key ${key}, a hit` : `key ${before.entries[r.held!]}: not the key it found`}`;
  if (r.stage === "recheck") return `reader ${e.reader}: counter now ${before.counter} (was ${r.counter}): ${before.counter !== r.counter ? "scans again" : "a miss"}`;
  const slot = scanOrder(key, c)[r.pos]!;
  const got = keysOf(before)[slot];
  return `reader ${e.reader}: reads bucket ${bucketOf(slot, c)}: ${got === null ? "empty" : `key ${got}`}${got === key ? ` (entry ${before.slots[slot]})` : ""}`;
}

export const explainCuckooRwTrace = (config: CuckooRwConfig, events: readonly CuckooRwEvent[]): Table =>
  traceTable(cuckooRwModel, config, events, ["step", "event", "buckets", "counter"],
    (before, e, after) => [describeCuckooRwEvent(before, e, after, config), slotText(after, config), String(after.counter)],
    (e, why) => `${e.type}: ${why}`);
