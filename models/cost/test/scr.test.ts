import { describe, expect, it } from "vitest";
import { SCR_PROGRAMS } from "../../scr/programs/index.ts";
import {
  coresForCapacity, NETFPGA_PLUS, netFpgaBandwidthGbps, netFpgaCores, scrCostReport, scrThroughputLimitMpps, scrThroughputMpps,
  TABLE_4, TOFINO_TABLE_3, tofinoHistoryBits,
} from "../scr.ts";

describe("SCR cost model", () => {
  it("takes the metadata sizes of Table 1 from the programs", () => {
    expect(Object.fromEntries(Object.entries(SCR_PROGRAMS).map(([n, p]) => [n, p.metaBytes]))).toEqual({
      "ddos-mitigator": 4, "heavy-hitter": 18, conntrack: 30, "token-bucket": 18, "port-knocking": 8,
    });
  });

  it("App. A: one core runs at 1/t; throughput grows with k towards 1/c2 (t > c2 in every row of Table 4)", () => {
    for (const p of Object.values(TABLE_4)) {
      expect(scrThroughputMpps(p, 1)).toBeCloseTo(1_000 / p.t, 9);
      const series = Array.from({ length: 64 }, (_, i) => scrThroughputMpps(p, i + 1));
      series.slice(1).forEach((x, i) => expect(x).toBeGreaterThan(series[i]!));
      expect(series.at(-1)!).toBeLessThan(scrThroughputLimitMpps(p));
    }
    expect(scrThroughputMpps(TABLE_4["ddos-mitigator"]!, 8)).toBeCloseTo(8_000 / (114 + 7 * 15), 9);
  });

  it("Tofino (§4.3): 44 fields of 32 bits give 44, 22, 9, 9 and 5 cores", () => {
    const bits = tofinoHistoryBits(TOFINO_TABLE_3);
    expect(bits).toBe(44 * 32);
    const cores = Object.fromEntries(Object.entries(SCR_PROGRAMS).map(([n, p]) => [n, coresForCapacity(bits, p.metaBytes)]));
    expect(cores).toEqual({ "ddos-mitigator": 44, "port-knocking": 22, "heavy-hitter": 9, "token-bucket": 9, conntrack: 5 });
  });

  it("NetFPGA (§4.3): 256 Gbit/s, and 128 rows serve 128 cores when an entry fits in a row", () => {
    expect(netFpgaBandwidthGbps(NETFPGA_PLUS)).toBe(256);
    expect(netFpgaCores(NETFPGA_PLUS, 128, 14)).toBe(128);
    expect(netFpgaCores(NETFPGA_PLUS, 128, 30)).toBe(42);
  });

  it("reports everything `nfcheck cost scr` prints", () => {
    const r = scrCostReport(16);
    expect(r.appendixA.predictions).toHaveLength(5);
    expect(r.appendixA.predictions[0]!.mpps).toHaveLength(16);
    expect(r.tofino.capacityBits).toBe(1_408);
    expect(r.netfpga.rows.map((x) => x.rows)).toEqual([16, 32, 64, 128]);
  });
});
