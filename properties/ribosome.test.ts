/**
 * Ribosome: every ordering in small systems, random runs at scale, the design boundaries, the mutants
 * (each killed by its property, and the correct model never breaking that property on the mutant's
 * trace), and random runs finding mutants, deterministically from a seed. (`nfcheck verify` also explores
 * five packets, where the header IDs wrap twice; see properties/ribosome-checks.ts.)
 */
import { describe, expect, it } from "vitest";
import { explore } from "../core/explore.ts";
import { ModelError } from "../core/model.ts";
import { runTrace } from "../core/run-trace.ts";
import { toRibosomeConfig, type RibosomeConfigJson } from "../models/ribosome/config.ts";
import { ribosomeModel, type RibosomeEvent } from "../models/ribosome/system.ts";
import { NO_MIX_UP } from "../specs/ribosome.ts";
import {
  RIBOSOME_RANDOM_MUTANTS, ribosomeExploreChecks, ribosomeRandomChecks, ribosomeRandomMutantCheck, ribosomeSizingChecks, specsOf,
} from "./ribosome-checks.ts";
import ribosome, { RIBOSOME_FAULT_TABLE, SMALL_SYSTEM } from "../systems/ribosome.ts";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import { expectAsExpected, runCheck } from "./support.ts";

describe("every ordering of arrivals, RDMA operations, NF returns and drops, READ responses, losses and leases", () => {
  for (const check of ribosomeExploreChecks().filter((c) => !c.id.includes("packets-5"))) it(check.id, () => expectAsExpected(check));
});

describe("the cost model's sizing rule is the model's boundary: w slots for a window of w hold, w − 1 overflow (the public code's design)", () => {
  for (const check of ribosomeSizingChecks()) it(check.id, () => expectAsExpected(check));
});

describe("random runs: real sizes, elephant flows, a reordering NF, NF drops and lost READs", () => {
  for (const check of ribosomeRandomChecks()) it(check.id, () => expectAsExpected(check));
});

describe("the tag check and a header buffer that overwrites (the public code's counter)", () => {
  // Two header slots for a window of 3: packet 2's header overwrites packet 0's while packet 0's READ is out.
  const overwriting: RibosomeConfigJson = { ...SMALL_SYSTEM, headerSlots: 2, headerBuffer: "overwrite" };
  const mixUp = (json: RibosomeConfigJson) => explore({ model: ribosomeModel, config: toRibosomeConfig(json), specs: specsOf(NO_MIX_UP) });

  it("a check of the payload's tag alone still glues packet 0's payload to packet 2's header", () => {
    const r = mixUp({ ...overwriting, tagCheckCovers: "payload" });
    expect(r.status).toBe("violation");
    if (r.status === "violation") expect(r.violation.message).toBe("output #2[0..53]' #0[54..399] glues the header of packet 2 to bytes of packet 0");
  });

  it("the default check, which also compares the header in the request's slot, mixes nothing up", () => {
    const r = mixUp(overwriting);
    expect(r.status).toBe("pass");
    expect(r.states).toBeGreaterThan(1_000);
  });
});

describe("design boundaries: the public code's choices, and buffers below rate × latency", () => {
  for (const check of boundaryChecks(ribosome)) it(check.id, () => expectAsExpected(check));
});

const faultCheckList = faultChecks(ribosome);

/**
 * The one mutant whose trace the correct model cannot run: stuck, every payload goes to server 0, and its
 * trace's server events name server 0 where the correct model has sent the payload to server 1. That it
 * is refused is checked too, so that the exception goes when it is no longer needed.
 */
const CHOOSES_OTHER_EVENTS: readonly string[] = ["round-robin-stuck"];

describe("mutants of Ribosome", () => {
  const checks = faultCheckList;
  for (const m of RIBOSOME_FAULT_TABLE) {
    const { fault: _, ...withoutFault } = m.config;
    const otherEvents = CHOOSES_OTHER_EVENTS.includes(m.name);
    const then = otherEvents ? "and its trace is one the correct model cannot run" : "and the correct model does not break it on the mutant's trace";
    it(`${m.name} is killed by ${m.kills}, ${then}`, async () => {
      const outcome = await expectAsExpected(checks.find((c) => c.mutant === m.name)!);
      const events = outcome.counterexample!.events as RibosomeEvent[];
      const replay = () => runTrace(ribosomeModel, toRibosomeConfig(withoutFault), specsOf(m.kills), events);
      if (otherEvents) {
        expect(replay).toThrow(ModelError);
        return;
      }
      // A ModelError (an event the correct model cannot take) fails the test: the trace must run.
      const correct = replay();
      expect(correct.violation, correct.violation?.message).toBeNull();
      expect(correct.applied).toBe(events.length);
    });

    it(`the correct model breaks ${m.kills} nowhere in ${m.name}'s config (every ordering)`, () => {
      const r = explore({ model: ribosomeModel, config: toRibosomeConfig(withoutFault), specs: specsOf(m.kills) });
      expect(r.status, r.status === "violation" ? r.violation.message : "").toBe("pass");
    });
  }
});

describe("random runs find mutants too, the same way from the same seed", () => {
  for (const [fault, kills] of RIBOSOME_RANDOM_MUTANTS) {
    it(`${fault} (${kills})`, async () => {
      const check = ribosomeRandomMutantCheck(fault, kills);
      const first = await expectAsExpected(check);
      const again = await runCheck(check);
      expect(again.counterexample!.events).toEqual(first.counterexample!.events);
    });
  }
});
