/** SCR equivalence of the five Table 1 programs on 1..8 cores (random runs over skewed traffic). */
import { describe, it } from "vitest";
import { builtinProgramChecks } from "./scr-checks.ts";
import { expectAsExpected } from "./support.ts";

describe("scr-equivalence of the Table 1 programs", () => {
  for (const check of builtinProgramChecks().filter((c) => c.property === "scr-equivalence")) {
    it(check.id, () => expectAsExpected(check));
  }
});
