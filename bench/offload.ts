/**
 * The offload probe (models/offload/): events per second of random runs on a larger probe (8 flows of
 * 3 lifetimes, a NIC table of 4, 2 threads of 8 slots), bare and with every spec on every step, and the
 * explorer's states per second on the small probe `nfcheck explore offload` explores by default.
 */
import { toOffloadConfig } from "../models/offload/config.ts";
import { offloadModel } from "../models/offload/system.ts";
import { offloadRuns } from "../properties/offload-runs.ts";
import { OFFLOAD_SPECS } from "../specs/offload.ts";
import { SMALL_PROBE } from "../systems/offload.ts";
import { modelFigures, type ModelFigure } from "./model-figures.ts";

export function offloadFigures(): ModelFigure[] {
  const config = toOffloadConfig({ flows: 8, lifetimes: 3, packets: 4, hwCapacity: 4, threads: 2, slots: 8 });
  return modelFigures({
    model: offloadModel, specs: OFFLOAD_SPECS,
    table: { name: "8 flows × 3 lifetimes × 4 packets, NIC table of 4, 2 threads × 8 slots", config, runs: offloadRuns(config, 400) },
    small: { name: "offload, 2 flows, NIC table of 1", config: toOffloadConfig(SMALL_PROBE) },
  });
}
