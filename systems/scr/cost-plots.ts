/** SCR's App. A throughput model as a plot: Mpps against cores for each Table 4 program, with its limit 1/c2. */
import type { Plot } from "../../core/plot.ts";
import { scrThroughputLimitMpps, scrThroughputMpps, TABLE_4, type ScrCostReport } from "../../models/cost/scr.ts";

export function scrCostPlots(r: ScrCostReport): Plot[] {
  const ks = r.appendixA.predictions[0]!.mpps.map((p) => p.k);
  const programs = Object.keys(TABLE_4);
  return [{
    id: "scr-throughput",
    title: "SCR: throughput against cores (App. A, Table 4)",
    x: { label: "cores k", unit: "" },
    y: { label: "throughput", unit: "Mpps" },
    series: programs.map((p) => ({ name: p, points: ks.map((k) => [k, scrThroughputMpps(TABLE_4[p]!, k)] as const) })),
    levelsLabel: "1/c2, the limit",
    levels: programs.map((p) => ({ name: `${p}: 1/c2`, y: scrThroughputLimitMpps(TABLE_4[p]!), series: p })),
    caption: "k / (t + (k − 1)·c2) with Table 4's t and c2 (ns); dashed: each program's limit 1/c2. Fig. 11's measured points are drawn in the paper, not given as numbers, so none are marked.",
  }];
}
