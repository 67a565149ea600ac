/** The traffic generators make what they claim, and the skew finds bugs that need hundreds of packets. */
import { Schema } from "effect";
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outcomeAsExpected } from "../core/check.ts";
import { loadScrProgram } from "../models/scr/load-program.ts";
import { PacketSchema, TCP_ACK, TCP_SYN, type Packet } from "../models/scr/packet.ts";
import { scrDesignChecks } from "./scr-checks.ts";
import { runCheck, testProfile, testSeed } from "./support.ts";
import { heavyTailedTraffic, singleFlowTraffic, tcpConnectionTraffic, uniformTraffic } from "./traffic.ts";

const bounds = { maxPackets: testProfile.maxEvents };
const sample = (arb: fc.Arbitrary<Packet[]>, n = 60) => fc.sample(arb, { numRuns: n, seed: testSeed.seed });
function maxPerSource(ps: readonly Packet[]): number {
  const counts = new Map<number, number>();
  for (const p of ps) counts.set(p.srcIp, (counts.get(p.srcIp) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

describe("traffic generators", () => {
  it("make valid packets with non-decreasing timestamps, within the bound", () => {
    const valid = Schema.is(PacketSchema);
    for (const arb of [uniformTraffic(bounds), heavyTailedTraffic(bounds), singleFlowTraffic(bounds), tcpConnectionTraffic(bounds)]) {
      for (const trace of sample(arb, 20)) {
        expect(trace.length).toBeLessThanOrEqual(bounds.maxPackets);
        expect(trace.every(valid)).toBe(true);
        expect(trace.every((p, i) => i === 0 || p.ts >= trace[i - 1]!.ts)).toBe(true);
      }
    }
  });

  it("heavy-tailed traffic has elephants: runs of hundreds of packets of one source", () => {
    const traces = sample(heavyTailedTraffic(bounds));
    expect(traces.filter((t) => maxPerSource(t) >= 300).length).toBeGreaterThan(traces.length / 10);
  });

  it("single-flow traffic is one 5-tuple", () => {
    for (const t of sample(singleFlowTraffic(bounds), 20)) expect(new Set(t.map((p) => `${p.srcIp}:${p.srcPort}>${p.dstIp}:${p.dstPort}/${p.proto}`)).size).toBeLessThanOrEqual(1);
  });

  it("TCP connections open with SYN, then a SYN-ACK that acknowledges ISN + 1", () => {
    for (const t of sample(tcpConnectionTraffic(bounds), 20)) {
      const syns = t.filter((p) => p.tcpFlags === TCP_SYN);
      for (const syn of syns) {
        const synAck = t.find((p) => p.tcpFlags === (TCP_SYN | TCP_ACK) && p.srcIp === syn.dstIp && p.dstIp === syn.srcIp && p.srcPort === syn.dstPort && p.dstPort === syn.srcPort);
        if (synAck) expect(synAck.ack).toBe((syn.seq + 1) >>> 0);
      }
    }
  });

  it("the default mix finds a bug that needs more than 300 packets of one source", async () => {
    const { program } = await loadScrProgram("examples/designs/ddos-stops-counting.ts", [process.cwd()]);
    const sufficiency = scrDesignChecks({ builtin: "ddos-stops-counting" }, program, []).find((c) => c.property === "sufficiency")!;
    const outcome = await runCheck(sufficiency);
    expect(outcome.status).toBe("violation");
    const events = outcome.counterexample!.events as { packet: Packet }[];
    expect(maxPerSource(events.map((e) => e.packet))).toBeGreaterThan(300);
    expect(outcomeAsExpected({ ...sufficiency, expect: "violation" }, outcome)).toBe(true);
  });
});
