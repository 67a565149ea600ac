/**
 * The offload probe (models/offload/): events per second of random runs on a larger probe (8 flows of
 * 3 lifetimes, a NIC table of 4, 2 threads of 8 slots), bare and with every spec on every step, and the
 * explorer's states per second on the small probe `nfcheck explore offload` explores by default.
 */
import * as fc from "fast-check";
import { toOffloadConfig, type OffloadConfig } from "../models/offload/config.ts";
import { offloadModel, type OffloadEvent } from "../models/offload/system.ts";
import { OFFLOAD_SPECS } from "../specs/offload.ts";
import { SMALL_PROBE } from "../systems/offload.ts";
import { modelFigures, type ModelFigure } from "./model-figures.ts";

/** A run that follows the model: each choice picks one of the events enabled at that point, until none is. */
function walks(config: OffloadConfig, maxEvents: number): fc.Arbitrary<OffloadEvent[]> {
  return fc.array(fc.nat(), { minLength: maxEvents, maxLength: maxEvents }).map((choices) => {
    const events: OffloadEvent[] = [];
    let state = offloadModel.init(config);
    for (const choice of choices) {
      const enabled = offloadModel.enabled(state, config);
      if (enabled.length === 0) break;
      const event = enabled[choice % enabled.length]!;
      state = offloadModel.step(state, event, config);
      events.push(event);
    }
    return events;
  });
}

export function offloadFigures(): ModelFigure[] {
  const config = toOffloadConfig({ flows: 8, lifetimes: 3, packets: 4, hwCapacity: 4, threads: 2, slots: 8 });
  return modelFigures({
    model: offloadModel, specs: OFFLOAD_SPECS,
    table: { name: "8 flows × 3 lifetimes × 4 packets, NIC table of 4, 2 threads × 8 slots", config, runs: walks(config, 400) },
    small: { name: "offload, 2 flows, NIC table of 1", config: toOffloadConfig(SMALL_PROBE) },
  });
}
