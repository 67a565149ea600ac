/** Connection tables' cost model (models/cost/conntrack.ts) as `nfcheck cost conntrack` shows it, with its plots. */
import type { Plot } from "../../core/plot.ts";
import { formatCount, formatTable } from "../../core/report.ts";
import type { CostModel } from "../../core/system.ts";
import { chainingHit, conntrackCostReport, CUCKOO_LOAD_LIMITS, linearHit, linearMiss, type ConntrackCostReport } from "../../models/cost/conntrack.ts";

const f2 = (x: number | null, bound = false) => (x === null ? "—" : `${bound ? "≤ " : ""}${x.toFixed(2)}`);

export function formatConntrackCost(r: ConntrackCostReport): string {
  const p = r.inputs;
  const b = r.budget;
  const out: string[] = [];
  out.push(`The budget (slides): (${p.frameBytes} + ${p.wireOverheadBytes}) B × 8 / ${p.lineRateBps / 1e9} Gbit/s = ${b.packetIntervalNs.toFixed(2)} ns a packet (${b.mpps.toFixed(1)} Mpps); ` +
    `a DRAM access (${p.dramNs} ns) spans ${b.packetsPerDramAccess.toFixed(1)} packets`);
  out.push("");
  out.push("Probes per lookup against the load factor α (Knuth §6.4; ≤: a bound), and cache lines per lookup");
  out.push(formatTable({
    columns: ["scheme", "α", "hit", "miss", "lines", "note"],
    rows: r.probes.map((s) => [s.scheme, String(s.load), f2(s.hitProbes, s.hitIsBound), f2(s.missProbes, s.missIsBound), f2(s.linesPerLookup), s.note]),
  }));
  out.push(`  cuckoo load limits (two choices): ${Object.entries(r.cuckooLoadLimits).map(([bs, l]) => `b = ${bs}: ${l}`).join(", ")}`);
  out.push("");
  out.push(`One core (robin hood at α = 0.5, ${p.baseNs} ns of other work, ${p.cacheNs} ns a cache hit — ours —, ${p.dramNs} ns a DRAM access) against the cache hit ratio:`);
  out.push(formatTable({
    columns: ["hit ratio", "Mpps", "Gbit/s of 64 B", "cores for 100 Gbit/s of 64 B"],
    rows: r.core.map((c) => [String(c.hitRatio), c.mpps.toFixed(1), c.gbps64.toFixed(1), String(c.coresFor100G)]),
  }));
  const a = r.ageingParameters;
  out.push("");
  out.push(`Ageing cost, entries handled per second (scan every ${a.scanPeriodS} s; ${a.expiryShare * 100} % of the entries expire and as many are inserted each second; lazy compares a miss's probes at α = ${a.load}):`);
  out.push(formatTable({
    columns: ["entries", "scanning", "timing wheel", "lazy deletion"],
    rows: r.ageing.map((x) => [formatCount(x.entries), formatCount(x.scanPerS), formatCount(x.wheelPerS), formatCount(Math.round(x.lazyPerS))]),
  }));
  out.push("");
  out.push("The talk's measurements (FastClick's stateful load balancer, ConnectX-5 at 100 Gbit/s, campus and CAIDA traces), not reproduced — the traces' packet sizes");
  out.push("and the load balancer's own cost are not given:");
  for (const t of r.talk) out.push(`  ${t.what}: ${t.result} (${t.source})`);
  return out.join("\n");
}

const LOADS = Array.from({ length: 19 }, (_, i) => 0.05 * (i + 1));

export function conntrackCostPlots(r: ConntrackCostReport): Plot[] {
  return [
    {
      id: "conntrack-probes",
      title: "Connection tables: expected probes per lookup against the load factor",
      x: { label: "load factor α", unit: "" },
      y: { label: "probes", unit: "entries", scale: "log" },
      series: [
        { name: "chaining, hit: 1 + α/2", points: LOADS.map((a) => [a, chainingHit(a)] as const) },
        { name: "linear probing / robin hood, hit: ½(1 + 1/(1 − α))", points: LOADS.map((a) => [a, linearHit(a)] as const) },
        { name: "linear probing, miss: ½(1 + 1/(1 − α)²)", points: LOADS.map((a) => [a, linearMiss(a)] as const) },
      ],
      levels: [{ name: `hopscotch: at most H = ${r.inputs.neighbourhood}`, y: r.inputs.neighbourhood }, { name: "cuckoo (b = 1): at most 2 buckets", y: 2 }],
      levelsLabel: "bounds",
      caption: `Knuth, TAOCP vol. 3 §6.4. Cuckoo's inserts fail above ${CUCKOO_LOAD_LIMITS[1]} (b = 1), ${CUCKOO_LOAD_LIMITS[4]} (b = 4).`,
    },
    {
      id: "conntrack-ageing",
      title: "Ageing: entries handled per second against table size",
      x: { label: "entries", unit: "", scale: "log" },
      y: { label: "entries handled", unit: "per s", scale: "log" },
      series: [
        { name: "scanning (the whole table every period)", points: r.ageing.map((x) => [x.entries, x.scanPerS] as const) },
        { name: "timing wheel (the expiring entries)", points: r.ageing.map((x) => [x.entries, x.wheelPerS] as const) },
        { name: "lazy deletion (the entries inserts meet)", points: r.ageing.map((x) => [x.entries, x.lazyPerS] as const) },
      ],
      caption: `A scan every ${r.ageingParameters.scanPeriodS} s; ${r.ageingParameters.expiryShare * 100} % of the entries expire, and as many are inserted, each second.`,
    },
  ];
}

export const conntrackCost: CostModel<ConntrackCostReport> = { report: async () => conntrackCostReport(), text: formatConntrackCost, plots: conntrackCostPlots };
