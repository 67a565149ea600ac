/**
 * Random runs of the connection tables at a larger scale than exploration reaches: 24 keys in tables of
 * 16 to 32 entries (loads up to 1.5: refused inserts), hash functions spread by a fixed multiplier so that
 * several keys share a home, and sequences of up to `maxEvents` inserts, lookups, deletes and ticks.
 */
import * as fc from "fast-check";
import { randomCheck, type Check } from "../core/check.ts";
import { specsNamed, type AnySystem } from "../core/system.ts";
import { homes, toTableConfig, type TableConfigJson } from "../models/conntrack/config.ts";
import { explainTableTrace } from "../models/conntrack/entry.ts";
import { tableModel, type TableEvent } from "../models/conntrack/system.ts";

const KEYS = 24;

/** Key k's homes: spread by multipliers, modulo the homes (a fixed, collision-rich pair of hash functions). */
function hashed(json: TableConfigJson): TableConfigJson {
  const n = homes(toTableConfig({ ...json, keys: 1, h1: [0], h2: [0] }));
  return { ...json, keys: KEYS, h1: Array.from({ length: KEYS }, (_, k) => (k * 7 + 3) % n) as [number, ...number[]], h2: Array.from({ length: KEYS }, (_, k) => (k * 11 + 5) % n) as [number, ...number[]] };
}

export const RANDOM_TABLES: readonly [string, TableConfigJson][] = [
  ["robinhood/scan", hashed({ capacity: 16, ageing: "scan", timeout: 6, scanPeriod: 3 })],
  ["hopscotch/wheel", hashed({ scheme: "hopscotch", capacity: 32, neighbourhood: 4, ageing: "wheel", timeout: 6, wheelSlots: 4 })],
  ["cuckoo/lazy", hashed({ scheme: "cuckoo", capacity: 24, bucketSize: 2, maxPath: 3, ageing: "lazy", timeout: 6 })],
  ["chaining/lazy", hashed({ scheme: "chaining", capacity: 16, ageing: "lazy", timeout: 6 })],
];

export function tableRuns(keys: number, maxEvents: number): fc.Arbitrary<TableEvent[]> {
  const key = fc.integer({ min: 0, max: keys - 1 });
  const event: fc.Arbitrary<TableEvent> = fc.oneof(
    { arbitrary: fc.record({ type: fc.constant("insert" as const), key }), weight: 4 },
    { arbitrary: fc.record({ type: fc.constant("lookup" as const), key }), weight: 4 },
    { arbitrary: fc.record({ type: fc.constant("delete" as const), key }), weight: 1 },
    { arbitrary: fc.constant({ type: "tick" as const }), weight: 2 },
  );
  return fc.array(event, { maxLength: maxEvents, size: "max" });
}

export const tableRandomChecks = (system: AnySystem): Check[] => RANDOM_TABLES.map(([name, base]) => {
  const json = { ...base, maxOps: 10_000, maxTicks: 10_000 };
  const config = toTableConfig(json);
  return randomCheck({
    id: `conntrack/${name}/random`, model: tableModel, configJson: json, config, property: "all", specs: specsNamed(system, config, ["all"]),
    explain: explainTableTrace, arbitrary: (profile) => tableRuns(KEYS, Math.min(profile.maxEvents, 400)),
  });
});
