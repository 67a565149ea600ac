/** SCR's cost model (models/cost/scr.ts) as `nfcheck cost scr` shows it. */
import { formatTable } from "../../core/report.ts";
import type { CostModel } from "../../core/system.ts";
import { scrCostPlots } from "./cost-plots.ts";
import { scrCostReport, type ScrCostReport } from "../../models/cost/scr.ts";
import { InputError } from "../../core/model.ts";
import { MAX_CORES } from "../../models/scr/limits.ts";

const f1 = (x: number) => x.toFixed(1);

/** The report for people: App. A's throughput table, the Tofino and NetFPGA capacities. */
export function formatScrCost(r: ScrCostReport): string {
  const out: string[] = [];
  const a = r.appendixA;
  out.push("SCR App. A throughput model: k / (t + (k − 1)·c2), in Mpps (Table 4 parameters in ns)");
  out.push(formatTable({
    columns: ["program", "t", "c2", "d", "c1", "t/c2", ...a.predictions[0]!.mpps.map((p) => `k=${p.k}`), "limit 1/c2"],
    rows: a.predictions.map((p) => {
      const q = a.parameters[p.program]!;
      return [p.program, String(q.t), String(q.c2), String(q.d), String(q.c1), f1(q.t / q.c2), ...p.mpps.map((x) => f1(x.mpps)), f1(p.limitMpps)];
    }),
  }));
  out.push("");
  const t = r.tofino;
  out.push(`Tofino sequencer (§3.3.2, Table 3): (s − 1)·R·b = (${t.stages} − 1)·${t.registersPerStage}·${t.bitsPerRegister} = ${t.capacityBits} bits = ${t.fields32} fields of 32 bits`);
  out.push(formatTable({ columns: ["program", "metadata (B)", "cores"], rows: t.cores.map((c) => [c.program, String(c.metaBytes), String(c.cores)]) }));
  out.push("");
  const n = r.netfpga;
  out.push(`NetFPGA-PLUS sequencer (§3.3.2, §4.3): rows of ${n.rowBits} bits, ${n.clockMHz} MHz × ${n.busBits}-bit bus = ${n.bandwidthGbps} Gbit/s`);
  const programs = Object.keys(n.rows[0]!.cores);
  const sizes = Object.keys(n.rows[0]!.mppsAtPacketBytes);
  out.push(formatTable({
    columns: ["rows", "history bits", ...programs.map((p) => `cores ${p}`), ...sizes.map((s) => `Mpps @${s} B`)],
    rows: n.rows.map((row) => [String(row.rows), String(row.historyBits), ...programs.map((p) => String(row.cores[p])), ...sizes.map((s) => f1(row.mppsAtPacketBytes[s as unknown as number]!))]),
  }));
  return out.join("\n");
}

export const scrCost: CostModel<ScrCostReport> = {
  options: [{ flags: "--max-cores <k>", description: "largest core count in the throughput table", default: "16" }],
  async report(o) {
    const text = String(o.maxCores ?? "16").trim();
    const k = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!(k >= 1 && k <= MAX_CORES)) throw new InputError(`--max-cores must be an integer from 1 to ${MAX_CORES}, got "${String(o.maxCores)}"`);
    return scrCostReport(k);
  },
  text: formatScrCost,
  plots: scrCostPlots,
};
