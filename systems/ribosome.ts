/**
 * Ribosome (models/ribosome/) as a system: a switch splits packets above a threshold, parks their payloads
 * in RDMA servers' rings, sends the headers to the NF, reads the payloads back and merges them (Ribosome
 * §3–4). Its presets, design boundaries and faults are here; properties/ribosome-checks.ts adds the
 * explorations and random runs particular to it.
 */
import { RibosomeConfigJson, describeRibosomeConfig, toRibosomeConfig, type RibosomeConfig } from "../models/ribosome/config.ts";
import { RibosomeEventJson, explainRibosomeTrace } from "../models/ribosome/entry.ts";
import { ribosomeCost } from "./ribosome/cost.ts";
import type { RibosomeFault } from "../models/ribosome/faults.ts";
import type { RibosomeState } from "../models/ribosome/state.ts";
import { ribosomeModel, type RibosomeEvent } from "../models/ribosome/system.ts";
import type { Boundary, Fault, System } from "../core/system.ts";
import { BOUNDED_BUFFERS, BYTE_EQUIVALENCE, CONSERVATION, NO_MIX_UP, PROGRESS, RIBOSOME_SPECS, RING_BOUNDS, SPLIT_RULE } from "../specs/ribosome.ts";
import { ribosomeSequence } from "./ribosome/sequence.ts";

/**
 * The small system `nfcheck explore ribosome` explores by default: 4 packets of 64 B (sent whole) or
 * 400 B (split after 54 B), a window of 3, 2 servers × 2 slots, 3 header slots (the header IDs wrap
 * at the fourth split), one NF drop and one lost READ response.
 */
export const SMALL_SYSTEM: RibosomeConfigJson = {
  packets: 4, sizes: [64, 400], window: 3, servers: 2, slotsPerServer: 2, headerSlots: 3, nfDrops: 1, readLosses: 1,
};

/** A slow NF: a window of 3, rings of 2 slots in all (the ring wraps while a header is at the NF). */
export const SLOW_NF: RibosomeConfigJson = { ...SMALL_SYSTEM, slotsPerServer: 1 };

/**
 * One server with a ring of 1 404 B, laid out as the public code does (models/ribosome/ring.ts): a 400 B
 * packet's WRITE is its 346 B payload, the 4 B prefix and 2 B of padding, 352 B. A window of 3 keeps at
 * most 3 payloads live, 1 056 B, so the ring never overwrites one (when it wraps at the fourth); the
 * public code's wrap check counts 4 × 350 = 1 400 B < 1 404 B and lets the fourth WRITE end at 1 408 B.
 */
export const BYTE_RING: RibosomeConfigJson = { ...SMALL_SYSTEM, servers: 1, ringBytes: 1_404 };

export const RIBOSOME_BOUNDARIES: readonly Boundary<RibosomeConfigJson>[] = [
  {
    name: "slot-reuse-without-tag", config: { ...SLOW_NF, tagCheck: false }, property: NO_MIX_UP,
    note: "the public code compares no tag: under a slow NF the payload ring wraps while a header is at the NF, and the READ returns the next packet's payload, glued to the first packet's header",
  },
  {
    name: "header-buffer-below-rate-latency", config: { ...SMALL_SYSTEM, headerSlots: 2, headerBuffer: "overwrite" }, property: BOUNDED_BUFFERS,
    note: "the public code's header IDs are a counter modulo the slots: with fewer slots than rate × latency, a returning header is stored over one that still waits for its READ",
  },
  {
    name: "slow-nf-ring-overflow", config: SLOW_NF, property: BOUNDED_BUFFERS,
    note: "with the tag check nothing is mixed up, but a ring smaller than rate × the NF's latency still overwrites payloads before they are read: those packets are dropped",
  },
  {
    name: "lost-read-kept", config: { ...SMALL_SYSTEM, readLease: false }, property: CONSERVATION,
    note: "the public code loses a packet whose READ response is lost silently: its header stays in the buffer and no counter says where the packet went",
  },
  {
    name: "ring-wrap-without-padding", config: { ...BYTE_RING, ringWrapCheck: "unpadded" }, property: RING_BOUNDS,
    note: "the public code's wrap check (Ribosome-P4 payload_split.p4, memory_offset_update) counts the payloads without their padding to 4 B, which the WRITEs add: after a lap of payloads that are not multiples of 4 B, a WRITE runs past the ring's end",
  },
];

const fault = (name: RibosomeFault, description: string, kills: string, config: RibosomeConfigJson): Fault<RibosomeConfigJson> =>
  ({ name, description, kills, config: { ...config, fault: name } });

/**
 * Issue 6's five mutants and four more: every property kills one, and progress one of each of its
 * halves (the bound after an NF return, and nothing held at the end).
 */
export const RIBOSOME_FAULT_TABLE: readonly Fault<RibosomeConfigJson>[] = [
  fault("no-tag-check", "the READ response glued to its header without comparing the payload's tag", NO_MIX_UP, SLOW_NF),
  fault("oldest-waiting", "a READ response glued to the oldest waiting header instead of its request's", NO_MIX_UP, SMALL_SYSTEM),
  fault("nf-drop-leaks-entry", "a packet the NF drops holds its header ID forever", PROGRESS, SMALL_SYSTEM),
  fault("split-offset-off-by-one", "the payload cut one byte after the header", BYTE_EQUIVALENCE, SMALL_SYSTEM),
  fault("small-packets-split", "packets at or below the threshold split too", SPLIT_RULE, SMALL_SYSTEM),
  fault("lost-read-uncounted", "a header whose READ was lost freed at its lease's end without counting the drop", CONSERVATION, SMALL_SYSTEM),
  fault("round-robin-stuck", "the round-robin choice of server never advances", BOUNDED_BUFFERS, SMALL_SYSTEM),
  fault("read-skipped-before-write", "no READ for a header back before its payload's WRITE completed", PROGRESS, SMALL_SYSTEM),
  fault("ring-wrap-before-payload", "a ring of bytes wraps when the WRITE would start past its end, not end past it", RING_BOUNDS, BYTE_RING),
];

const ribosome: System<RibosomeState, RibosomeEvent, RibosomeConfig, RibosomeConfigJson> = {
  name: ribosomeModel.name,
  model: ribosomeModel,
  summary: "Ribosome: a switch splits packets, parks payloads in RDMA servers' rings, sends headers to the NF, reads payloads back and merges",
  configSchema: RibosomeConfigJson,
  eventSchema: RibosomeEventJson,
  resolveConfig: async (json) => toRibosomeConfig(json),
  specs: () => RIBOSOME_SPECS,
  explain: explainRibosomeTrace,
  describe: describeRibosomeConfig,
  properties: {
    [BYTE_EQUIVALENCE]: "every output is NF(header(p)) ++ payload(p) of one input packet p, byte for byte",
    [NO_MIX_UP]: "no output glues one packet's header to another packet's payload, also after the rings and IDs wrap",
    [CONSERVATION]: "each input leaves at most once; once nothing is in flight, every input that did not leave was counted as dropped",
    [BOUNDED_BUFFERS]: "no header is stored over one still waiting for its READ, no payload over one not yet read",
    [PROGRESS]: "a header back from the NF leaves or is dropped within a bound; at the end nothing is held",
    [SPLIT_RULE]: "the NF gets a packet whole up to the threshold (or with the header buffer full), else exactly its header",
    [RING_BOUNDS]: "every payload WRITE lies inside its server's ring (a ring of bytes: with its 4 B prefix and its padding to 4 B)",
  },
  faults: RIBOSOME_FAULT_TABLE,
  boundaries: RIBOSOME_BOUNDARIES,
  sequence: ribosomeSequence,
  presets: {
    default: SMALL_SYSTEM,
    deep: { ...SMALL_SYSTEM, packets: 7, nfDrops: 2 },
  },
  flags: [
    { flags: "--slots <n>", description: "payload slots in each server's ring (slotsPerServer)", field: "slotsPerServer" },
  ],
  cost: ribosomeCost,
  groups: { "all-properties": "all", "all-but-bounded-buffers": [BYTE_EQUIVALENCE, NO_MIX_UP, CONSERVATION, PROGRESS, SPLIT_RULE, RING_BOUNDS] },
  // Loaded when asked for: the checks import this file's presets.
  checks: async (profile) => (await import("../properties/ribosome-checks.ts")).ribosomeChecks(profile),
};

export default ribosome;
