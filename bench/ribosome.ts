/**
 * Ribosome (models/ribosome/): events per second of random runs on the scale table (4 servers × 16 slots,
 * 48 header slots, real packet sizes), bare and with every spec on every step, and the explorer's states
 * per second on the small system `nfcheck explore ribosome` explores by default.
 */
import { toRibosomeConfig } from "../models/ribosome/config.ts";
import { ribosomeModel } from "../models/ribosome/system.ts";
import { RANDOM_TABLES } from "../properties/ribosome-checks.ts";
import { SMALL_SYSTEM } from "../systems/ribosome.ts";
import { ribosomeRuns } from "../properties/ribosome-runs.ts";
import { RIBOSOME_SPECS } from "../specs/ribosome.ts";
import { modelFigures, type ModelFigure } from "./model-figures.ts";

export function ribosomeFigures(): ModelFigure[] {
  const config = toRibosomeConfig(RANDOM_TABLES.find(([name]) => name === "scale")![1]);
  return modelFigures({
    model: ribosomeModel, specs: RIBOSOME_SPECS,
    table: { name: "scale table (4 servers × 16 slots, 48 header slots)", config, runs: ribosomeRuns(config, 1_200) },
    small: { name: "Ribosome, 4 packets, 2 servers × 2 slots", config: toRibosomeConfig(SMALL_SYSTEM) },
  });
}
