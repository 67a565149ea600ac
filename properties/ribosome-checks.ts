/**
 * The checks of Ribosome (models/ribosome/), as `nfcheck verify`, `nfcheck mutants` and `npm test` run
 * them:
 * - exhaustive: every ordering of arrivals, RDMA operations, NF returns (any order), NF drops, READ
 *   responses, losses and lease ends, for a few packets of two sizes (one below the threshold, one above)
 *   over two servers — every property at once; also with the IDs and rings wrapping, with flow-hash
 *   placement, and with buffers below the window (header buffer full: packets go whole; ring below the
 *   window: the tag check drops the packets whose slot was overwritten, and nothing is mixed up; rings
 *   as large as the header buffer under a larger window: no overflow; rings of bytes laid out as the
 *   public code does, their wrap check counting the padding);
 * - random runs at scale (thousands of packets, real sizes, elephant flows, a reordering NF, losses);
 * - design boundaries (the public code's choices under the load that breaks them);
 * - the mutants, each killed by the property it names.
 */
import { removeChunks } from "../core/shrink.ts";
import { randomCheck, type Check } from "../core/check.ts";
import type { Profile } from "../core/profile.ts";
import { systemExploreCheck } from "../core/system-checks.ts";
import type { Spec } from "../core/spec.ts";
import { toRibosomeConfig, type RibosomeConfig, type RibosomeConfigJson } from "../models/ribosome/config.ts";
import { explainRibosomeTrace } from "../models/ribosome/entry.ts";
import ribosome, { BYTE_RING, SLOW_NF, SMALL_SYSTEM } from "../systems/ribosome.ts";
import type { RibosomeFault } from "../models/ribosome/faults.ts";
import type { RibosomeState } from "../models/ribosome/state.ts";
import { ribosomeModel, type RibosomeEvent } from "../models/ribosome/system.ts";
import {
  BOUNDED_BUFFERS, BYTE_EQUIVALENCE, CONSERVATION, NO_MIX_UP, PROGRESS, RIBOSOME_PROPERTIES, RIBOSOME_SPECS, SPLIT_RULE,
} from "../specs/ribosome.ts";
import { ribosomeRuns } from "./ribosome-runs.ts";

type RibosomeSpec = Spec<RibosomeState, RibosomeEvent, RibosomeConfig>;

/** All seven properties together. */
export const ALL_PROPERTIES = "all-properties";
/** Every property but bounded-buffers (for buffers sized below the window on purpose). */
export const ALL_BUT_BUFFERS = "all-but-bounded-buffers";

export function specsOf(property: string): readonly RibosomeSpec[] {
  if (property === ALL_PROPERTIES) return RIBOSOME_SPECS;
  if (property === ALL_BUT_BUFFERS) return RIBOSOME_SPECS.filter((s) => s.name !== BOUNDED_BUFFERS);
  if (!(RIBOSOME_PROPERTIES as readonly string[]).includes(property)) throw new Error(`no Ribosome property "${property}"`);
  return RIBOSOME_SPECS.filter((s) => s.name === property);
}

/** An exploration of `json` for `property`, as every system's explorations are (core/system-checks.ts). */
const ribosomeExplore = (id: string, json: RibosomeConfigJson, property: string, expect: "pass" | "violation" = "pass", note?: string): Check =>
  systemExploreCheck(ribosome, id, json, property, expect, note);

/** Exhaustive configurations: [name, config, properties]. */
export function ribosomeExploreConfigs(profile?: Profile): [string, RibosomeConfigJson, string][] {
  const configs: [string, RibosomeConfigJson, string][] = [
    ["small", SMALL_SYSTEM, ALL_PROPERTIES],
    ["header-buffer-full", { ...SMALL_SYSTEM, headerSlots: 2 }, ALL_PROPERTIES],
    ["slow-nf/tagged", SLOW_NF, ALL_BUT_BUFFERS],
    ["wrap/packets-5", { ...SMALL_SYSTEM, packets: 5 }, ALL_PROPERTIES],
    // "reserve" keeps splits in flight within the header slots: rings of as many slots never overflow,
    // whatever the window.
    ["rings-2/header-slots-2/window-4/packets-5", { ...SMALL_SYSTEM, packets: 5, window: 4, slotsPerServer: 1, headerSlots: 2 }, ALL_PROPERTIES],
    // The code's ring of bytes, wrapped with the padding counted: the fourth payload wraps, nothing overruns.
    ["byte-ring/padded", BYTE_RING, ALL_PROPERTIES],
    // Two sizes whose WRITEs are padded by 1 B and 3 B (80 B and 84 B): a lap holds 4 payloads whatever
    // the sizes, so the wrap lands behind the 2 other live ones. (At 330 B a lap may hold 3, and a wrapped
    // 84 B WRITE covers the second of the lap, still live: bounded-buffers, the ring below the window.)
    ["byte-ring/padded/sizes-129-131", { ...BYTE_RING, sizes: [129, 131], ringBytes: 340 }, ALL_PROPERTIES],
  ];
  if (profile?.name === "deep") {
    configs.push(
      ["deep/flow-hash", { ...SMALL_SYSTEM, serverChoice: "flow-hash", flows: 2, slotsPerServer: 3 }, ALL_PROPERTIES],
      ["deep/packets-7/drops-2", { ...SMALL_SYSTEM, packets: 7, nfDrops: 2 }, ALL_PROPERTIES],
    );
  }
  return configs;
}

export function ribosomeExploreChecks(profile?: Profile): Check[] {
  return ribosomeExploreConfigs(profile).map(([name, json, property]) => ribosomeExplore(`${name}/${property}/explore`, json, property));
}

/**
 * The sizing rule of the cost model (models/cost/ribosome.ts: header slots and payload slots from rate ×
 * maximal latency) is exactly the model's boundary, even for the public code's design (counters modulo
 * the slots, no tag check, no lease, no faults): for a window of w, header slots and rings of w slots
 * never overflow, and w − 1 of either does.
 */
export const SIZING_WINDOWS = [2, 3, 4] as const;

export function ribosomeSizingChecks(): Check[] {
  return SIZING_WINDOWS.flatMap((w) => {
    const code: RibosomeConfigJson = {
      packets: w + 2, sizes: [400], window: w, servers: 1, slotsPerServer: w, headerSlots: w, headerBuffer: "overwrite", tagCheck: false, readLease: false,
    };
    return [
      ribosomeExplore(`sizing/window-${w}/code/slots-${w}/explore`, code, ALL_PROPERTIES),
      ribosomeExplore(`sizing/window-${w}/code/header-slots-${w - 1}/explore`, { ...code, headerSlots: w - 1 }, BOUNDED_BUFFERS, "violation", `${w - 1} header slots for a window of ${w}`),
      ribosomeExplore(`sizing/window-${w}/code/ring-${w - 1}/explore`, { ...code, slotsPerServer: w - 1 }, BOUNDED_BUFFERS, "violation", `a ring of ${w - 1} slots for a window of ${w}`),
    ];
  });
}

/** Random-run tables: [name, config]. Real sizes: 64 B whole, 128 B at the threshold, then split. */
export const RANDOM_TABLES: readonly [string, RibosomeConfigJson][] = [
  ["scale", { packets: 5_000, sizes: [64, 128, 129, 576, 1_500], flows: 64, servers: 4, slotsPerServer: 16, headerSlots: 48, window: 48, nfDrops: 20, readLosses: 20 }],
  ["tight", { packets: 300, sizes: [64, 1_500], flows: 8, servers: 2, slotsPerServer: 2, headerSlots: 4, window: 8, nfDrops: 8, readLosses: 8 }],
  ["flow-hash", { packets: 1_000, sizes: [64, 400, 1_500], flows: 8, servers: 4, serverChoice: "flow-hash", slotsPerServer: 32, headerSlots: 32, window: 32, nfDrops: 10, readLosses: 10 }],
  // Rings of bytes (the code's layout, padding counted): WRITEs of 80 B to 1 452 B; at most 8 live per
  // server, and 8 of the largest fit in 16 KiB, so a wrap never reaches a live one.
  ["byte-ring", { packets: 1_000, sizes: [64, 129, 130, 131, 400, 1_500], flows: 8, servers: 2, ringBytes: 16_384, headerSlots: 16, window: 16, nfDrops: 10, readLosses: 10 }],
];

function ribosomeRandom(id: string, json: RibosomeConfigJson, property: string, expect: "pass" | "violation" = "pass"): Check {
  const config = toRibosomeConfig(json);
  return randomCheck({
    id: `ribosome/${id}`, model: ribosomeModel, configJson: json, config, property, specs: specsOf(property), expect, explain: explainRibosomeTrace,
    // The driver adds what the plan does not say (fair delivery to the end, waits): cut the events too.
    polish: () => [removeChunks<RibosomeEvent>()],
    arbitrary: (profile) => ribosomeRuns(config, profile.maxEvents),
  });
}

export function ribosomeRandomChecks(): Check[] {
  return RANDOM_TABLES.map(([name, json]) => ribosomeRandom(`${name}/${ALL_PROPERTIES}/random`, json, ALL_PROPERTIES));
}

/** Mutants random runs find too (properties/ribosome.test.ts; bench/shrinking.ts sets their shrunk traces beside the shortest). */
export const RIBOSOME_RANDOM_MUTANTS: readonly (readonly [RibosomeFault, string])[] = [
  ["oldest-waiting", NO_MIX_UP], ["lost-read-uncounted", CONSERVATION], ["round-robin-stuck", BOUNDED_BUFFERS],
];

/** A random check of a mutant (the tests show random runs find them too). */
export function ribosomeRandomMutantCheck(fault: RibosomeFault, kills: string, table = "tight"): Check {
  const json = RANDOM_TABLES.find(([name]) => name === table)![1];
  return ribosomeRandom(`random-mutant/${fault}/${table}`, { ...json, fault }, kills, "violation");
}

/** What `nfcheck verify` runs for Ribosome besides its boundaries and faults (core/system-checks.ts). */
export const ribosomeChecks = (profile?: Profile): Check[] => [...ribosomeExploreChecks(profile), ...ribosomeSizingChecks(), ...ribosomeRandomChecks()];
