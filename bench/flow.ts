/**
 * The MiddleClick flow manager (models/flow/): events per second of random runs on the scale table
 * (5 000 sessions, a pool of 1 024), bare and with every spec on every step, and the explorer's states
 * per second on the small table `nfcheck explore flow` explores by default.
 */
import * as fc from "fast-check";
import { explore } from "../core/explore.ts";
import { formatCount } from "../core/report.ts";
import { runTrace } from "../core/run-trace.ts";
import { toFlowConfig } from "../models/flow/config.ts";
import { flowModel } from "../models/flow/system.ts";
import { RANDOM_TABLES, SMALL_TABLE } from "../properties/flow-checks.ts";
import { flowRuns } from "../properties/flow-runs.ts";
import { FLOW_SPECS } from "../specs/flow.ts";

export interface FlowFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly note: string;
}

export function flowFigures(): FlowFigure[] {
  const config = toFlowConfig(RANDOM_TABLES.find(([name]) => name === "scale")![1]);
  const traces = fc.sample(flowRuns(config, 1_200), { numRuns: 20, seed: 1 });
  const events = traces.reduce((n, t) => n + t.length, 0);
  const rate = (specs: typeof FLOW_SPECS | readonly []) => {
    const t = performance.now();
    for (const trace of traces) runTrace(flowModel, config, specs, trace);
    return events / ((performance.now() - t) / 1_000);
  };
  const bare = rate([]);
  const checked = rate(FLOW_SPECS);
  const small = explore({ model: flowModel, config: toFlowConfig(SMALL_TABLE), specs: FLOW_SPECS });
  return [
    { name: "flow model events, scale table (5,000 sessions, pool 1,024)", value: bare, unit: "events/s", note: `${formatCount(events)} events in 20 runs, no spec` },
    { name: "flow model events, scale table, every spec on every step", value: checked, unit: "events/s", note: `${(bare / checked).toFixed(2)} × slower than bare` },
    { name: "explorer, flow table of 3 sessions, pool 2", value: small.statesPerSecond, unit: "states/s", note: `${formatCount(small.states)} states, every spec on every state` },
  ];
}
