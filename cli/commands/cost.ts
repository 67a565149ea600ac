/** `nfcheck cost [model]`: the performance-cost models with the papers' parameters. */
import { InputError } from "../../core/model.ts";
import { formatCount, formatDuration, formatTable } from "../../core/report.ts";
import { flowCostReport, type FlowCostReport } from "../../models/cost/flow.ts";
import { ribosomeCostReport, type RibosomeCostReport } from "../../models/cost/ribosome.ts";
import { scrCostReport, type ScrCostReport } from "../../models/cost/scr.ts";
import { FIG_3 } from "../../models/flow/layout.ts";
import { layoutOptimum, type LayoutOptimum } from "../../proofs/fcb-layout.ts";
import { EXIT_OK, say } from "../output.ts";
import { parsePositiveInt } from "../options.ts";

export interface CostOptions {
  readonly model?: string;
  readonly json?: boolean;
  readonly maxCores?: string;
}

const MODELS = ["scr", "flow", "ribosome"] as const;

export async function costCommand(o: CostOptions): Promise<number> {
  const model = o.model ?? "scr";
  if (!(MODELS as readonly string[]).includes(model)) throw new InputError(`no cost model "${model}" (known: ${MODELS.join(", ")})`);
  if (model === "flow") return flowCost(o.json ?? false);
  if (model === "ribosome") {
    const report = ribosomeCostReport();
    if (o.json) say(JSON.stringify({ model: "cost.ribosome", ...report }, null, 2));
    else printRibosomeCost(report);
    return EXIT_OK;
  }
  const maxCores = o.maxCores !== undefined ? parsePositiveInt(o.maxCores, "--max-cores") : 16;
  const report = scrCostReport(maxCores);
  if (o.json) say(JSON.stringify({ model: "cost.scr", ...report }, null, 2));
  else printScrCost(report);
  return EXIT_OK;
}

const f1 = (x: number) => x.toFixed(1);

function printScrCost(r: ScrCostReport): void {
  const a = r.appendixA;
  say("SCR App. A throughput model: k / (t + (k − 1)·c2), in Mpps (Table 4 parameters in ns)");
  say(formatTable({
    columns: ["program", "t", "c2", "d", "c1", "t/c2", ...a.predictions[0]!.mpps.map((p) => `k=${p.k}`), "limit 1/c2"],
    rows: a.predictions.map((p) => {
      const q = a.parameters[p.program]!;
      return [p.program, String(q.t), String(q.c2), String(q.d), String(q.c1), f1(q.t / q.c2), ...p.mpps.map((x) => f1(x.mpps)), f1(p.limitMpps)];
    }),
  }));
  say();
  const t = r.tofino;
  say(`Tofino sequencer (§3.3.2, Table 3): (s − 1)·R·b = (${t.stages} − 1)·${t.registersPerStage}·${t.bitsPerRegister} = ${t.capacityBits} bits = ${t.fields32} fields of 32 bits`);
  say(formatTable({ columns: ["program", "metadata (B)", "cores"], rows: t.cores.map((c) => [c.program, String(c.metaBytes), String(c.cores)]) }));
  say();
  const n = r.netfpga;
  say(`NetFPGA-PLUS sequencer (§3.3.2, §4.3): rows of ${n.rowBits} bits, ${n.clockMHz} MHz × ${n.busBits}-bit bus = ${n.bandwidthGbps} Gbit/s`);
  const programs = Object.keys(n.rows[0]!.cores);
  const sizes = Object.keys(n.rows[0]!.mppsAtPacketBytes);
  say(formatTable({
    columns: ["rows", "history bits", ...programs.map((p) => `cores ${p}`), ...sizes.map((s) => `Mpps @${s} B`)],
    rows: n.rows.map((row) => [String(row.rows), String(row.historyBits), ...programs.map((p) => String(row.cores[p])), ...sizes.map((s) => f1(row.mppsAtPacketBytes[s as unknown as number]!))]),
  }));
}

/** `nfcheck cost flow`: the 100 Gbps budget, the ageing techniques, and Fig. 3's layout with Z3's optimum. */
async function flowCost(json: boolean): Promise<number> {
  const report = flowCostReport();
  const optimum = { ordered: await layoutOptimum(FIG_3, "ordered"), unordered: await layoutOptimum(FIG_3, "unordered") };
  if (json) say(JSON.stringify({ model: "cost.flow", ...report, layout: { ...report.layout, optimum } }, null, 2));
  else printFlowCost(report, optimum);
  return EXIT_OK;
}

/** Three significant digits; tiny numbers in exponent form. */
function g3(x: number): string {
  if (x === 0) return "0";
  if (Math.abs(x) >= 1_000) return formatCount(x);
  return Math.abs(x) >= 0.001 ? String(Number(x.toPrecision(3))) : x.toExponential(1);
}

const percent = (f: number) => `${g3(100 * f)} %`;
const duration = (ns: number) => (ns < 1e3 ? `${g3(ns)} ns` : ns < 1e6 ? `${g3(ns / 1e3)} µs` : `${g3(ns / 1e6)} ms`);

function printFlowCost(r: FlowCostReport, optimum: { readonly ordered: LayoutOptimum; readonly unordered: LayoutOptimum }): void {
  const b = r.budget;
  say(`100 Gbps budget (slides): (${b.packetBytes} + ${b.overheadBytes}) B × 8 = ${b.wireBits} bits a packet; at ${b.gbps} Gbit/s one every ` +
    `${g3(b.packetIntervalNs)} ns, ${b.mpps.toFixed(1)} Mpps; a DRAM access (${b.dramAccessNs} ns) spans ${g3(b.packetsPerDramAccess)} packet arrivals`);
  say();
  const a = r.ageing;
  const p = a.parameters;
  say(`Flow-table ageing (slides; MiddleClick §II-G): load factor ${p.loadFactor}, timeout ${p.timeoutS} s, flows of ${p.flowDurationS} s ` +
    `(new flows/s = live / (duration + timeout)), scan every ${p.scanPeriodS} s, ${p.listVisitsPerFlow} pending-list visits a flow, ` +
    `wheel of ${formatCount(p.wheel.buckets)} buckets; miss ${a.memory.missNs} ns, ${a.memory.entriesPerLine} entries a ${a.memory.cacheLineBytes} B line ` +
    `streamed in ${g3(a.memory.lineStreamNs)} ns, compare ${a.memory.compareNs} ns`);
  say(formatTable({
    columns: ["entries", "new flows/s", "technique", "misses/s", "core ns/s", "ns/packet", `of ${g3(b.packetIntervalNs)} ns`, "one scan (packets meanwhile)"],
    rows: a.rows.flatMap((row) => row.techniques.map((t) => [
      formatCount(row.entries), g3(row.newFlowsPerSecond), t.technique, g3(t.memoryAccessesPerSecond), g3(t.nsPerSecond), g3(t.nsPerPacket),
      percent(t.budgetFraction), t.burst ? `${duration(t.burst.ns)} (${formatCount(t.burst.packets)})` : "",
    ])),
  }));
  say();
  const l = r.layout;
  const names = l.components.map((c) => c.name);
  say(`Fig. 3 FCB layout (MiddleClick §II-C): ${l.components.map((c) => `${c.name} ${c.bytes} B`).join(", ")}`);
  say(formatTable({
    columns: ["placement", ...names, "FCB bytes"],
    rows: [
      ["maximal offsets (ordered)", ...names.map((n) => String(l.maximal.offsets[n])), String(l.maximal.size)],
      [`compact (order: ${l.compact.order.join(", ")})`, ...names.map((n) => String(l.compact.offsets[n])), String(l.compact.size)],
      ["maximal offsets, parallel", ...names.map((n) => String(l.parallel.offsets[n])), String(l.parallel.size)],
      [`Z3 optimum, ordered (${formatDuration(optimum.ordered.timeMs)})`, ...names.map((n) => String(optimum.ordered.offsets[n])), String(optimum.ordered.size)],
      [`Z3 optimum, any layout (${formatDuration(optimum.unordered.timeMs)})`, ...names.map((n) => String(optimum.unordered.offsets[n])), String(optimum.unordered.size)],
    ],
  }));
  say(formatTable({
    columns: ["traffic class", "path", "maximal offsets: bytes", "compact: bytes"],
    rows: l.paths.map((x) => [x.class, x.path.join(" → "), String(x.maximalSize), String(x.compactSize)]),
  }));
  say(`The heaviest path needs ${l.heaviestPathBytes} B, a lower bound for every layout: the maximal offsets reach it (Z3: no layout is smaller).`);
}

/** `nfcheck cost ribosome`: the header buffer, the RDMA servers and slots, the NF's rate and bandwidth. */
function printRibosomeCost(r: RibosomeCostReport): void {
  const p = r.inputs;
  const gbps = (bps: number) => `${formatCount(bps / 1e9)} Gbps`;
  say(`Ribosome (NSDI'23; talk slides): line rate ${gbps(p.lineRateBps)}, split above ${p.split.thresholdBytes} B, ${p.split.headerBytes} B headers`);
  say(`header buffer on the switch: ${gbps(p.lineRateBps)} × ${p.maxRdmaLatencyS * 1e6} µs / ${formatCount(p.bufferPacketBits)} bit = ${formatCount(r.headerBuffer.headers)} headers × ${r.headerBuffer.bytesPerHeader} B = ${formatCount(r.headerBuffer.bytes)} B`);
  const ids = r.headerIdsAtSplit;
  say(`header IDs assigned at the split (the public code): ${gbps(p.lineRateBps)} × (${p.maxNfLatencyS * 1e6} + ${p.maxRdmaLatencyS * 1e6}) µs / ${formatCount(p.bufferPacketBits)} bit = ${formatCount(ids.ids)} IDs; the code's ${formatCount(ids.codeSlots)} cover ${formatCount(ids.codeCoversS * 1e6)} µs`);
  say(`RDMA servers: ${gbps(p.lineRateBps)} / ${gbps(p.perServerBps)} = ${r.rdmaServers.exact.toFixed(2)} → ${r.rdmaServers.servers} (payload bytes only, ${formatCount(r.rdmaServers.payloadOnly.packetBytes)} B packets: ${r.rdmaServers.payloadOnly.servers})`);
  say(`payload slots: ${gbps(p.lineRateBps)} × ${p.maxNfLatencyS * 1e6} µs of NF latency / ${formatCount(r.slots.packetBytes)} B packets = ${formatCount(r.slots.parkedPayloads)} parked payloads, ${formatCount(r.slots.perServer)} per server`);
  say(`the NF at ${r.nfRate.mpps} Mpps: ${r.nfRate.gbpsAt400.toFixed(1)} Gbps of 400 B packets, ${r.nfRate.gbpsAt1500.toFixed(1)} Gbps of 1 500 B packets`);
  say();
  say(formatTable({
    columns: ["packet mix", "mean bytes", "Mpps", "bytes to the NF", "NF Gbps", "line / NF"],
    rows: r.nfBandwidth.map((b) => [b.mix, b.meanBytes.toFixed(0), b.mpps.toFixed(1), b.nfBytesPerPacket.toFixed(1), b.nfGbps.toFixed(1), `${b.reduction.toFixed(1)} ×`]),
  }));
}
