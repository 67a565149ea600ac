/**
 * Ribosome: every ordering in small systems, random runs at scale, the design boundaries, the mutants
 * (each killed by its property, and the correct model never breaking that property on the mutant's
 * trace), and random runs finding mutants, deterministically from a seed. (`nfcheck verify` also explores
 * five packets, where the header IDs wrap twice; see properties/ribosome-checks.ts.)
 */
import { describe, expect, it } from "vitest";
import { ModelError } from "../core/model.ts";
import { runTrace } from "../core/run-trace.ts";
import { toRibosomeConfig } from "../models/ribosome/config.ts";
import { ribosomeModel, type RibosomeEvent } from "../models/ribosome/system.ts";
import { BOUNDED_BUFFERS, CONSERVATION, NO_MIX_UP } from "../specs/ribosome.ts";
import {
  ribosomeExploreChecks, ribosomeRandomChecks, ribosomeRandomMutantCheck, ribosomeSizingChecks, specsOf,
} from "./ribosome-checks.ts";
import ribosome, { RIBOSOME_FAULT_TABLE } from "../systems/ribosome.ts";
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

describe("design boundaries: the public code's choices, and buffers below rate × latency", () => {
  for (const check of boundaryChecks(ribosome)) it(check.id, () => expectAsExpected(check));
});

const faultCheckList = faultChecks(ribosome);

describe("mutants of Ribosome", () => {
  const checks = faultCheckList;
  for (const m of RIBOSOME_FAULT_TABLE) {
    it(`${m.name} is killed by ${m.kills}, and the correct model does not break it on the mutant's trace`, async () => {
      const outcome = await expectAsExpected(checks.find((c) => c.mutant === m.name)!);
      const events = outcome.counterexample!.events as RibosomeEvent[];
      const { fault: _, ...withoutFault } = m.config;
      try {
        const correct = runTrace(ribosomeModel, toRibosomeConfig(withoutFault), specsOf(m.kills), events);
        expect(correct.violation, correct.violation?.message).toBeNull();
      } catch (e) {
        // The mutant took a step the correct model cannot take (e.g. a payload on a server it never chose).
        expect(e).toBeInstanceOf(ModelError);
      }
    });
  }
});

describe("random runs find mutants too, the same way from the same seed", () => {
  for (const [fault, kills] of [["oldest-waiting", NO_MIX_UP], ["lost-read-uncounted", CONSERVATION], ["round-robin-stuck", BOUNDED_BUFFERS]] as const) {
    it(`${fault} (${kills})`, async () => {
      const check = ribosomeRandomMutantCheck(fault, kills);
      const first = await expectAsExpected(check);
      const again = await runCheck(check);
      expect(again.counterexample!.events).toEqual(first.counterexample!.events);
    });
  }
});
