/**
 * The checks of the offload probe (models/offload/), as `nfcheck verify` and `npm test` run them, besides
 * its boundaries and faults (core/system-checks.ts): every interleaving of the traffic, the NIC, the
 * offload thread and the host threads for small configurations, and random interleavings of larger
 * probes — every property at once.
 */
import { randomCheck, type Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import { toOffloadConfig, type OffloadConfigJson } from "../models/offload/config.ts";
import { explainOffloadTrace } from "../models/offload/entry.ts";
import { offloadModel } from "../models/offload/system.ts";
import { specsNamed } from "../core/system.ts";
import { offloadRuns } from "./offload-runs.ts";
import offload, { ROOMY_NIC, SMALL_PROBE, TWO_LIFETIMES } from "../systems/offload.ts";

export const ALL_PROPERTIES = "all-properties";

/** Exhaustive configurations: [name, config]. */
export function offloadExploreConfigs(profile?: Profile): [string, OffloadConfigJson][] {
  const configs: [string, OffloadConfigJson][] = [
    ["small", SMALL_PROBE],
    ["two-lifetimes", TWO_LIFETIMES],
    ["roomy-nic", ROOMY_NIC],
    ["two-threads", { ...ROOMY_NIC, threads: 2, slots: 1 }],
    ["dpi-after-2", { ...SMALL_PROBE, dpiPackets: 2, packets: 3 }],
    ["fifo-reuse", { ...TWO_LIFETIMES, slotReuse: "fifo" }],
  ];
  if (profile?.name === "deep") configs.push(["deep/two-flows-two-lifetimes", { flows: 2, lifetimes: 2, hwCapacity: 1, slots: 4 }]);
  return configs;
}

/**
 * Random-run probes: [name, config]. Each thread has twice as many slots as flows (a flow holds at most
 * two entries: its old lifetime's, until its expiry event, and the new one's).
 */
export const RANDOM_PROBES: readonly [string, OffloadConfigJson][] = [
  ["scale", { flows: 8, lifetimes: 3, packets: 4, dpiPackets: 2, hwCapacity: 4, threads: 2, slots: 8 }],
  ["tight", { flows: 6, lifetimes: 2, packets: 3, dpiPackets: 1, hwCapacity: 2, threads: 2, slots: 6, slotReuse: "lifo" }],
];

export function offloadRandom(id: string, json: OffloadConfigJson, property: string, expect: "pass" | "violation" = "pass"): Check {
  const config = toOffloadConfig(json);
  return randomCheck({
    id: `offload/${id}`, model: offloadModel, configJson: json, config, property, specs: specsNamed(offload, config, [property]), expect,
    explain: explainOffloadTrace, arbitrary: (profile) => offloadRuns(config, profile.maxEvents),
  });
}

export const offloadRandomChecks = (): Check[] => RANDOM_PROBES.map(([name, json]) => offloadRandom(`${name}/${ALL_PROPERTIES}/random`, json, ALL_PROPERTIES));

export const offloadChecks = (profile?: Profile): Check[] => [
  ...offloadExploreConfigs(profile).map(([name, json]) => systemExploreCheck(offload, `${name}/explore`, json, ALL_PROPERTIES)),
  ...offloadRandomChecks(),
];
