/** A cuckoo table with one writer and lock-free readers: with the change counter no lookup misses a key that is there; without it, one does. */
import { describe, it } from "vitest";
import cuckooRw from "../systems/conntrack-cuckoo-rw.ts";
import { expectAsExpected, systemSuite } from "./support.ts";

describe("a cuckoo table with one writer and lock-free readers", async () => {
  for (const check of await systemSuite(cuckooRw)) it(check.id, () => expectAsExpected(check));
});
