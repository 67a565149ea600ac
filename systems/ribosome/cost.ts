/** Ribosome's cost model (models/cost/ribosome.ts) as `nfcheck cost ribosome` shows it. */
import { formatCount, formatTable } from "../../core/report.ts";
import type { CostModel } from "../../core/system.ts";
import { ribosomeCostPlots } from "./cost-plots.ts";
import { ribosomeCostReport, type RibosomeCostReport } from "../../models/cost/ribosome.ts";

/** The report for people: the header buffer, the RDMA servers and slots, the NF's rate and bandwidth. */
export function formatRibosomeCost(r: RibosomeCostReport): string {
  const out: string[] = [];
  const p = r.inputs;
  const gbps = (bps: number) => `${formatCount(bps / 1e9)} Gbps`;
  out.push(`Ribosome (NSDI'23; talk slides): line rate ${gbps(p.lineRateBps)}, split above ${p.split.thresholdBytes} B, ${p.split.headerBytes} B headers`);
  out.push(`header buffer on the switch: ${gbps(p.lineRateBps)} × ${p.maxRdmaLatencyS * 1e6} µs / ${formatCount(p.bufferPacketBits)} bit = ${formatCount(r.headerBuffer.headers)} headers × ${r.headerBuffer.bytesPerHeader} B = ${formatCount(r.headerBuffer.bytes)} B`);
  const ids = r.headerIdsAtSplit;
  out.push(`header IDs assigned at the split (the public code): ${gbps(p.lineRateBps)} × (${p.maxNfLatencyS * 1e6} + ${p.maxRdmaLatencyS * 1e6}) µs / ${formatCount(p.bufferPacketBits)} bit = ${formatCount(ids.ids)} IDs; the code's ${formatCount(ids.codeSlots)} cover ${formatCount(ids.codeCoversS * 1e6)} µs`);
  out.push(`RDMA servers: ${gbps(p.lineRateBps)} / ${gbps(p.perServerBps)} = ${r.rdmaServers.exact.toFixed(2)} → ${r.rdmaServers.servers} (payload bytes only, ${formatCount(r.rdmaServers.payloadOnly.packetBytes)} B packets: ${r.rdmaServers.payloadOnly.servers})`);
  out.push(`payload slots: ${gbps(p.lineRateBps)} × ${p.maxNfLatencyS * 1e6} µs of NF latency / ${formatCount(r.slots.packetBytes)} B packets = ${formatCount(r.slots.parkedPayloads)} parked payloads, ${formatCount(r.slots.perServer)} per server`);
  out.push(`the NF at ${r.nfRate.mpps} Mpps: ${r.nfRate.gbpsAt400.toFixed(1)} Gbps of 400 B packets, ${r.nfRate.gbpsAt1500.toFixed(1)} Gbps of 1 500 B packets`);
  out.push("");
  out.push(formatTable({
    columns: ["packet mix", "mean bytes", "Mpps", "bytes to the NF", "NF Gbps", "line / NF"],
    rows: r.nfBandwidth.map((b) => [b.mix, b.meanBytes.toFixed(0), b.mpps.toFixed(1), b.nfBytesPerPacket.toFixed(1), b.nfGbps.toFixed(1), `${b.reduction.toFixed(1)} ×`]),
  }));
  return out.join("\n");
}

export const ribosomeCost: CostModel<RibosomeCostReport> = { report: async () => ribosomeCostReport(), text: formatRibosomeCost, plots: ribosomeCostPlots };
