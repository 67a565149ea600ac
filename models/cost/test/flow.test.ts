import { describe, expect, it } from "vitest";
import {
  AGEING, collisionsPerPacket, DRAM_ACCESS_NS, flowCostReport, LINE_100G, lazyDeletionCost, MEMORY, newFlowsForLoad, packetIntervalNs, packetRatePps,
  packetsPerAccess, probesHit, probesMiss, scanningCost, timingWheelCost, wireBits, type TableLoad,
} from "../flow.ts";

const pps = packetRatePps(LINE_100G);
const loadOf = (entries: number, o: Partial<TableLoad> = {}): TableLoad => {
  const base = { entries, loadFactor: AGEING.loadFactor, pps, timeoutS: AGEING.timeoutS, ...o };
  return { newFlowsPerSecond: newFlowsForLoad(base.entries, base.loadFactor, base.timeoutS), ...base, ...o };
};
const techniques = (l: TableLoad) => [
  scanningCost(l, MEMORY, AGEING.scanPeriodS),
  lazyDeletionCost(l, MEMORY, AGEING.listVisitsPerFlow),
  timingWheelCost(l, MEMORY, AGEING.wheel, "on-expiry"),
  timingWheelCost(l, MEMORY, AGEING.wheel, "per-packet"),
];
const increasing = (xs: readonly number[]) => xs.slice(1).forEach((x, i) => expect(x).toBeGreaterThan(xs[i]!));

describe("flow-table cost model: the 100 Gbps budget (slides)", () => {
  it("64 B + 20 B of preamble and gap = 672 bits: a packet every 6.72 ns, 148.8 Mpps, about 15 per DRAM access", () => {
    expect(wireBits(LINE_100G)).toBe(672);
    expect(packetIntervalNs(LINE_100G)).toBeCloseTo(6.72, 12);
    expect(pps / 1e6).toBeCloseTo(148.81, 2);
    expect(packetsPerAccess(LINE_100G, DRAM_ACCESS_NS)).toBeCloseTo(14.88, 2);
    expect(Math.round(packetsPerAccess(LINE_100G))).toBe(15);
  });

  it("follows its inputs: 1500 B packets at 100 Gbps arrive every 121.6 ns; 64 B at 400 Gbps every 1.68 ns", () => {
    expect(packetIntervalNs({ ...LINE_100G, packetBytes: 1_500 })).toBeCloseTo(121.6, 9);
    expect(packetIntervalNs({ ...LINE_100G, gbps: 400 })).toBeCloseTo(1.68, 12);
  });
});

describe("flow-table cost model: ageing", () => {
  it("linear probing: 1.5 probes to find a key and 2.5 to miss at load 0.5, growing with the load", () => {
    expect(probesHit(0.5)).toBe(1.5);
    expect(probesMiss(0.5)).toBe(2.5);
    increasing([0, 0.25, 0.5, 0.75, 0.9].map(probesHit));
    increasing([0, 0.25, 0.5, 0.75, 0.9].map(probesMiss));
    expect(collisionsPerPacket(loadOf(1_000, { loadFactor: 0 }))).toBe(0);
  });

  it("Little's law: half of 8 Mi entries held 15 s each take 279,620 new flows a second", () => {
    expect(newFlowsForLoad(8 << 20, 0.5, 15)).toBeCloseTo(279_620.27, 1);
    expect(newFlowsForLoad(8 << 20, 0.5, 10, 5)).toBe(newFlowsForLoad(8 << 20, 0.5, 15));
  });

  it("scanning: N / (2 · P) lines a second, negligible per packet, but one scan of 8 Mi entries takes 35 ms (5.2 M packets)", () => {
    const s = scanningCost(loadOf(8 << 20), MEMORY, 15);
    expect(s.memoryAccessesPerSecond).toBeCloseTo((8 << 20) / 2 / 15, 6);
    expect(s.burst!.ns).toBeCloseTo((8 << 20) / 2 * 6.4 + (8 << 20) * 1, 3);
    expect(s.burst!.packets).toBeCloseTo(s.burst!.ns / 6.72, 3);
    expect(s.budgetFraction).toBeLessThan(0.01);
    expect(s.burst!.packets).toBeGreaterThan(4_096); // far more than an RX ring: scan in slices
    // A longer period costs less per packet, a bigger table more.
    expect(scanningCost(loadOf(8 << 20), MEMORY, 30).nsPerPacket).toBeLessThan(s.nsPerPacket);
  });

  it("per-packet re-arm of a timing wheel costs 2 misses a packet: 200 ns, about 30 budgets", () => {
    const w = timingWheelCost(loadOf(1 << 20), MEMORY, AGEING.wheel, "per-packet");
    expect(w.nsPerPacket).toBeGreaterThan(200);
    expect(w.nsPerPacket).toBeLessThan(200.1);
    expect(w.budgetFraction).toBeCloseTo(w.nsPerPacket / 6.72, 9);
  });

  it("every technique costs more per packet with a bigger table at the same load factor (so with more live flows and new flows)", () => {
    for (const i of [0, 1, 2, 3]) increasing([1 << 10, 1 << 20, 8 << 20].map((n) => techniques(loadOf(n))[i]!.nsPerPacket));
  });

  it("lazy deletion and the per-packet wheel grow with new flows; scanning and the on-expiry wheel depend only on the occupancy", () => {
    const flows = [0, 10_000, 1_000_000];
    const at = (f: number) => techniques(loadOf(1 << 20, { newFlowsPerSecond: f }));
    increasing(flows.map((f) => at(f)[1]!.nsPerSecond));
    increasing(flows.map((f) => at(f)[3]!.nsPerSecond));
    for (const i of [0, 2]) expect(new Set(flows.map((f) => at(f)[i]!.nsPerSecond)).size).toBe(1);
    // Both grow with the load factor; at a higher packet rate scanning and the on-expiry wheel, a fixed cost a second, cost less per packet.
    increasing([0.1, 0.5, 0.9].map((a) => lazyDeletionCost(loadOf(1 << 20, { loadFactor: a }), MEMORY, 2).nsPerPacket));
    increasing([0.1, 0.5, 0.9].map((a) => timingWheelCost(loadOf(1 << 20, { loadFactor: a }), MEMORY, AGEING.wheel).nsPerPacket));
    for (const i of [0, 2]) {
      const perPacket = [pps / 4, pps / 2, pps].map((r) => techniques(loadOf(1 << 20, { pps: r }))[i]!.nsPerPacket);
      increasing([...perPacket].reverse());
    }
  });

  it("rejects a full table", () => {
    expect(() => lazyDeletionCost(loadOf(1_000, { loadFactor: 1 }), MEMORY, 2)).toThrow(/load factor/);
  });
});

describe("flow-table cost model: the report `nfcheck cost flow` prints", () => {
  it("has the budget, three table sizes with four techniques each, and Fig. 3's layouts", () => {
    const r = flowCostReport();
    expect(r.budget).toMatchObject({ wireBits: 672, packetIntervalNs: 6.72 });
    expect(r.ageing.rows.map((x) => x.entries)).toEqual([1_024, 1_048_576, 8_388_608]);
    for (const row of r.ageing.rows) expect(row.techniques.map((t) => t.technique)).toEqual(["scanning", "lazy deletion", "timing wheel", "timing wheel, re-arm per packet"]);
    expect(r.layout.maximal).toEqual({ offsets: { classifier: 0, "flow monitor": 1, "HTTP filter": 1, "load balancer": 37 }, size: 41 });
    expect(r.layout.compact.offsets).toEqual({ classifier: 0, "flow monitor": 5, "HTTP filter": 5, "load balancer": 1 });
    expect(r.layout.paths.map((p) => [p.class, p.maximalSize, p.compactSize])).toEqual([
      ["UDP to 10.0.0.27:6970 (monitored)", 41, 29], ["TCP port 80 (HTTP)", 41, 41], ["other UDP", 41, 5],
    ]);
    expect(r.layout.heaviestPathBytes).toBe(41);
  });
});
