/**
 * Cost model of the hardware flow offload ("Advancements in Traffic Processing Using Programmable
 * Hardware Flow Offload": nProbe Cento on a Napatech NT200A02). Every figure is derived from named inputs,
 * each cited; the paper's numbers are the defaults.
 *
 * - Flows against line rate: a flow density of 5–10 K active flows per Gbit/s and a birth rate of 10 % of
 *   the active flows per second (§IV-A) give the active flows and the new flows per second a probe sees.
 *   At 100 Gbit/s and 10 K flows/Gbit/s that is 1 M active flows and 100 K new flows/s. The paper's "up
 *   to 10 million active flows at 100 Gbit" is ten times what its own density gives; this model computes
 *   from the density, and reports the paper's figure apart: 10 M active flows are 1 M new flows/s, exactly
 *   the single-stream learning rate.
 * - Learning: the NIC learns 1 M flows/s on a single stream, 3 M with several (§IV-B); its cuckoo table
 *   about 3.5 M/s, degrading above 90 % full (§III). The line rate at which learning stops keeping up is
 *   where new flows/s reach the learning rate; the active flows at which it does are learning rate /
 *   birth rate.
 * - Rule programming: less than 10 µs a rule (§III), so one offload thread programs at least 100 K rules/s:
 *   the offload threads a rate of new flows needs.
 * - The NIC's memory: 10.5 GB hold 140 M flows *and* 130 ms of traffic at 100 Gbit/s (§III). Read as the
 *   whole memory for the entries, an entry is 10.5 GB / 140 M = 75 B; with the buffer's 1.625 GB taken out
 *   first, about 63 B. (GB as 10^9 bytes.)
 * - The host: DPI keeps about 1 KB per flow until the protocol is found (§V-A): the host's DPI memory for
 *   the active flows.
 * - Packet rate: 148.8 Mpps at 64 B on 100 Gbit/s (§IV-A): 64 B frames with 20 B of preamble and gap.
 *
 * Table I (CPU load and packet drops by active flows, with and without offload and DPI, §V-A) is put beside
 * what the model says of each column: the new flows/s the column's active flows bring, and whether the
 * learning rate keeps up. That explains the trend of the offload rows — no drops up to 1 M flows (the
 * text: up to 5 M), drops at 10 M and 20 M, where learning reaches its single-stream limit and new flows
 * fall back to the host — but not their levels, nor the rows without offload: those depend on the host's
 * per-flow costs (allocation, hash-table cache and TLB misses, DPI of random payloads), which the paper
 * does not give.
 */

export interface OffloadCostInputs {
  /** Active flows per Gbit/s of traffic (§IV-A: 5 K to 10 K). */
  readonly flowsPerGbps: { readonly low: number; readonly high: number };
  /** New flows per second, as a share of the active flows (§IV-A: 10 %). */
  readonly birthRate: number;
  /** Flows the NIC learns per second (§IV-B: 1 M single stream, 3 M several; §III: 3.5 M, the cuckoo table). */
  readonly learningRate: { readonly singleStream: number; readonly multiStream: number; readonly cuckoo: number };
  /** Above this share of its capacity the cuckoo table's learning rate degrades (§III: 90 %). */
  readonly cuckooDegradesAbove: number;
  /** Hardware flow table capacity (§III, §IV-B: 140 M). */
  readonly hwFlows: number;
  /** The NIC memory the flow manager uses (§III: 10.5 GB). */
  readonly hwMemoryBytes: number;
  /** Traffic the NIC buffers (§III: 130 ms at 100 Gbit/s). */
  readonly bufferS: number;
  readonly bufferRateBps: number;
  /** Time to program one rule, at most (§III: < 10 µs). */
  readonly ruleProgrammingS: number;
  /** Host memory per flow during DPI (§V-A: approximately 1 KB). */
  readonly dpiBytesPerFlow: number;
  /** The line rate the figures are given at (§IV-A: 100 Gbit/s), the smallest frame and its overhead on the wire. */
  readonly lineRateBps: number;
  readonly minFrameBytes: number;
  readonly wireOverheadBytes: number;
  /** The paper's "up to 10 million active flows at 100 Gbit" (§IV-A). */
  readonly paperActiveFlowsAt100G: number;
}

export const PAPER_INPUTS: OffloadCostInputs = {
  flowsPerGbps: { low: 5_000, high: 10_000 },
  birthRate: 0.1,
  learningRate: { singleStream: 1_000_000, multiStream: 3_000_000, cuckoo: 3_500_000 },
  cuckooDegradesAbove: 0.9,
  hwFlows: 140_000_000,
  hwMemoryBytes: 10.5e9,
  bufferS: 0.130,
  bufferRateBps: 100e9,
  ruleProgrammingS: 10e-6,
  dpiBytesPerFlow: 1_000,
  lineRateBps: 100e9,
  minFrameBytes: 64,
  wireOverheadBytes: 20,
  paperActiveFlowsAt100G: 10_000_000,
};

/** Table I (§V-A): per configuration, CPU load and packet drops (%) at each number of active flows. */
export const TABLE_I = {
  activeFlows: [10_000, 100_000, 1_000_000, 10_000_000, 20_000_000],
  rows: [
    { dpi: true, offload: false, cpuLoad: [35, 58, 100, 100, 100], drops: [0, 0, 24, 72, 93] },
    { dpi: false, offload: false, cpuLoad: [31, 36, 87, 100, 100], drops: [0, 0, 0, 40, 63] },
    { dpi: true, offload: true, cpuLoad: [1, 23, 82, 95, 100], drops: [0, 0, 0, 46, 82] },
    { dpi: false, offload: true, cpuLoad: [1, 17, 46, 98, 100], drops: [0, 0, 0, 11, 37] },
  ],
} as const;

export const activeFlows = (rateBps: number, flowsPerGbps: number) => (rateBps / 1e9) * flowsPerGbps;
export const newFlowsPerSecond = (active: number, birthRate: number) => active * birthRate;
/** The line rate, bit/s, at which new flows/s reach `learningRate`. */
export const learningLimitBps = (learningRate: number, flowsPerGbps: number, birthRate: number) => (learningRate / (birthRate * flowsPerGbps)) * 1e9;
/** Packets per second of minimal frames. */
export const minFramePps = (rateBps: number, frameBytes: number, overheadBytes: number) => rateBps / ((frameBytes + overheadBytes) * 8);

export interface OffloadCostReport {
  readonly inputs: OffloadCostInputs;
  readonly at100G: {
    readonly activeFlows: { readonly low: number; readonly high: number };
    readonly newFlowsPerS: { readonly low: number; readonly high: number };
    /** The paper's 10 M active flows: their new flows/s, and how many times the density's figure they are. */
    readonly paper: { readonly activeFlows: number; readonly newFlowsPerS: number; readonly timesDensity: number };
    readonly minFrameMpps: number;
  };
  /** Line rate (Gbit/s) at which learning stops keeping up, per learning rate, at the density's high and low ends. */
  readonly learningLimitGbps: readonly { readonly rate: string; readonly flowsPerS: number; readonly atHighDensity: number; readonly atLowDensity: number; readonly activeFlows: number }[];
  /** The cuckoo table's degradation: active flows above which it slows (90 % of 140 M) and the line rate that brings them. */
  readonly cuckooDegrades: { readonly activeFlows: number; readonly atHighDensityGbps: number };
  readonly ruleProgramming: { readonly rulesPerSPerThread: number; readonly threadsAt100G: number; readonly threadsForPaper: number };
  readonly hwEntryBytes: { readonly wholeMemory: number; readonly bufferTakenOut: number; readonly bufferBytes: number };
  readonly hostDpiBytesAt100G: number;
  readonly tableI: readonly {
    readonly activeFlows: number;
    readonly newFlowsPerS: number;
    /** Does the learning rate (single stream; several streams) keep up with the new flows? */
    readonly learnsSingle: boolean;
    readonly learnsMulti: boolean;
    readonly published: readonly { readonly dpi: boolean; readonly offload: boolean; readonly cpuLoad: number; readonly drops: number }[];
  }[];
}

export function offloadCostReport(p: OffloadCostInputs = PAPER_INPUTS): OffloadCostReport {
  const active = { low: activeFlows(p.lineRateBps, p.flowsPerGbps.low), high: activeFlows(p.lineRateBps, p.flowsPerGbps.high) };
  // Rounded: 1 / 10e-6 is 99 999.99… in floating point.
  const perThread = Math.round(1 / p.ruleProgrammingS);
  const newAt100G = newFlowsPerSecond(active.high, p.birthRate);
  const paperNew = newFlowsPerSecond(p.paperActiveFlowsAt100G, p.birthRate);
  const bufferBytes = (p.bufferRateBps * p.bufferS) / 8;
  const limits = ([["single stream", p.learningRate.singleStream], ["several streams", p.learningRate.multiStream], ["cuckoo table", p.learningRate.cuckoo]] as const).map(([rate, flowsPerS]) => ({
    rate, flowsPerS,
    atHighDensity: learningLimitBps(flowsPerS, p.flowsPerGbps.high, p.birthRate) / 1e9,
    atLowDensity: learningLimitBps(flowsPerS, p.flowsPerGbps.low, p.birthRate) / 1e9,
    activeFlows: flowsPerS / p.birthRate,
  }));
  const degrades = p.cuckooDegradesAbove * p.hwFlows;
  return {
    inputs: p,
    at100G: {
      activeFlows: active,
      newFlowsPerS: { low: newFlowsPerSecond(active.low, p.birthRate), high: newAt100G },
      paper: { activeFlows: p.paperActiveFlowsAt100G, newFlowsPerS: paperNew, timesDensity: p.paperActiveFlowsAt100G / active.high },
      minFrameMpps: minFramePps(p.lineRateBps, p.minFrameBytes, p.wireOverheadBytes) / 1e6,
    },
    learningLimitGbps: limits,
    cuckooDegrades: { activeFlows: degrades, atHighDensityGbps: degrades / p.flowsPerGbps.high },
    ruleProgramming: { rulesPerSPerThread: perThread, threadsAt100G: Math.ceil(newAt100G / perThread), threadsForPaper: Math.ceil(paperNew / perThread) },
    hwEntryBytes: { wholeMemory: p.hwMemoryBytes / p.hwFlows, bufferTakenOut: (p.hwMemoryBytes - bufferBytes) / p.hwFlows, bufferBytes },
    hostDpiBytesAt100G: active.high * p.dpiBytesPerFlow,
    tableI: TABLE_I.activeFlows.map((flows, i) => {
      const fresh = newFlowsPerSecond(flows, p.birthRate);
      return {
        activeFlows: flows, newFlowsPerS: fresh,
        // At the limit the NIC has no headroom left: learning keeps up only strictly below it.
        learnsSingle: fresh < p.learningRate.singleStream, learnsMulti: fresh < p.learningRate.multiStream,
        published: TABLE_I.rows.map((r) => ({ dpi: r.dpi, offload: r.offload, cpuLoad: r.cpuLoad[i]!, drops: r.drops[i]! })),
      };
    }),
  };
}
