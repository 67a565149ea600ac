/** The flow table's cost model (models/cost/flow.ts) with Z3's optimum of Fig. 3's layout, as `nfcheck cost flow` shows it. */
import { formatCount, formatDuration, formatTable } from "../../core/report.ts";
import type { CostModel } from "../../core/system.ts";
import { flowCostPlots } from "./cost-plots.ts";
import { flowCostReport, type FlowCostReport } from "../../models/cost/flow.ts";
import { FIG_3 } from "../../models/flow/layout.ts";
import type { LayoutOptimum } from "../../proofs/fcb-layout.ts";

type FlowCost = FlowCostReport & { readonly optimum: { readonly ordered: LayoutOptimum; readonly unordered: LayoutOptimum } };

/** Three significant digits; tiny numbers in exponent form. */
function g3(x: number): string {
  if (x === 0) return "0";
  if (Math.abs(x) >= 1_000) return formatCount(x);
  return Math.abs(x) >= 0.001 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

const percent = (f: number) => `${g3(100 * f)} %`;
const duration = (ns: number) => (ns < 1e3 ? `${g3(ns)} ns` : ns < 1e6 ? `${g3(ns / 1e3)} µs` : `${g3(ns / 1e6)} ms`);

/** The report for people: the 100 Gbps budget, the ageing techniques, Fig. 3's layouts. */
export function formatFlowCost({ optimum, ...r }: FlowCost): string {
  const out: string[] = [];
  const b = r.budget;
  out.push(`100 Gbps budget (slides): (${b.packetBytes} + ${b.overheadBytes}) B × 8 = ${b.wireBits} bits a packet; at ${b.gbps} Gbit/s one every ` +
    `${g3(b.packetIntervalNs)} ns, ${b.mpps.toFixed(1)} Mpps; a DRAM access (${b.dramAccessNs} ns) spans ${g3(b.packetsPerDramAccess)} packet arrivals`);
  out.push("");
  const a = r.ageing;
  const p = a.parameters;
  out.push(`Flow-table ageing (slides; MiddleClick §II-G): load factor ${p.loadFactor}, timeout ${p.timeoutS} s, flows of ${p.flowDurationS} s ` +
    `(new flows/s = live / (duration + timeout)), scan every ${p.scanPeriodS} s, ${p.listVisitsPerFlow} pending-list visits a flow, ` +
    `wheel of ${formatCount(p.wheel.buckets)} buckets; miss ${a.memory.missNs} ns, ${a.memory.entriesPerLine} entries a ${a.memory.cacheLineBytes} B line ` +
    `streamed in ${g3(a.memory.lineStreamNs)} ns, compare ${a.memory.compareNs} ns`);
  out.push(formatTable({
    columns: ["entries", "new flows/s", "technique", "misses/s", "core ns/s", "ns/packet", `of ${g3(b.packetIntervalNs)} ns`, "one scan (packets meanwhile)"],
    rows: a.rows.flatMap((row) => row.techniques.map((t) => [
      formatCount(row.entries), g3(row.newFlowsPerSecond), t.technique, g3(t.memoryAccessesPerSecond), g3(t.nsPerSecond), g3(t.nsPerPacket),
      percent(t.budgetFraction), t.burst ? `${duration(t.burst.ns)} (${formatCount(t.burst.packets)})` : "",
    ])),
  }));
  out.push("");
  const l = r.layout;
  const names = l.components.map((c) => c.name);
  out.push(`Fig. 3 FCB layout (MiddleClick §II-C): ${l.components.map((c) => `${c.name} ${c.bytes} B`).join(", ")}`);
  out.push(formatTable({
    columns: ["placement", ...names, "FCB bytes"],
    rows: [
      ["maximal offsets (ordered)", ...names.map((n) => String(l.maximal.offsets[n])), String(l.maximal.size)],
      [`compact (order: ${l.compact.order.join(", ")})`, ...names.map((n) => String(l.compact.offsets[n])), String(l.compact.size)],
      ["maximal offsets, parallel", ...names.map((n) => String(l.parallel.offsets[n])), String(l.parallel.size)],
      [`Z3 optimum, ordered (${formatDuration(optimum.ordered.timeMs)})`, ...names.map((n) => String(optimum.ordered.offsets[n])), String(optimum.ordered.size)],
      [`Z3 optimum, any layout (${formatDuration(optimum.unordered.timeMs)})`, ...names.map((n) => String(optimum.unordered.offsets[n])), String(optimum.unordered.size)],
    ],
  }));
  out.push(formatTable({
    columns: ["traffic class", "path", "maximal offsets: bytes", "compact: bytes"],
    rows: l.paths.map((x) => [x.class, x.path.join(" → "), String(x.maximalSize), String(x.compactSize)]),
  }));
  out.push(`The heaviest path needs ${l.heaviestPathBytes} B, a lower bound for every layout: the maximal offsets reach it (Z3: no layout is smaller).`);
  return out.join("\n");
}

export const flowCost: CostModel<FlowCost> = {
  async report() {
    const report = flowCostReport();
    // Z3 is loaded only when the cost model runs, not whenever the flow system is.
    const { layoutOptimum } = await import("../../proofs/fcb-layout.ts");
    return { ...report, optimum: { ordered: await layoutOptimum(FIG_3, "ordered"), unordered: await layoutOptimum(FIG_3, "unordered") } };
  },
  text: formatFlowCost,
  plots: flowCostPlots,
  // The JSON shape `nfcheck cost flow --json` has always had: Z3's optimum inside the layout.
  json: ({ optimum, ...r }) => ({ ...r, layout: { ...r.layout, optimum } }),
};
