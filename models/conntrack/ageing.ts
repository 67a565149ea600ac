/**
 * Ageing a connection table (the talk's "ageing dilemma"): scanning the whole table every `scanPeriod`
 * ticks; lazy deletion, which removes the expired entries an insert meets (models/conntrack/table.ts);
 * a timing wheel of `wheelSlots` one-tick slots, where each entry is registered in the slot of the tick
 * it is due to expire at; when its slot comes round, an entry expired by then is removed and one used
 * since is registered again at its new due tick (checked when its slot comes, not on every access).
 */
import type { TableConfig } from "./config.ts";
import { entriesOf, expired, remove, type Store } from "./table.ts";

/** A registration in the wheel: the key, and the tick it is due at (a slot holds several rounds). */
export interface WheelEntry { readonly key: number; readonly due: number }
export type Wheel = readonly (readonly WheelEntry[])[];

export const emptyWheel = (c: TableConfig): Wheel => (c.ageing === "wheel" ? Array.from({ length: c.wheelSlots }, () => []) : []);

export function register(w: Wheel, key: number, due: number, c: TableConfig): Wheel {
  if (c.ageing !== "wheel") return w;
  const slot = due % c.wheelSlots;
  return w.map((x, i) => (i === slot ? [...x, { key, due }] : x));
}

/** What the ageing does at tick `now` (time has just advanced to it). */
export function age(store: Store, wheel: Wheel, now: number, c: TableConfig): { store: Store; wheel: Wheel } {
  if (c.ageing === "scan") {
    if (now % c.scanPeriod !== 0) return { store, wheel };
    let out = store;
    for (const e of entriesOf(store)) {
      const gone = c.fault === "scan-uses-insert-time" ? now >= e.inserted + c.timeout : expired(e, now, c);
      if (gone) out = remove(out, e.key, c);
    }
    return { store: out, wheel };
  }
  if (c.ageing !== "wheel") return { store, wheel };
  const slot = now % c.wheelSlots;
  let out = store;
  let w: Wheel = wheel.map((x, i) => (i === slot ? x.filter((r) => r.due > now) : x));
  for (const r of wheel[slot]!.filter((r) => r.due <= now)) {
    const e = entriesOf(out).find((x) => x.key === r.key);
    if (e === undefined) continue;
    if (expired(e, now, c)) out = remove(out, e.key, c);
    else if (c.fault !== "wheel-forgets-refreshed") w = register(w, e.key, e.used + c.timeout, c);
  }
  return { store: out, wheel: w };
}
