/** A user's own connection table: the example passes, its two planted bugs are found (conntrack.table's faults). */
import { describe, it } from "vitest";
import userTable from "../systems/conntrack-table.ts";
import { expectAsExpected, systemSuite } from "./support.ts";

describe("a user's own connection table", async () => {
  for (const check of await systemSuite(userTable)) it(check.id, () => expectAsExpected(check));
});
