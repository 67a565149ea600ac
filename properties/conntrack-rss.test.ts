/** RSS sharding of connection tables: the symmetric key keeps each connection on one table; the Microsoft key and a typo in the symmetric one do not. */
import { describe, it } from "vitest";
import { boundaryChecks, faultChecks } from "../core/system-checks.ts";
import rss from "../systems/conntrack-rss.ts";
import { expectAsExpected } from "./support.ts";

describe("RSS sharding of connection tables", async () => {
  for (const check of [...(await rss.checks!()), ...boundaryChecks(rss), ...faultChecks(rss)]) it(check.id, () => expectAsExpected(check));
});
