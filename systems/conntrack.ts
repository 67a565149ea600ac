/**
 * Connection tables (models/conntrack/): chaining, cuckoo, hopscotch and robin hood, with their ageing, as
 * a system — against the map with expiry they implement. conntrack.cuckoo-rw (a writer and lock-free
 * readers) and conntrack.rss (sharding by RSS) are systems of their own.
 */
import type { Fault, System } from "../core/system.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import type { Check } from "../core/check.ts";
import { describeTableConfig, TableConfigJson, toTableConfig, type TableConfig, type TableFault } from "../models/conntrack/config.ts";
import { explainTableTrace, TableEventJson } from "../models/conntrack/entry.ts";
import { tableModel, type TableEvent, type TableState } from "../models/conntrack/system.ts";
import {
  BOUNDED_STALENESS, LAYOUT, LOOKUP_CORRECTNESS, NEVER_EVICT_ACTIVE, NO_DUPLICATE_KEY, NO_LOST_KEY, RECLAIM_BEFORE_REFUSE, TABLE_SPECS,
} from "../specs/conntrack.ts";
import { conntrackCost } from "./conntrack/cost.ts";
import { tableSequence } from "./conntrack/sequence.ts";

/** Each scheme on 3 keys, two of them colliding, up to 5 operations: [name, config]. */
export const TABLES: readonly [string, TableConfigJson][] = [
  ["robinhood", {}],
  ["chaining", { scheme: "chaining" }],
  ["cuckoo", { scheme: "cuckoo" }],
  ["hopscotch", { scheme: "hopscotch", capacity: 4 }],
];

/** Each ageing technique, with 4 operations and 4 ticks of time (timeout 2). */
export const AGEING_TABLES: readonly [string, TableConfigJson][] = [
  ["robinhood/scan", { ageing: "scan", maxOps: 4, maxTicks: 4 }],
  ["robinhood/lazy", { ageing: "lazy", maxOps: 4, maxTicks: 4 }],
  ["robinhood/wheel", { ageing: "wheel", maxOps: 4, maxTicks: 4 }],
  ["cuckoo/lazy", { scheme: "cuckoo", ageing: "lazy", maxOps: 4, maxTicks: 3 }],
  ["chaining/lazy", { scheme: "chaining", capacity: 2, ageing: "lazy", maxOps: 4, maxTicks: 3 }],
];

const fault = (name: TableFault, description: string, kills: string, config: TableConfigJson): Fault<TableConfigJson> => ({ name, description, kills, config: { ...config, fault: name } });

export const TABLE_FAULT_TABLE: readonly Fault<TableConfigJson>[] = [
  fault("delete-without-backward-shift", "robin hood: a delete leaves a hole in the run after it", LAYOUT, {}),
  fault("neighbourhood-ignored", "hopscotch: a key placed at the first free slot, however far from its home", LAYOUT, { scheme: "hopscotch", capacity: 4, h1: [0, 0, 0] }),
  fault("insert-duplicates", "chaining: an insert appends without searching the chain", NO_DUPLICATE_KEY, { scheme: "chaining" }),
  fault("overwrite-when-full", "cuckoo: with no displacement path, the insert overwrites a key of its bucket", NO_LOST_KEY, { scheme: "cuckoo", capacity: 2, h1: [0, 0, 0], h2: [1, 1, 1] }),
  fault("lookup-ignores-expiry", "a lookup returns an entry past its timeout", LOOKUP_CORRECTNESS, { ageing: "lazy", maxOps: 3, maxTicks: 3 }),
  fault("scan-uses-insert-time", "the scan judges an entry by its insertion, not its last use", NEVER_EVICT_ACTIVE, { ageing: "scan", scanPeriod: 1, maxOps: 3, maxTicks: 3 }),
  fault("wheel-forgets-refreshed", "a timing wheel drops an entry used since it was registered", BOUNDED_STALENESS, { ageing: "wheel", maxOps: 3, maxTicks: 5 }),
  fault("lazy-ignores-expired", "lazy deletion: an insert does not reclaim the expired entries it meets", RECLAIM_BEFORE_REFUSE, { ageing: "lazy", capacity: 2, h1: [0, 0, 1], maxOps: 4, maxTicks: 3 }),
];

const conntrack: System<TableState, TableEvent, TableConfig, TableConfigJson> = {
  name: tableModel.name,
  model: tableModel,
  summary: "connection tables — chaining, cuckoo, hopscotch, robin hood — and their ageing, against the map with expiry they implement",
  configSchema: TableConfigJson,
  eventSchema: TableEventJson,
  resolveConfig: async (json) => toTableConfig(json),
  specs: () => TABLE_SPECS,
  explain: explainTableTrace,
  describe: describeTableConfig,
  properties: {
    [LOOKUP_CORRECTNESS]: "a lookup returns the map's value of a live key and misses every other key (also an expired one still stored)",
    [NO_DUPLICATE_KEY]: "no key is stored twice",
    [NO_LOST_KEY]: "a key live in the map is stored in the table",
    [LAYOUT]: "the scheme's invariant: cuckoo, one of the key's two buckets; hopscotch, within H of home; robin hood, no gap before a key and distances rising by at most one",
    [NEVER_EVICT_ACTIVE]: "the ageing removes only entries unused for a timeout",
    [BOUNDED_STALENESS]: "an expired entry is gone within the promise: scanning, timeout + period; a timing wheel, timeout + one slot",
    [RECLAIM_BEFORE_REFUSE]: "with lazy deletion, an insert fails only if no expired entry is in its reach",
  },
  faults: TABLE_FAULT_TABLE,
  boundaries: [],
  sequence: tableSequence,
  presets: { default: {}, deep: { maxOps: 7 } },
  cost: conntrackCost,
  groups: { all: "all" },
  checks: async (): Promise<Check[]> => [
    ...[...TABLES, ...AGEING_TABLES].map(([name, json]) => systemExploreCheck(conntrack, `${name}/explore`, json, "all")),
    ...(await import("../properties/conntrack-runs.ts")).tableRandomChecks(conntrack),
  ],
};

export default conntrack;
