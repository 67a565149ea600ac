/**
 * SCR equivalence of the five Table 1 programs (random runs over skewed traffic) on 1, 2, 3, 5 and 8
 * cores: the one-core base, the smallest rings, an odd count between and the largest. `nfcheck verify`
 * runs every k from 1 to 8; the test suite takes these five to stay within its time budget.
 */
import { describe, it } from "vitest";
import { builtinProgramChecks } from "./scr-checks.ts";
import { expectAsExpected } from "./support.ts";

const TESTED_CORES = new Set([1, 2, 3, 5, 8]);

describe("scr-equivalence of the Table 1 programs", () => {
  for (const check of builtinProgramChecks().filter((c) => c.property === "scr-equivalence" && TESTED_CORES.has(Number(c.id.split("k=")[1])))) {
    it(check.id, () => expectAsExpected(check));
  }
});
