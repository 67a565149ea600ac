/**
 * The MiddleClick flow manager (models/flow/): events per second of random runs on the scale table
 * (5 000 sessions, a pool of 1 024), bare and with every spec on every step, and the explorer's states
 * per second on the small table `nfcheck explore flow` explores by default.
 */
import { toFlowConfig } from "../models/flow/config.ts";
import { flowModel } from "../models/flow/system.ts";
import { RANDOM_TABLES } from "../properties/flow-checks.ts";
import { SMALL_TABLE } from "../systems/flow.ts";
import { flowRuns } from "../properties/flow-runs.ts";
import { FLOW_SPECS } from "../specs/flow.ts";
import { modelFigures, type ModelFigure } from "./model-figures.ts";

export function flowFigures(): ModelFigure[] {
  const config = toFlowConfig(RANDOM_TABLES.find(([name]) => name === "scale")![1]);
  return modelFigures({
    model: flowModel, specs: FLOW_SPECS,
    table: { name: "scale table (5,000 sessions, pool 1,024)", config, runs: flowRuns(config, 1_200) },
    small: { name: "flow table of 3 sessions, pool 2", config: toFlowConfig(SMALL_TABLE) },
  });
}
