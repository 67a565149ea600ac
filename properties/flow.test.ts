/**
 * The MiddleClick flow manager (§II-B..G): every ordering in small tables, random runs at scale and on a
 * tight table, the design boundaries, the mutants (each killed by its property, and the correct model
 * passing the mutant's own trace), and random runs finding mutants, deterministically from a seed.
 * (`nfcheck verify` also explores the table with the RSS cache; see properties/flow-checks.ts.)
 */
import { describe, expect, it } from "vitest";
import { runTrace } from "../core/run-trace.ts";
import { toFlowConfig } from "../models/flow/config.ts";
import { flowModel, type FlowEvent } from "../models/flow/system.ts";
import { FLOW_SPECS } from "../specs/flow.ts";
import flow, { FLOW_FAULT_TABLE } from "../systems/flow.ts";
import { FLOW_RANDOM_MUTANTS, flowExploreChecks, flowRandomChecks, flowRandomMutantCheck } from "./flow-checks.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import { expectAsExpected, runCheck } from "./support.ts";

describe("every ordering of packets, releases, ticks, timer and idle sweeps in small tables (all ten properties)", () => {
  for (const check of flowExploreChecks().filter((c) => !c.id.includes("cache"))) it(check.id, () => expectAsExpected(check));
});

describe("random runs: 5 000 sessions with elephants, bursts and long idle gaps; a tight table with a cache", () => {
  // 8 runs of the scale table here (thousands of events each); `nfcheck verify` runs 25.
  for (const check of flowRandomChecks({ scaleRuns: 8 })) it(check.id, () => expectAsExpected(check));
});

describe("design boundaries: an expired FCB met again by its own session; the code's wrapping use count; its clean timer on its own thread", () => {
  for (const check of boundaryChecks(flow)) it(check.id, () => expectAsExpected(check));
});

describe("mutants of the flow manager", () => {
  const checks = faultChecks(flow);
  for (const m of FLOW_FAULT_TABLE) {
    it(`${m.name} is killed by ${m.kills}, and the correct model passes its trace`, async () => {
      const outcome = await expectAsExpected(checks.find((c) => c.mutant === m.name)!);
      const events = outcome.counterexample!.events as FlowEvent[];
      const { fault: _, ...design } = m.config;
      const correct = runTrace(flowModel, toFlowConfig(design), FLOW_SPECS, events);
      expect(correct.violation, correct.violation?.message).toBeNull();
    });
  }
});

describe("random runs find mutants too, the same way from the same seed", () => {
  for (const [fault, kills] of FLOW_RANDOM_MUTANTS) {
    it(`${fault} (${kills})`, async () => {
      const check = flowRandomMutantCheck(fault, kills);
      const first = await expectAsExpected(check);
      const again = await runCheck(check);
      expect(again.counterexample!.events).toEqual(first.counterexample!.events);
    });
  }
});
