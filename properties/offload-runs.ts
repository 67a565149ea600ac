/**
 * Random runs of the offload probe (models/offload/system.ts) for fast-check: a list of choices, each
 * picking one of the events enabled at that point (the traffic, the NIC, the offload thread and each
 * host thread move in any order), then the first enabled event until none is, so that every run ends
 * with its traffic over and the end-of-run properties judge it.
 *
 * fast-check shrinks the choices (fewer, and towards the first enabled event); the events derive from
 * them, so a shrunk run is still a complete, replayable trace of the model.
 */
import * as fc from "fast-check";
import type { OffloadConfig } from "../models/offload/config.ts";
import { offloadModel, type OffloadEvent } from "../models/offload/system.ts";

export function offloadEventsOf(c: OffloadConfig, choices: readonly number[]): OffloadEvent[] {
  const events: OffloadEvent[] = [];
  let s = offloadModel.init(c);
  for (let i = 0; ; i++) {
    const enabled = offloadModel.enabled(s, c);
    if (enabled.length === 0) return events;
    const event = enabled[(choices[i] ?? 0) % enabled.length]!;
    events.push(event);
    s = offloadModel.step(s, event, c);
  }
}

export const offloadRuns = (c: OffloadConfig, maxChoices: number): fc.Arbitrary<OffloadEvent[]> =>
  fc.array(fc.nat(), { maxLength: maxChoices, size: "max" }).map((choices) => offloadEventsOf(c, choices));
