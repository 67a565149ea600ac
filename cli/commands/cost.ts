/** `nfcheck cost [model]`: the performance-cost models with the papers' parameters. */
import { InputError } from "../../core/model.ts";
import { formatTable } from "../../core/report.ts";
import { scrCostReport, type ScrCostReport } from "../../models/cost/scr.ts";
import { EXIT_OK, say } from "../output.ts";
import { parsePositiveInt } from "./prove.ts";

export interface CostOptions {
  readonly model?: string;
  readonly json?: boolean;
  readonly maxCores?: string;
}

const MODELS = ["scr"] as const;

export async function costCommand(o: CostOptions): Promise<number> {
  const model = o.model ?? "scr";
  if (!(MODELS as readonly string[]).includes(model)) throw new InputError(`no cost model "${model}" (known: ${MODELS.join(", ")})`);
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
