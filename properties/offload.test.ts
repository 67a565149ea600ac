/**
 * The probe with a hardware flow offload: every interleaving of small configurations, the design
 * boundaries, the mutants (each killed by its property, the correct model never breaking that property in
 * the mutant's config), and the ABA of a raw address played out by hand.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../core/explore.ts";
import { runTrace } from "../core/run-trace.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import { specsNamed } from "../core/system.ts";
import { toOffloadConfig } from "../models/offload/config.ts";
import { offloadModel, type OffloadEvent } from "../models/offload/system.ts";
import { EXACTLY_ONCE, NO_DANGLING_FLOW_ID, OFFLOAD_SPECS } from "../specs/offload.ts";
import offload, { OFFLOAD_FAULT_TABLE, ROOMY_NIC } from "../systems/offload.ts";
import { offloadChecks } from "./offload-checks.ts";
import { expectAsExpected } from "./support.ts";

describe("every interleaving of the traffic, the NIC, the offload thread and the host threads (small probes); random interleavings of larger ones", () => {
  for (const check of offloadChecks()) it(check.id, () => expectAsExpected(check));
});

describe("design boundaries: the paper's flowId, per-packet offload, lost events, buffered packets", () => {
  for (const check of boundaryChecks(offload)) it(check.id, () => expectAsExpected(check));
});

describe("mutants of the probe", () => {
  const checks = faultChecks(offload);
  for (const m of OFFLOAD_FAULT_TABLE) {
    it(`${m.name} is killed by ${m.kills}`, () => expectAsExpected(checks.find((c) => c.mutant === m.name)!));
    it(`the correct model breaks ${m.kills} nowhere in ${m.name}'s config (every interleaving)`, () => {
      const { fault: _, ...withoutFault } = m.config;
      const config = toOffloadConfig(withoutFault);
      const r = explore({ model: offloadModel, config, specs: specsNamed(offload, config, [m.kills]) });
      expect(r.status, r.status === "violation" ? r.violation.message : "").toBe("pass");
    });
  }
});

describe("the ABA of flowId = slot address (§III), by hand", () => {
  // Flow 0 is learned and offloaded; its second packet is counted by the NIC. The host's own idle timer
  // frees its slot while the NIC's expiry event is still queued; flow 1 takes the slot (one slot: reused at
  // once) and its address; then flow 0's event is read — and frees flow 1's entry, merged with flow 0's
  // NIC counters.
  const config = toOffloadConfig({ ...ROOMY_NIC, hostExpiry: "own-timer", slots: 1 });
  const events: OffloadEvent[] = [
    { type: "arrive", flow: 0 }, { type: "receive", thread: 0 }, { type: "program" }, { type: "program" },
    { type: "arrive", flow: 0 }, { type: "tick" }, { type: "tick" }, { type: "sweep", thread: 0, slot: 0 },
    { type: "arrive", flow: 1 }, { type: "receive", thread: 0 }, { type: "expiry", thread: 0 },
  ];

  it("the expiry event is followed into flow 1's entry", () => {
    const r = runTrace(offloadModel, config, OFFLOAD_SPECS.filter((s) => s.name === NO_DANGLING_FLOW_ID), events);
    // The dangling flowId shows first, when the sweep frees the slot the queued event names.
    expect(r.violation).toMatchObject({ afterEvents: 8, message: "an expiry event holds flowId 1 for flow 0 (lifetime 0), but that slot holds nothing: it was freed" });
  });

  it("and flow 1's record holds flow 0's packet: two lifetimes in one record", () => {
    const r = runTrace(offloadModel, config, [], events);
    expect(r.final.misuse).toBe("the expiry event of flow 0 (lifetime 0) names flowId 1, which holds flow 1's entry (lifetime 0)");
    // Packet ids: flow f's lifetime 0 holds ids 2f and 2f + 1 (two packets a lifetime).
    expect(r.final.records.map((x) => [x.flow, x.tally.ids])).toEqual([[0, [0]], [1, [1, 2]]]);
    // Flow 0's own record was cut short by the sweep (its NIC packet missing): exactly-once says that first.
    const exactlyOnce = OFFLOAD_SPECS.find((s) => s.name === EXACTLY_ONCE && s.kind === "invariant")!;
    expect(exactlyOnce.kind === "invariant" && exactlyOnce.check({ ...r.final, records: r.final.records.slice(1) }, config)).toBe("record 0 of flow 1 holds packets of 2 lifetimes (f0.l0, f1.l0): 2 packets, 1564 B");
  });
});
