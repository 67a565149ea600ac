/** The offload probe's cost model (models/cost/offload.ts) as `nfcheck cost offload` shows it, with its plot. */
import type { Plot } from "../../core/plot.ts";
import { formatCount, formatTable } from "../../core/report.ts";
import type { CostModel } from "../../core/system.ts";
import { newFlowsPerSecond, offloadCostReport, type OffloadCostReport } from "../../models/cost/offload.ts";

const millions = (x: number) => `${(x / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 })} M`;
const thousands = (x: number) => `${formatCount(x / 1e3)} K`;
const flows = (x: number) => (x >= 1e6 ? millions(x) : thousands(x));

/** The report for people: flows against line rate, learning, rule programming, the NIC's memory, Table I. */
export function formatOffloadCost(r: OffloadCostReport): string {
  const p = r.inputs;
  const a = r.at100G;
  const out: string[] = [];
  out.push(`Flows at ${p.lineRateBps / 1e9} Gbit/s (§IV-A): ${thousands(p.flowsPerGbps.low)}–${thousands(p.flowsPerGbps.high)} flows per Gbit/s → ${flows(a.activeFlows.low)}–${flows(a.activeFlows.high)} active flows; ` +
    `${p.birthRate * 100} % born each second → ${flows(a.newFlowsPerS.low)}–${flows(a.newFlowsPerS.high)} new flows/s`);
  out.push(`  the paper's "up to ${millions(a.paper.activeFlows)} active flows at 100 Gbit" is ${a.paper.timesDensity} × what its density gives; they would bring ${flows(a.paper.newFlowsPerS)} new flows/s, the single-stream learning rate`);
  out.push(`Minimal frames: ${p.lineRateBps / 1e9} Gbit/s / ((${p.minFrameBytes} + ${p.wireOverheadBytes}) B × 8) = ${a.minFrameMpps.toFixed(1)} Mpps`);
  out.push("");
  out.push("Learning (§IV-B, §III): the line rate at which new flows/s reach the learning rate");
  out.push(formatTable({
    columns: ["learning", "flows/s", `at ${thousands(p.flowsPerGbps.high)}/Gbit/s`, `at ${thousands(p.flowsPerGbps.low)}/Gbit/s`, "active flows then"],
    rows: r.learningLimitGbps.map((l) => [l.rate, flows(l.flowsPerS), `${formatCount(l.atHighDensity)} Gbit/s`, `${formatCount(l.atLowDensity)} Gbit/s`, flows(l.activeFlows)]),
  }));
  out.push(`  the cuckoo table slows above ${p.cuckooDegradesAbove * 100} % of ${millions(p.hwFlows)} = ${millions(r.cuckooDegrades.activeFlows)} active flows (${formatCount(r.cuckooDegrades.atHighDensityGbps)} Gbit/s at ${thousands(p.flowsPerGbps.high)}/Gbit/s)`);
  const rp = r.ruleProgramming;
  out.push(`Rule programming (< ${p.ruleProgrammingS * 1e6} µs a rule, §III): ≥ ${thousands(rp.rulesPerSPerThread)} rules/s per offload thread; ${rp.threadsAt100G} thread(s) for ${flows(a.newFlowsPerS.high)} new flows/s, ${rp.threadsForPaper} for the paper's ${flows(a.paper.newFlowsPerS)}`);
  const m = r.hwEntryBytes;
  out.push(`NIC memory (§III): ${p.hwMemoryBytes / 1e9} GB for ${millions(p.hwFlows)} flows = ${m.wholeMemory.toFixed(1)} B an entry; with the ${p.bufferS * 1e3} ms buffer at ${p.bufferRateBps / 1e9} Gbit/s (${(m.bufferBytes / 1e9).toFixed(3)} GB) taken out first, ${m.bufferTakenOut.toFixed(1)} B`);
  out.push(`Host DPI memory (§V-A): ${formatCount(p.dpiBytesPerFlow)} B × ${flows(a.activeFlows.high)} flows = ${(r.hostDpiBytesAt100G / 1e9).toFixed(1)} GB at ${p.lineRateBps / 1e9} Gbit/s`);
  out.push("");
  out.push("Table I (§V-A) beside the model: the new flows each column brings, and whether learning keeps up (single stream / several)");
  const cell = (x: { cpuLoad: number; drops: number }) => `${x.cpuLoad} % / ${x.drops} %`;
  out.push(formatTable({
    columns: ["active flows", "new flows/s", "learns (1 / 3 M/s)", "DPI, no offload", "no DPI, no offload", "DPI + offload", "offload"],
    rows: r.tableI.map((t) => [flows(t.activeFlows), flows(t.newFlowsPerS), `${t.learnsSingle ? "yes" : "no"} / ${t.learnsMulti ? "yes" : "no"}`, ...t.published.map(cell)]),
  }));
  out.push("  (CPU load / packet drops, as published.) The model explains the offload rows' trend: no drops while learning keeps up (up to 1 M flows; the text says 5 M),");
  out.push("  drops from 10 M flows, where 1 M new flows/s reach the single-stream learning rate and new flows fall back to the host. It does not explain their");
  out.push("  levels, nor the rows without offload: those depend on the host's per-flow costs (allocation, hash-table misses, DPI of random payloads), not given.");
  return out.join("\n");
}

const RATES_GBPS = [10, 25, 50, 100, 200, 400, 800, 1_000, 1_600, 2_000, 3_200];

/** New flows per second against line rate at both ends of the density, with the learning rates as levels. */
export function offloadCostPlots(r: OffloadCostReport): Plot[] {
  const p = r.inputs;
  const series = (density: number) => ({
    name: `${thousands(density)} flows/Gbit/s × ${p.birthRate * 100} %`,
    points: RATES_GBPS.map((g) => [g, newFlowsPerSecond(g * density, p.birthRate)] as const),
  });
  return [{
    id: "offload-new-flows",
    title: "Flow offload: new flows per second against line rate",
    x: { label: "line rate", unit: "Gbit/s", scale: "log" },
    y: { label: "new flows", unit: "flows/s", scale: "log" },
    series: [series(p.flowsPerGbps.high), series(p.flowsPerGbps.low)],
    levels: [
      { name: `learning, single stream (${millions(p.learningRate.singleStream)}/s)`, y: p.learningRate.singleStream },
      { name: `learning, several streams (${millions(p.learningRate.multiStream)}/s)`, y: p.learningRate.multiStream },
      { name: `one offload thread (${thousands(r.ruleProgramming.rulesPerSPerThread)} rules/s)`, y: r.ruleProgramming.rulesPerSPerThread },
    ],
    levelsLabel: "rates of the NIC and of an offload thread",
    published: [{ label: `"up to 10 M active flows at 100 Gbit": ${flows(r.at100G.paper.newFlowsPerS)} new flows/s`, x: p.lineRateBps / 1e9, y: r.at100G.paper.newFlowsPerS, source: "§IV-A" }],
    caption: `new flows/s = rate × flows per Gbit/s × ${p.birthRate * 100} % (§IV-A); learning rates from §IV-B, rule programming < ${p.ruleProgrammingS * 1e6} µs from §III.`,
  }];
}

export const offloadCost: CostModel<OffloadCostReport> = { report: async () => offloadCostReport(), text: formatOffloadCost, plots: offloadCostPlots };
