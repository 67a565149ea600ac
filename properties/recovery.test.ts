/**
 * SCR loss recovery (Alg. 1): Theorem 1 exhaustively for k = 2, 3 and M = 4..8; the four properties by
 * random runs on up to 8 cores; the design boundaries; the mutants, each killed by its property.
 */
import * as fc from "fast-check";
import { describe, expect, it } from "vitest";
import { outcomeAsExpected } from "../core/check.ts";
import recovery, { RECOVERY_BOUNDARIES, RECOVERY_FAULT_TABLE } from "../systems/scr-recovery.ts";
import { dropRounds, recoveryRandomChecks, recoveryRandomMutantCheck, recoveryTheoremChecks } from "./recovery-checks.ts";
import { recoveryRuns } from "./recovery-runs.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import { expectAsExpected, runCheck } from "./support.ts";
import { explore } from "../core/explore.ts";
import { DEADLOCK } from "../core/spec.ts";
import { RECOVERY_FAULTS, recoveryModel, sprayedTo, type RecoveryEvent } from "../models/scr/recovery.ts";
import { toRecoveryConfig } from "../models/scr/recovery-config.ts";
import { SCR_PROGRAMS } from "../models/scr/programs/index.ts";
import { ATOMICITY, EVENTUAL_CONSISTENCY, RECOVERY_SPECS } from "../specs/scr-recovery.ts";

describe("Theorem 1, every interleaving and loss pattern (tail assumption, unbounded log, FIFO links)", () => {
  for (const check of recoveryTheoremChecks()) it(check.id, () => expectAsExpected(check));
});

describe("the four properties by random runs (k = 2, 4, 8; loss rates 0.01 %–10 % in bursts)", () => {
  for (const check of recoveryRandomChecks()) it(check.id, () => expectAsExpected(check));
});

describe("design boundaries (shortest counterexamples)", () => {
  for (const check of boundaryChecks(recovery)) it(check.id, () => expectAsExpected(check));

  it("without the tail assumption the shortest deadlock is 7 events: two packets lost, the third's core waits for #1", async () => {
    const check = boundaryChecks(recovery).find((c) => c.id.includes("no-tail-assumption"))!;
    const outcome = await expectAsExpected(check);
    expect(outcome.counterexample!.events).toHaveLength(7);
    expect(outcome.violation!.message).toContain("core 0 waits for #1 in handle_loss_recovery, but core 1 will never write its entry for #1");
  });
});

describe("mutants of Alg. 1", () => {
  const mutants = faultChecks(recovery);

  it("one per fault the model implements (RECOVERY_FAULTS, its config's faults)", () => {
    expect(mutants.map((m) => m.mutant).sort()).toEqual([...RECOVERY_FAULTS].sort());
  });

  for (const m of mutants) {
    it(`${m.mutant} (${m.description}) is killed by ${m.property}`, async () => {
      const outcome = await expectAsExpected(m);
      // The explorer's counterexample is a shortest one: no more than SPIN's breadth-first depth (≤ 49 steps).
      expect(outcome.counterexample!.events.length).toBeLessThanOrEqual(49);
    });
  }

  it("the random runner finds and shrinks a mutant to a few packets, the same way for the same seed", async () => {
    const check = recoveryRandomMutantCheck();
    const [a, b] = [await runCheck(check), await runCheck(check)];
    expect(outcomeAsExpected(check, a)).toBe(true);
    expect(b.counterexample).toEqual(a.counterexample);
    const packets = a.counterexample!.events.filter((e) => (e as { type: string }).type === "send" || (e as { type: string }).type === "lose").length;
    expect(packets).toBeLessThanOrEqual(12);
  });

  it("dropping a round of k packets in shrinking keeps the stream in order and every packet on its core", () => {
    const config = toRecoveryConfig({ cores: 3, packets: 20, streamEnd: "any-time" }, SCR_PROGRAMS["port-knocking"]!);
    const seqOf = (events: readonly RecoveryEvent[]) => events.flatMap((e) => (e.type === "send" || e.type === "lose" ? [e.seq] : []));
    fc.assert(fc.property(recoveryRuns(config), (events) => {
      const sent = seqOf(events).length;
      const candidates = [...dropRounds(3)(events)];
      expect(candidates).toHaveLength(Math.floor(sent / 3));
      for (const [r, c] of candidates.entries()) {
        // Packets 1..n − 3, in order; each event of a packet on the core it is sprayed to (§3.3).
        expect(seqOf(c)).toEqual(Array.from({ length: sent - 3 }, (_, i) => i + 1));
        for (const e of c) if ("seq" in e) expect(e.core).toBe(sprayedTo(e.seq, 3));
        // What is left of the run: the events of the other packets, and every event of no packet.
        expect(c.length).toBe(events.length - events.filter((e) => "seq" in e && e.seq > 3 * r && e.seq <= 3 * r + 3).length);
      }
    }), { seed: 1, numRuns: 100 });
  });
});

describe("partial-order reduction (Model.local) changes no verdict", () => {
  const cases = [...RECOVERY_BOUNDARIES.map((b) => b.config), ...RECOVERY_FAULT_TABLE.map((m) => ({ ...m.config, packets: 5 })), { cores: 3, packets: 6 }, { cores: 2, packets: 7, tailAssumption: false, lossBudget: 2 },
    // smartnic/bpf-profile v7: pkt_max published before recovery, and with its congestion threshold N + 1.
    { cores: 2, packets: 6, lostMark: "max-before-recovery", congestionGap: 3 } as const];
  for (const json of cases) {
    it(JSON.stringify(json), () => {
      const config = toRecoveryConfig(json, SCR_PROGRAMS["port-knocking"]!);
      const [full, reduced] = [false, true].map((reduce) => explore({ model: recoveryModel, config, specs: RECOVERY_SPECS, reduce }));
      expect(reduced!.status).toBe(full!.status);
      if (full!.status === "pass") expect(reduced!.states).toBeLessThan(full!.states);
      if (full!.status !== "violation" || reduced!.status !== "violation") return;
      expect(reduced!.violation.property).toBe(full!.violation.property);
      // End-of-run properties and deadlocks keep their shortest length; a step or state property may need a few local steps more.
      const endOfRun = [ATOMICITY, EVENTUAL_CONSISTENCY, DEADLOCK].includes(full!.violation.property);
      if (endOfRun) expect(reduced!.events.length).toBe(full!.events.length);
      else expect(reduced!.events.length - full!.events.length).toBeLessThanOrEqual(3);
    });
  }
});
