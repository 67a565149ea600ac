/**
 * A flow probe with a SmartNIC's hardware flow table kept in step with its software one (nProbe Cento on
 * a Napatech NT200A02, models/offload/) as a system: its presets, design boundaries and faults.
 */
import { describeOffloadConfig, OffloadConfigJson, toOffloadConfig, type OffloadConfig } from "../models/offload/config.ts";
import { explainOffloadTrace, OffloadEventJson } from "../models/offload/entry.ts";
import type { OffloadFault } from "../models/offload/faults.ts";
import type { OffloadState } from "../models/offload/state.ts";
import { offloadModel, type OffloadEvent } from "../models/offload/system.ts";
import type { Boundary, Fault, System } from "../core/system.ts";
import { EVENTUAL_EXPORT, EXACTLY_ONCE, FALLBACK, NO_DANGLING_FLOW_ID, NO_DOUBLE_OFFLOAD, OFFLOAD_SPECS } from "../specs/offload.ts";
import { offloadCost } from "./offload/cost.ts";
import { offloadSequence } from "./offload/sequence.ts";

/**
 * The small system `nfcheck explore offload` explores by default: two flows of one lifetime of two
 * packets (64 B and 1 500 B), DPI done after one, a NIC table of one entry (the second flow falls back to
 * the host), one thread of two slots.
 */
export const SMALL_PROBE: OffloadConfigJson = { flows: 2, hwCapacity: 1 };

/** Two lifetimes of one flow and room in the NIC: a lifetime ends, its expiry event waits, the next starts. */
export const TWO_LIFETIMES: OffloadConfigJson = { flows: 1, lifetimes: 2, hwCapacity: 1 };

/** Two flows, both learned: the NIC's expiry events and the host's slots for two flows at once. */
export const ROOMY_NIC: OffloadConfigJson = { flows: 2, hwCapacity: 2 };

export const OFFLOAD_BOUNDARIES: readonly Boundary<OffloadConfigJson>[] = [
  {
    name: "flowid-address-own-timer", config: { ...ROOMY_NIC, hostExpiry: "own-timer" }, property: NO_DANGLING_FLOW_ID,
    note: "flowId = the entry's address (§III) and the host's idle sweep frees entries as the CPU-only probe does: the NIC's expiry event for a learned flow names a slot the host freed, which the next flow may already hold",
  },
  {
    name: "no-software-table", config: { ...SMALL_PROBE, softwareTable: false }, property: NO_DOUBLE_OFFLOAD,
    note: "without a software flow hash the probe sets an offload rule per packet (§III): two packets of one flow buffered in the NIC before the rule is set program it twice",
  },
  {
    name: "lost-expiry-event", config: { ...ROOMY_NIC, expiryLosses: 1 }, property: EVENTUAL_EXPORT,
    note: "an expiry event lost between the NIC and the host: the learned flow's entry waits for it forever (a leak) and the flow is never exported",
  },
  {
    name: "nic-counts-buffered-twice", config: { ...SMALL_PROBE, nicCounts: "every-match" }, property: EXACTLY_ONCE,
    note: "the NIC counts every packet that matches the flow's entry, also those it sends to the host, which counts them too: a packet tagged before the offload is counted twice",
  },
  {
    name: "host-stops-counting-at-offload", config: { ...SMALL_PROBE, hostCounts: "until-offload" }, property: EXACTLY_ONCE,
    note: "the host stops counting once it requested the offload, but packets buffered in the NIC before the rule is programmed still reach it: counted by no one",
  },
  {
    name: "learn-timer-at-programming", config: { ...TWO_LIFETIMES, learnTimer: "programming" }, property: NO_DANGLING_FLOW_ID,
    note: "the NIC times a learned entry from when the rule was programmed: a learn delayed in the offload thread's queue keeps the entry past the flow's end, and the next lifetime's packets are tagged with the old lifetime's flowId",
  },
  {
    name: "expiry-read-any-time", config: { ...SMALL_PROBE, expiryRead: "any-time" }, property: NO_DANGLING_FLOW_ID,
    note: "the host reads an expiry event before the packets the NIC tagged earlier, still in the buffer: they name the freed entry",
  },
];

const fault = (name: OffloadFault, description: string, kills: string, config: OffloadConfigJson = SMALL_PROBE): Fault<OffloadConfigJson> =>
  ({ name, description, kills, config: { ...config, fault: name } });

export const OFFLOAD_FAULT_TABLE: readonly Fault<OffloadConfigJson>[] = [
  fault("nic-counters-not-merged", "the record exported from the host's counters alone, without the NIC's", EXACTLY_ONCE),
  fault("sweep-offloaded", "the host's sweep frees an entry once its flow is offloaded", NO_DANGLING_FLOW_ID),
  fault("offload-every-packet", "an offload requested for every packet after DPI, each one programmed", NO_DOUBLE_OFFLOAD),
  fault("full-table-drops", "the NIC drops the packets of flows it cannot learn when its table is full", FALLBACK),
  fault("refused-awaits-nic-event", "an entry the NIC refused waits for an expiry event instead of the host's timer", EVENTUAL_EXPORT),
];

const offload: System<OffloadState, OffloadEvent, OffloadConfig, OffloadConfigJson> = {
  name: offloadModel.name,
  model: offloadModel,
  summary: "a flow probe keeping a SmartNIC's hardware flow table in step with its software one (nProbe Cento on a Napatech NIC)",
  configSchema: OffloadConfigJson,
  eventSchema: OffloadEventJson,
  resolveConfig: async (json) => toOffloadConfig(json),
  specs: () => OFFLOAD_SPECS,
  explain: explainOffloadTrace,
  describe: describeOffloadConfig,
  properties: {
    [EXACTLY_ONCE]: "each packet is counted once, by the NIC or the host, and each record holds exactly the packets and bytes of one flow lifetime",
    [NO_DANGLING_FLOW_ID]: "a flowId the NIC holds, reports or tagged a packet with names a live entry of that flow lifetime (no ABA)",
    [NO_DOUBLE_OFFLOAD]: "a lifetime's offload rule is programmed at most once; a second request is recognised and dropped",
    [FALLBACK]: "with the NIC's table full, a flow's packets go to the host: the NIC loses none",
    [EVENTUAL_EXPORT]: "once the run is over, every flow lifetime was exported exactly once and no entry is left (no leak)",
  },
  faults: OFFLOAD_FAULT_TABLE,
  boundaries: OFFLOAD_BOUNDARIES,
  sequence: offloadSequence,
  presets: {
    default: SMALL_PROBE,
    deep: { flows: 2, lifetimes: 2, packets: 2, hwCapacity: 1, slots: 4 },
  },
  cost: offloadCost,
  groups: { "all-properties": "all" },
  // Loaded when asked for: the checks import this file's presets.
  checks: async (profile) => (await import("../properties/offload-checks.ts")).offloadChecks(profile),
};

export default offload;
