/**
 * Connection tables (models/conntrack/): operations per second of random runs of each scheme (24 keys,
 * the random-run tables of properties/conntrack-runs.ts), bare and with every spec; and the explorer's
 * states per second on the cuckoo table with one writer and two lock-free readers.
 */
import * as fc from "fast-check";
import { explore } from "../core/explore.ts";
import { formatCount } from "../core/report.ts";
import { runTrace } from "../core/run-trace.ts";
import { toTableConfig } from "../models/conntrack/config.ts";
import { toCuckooRwConfig } from "../models/conntrack/cuckoo-rw.ts";
import { cuckooRwModel } from "../models/conntrack/cuckoo-rw.ts";
import { tableModel } from "../models/conntrack/system.ts";
import { RANDOM_TABLES, tableRuns } from "../properties/conntrack-runs.ts";
import { CUCKOO_RW_SPECS } from "../specs/conntrack-cuckoo-rw.ts";
import { TABLE_SPECS } from "../specs/conntrack.ts";
import cuckooRw from "../systems/conntrack-cuckoo-rw.ts";
import type { ModelFigure } from "./model-figures.ts";

export function conntrackFigures(): ModelFigure[] {
  const figures: ModelFigure[] = [];
  const traces = fc.sample(tableRuns(24, 400), { numRuns: 20, seed: 1 });
  const events = traces.reduce((n, t) => n + t.length, 0);
  for (const [name, json] of RANDOM_TABLES) {
    const config = toTableConfig({ ...json, maxOps: 10_000, maxTicks: 10_000 });
    const rate = (specs: typeof TABLE_SPECS | readonly []) => {
      const t = performance.now();
      for (const trace of traces) runTrace(tableModel, config, specs, trace);
      return events / ((performance.now() - t) / 1_000);
    };
    const bare = rate([]);
    const checked = rate(TABLE_SPECS);
    figures.push({ name: `conntrack ${name} operations`, value: bare, unit: "ops/s", note: `${formatCount(events)} operations and ticks in 20 runs; ${formatCount(Math.round(checked))} ops/s with every spec` });
  }
  const rw = explore({ model: cuckooRwModel, config: toCuckooRwConfig(cuckooRw.presets.deep!), specs: CUCKOO_RW_SPECS });
  figures.push({ name: "explorer, cuckoo table, a writer and two lock-free readers", value: rw.statesPerSecond, unit: "states/s", note: `${formatCount(rw.states)} states, every spec on every state` });
  return figures;
}
