/** RSS sharding of connection tables: the symmetric key keeps each connection on one table; the Microsoft key and a typo in the symmetric one do not. */
import { describe, it } from "vitest";
import rss from "../systems/conntrack-rss.ts";
import { expectAsExpected, systemSuite } from "./support.ts";

describe("RSS sharding of connection tables", async () => {
  for (const check of await systemSuite(rss)) it(check.id, () => expectAsExpected(check));
});
