/**
 * The offload cost model against the paper's own numbers, each expected value computed here from the
 * paper's inputs by hand (not from the model's output).
 */
import { describe, expect, it } from "vitest";
import { offloadCostReport, PAPER_INPUTS, TABLE_I } from "../offload.ts";
import { offloadCostPlots } from "../../../systems/offload/cost.ts";

const r = offloadCostReport();

describe("the offload cost model (§III–V)", () => {
  it("100 Gbit/s at 10 K flows per Gbit/s and 10 % birth rate: 1 M active flows, 100 K new flows/s; the paper's 10 M active flows: 1 M new flows/s, the single-stream learning rate", () => {
    expect(r.at100G.activeFlows).toEqual({ low: 100 * 5_000, high: 100 * 10_000 });
    expect(r.at100G.newFlowsPerS.high).toBeCloseTo(100_000, 6);
    expect(r.at100G.paper.newFlowsPerS).toBeCloseTo(1_000_000, 6);
    expect(r.at100G.paper.newFlowsPerS).toBeCloseTo(PAPER_INPUTS.learningRate.singleStream, 6);
    expect(r.at100G.paper.timesDensity).toBeCloseTo(10, 9);
  });

  it("an entry of the NIC's table: 10.5 GB / 140 M = 75 B; with 130 ms at 100 Gbit/s (1.625 GB) taken out, (10.5 − 1.625) GB / 140 M ≈ 63.4 B", () => {
    expect(r.hwEntryBytes.wholeMemory).toBeCloseTo(75, 9);
    expect(r.hwEntryBytes.bufferBytes).toBeCloseTo(1.625e9, 0);
    expect(r.hwEntryBytes.bufferTakenOut).toBeCloseTo(8.875e9 / 140e6, 9);
  });

  it("148.8 Mpps of 64 B frames at 100 Gbit/s (20 B of preamble and gap each)", () => {
    expect(r.at100G.minFrameMpps).toBeCloseTo(100e9 / (84 * 8) / 1e6, 9);
    expect(r.at100G.minFrameMpps.toFixed(1)).toBe("148.8");
  });

  it("learning stops keeping up at 1 Tbit/s on one stream (10 K flows/Gbit/s), 3 Tbit/s on several; one offload thread programs 100 K rules/s", () => {
    expect(r.learningLimitGbps.map((l) => [l.rate, l.atHighDensity, l.atLowDensity, l.activeFlows])).toEqual([
      ["single stream", 1_000, 2_000, 10_000_000], ["several streams", 3_000, 6_000, 30_000_000], ["cuckoo table", 3_500, 7_000, 35_000_000],
    ]);
    expect(r.ruleProgramming).toEqual({ rulesPerSPerThread: 100_000, threadsAt100G: 1, threadsForPaper: 10 });
    expect(r.cuckooDegrades.activeFlows).toBeCloseTo(126e6, 0);
  });

  it("Table I beside the model: learning keeps up below 10 M active flows on one stream; the offload rows drop packets exactly where it does not", () => {
    expect(r.tableI.map((t) => t.learnsSingle)).toEqual([true, true, true, false, false]);
    expect(r.tableI.map((t) => t.newFlowsPerS)).toEqual(TABLE_I.activeFlows.map((f) => f / 10));
    for (const row of TABLE_I.rows.filter((x) => x.offload)) {
      expect(row.drops.map((d) => d > 0)).toEqual(r.tableI.map((t) => !t.learnsSingle));
    }
  });

  it("its plot: new flows/s against line rate, axes with units, the learning rates as levels, the paper's figure marked", () => {
    const [plot] = offloadCostPlots(r);
    expect(plot!.x).toMatchObject({ label: "line rate", unit: "Gbit/s" });
    expect(plot!.y).toMatchObject({ label: "new flows", unit: "flows/s" });
    expect(plot!.levels!.map((l) => l.y)).toEqual([1_000_000, 3_000_000, 100_000]);
    expect(plot!.published).toEqual([expect.objectContaining({ x: 100, source: "§IV-A" })]);
    expect(plot!.published![0]!.y).toBeCloseTo(1_000_000, 6);
  });
});
