/** Every SCR mutant is killed by the property it names; the kill is reproducible from its seed. */
import { describe, expect, it } from "vitest";
import { outcomeAsExpected } from "../core/check.ts";
import { faultChecks } from "../core/system-checks.ts";
import scr from "../systems/scr.ts";
import { expectAsExpected, runCheck } from "./support.ts";

const mutants = faultChecks(scr);

describe("SCR mutants", () => {
  for (const m of mutants) {
    it(`${m.mutant} (${m.description}) is killed by ${m.property}`, async () => {
      const outcome = await expectAsExpected(m);
      // Each of these bugs shows within a few packets; shrinking must find that out.
      expect(outcome.counterexample!.events.length).toBeLessThanOrEqual(m.mutant === "rss-hash-spray" ? 40 : 10);
    });
  }

  it("the same seed gives the same shrunk counterexample", async () => {
    const m = mutants.find((x) => x.mutant === "ring-from-row-0")!;
    const [a, b] = [await runCheck(m), await runCheck(m)];
    expect(outcomeAsExpected(m, a)).toBe(true);
    expect(b.counterexample).toEqual(a.counterexample);
  });
});
