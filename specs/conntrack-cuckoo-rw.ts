/**
 * What a cuckoo table with one writer and lock-free readers (models/conntrack/cuckoo-rw.ts) must
 * guarantee:
 *
 * no-false-miss   a lookup of a key that is in the table for the whole lookup finds it (the writer's
 *                 displacements move keys, they never take one out of the map);
 * map-semantics   once everything is done, the table holds exactly the keys the writer's operations leave
 *                 (each insert that did not fail, minus the deletes), each once.
 */
import type { Invariant, QuiescenceProperty } from "../core/spec.ts";
import type { CuckooRwConfig, CuckooRwState } from "../models/conntrack/cuckoo-rw.ts";

export const NO_FALSE_MISS = "no-false-miss";
export const MAP_SEMANTICS = "map-semantics";

const noFalseMiss: Invariant<CuckooRwState, CuckooRwConfig> = {
  kind: "invariant", name: NO_FALSE_MISS,
  check: (s) => s.falseMiss,
};

const mapSemantics: QuiescenceProperty<CuckooRwState, CuckooRwConfig> = {
  kind: "quiescent", name: MAP_SEMANTICS,
  check(s) {
    const held = s.slots.filter((k): k is number => k !== null).sort((a, b) => a - b);
    const twice = held.find((k, i) => held[i + 1] === k);
    if (twice !== undefined) return `key ${twice} is in the table twice`;
    if (held.join(",") !== s.present.join(",")) return `the table holds keys {${held.join(", ")}}; the operations leave {${s.present.join(", ")}}`;
    return null;
  },
};

export const CUCKOO_RW_SPECS = [noFalseMiss, mapSemantics] as const;
