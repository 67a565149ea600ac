/**
 * The connection tables' cost model against the slides' budget and Knuth's formulas, each expected value
 * computed here by hand (not from the model's output).
 */
import { describe, expect, it } from "vitest";
import { conntrackCostReport } from "../conntrack.ts";
import { conntrackCostPlots } from "../../../systems/conntrack/cost.ts";

const r = conntrackCostReport();
const at = (scheme: string, load: number) => r.probes.find((s) => s.scheme.startsWith(scheme) && s.load === load)!;

describe("the connection tables' cost model", () => {
  it("a 64 B packet every 6.72 ns at 100 Gbit/s; a 100 ns DRAM access spans about 15 of them", () => {
    expect(r.budget.packetIntervalNs).toBeCloseTo(672 / 100, 12);
    expect(r.budget.packetIntervalNs.toFixed(2)).toBe("6.72");
    expect(r.budget.packetsPerDramAccess).toBeCloseTo(100 / 6.72, 9);
    expect(Math.round(r.budget.packetsPerDramAccess)).toBe(15);
  });

  it("probes at α = 0.5 and 0.9: chaining 1.25 and 1.45 for a hit; linear probing and robin hood 1.5 and 5.5 for a hit, 2.5 and 50.5 for a miss", () => {
    expect(at("chaining", 0.5).hitProbes).toBeCloseTo(1.25, 12);
    expect(at("chaining", 0.9).hitProbes).toBeCloseTo(1.45, 12);
    expect(at("chaining", 0.5).missProbes).toBeCloseTo(Math.exp(-0.5) + 0.5, 12);
    for (const scheme of ["linear probing", "robin hood"]) {
      expect(at(scheme, 0.5).hitProbes).toBeCloseTo(1.5, 12);
      expect(at(scheme, 0.9).hitProbes).toBeCloseTo(5.5, 9);
      expect(at(scheme, 0.5).missProbes).toBeCloseTo(2.5, 12);
      expect(at(scheme, 0.9).missProbes).toBeCloseTo(50.5, 6);
    }
    expect(at("robin hood", 0.9).missIsBound).toBe(true);
  });

  it("hopscotch looks at most H slots; cuckoo at most 2 buckets, and with one slot a bucket holds no more than half its size", () => {
    expect(at("hopscotch", 0.9)).toMatchObject({ hitProbes: 4, missProbes: 4, hitIsBound: true, linesPerLookup: 1 });
    expect(at("cuckoo (b = 1)", 0.5)).toMatchObject({ hitProbes: 2, missProbes: 2 });
    expect(at("cuckoo (b = 1)", 0.9).hitProbes).toBeNull();
    expect(at("cuckoo (b = 4)", 0.9)).toMatchObject({ hitProbes: 8, missProbes: 8 });
  });

  it("one core at a full cache hit ratio: 20 ns + 1.125 lines × 10 ns a packet; scanning reads the whole table each period", () => {
    const core = r.core.find((c) => c.hitRatio === 1)!;
    expect(core.mpps).toBeCloseTo(1e3 / (20 + 1.125 * 10), 9);
    expect(core.coresFor100G).toBe(Math.ceil(148.8095 / core.mpps));
    expect(r.ageing.find((a) => a.entries === 4e6)).toMatchObject({ scanPerS: 4e6, wheelPerS: 4e5, lazyPerS: 4e5 * 2.5 });
  });

  it("its plots: probes against load with the bounds, ageing against table size", () => {
    const plots = conntrackCostPlots(r);
    expect(plots.map((p) => p.id)).toEqual(["conntrack-probes", "conntrack-ageing"]);
    expect(plots[0]!.levels!.map((l) => l.y)).toEqual([4, 2]);
    for (const p of plots) expect(p.x.label.length * p.y.label.length).toBeGreaterThan(0);
  });
});
