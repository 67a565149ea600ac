/**
 * What a cuckoo table with one writer and lock-free readers (models/conntrack/cuckoo-rw.ts) must
 * guarantee:
 *
 * no-false-miss   a lookup of a key that is in the table for the whole lookup finds it (the writer's
 *                 displacements move keys, they never take one out of the map);
 * map-semantics   once everything is done, the table holds exactly the keys the writer's operations leave
 *                 (each insert that did not fail, minus the deletes), each once;
 * no-reused-read  a reader that found its key reads that key's entry through its pointer: the entry was
 *                 not freed and reused meanwhile (the grace period of RCU-style reclamation).
 */
import type { Invariant, QuiescenceProperty } from "../core/spec.ts";
import { keysOf, type CuckooRwConfig, type CuckooRwState } from "../models/conntrack/cuckoo-rw.ts";

export const NO_FALSE_MISS = "no-false-miss";
export const MAP_SEMANTICS = "map-semantics";
export const NO_REUSED_READ = "no-reused-read";

const noFalseMiss: Invariant<CuckooRwState, CuckooRwConfig> = {
  kind: "invariant", name: NO_FALSE_MISS,
  check: (s) => s.falseMiss,
};

const mapSemantics: QuiescenceProperty<CuckooRwState, CuckooRwConfig> = {
  kind: "quiescent", name: MAP_SEMANTICS,
  check(s) {
    const held = keysOf(s).filter((k): k is number => k !== null).sort((a, b) => a - b);
    const twice = held.find((k, i) => held[i + 1] === k);
    if (twice !== undefined) return `key ${twice} is in the table twice`;
    if (held.join(",") !== s.present.join(",")) return `the table holds keys {${held.join(", ")}}; the operations leave {${s.present.join(", ")}}`;
    return null;
  },
};

const noReusedRead: Invariant<CuckooRwState, CuckooRwConfig> = {
  kind: "invariant", name: NO_REUSED_READ,
  check: (s) => s.reusedRead,
};

export const CUCKOO_RW_SPECS = [noFalseMiss, mapSemantics, noReusedRead] as const;
