/**
 * Connection tables: every sequence of a few operations and ticks on each scheme and each ageing
 * technique, random runs at a larger scale, and the mutants — each killed by its property, the correct
 * table never breaking it in the mutant's config.
 */
import { describe, expect, it } from "vitest";
import { explore } from "../core/explore.ts";
import { specsNamed } from "../core/system.ts";
import { toTableConfig } from "../models/conntrack/config.ts";
import { tableModel } from "../models/conntrack/system.ts";
import conntrack, { TABLE_FAULT_TABLE } from "../systems/conntrack.ts";
import { expectAsExpected, systemSuite } from "./support.ts";

describe("connection tables: four schemes, three ageing techniques", async () => {
  for (const check of await systemSuite(conntrack)) it(check.id, () => expectAsExpected(check));
});

describe("the correct tables in the mutants' configs", () => {
  for (const m of TABLE_FAULT_TABLE) {
    it(`break ${m.kills} nowhere in ${m.name}'s config (every sequence)`, () => {
      const { fault: _, ...withoutFault } = m.config;
      const config = toTableConfig(withoutFault);
      const r = explore({ model: tableModel, config, specs: specsNamed(conntrack, config, [m.kills]) });
      expect(r.status, r.status === "violation" ? r.violation.message : "").toBe("pass");
    });
  }
});
