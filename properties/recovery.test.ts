/**
 * SCR loss recovery (Alg. 1): Theorem 1 exhaustively for k = 2, 3 and M = 4..8; the four properties by
 * random runs on up to 8 cores; the design boundaries; the mutants, each killed by its property.
 */
import { describe, expect, it } from "vitest";
import { outcomeAsExpected } from "../core/check.ts";
import {
  RECOVERY_MUTANTS, recoveryBoundaryChecks, recoveryMutantChecks, recoveryRandomChecks, recoveryTheoremChecks,
} from "./recovery-checks.ts";
import { expectAsExpected, runCheck } from "./support.ts";

describe("Theorem 1, every interleaving and loss pattern (tail assumption, unbounded log, FIFO links)", () => {
  for (const check of recoveryTheoremChecks()) it(check.id, () => expectAsExpected(check));
});

describe("the four properties by random runs (k = 2, 4, 8; loss rates 0.01 %–10 % in bursts)", () => {
  for (const check of recoveryRandomChecks()) it(check.id, () => expectAsExpected(check));
});

describe("design boundaries (shortest counterexamples)", () => {
  for (const check of recoveryBoundaryChecks()) it(check.id, () => expectAsExpected(check));

  it("without the tail assumption the shortest deadlock is 7 events: two packets lost, the third's core waits for #1", async () => {
    const check = recoveryBoundaryChecks().find((c) => c.id.includes("no-tail-assumption"))!;
    const outcome = await expectAsExpected(check);
    expect(outcome.counterexample!.events).toHaveLength(7);
    expect(outcome.violation!.message).toContain("core 0 waits for #1 in handle_loss_recovery, but core 1 will never write its entry for #1");
  });
});

describe("mutants of Alg. 1", () => {
  const mutants = recoveryMutantChecks();

  it("one per fault of the issue, plus SPIN's \"history found but not applied\"", () => {
    expect(mutants.map((m) => m.mutant)).toEqual(RECOVERY_MUTANTS.map((m) => m.fault));
  });

  for (const m of mutants) {
    it(`${m.mutant} (${m.description}) is killed by ${m.property}`, async () => {
      const outcome = await expectAsExpected(m);
      // The explorer's counterexample is a shortest one: no more than SPIN's breadth-first depth (≤ 49 steps).
      expect(outcome.counterexample!.events.length).toBeLessThanOrEqual(49);
    });
  }

  it("the random runner finds and shrinks a mutant to a few packets, the same way for the same seed", async () => {
    const { randomCheck } = await import("../core/check.ts");
    const { recoveryModel } = await import("../models/scr/recovery.ts");
    const { toRecoveryConfig } = await import("../models/scr/recovery-config.ts");
    const { SCR_PROGRAMS } = await import("../models/scr/programs/index.ts");
    const { atomicity } = await import("../specs/scr-recovery.ts");
    const { recoveryRuns } = await import("./recovery-runs.ts");
    const json = { cores: 4, packets: 1_000, streamEnd: "any-time", fault: "not-init-as-lost" } as const;
    const config = toRecoveryConfig(json, SCR_PROGRAMS["port-knocking"]!);
    const check = randomCheck({
      id: "scr.recovery/mutant/not-init-as-lost/random", model: recoveryModel, configJson: json, config, property: "atomicity",
      specs: [atomicity], expect: "violation", arbitrary: () => recoveryRuns(config),
    });
    const [a, b] = [await runCheck(check), await runCheck(check)];
    expect(outcomeAsExpected(check, a)).toBe(true);
    expect(b.counterexample).toEqual(a.counterexample);
    const packets = a.counterexample!.events.filter((e) => (e as { type: string }).type === "send" || (e as { type: string }).type === "lose").length;
    expect(packets).toBeLessThanOrEqual(12);
  });
});
