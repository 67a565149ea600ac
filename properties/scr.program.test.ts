/** The per-program properties of the five Table 1 programs: no input mutation, determinism, sufficiency. */
import { describe, it } from "vitest";
import { builtinProgramChecks } from "./scr-checks.ts";
import { expectAsExpected } from "./support.ts";

describe("program properties of the Table 1 programs", () => {
  for (const check of builtinProgramChecks().filter((c) => c.property !== "scr-equivalence")) {
    it(check.id, () => expectAsExpected(check));
  }
});
