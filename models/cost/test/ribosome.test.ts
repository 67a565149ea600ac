import { describe, expect, it } from "vitest";
import { headersInFlight, meanBytes, nfBandwidth, nfBytesPerPacket, ribosomeCostReport, serversFor, SLIDES, SLIDES_SPLIT } from "../ribosome.ts";

describe("Ribosome cost model (the slides' figures from their inputs)", () => {
  it("header buffer: 1 Tbps × 4 µs / 8 000 bit = 500 headers, × 72 B = 36 000 B", () => {
    const r = ribosomeCostReport();
    expect(r.headerBuffer).toEqual({ headers: 500, bytesPerHeader: 72, bytes: 36_000 });
    expect(headersInFlight(1e12, 8e-6, 8_000)).toBe(1_000); // twice the latency, twice the headers
  });

  it("header IDs assigned at the split (the code) cover the NF's latency too: 63 000 at 1 Tbps, where the code's 2 000 last 16 µs", () => {
    const { headerIdsAtSplit } = ribosomeCostReport();
    expect(headerIdsAtSplit.ids).toBe(63_000); // 1e12 × 504e-6 / 8 000
    expect(headerIdsAtSplit.codeSlots).toBe(2_000);
    expect(headerIdsAtSplit.codeCoversS).toBeCloseTo(16e-6, 12);
  });

  it("1 Tbps at ~75 Gbps a server needs 14 RDMA servers (13 if only payload bytes counted)", () => {
    const r = ribosomeCostReport();
    expect(r.rdmaServers.servers).toBe(14);
    expect(r.rdmaServers.exact).toBeCloseTo(13.33, 2);
    expect(r.rdmaServers.payloadOnly.servers).toBe(13);
    expect(serversFor(150e9, 75e9)).toBe(2);
  });

  it("93 Mpps is about 300 Gbps of 400 B packets and about 1.1 Tbps of 1 500 B ones", () => {
    const { nfRate } = ribosomeCostReport();
    expect(nfRate.gbpsAt400).toBeCloseTo(297.6, 6);
    expect(nfRate.gbpsAt1500).toBeCloseTo(1_116, 6);
  });

  it("NF bandwidth: split packets send the header only; small ones go whole; the threshold is strict", () => {
    const big = nfBandwidth(1e12, [{ bytes: 1_500, share: 1 }], SLIDES_SPLIT);
    expect(big.mpps).toBeCloseTo(1e12 / 12_000 / 1e6, 9);
    expect(big.nfBytesPerPacket).toBe(72);
    expect(big.reduction).toBeCloseTo(1_500 / 72, 9);
    expect(nfBytesPerPacket([{ bytes: 128, share: 1 }], SLIDES_SPLIT)).toBe(128);
    expect(nfBytesPerPacket([{ bytes: 129, share: 1 }], SLIDES_SPLIT)).toBe(72);
    expect(nfBytesPerPacket([{ bytes: 64, share: 7 }, { bytes: 1_500, share: 1 }], SLIDES_SPLIT)).toBeCloseTo((7 * 64 + 72) / 8, 9);
    expect(meanBytes([{ bytes: 64, share: 7 }, { bytes: 576, share: 4 }, { bytes: 1_500, share: 1 }])).toBeCloseTo((448 + 2_304 + 1_500) / 12, 9);
    expect(() => meanBytes([])).toThrow(RangeError);
  });

  it("payload slots: every payload parked while its header is at the NF, spread over the servers", () => {
    const { slots, rdmaServers } = ribosomeCostReport();
    expect(slots.parkedPayloads).toBe(Math.ceil((SLIDES.lineRateBps * SLIDES.maxNfLatencyS) / (1_500 * 8)));
    expect(slots.perServer).toBe(Math.ceil(slots.parkedPayloads / rdmaServers.servers));
  });
});
