/**
 * The connection table (models/conntrack/table.ts) as a labelled transition system: any sequence of up to
 * `maxOps` inserts, lookups and deletes of the keys, and up to `maxTicks` ticks of time with the table's
 * ageing. Beside the table the state keeps the map it implements (ghost: each key's value and last use, as
 * a map with expiry has them), and what the last operation returned, for the specs.
 */
import { ModelError, type Model } from "../../core/model.ts";
import { age, emptyWheel, register, type Wheel } from "./ageing.ts";
import type { TableConfig } from "./config.ts";
import { emptyStore, expired, find, insertNew, reach, remove, type Entry, type Store } from "./table.ts";

export type TableEvent =
  | { readonly type: "insert" | "lookup" | "delete"; readonly key: number }
  | { readonly type: "tick" };

/** The map the table implements: a key's value and last use, or null (absent). */
export type Reference = readonly ({ readonly value: number; readonly used: number } | null)[];

export interface TableState {
  readonly now: number;
  readonly ops: number;
  readonly ticks: number;
  readonly store: Store;
  readonly wheel: Wheel;
  readonly reference: Reference;
  /** What the last operation returned: a lookup's value (null: a miss), an insert's ok. */
  readonly last: { readonly type: "lookup"; readonly key: number; readonly value: number | null } | { readonly type: "insert"; readonly key: number; readonly ok: boolean } | null;
}

/** Live in the map: present, and (with ageing) used less than a timeout ago. */
export const liveIn = (r: Reference, k: number, now: number, c: Pick<TableConfig, "ageing" | "timeout">) => {
  const x = r[k];
  return x !== null && x !== undefined && (c.ageing === "none" || now < x.used + c.timeout);
};

export const setRef = (r: Reference, k: number, x: Reference[number]): Reference => r.map((y, i) => (i === k ? x : y));

/** The events of a run of `keys` keys with operations and ticks left: each operation on each key, and a tick. */
export function operationEvents(keys: number, opsLeft: boolean, ticksLeft: boolean): TableEvent[] {
  const events: TableEvent[] = [];
  if (opsLeft) for (let key = 0; key < keys; key++) for (const type of ["insert", "lookup", "delete"] as const) events.push({ type, key });
  if (ticksLeft) events.push({ type: "tick" });
  return events;
}

function update(s: Store, k: number, f: (e: Entry) => Entry, c: TableConfig): Store {
  const p = find(s, k, c);
  if (!p) return s;
  return s.map((x, home) => (home === p.home ? x.map((e, i) => (i === p.index ? f(e) : e)) : x));
}

function insert(s: TableState, k: number, c: TableConfig): TableState {
  const value = s.ops + 1;
  const ops = s.ops + 1;
  const at = find(s.store, k, c);
  // The fault: a chain gets a new entry without being searched for the key.
  const current = at && c.fault !== "insert-duplicates" ? s.store[at.home]![at.index]! : null;
  if (current !== null && !expired(current, s.now, c)) {
    // The key is there: its value and last use are updated.
    return { ...s, ops, store: update(s.store, k, (e) => ({ ...e, value, used: s.now }), c), reference: setRef(s.reference, k, { value, used: s.now }), last: { type: "insert", key: k, ok: true } };
  }
  let store = current !== null ? remove(s.store, k, c) : s.store;
  if (c.ageing === "lazy" && c.fault !== "lazy-ignores-expired") {
    // Lazy deletion: the expired entries the insert meets are reclaimed first.
    for (const home of reach(store, k, c)) for (const e of store[home] ?? []) if (expired(e, s.now, c)) store = remove(store, e.key, c);
  }
  const { store: after, ok } = insertNew(store, { key: k, value, inserted: s.now, used: s.now }, c);
  if (!ok) return { ...s, ops, store, last: { type: "insert", key: k, ok: false } };
  return {
    ...s, ops, store: after, wheel: register(s.wheel, k, s.now + c.timeout, c),
    reference: setRef(s.reference, k, { value, used: s.now }), last: { type: "insert", key: k, ok: true },
  };
}

function lookup(s: TableState, k: number, c: TableConfig): TableState {
  const ops = s.ops + 1;
  const at = find(s.store, k, c);
  const e = at ? s.store[at.home]![at.index]! : null;
  const hit = e !== null && (!expired(e, s.now, c) || c.fault === "lookup-ignores-expiry");
  // A live key found is used now, in the table and in the map.
  const reference = liveIn(s.reference, k, s.now, c) ? setRef(s.reference, k, { ...s.reference[k]!, used: s.now }) : s.reference;
  return { ...s, ops, store: hit ? update(s.store, k, (x) => ({ ...x, used: s.now }), c) : s.store, reference, last: { type: "lookup", key: k, value: hit ? e.value : null } };
}

function del(s: TableState, k: number, c: TableConfig): TableState {
  return { ...s, ops: s.ops + 1, store: remove(s.store, k, c), reference: setRef(s.reference, k, null), last: null };
}

function tick(s: TableState, c: TableConfig): TableState {
  const now = s.now + 1;
  const { store, wheel } = age(s.store, s.wheel, now, c);
  // The map forgets what expired.
  const reference = s.reference.map((x, k) => (x !== null && !liveIn(s.reference, k, now, c) ? null : x));
  return { ...s, now, ticks: s.ticks + 1, store, wheel, reference, last: null };
}

export const tableModel: Model<TableState, TableEvent, TableConfig> = {
  name: "conntrack",
  init: (c) => ({ now: 0, ops: 0, ticks: 0, store: emptyStore(c), wheel: emptyWheel(c), reference: Array.from({ length: c.keys }, () => null), last: null }),
  enabled: (s, c) => operationEvents(c.keys, s.ops < c.maxOps, s.ticks < c.maxTicks),
  step(s, e, c) {
    if (e.type === "tick") {
      if (s.ticks >= c.maxTicks) throw new ModelError(`no tick left (maxTicks ${c.maxTicks})`);
      return tick(s, c);
    }
    if (s.ops >= c.maxOps) throw new ModelError(`no operation left (maxOps ${c.maxOps})`);
    if (!(e.key >= 0 && e.key < c.keys)) throw new ModelError(`no key ${e.key} (keys 0..${c.keys - 1})`);
    switch (e.type) {
      case "insert": return insert(s, e.key, c);
      case "lookup": return lookup(s, e.key, c);
      case "delete": return del(s, e.key, c);
    }
  },
  quiescent: (s, c) => s.ops >= c.maxOps && s.ticks >= c.maxTicks,
};
