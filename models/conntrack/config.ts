/**
 * The connection-table model's config (models/conntrack/table.ts says what the model is).
 *
 * Keys are 0..keys−1; the hash functions are part of the config — `h1[k]` is key k's home (its bucket, or
 * its first slot), `h2[k]` its second bucket (cuckoo) — so that a small exploration forces every collision
 * pattern. Time advances by ticks; an entry used (inserted, updated or found) at t is live while now <
 * t + timeout.
 */
import { Schema } from "effect";
import { optionalField } from "../../core/config-field.ts";
import { ModelError } from "../../core/model.ts";

export const SCHEMES = ["chaining", "cuckoo", "hopscotch", "robinhood"] as const;
export type SchemeName = (typeof SCHEMES)[number];
export const AGEING = ["none", "scan", "lazy", "wheel"] as const;
export type Ageing = (typeof AGEING)[number];

export const TABLE_FAULTS = [
  /** Robin hood: a delete empties the slot without shifting the run after it back. */
  "delete-without-backward-shift",
  /** Hopscotch: a new key goes to the first free slot, however far from its home. */
  "neighbourhood-ignored",
  /** Chaining: an insert appends a new entry without looking for the key in the chain. */
  "insert-duplicates",
  /** Cuckoo: with no displacement path, the insert overwrites the first slot of the key's primary bucket. */
  "overwrite-when-full",
  /** A lookup returns an entry whose timeout has passed. */
  "lookup-ignores-expiry",
  /** The ageing scan judges an entry by the time it was inserted, not by its last use. */
  "scan-uses-insert-time",
  /** Timing wheel: an entry refreshed since it was registered is dropped from the wheel instead of registered again. */
  "wheel-forgets-refreshed",
  /** Lazy deletion: an insert does not reclaim the expired entries it meets. */
  "lazy-ignores-expired",
] as const;
export type TableFault = (typeof TABLE_FAULTS)[number];

const Small = (min: number, max: number) => Schema.Int.pipe(Schema.between(min, max));
const Buckets = Schema.NonEmptyArray(Small(0, 63)).annotations({ title: "a list of buckets, one per key" });

export const TABLE_DEFAULTS = {
  scheme: "robinhood", capacity: 3, keys: 3, h1: [0, 0, 1], h2: [1, 2, 2], bucketSize: 1, neighbourhood: 2, maxPath: 2,
  ageing: "none", timeout: 2, scanPeriod: 2, wheelSlots: 4, maxOps: 5, maxTicks: 0,
} as const;

export const TableConfigJson = Schema.Struct({
  scheme: optionalField(Schema.Literal(...SCHEMES), "the collision scheme: chaining, cuckoo, hopscotch or robin hood", TABLE_DEFAULTS.scheme),
  capacity: optionalField(Small(1, 64), "entries the table holds (chaining: buckets and pooled entries; cuckoo: buckets × bucketSize slots; else slots)", TABLE_DEFAULTS.capacity),
  keys: optionalField(Small(1, 64), "keys (flows), numbered 0..keys−1", TABLE_DEFAULTS.keys),
  h1: optionalField(Buckets, "each key's home: its bucket (chaining, cuckoo) or first slot (hopscotch, robin hood)", [...TABLE_DEFAULTS.h1]),
  h2: optionalField(Buckets, "each key's second bucket (cuckoo)", [...TABLE_DEFAULTS.h2]),
  bucketSize: optionalField(Small(1, 8), "slots of a cuckoo bucket (b)", TABLE_DEFAULTS.bucketSize),
  neighbourhood: optionalField(Small(1, 32), "hopscotch: every key within this many slots of its home (H)", TABLE_DEFAULTS.neighbourhood),
  maxPath: optionalField(Small(1, 8), "cuckoo: moves a displacement path may take before the insert fails", TABLE_DEFAULTS.maxPath),
  ageing: optionalField(Schema.Literal(...AGEING), "how entries age out: none, scanning, lazy deletion on collision, a timing wheel", TABLE_DEFAULTS.ageing),
  timeout: optionalField(Small(1, 64), "ticks an entry stays live after its last use", TABLE_DEFAULTS.timeout),
  scanPeriod: optionalField(Small(1, 64), "scanning: the whole table is scanned every this many ticks", TABLE_DEFAULTS.scanPeriod),
  wheelSlots: optionalField(Small(1, 64), "timing wheel: its slots, one tick each", TABLE_DEFAULTS.wheelSlots),
  maxOps: optionalField(Small(0, 64), "operations (insert, lookup, delete) in a run, at most", TABLE_DEFAULTS.maxOps),
  maxTicks: optionalField(Small(0, 64), "ticks in a run, at most", TABLE_DEFAULTS.maxTicks),
  fault: optionalField(Schema.Literal(...TABLE_FAULTS), "a broken variant (a mutant; absent: the design)"),
});
export type TableConfigJson = Schema.Schema.Type<typeof TableConfigJson>;

export interface TableConfig {
  readonly scheme: SchemeName;
  readonly capacity: number;
  readonly keys: number;
  readonly h1: readonly number[];
  readonly h2: readonly number[];
  readonly bucketSize: number;
  readonly neighbourhood: number;
  readonly maxPath: number;
  readonly ageing: Ageing;
  readonly timeout: number;
  readonly scanPeriod: number;
  readonly wheelSlots: number;
  readonly maxOps: number;
  readonly maxTicks: number;
  readonly fault: TableFault | null;
}

/** Buckets (chaining, cuckoo) or slots (hopscotch, robin hood). */
export const homes = (c: TableConfig) => (c.scheme === "cuckoo" ? Math.ceil(c.capacity / c.bucketSize) : c.capacity);

export function toTableConfig(json: TableConfigJson): TableConfig {
  const c = { ...TABLE_DEFAULTS, ...json, fault: json.fault ?? null } as TableConfig;
  for (let k = 0; k < c.keys; k++) {
    for (const [name, h] of [["h1", c.h1], ["h2", c.h2]] as const) {
      if (name === "h2" && c.scheme !== "cuckoo") continue;
      const b = h[k];
      if (b === undefined || b >= homes(c)) throw new ModelError(`${name}[${k}] is ${b === undefined ? "missing" : b}: key ${k} needs a home below ${homes(c)} (${c.keys} keys, ${homes(c)} ${c.scheme === "cuckoo" || c.scheme === "chaining" ? "buckets" : "slots"})`);
    }
  }
  return c;
}

export function describeTableConfig(c: TableConfig): string {
  const scheme = c.scheme === "cuckoo" ? `cuckoo (${homes(c)} buckets × ${c.bucketSize}, paths ≤ ${c.maxPath})` : c.scheme === "hopscotch" ? `hopscotch (H = ${c.neighbourhood})` : c.scheme === "robinhood" ? "robin hood" : "chaining";
  const ageing = c.ageing === "none" ? "no ageing" : `${c.ageing === "scan" ? `scanning every ${c.scanPeriod}` : c.ageing === "wheel" ? `a ${c.wheelSlots}-slot timing wheel` : "lazy deletion"}, timeout ${c.timeout}`;
  return `${scheme}, capacity ${c.capacity}, ${c.keys} keys (h1 ${c.h1.slice(0, c.keys).join(",")}${c.scheme === "cuckoo" ? `; h2 ${c.h2.slice(0, c.keys).join(",")}` : ""}), ${ageing}; ≤ ${c.maxOps} operations, ≤ ${c.maxTicks} ticks${c.fault ? `; fault ${c.fault}` : ""}`;
}
