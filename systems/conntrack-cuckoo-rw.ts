/**
 * A cuckoo table shared by one writer and lock-free readers (models/conntrack/cuckoo-rw.ts) as a system:
 * with and without rte_hash's change counter.
 */
import type { System } from "../core/system.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import {
  CuckooRwConfigJson, CuckooRwEventJson, cuckooRwModel, describeCuckooRwConfig, explainCuckooRwTrace, toCuckooRwConfig,
  type CuckooRwConfig, type CuckooRwEvent, type CuckooRwState,
} from "../models/conntrack/cuckoo-rw.ts";
import { CUCKOO_RW_SPECS, MAP_SEMANTICS, NO_FALSE_MISS, NO_REUSED_READ } from "../specs/conntrack-cuckoo-rw.ts";
import { cuckooRwSequence } from "./conntrack-cuckoo-rw/sequence.ts";

/** Two readers and a path of two moves: key 2's bucket 0 is full; key 0 moves to bucket 1 once key 1 has moved on to bucket 2. */
const TWO_READERS: CuckooRwConfigJson = {
  buckets: 3, h1: [0, 1, 0], h2: [1, 2, 0],
  ops: [{ op: "insert", key: 0 }, { op: "insert", key: 1 }, { op: "insert", key: 2 }],
  lookups: [[0], [1]],
};

/** Key 1 deleted while reader 0 looks it up, and key 2 inserted after: the freed entry is the next one used. */
export const RECYCLING: CuckooRwConfigJson = { lookups: [[1]] };

const cuckooRw: System<CuckooRwState, CuckooRwEvent, CuckooRwConfig, CuckooRwConfigJson> = {
  name: cuckooRwModel.name,
  model: cuckooRwModel,
  summary: "a cuckoo table with one writer and lock-free readers, slot by slot: can a lookup miss a key that is there?",
  configSchema: CuckooRwConfigJson,
  eventSchema: CuckooRwEventJson,
  resolveConfig: async (json) => toCuckooRwConfig(json),
  specs: () => CUCKOO_RW_SPECS,
  explain: explainCuckooRwTrace,
  describe: describeCuckooRwConfig,
  properties: {
    [NO_FALSE_MISS]: "a lookup of a key that is in the table for the whole lookup finds it",
    [MAP_SEMANTICS]: "at the end the table holds exactly the keys the operations leave, each once",
    [NO_REUSED_READ]: "a reader reads the entry of the key it found, never one freed and reused meanwhile",
  },
  faults: [
    { name: "bump-after-overwrite", description: "the change counter bumped after the slot the moved key left is overwritten", kills: NO_FALSE_MISS, config: { fault: "bump-after-overwrite" } },
    { name: "grace-period-ignores-readers", description: "a deleted entry freed at once, though a reader inside a lookup may hold its pointer", kills: NO_REUSED_READ, config: { ...RECYCLING, fault: "grace-period-ignores-readers" } },
    { name: "moves-from-the-front", description: "a displacement path's moves done from its start, each over a key not yet moved", kills: MAP_SEMANTICS, config: { ...TWO_READERS, fault: "moves-from-the-front" } },
  ],
  boundaries: [{
    name: "immediate-reuse", config: { ...RECYCLING, reclamation: "immediate" }, property: NO_REUSED_READ,
    note: "a deleted entry freed at once and reused by the next insert while a reader that found it still holds its pointer: the reader reads another key's entry (RCU's grace period prevents it)",
  }, {
    name: "no-change-counter", config: { changeCounter: false }, property: NO_FALSE_MISS,
    note: "without rte_hash's change counter, a lookup reads the key's primary bucket before the writer moves the key there and its secondary after the writer cleared it: a miss of a key that was in the table all along",
  }],
  sequence: cuckooRwSequence,
  presets: { default: {}, deep: TWO_READERS },
  checks: async () => [
    systemExploreCheck(cuckooRw, "default/explore", {}, "all"),
    systemExploreCheck(cuckooRw, "two-readers/explore", TWO_READERS, "all"),
    systemExploreCheck(cuckooRw, "recycling/explore", RECYCLING, "all"),
    systemExploreCheck(cuckooRw, "two-slots-per-bucket/explore", { slotsPerBucket: 2, h1: [0, 0, 0, 0, 0], h2: [1, 1, 1, 1, 0], ops: [0, 1, 2, 3, 4].map((key) => ({ op: "insert" as const, key })), lookups: [[0, 1]] }, "all"),
  ],
  groups: { all: "all" },
};

export default cuckooRw;
