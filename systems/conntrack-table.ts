/**
 * A user's own connection table (models/conntrack/user-table.ts) as a system: what `nfcheck table
 * <module>` checks, and what `nfcheck explore conntrack.table --set module=…` explores, with nfcheck's
 * adversarial hash functions and the map with expiry as the reference.
 */
import { relative, resolve } from "node:path";
import type { System } from "../core/system.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import {
  explainUserTableTrace, HASH_FAMILY_NAMES, toUserTableConfig, UserTableConfigJson, userTableModel,
  type UserTableConfig, type UserTableEvent, type UserTableState,
} from "../models/conntrack/user-table.ts";
import { TableEventJson } from "../models/conntrack/entry.ts";
import { LOOKUP_CORRECTNESS, NO_EARLY_REFUSAL, USER_TABLE_SPECS } from "../specs/conntrack-table.ts";

/** The example table, and its planted bug (both in examples/tables/). */
export const EXAMPLE_TABLE: UserTableConfigJson = { module: "examples/tables/robin-hood.ts", capacity: 3, keys: 3, hashes: "one-bucket", maxOps: 5, maxTicks: 2 };

const userTable: System<UserTableState, UserTableEvent, UserTableConfig, UserTableConfigJson> = {
  name: userTableModel.name,
  model: userTableModel,
  summary: "your own connection table (nfcheck table <module>), driven with adversarial hash functions against the map with expiry",
  configSchema: UserTableConfigJson,
  eventSchema: TableEventJson,
  resolveConfig: (json, { baseDir }) => toUserTableConfig(json, [baseDir, process.cwd()]),
  rebase: (json, fromDir, toDir) => ({ ...json, module: relative(toDir, resolve(fromDir, json.module)) }),
  specs: () => USER_TABLE_SPECS,
  explain: explainUserTableTrace,
  describe: (c) => `"${c.table.name}", capacity ${c.capacity}, ${c.keys} keys, ${c.hashes} hashes, ≤ ${c.maxOps} operations${c.maxTicks > 0 ? `, ≤ ${c.maxTicks} ticks (timeout ${c.timeout})` : ""}`,
  properties: {
    [LOOKUP_CORRECTNESS]: "a lookup returns the map's value of a live key and misses every other key",
    [NO_EARLY_REFUSAL]: "an insert is refused only when capacity × maxLoad keys are live",
  },
  faults: [
    { name: "planted-no-backward-shift", description: "examples/tables/robin-hood-no-shift.ts: a delete leaves a hole in a robin-hood run", kills: LOOKUP_CORRECTNESS, config: { ...EXAMPLE_TABLE, module: "examples/tables/robin-hood-no-shift.ts" } },
    { name: "too-small", description: "the example table given a capacity of 1 but judged against 2", kills: NO_EARLY_REFUSAL, config: { ...EXAMPLE_TABLE, module: "examples/tables/too-small.ts" } },
  ],
  boundaries: [],
  presets: { default: EXAMPLE_TABLE },
  groups: { all: "all" },
  // The example table under each family of hash functions, as `nfcheck table` explores it.
  checks: async () => HASH_FAMILY_NAMES.map((hashes) => systemExploreCheck(userTable, `example/${hashes}/explore`, { ...EXAMPLE_TABLE, hashes }, "all")),
};

export default userTable;
