/**
 * The checks of the offload probe (models/offload/), as `nfcheck verify` and `npm test` run them, besides
 * its boundaries and faults (core/system-checks.ts): every interleaving of the traffic, the NIC, the
 * offload thread and the host threads for small configurations — every property at once.
 */
import type { Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import type { OffloadConfigJson } from "../models/offload/config.ts";
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

export const offloadChecks = (profile?: Profile): Check[] =>
  offloadExploreConfigs(profile).map(([name, json]) => systemExploreCheck(offload, `${name}/explore`, json, ALL_PROPERTIES));
