/**
 * The flow table's ageing cost against table size, per technique (scanning, lazy deletion, timing
 * wheels), in ns of one core per packet at 100 Gbit/s of 64 B packets, against the budget of one packet.
 */
import type { Plot } from "../../core/plot.ts";
import { ageingRow, type FlowCostReport } from "../../models/cost/flow.ts";

const SIZES = Array.from({ length: 15 }, (_, i) => 1 << (10 + i)); // 1 Ki … 16 Mi entries

export function flowCostPlots(r: FlowCostReport): Plot[] {
  const rows = SIZES.map((n) => ageingRow(n));
  const techniques = rows[0]!.techniques.map((t) => t.technique);
  return [{
    id: "flow-ageing",
    title: "Flow table: ageing cost against table size",
    x: { label: "table entries", unit: "", scale: "log" },
    y: { label: "ageing cost per packet", unit: "ns", scale: "log" },
    series: techniques.map((t, i) => ({ name: t, points: rows.map((row) => [row.entries, Math.max(row.techniques[i]!.nsPerPacket, 1e-6)] as const) })),
    // The budget is the slides' published figure (a packet every 6.72 ns at 100 Gbit/s), computed here from the line.
    levels: [{ name: `a packet every ${r.budget.packetIntervalNs.toFixed(2)} ns at ${r.budget.gbps} Gbit/s`, y: r.budget.packetIntervalNs }],
    levelsLabel: `budget: ${r.budget.packetIntervalNs.toFixed(2)} ns a packet (slides)`,
    caption: `load factor ${r.ageing.parameters.loadFactor}, timeout ${r.ageing.parameters.timeoutS} s, scan period ${r.ageing.parameters.scanPeriodS} s, ${r.ageing.parameters.wheel.buckets} wheel buckets; dashed: the time between two packets.`,
  }];
}
