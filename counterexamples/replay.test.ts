/**
 * Every saved counterexample replays as it records: `expect: "violation"` files (design boundaries and
 * mutants) must keep failing with the same property and message, `expect: "pass"` files must keep passing.
 * Files under counterexamples/found/ are fresh finds of the last runs, not part of the suite.
 */
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { replayCounterexample } from "../core/replay.ts";
import { loadCounterexample } from "../core/store.ts";
import { loadSystems, systemNamed } from "../systems/registry.ts";
import { systemEntryOf } from "../core/system-entry.ts";

const root = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(root, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".json") && !f.startsWith("found"))
  .sort();

describe("saved counterexamples", () => {
  it("exist for every model of the registry: at least one saved counterexample each", async () => {
    const saved = new Set<string>();
    for (const file of files) saved.add((await loadCounterexample(join(root, file))).model);
    const models = (await loadSystems()).map((s) => s.name);
    expect(models.length).toBeGreaterThan(0);
    expect(models.filter((m) => !saved.has(m)), "models without a saved counterexample").toEqual([]);
  });
  for (const file of files) {
    it(file, async () => {
      const path = join(root, file);
      const cx = await loadCounterexample(path);
      // A user's system (nfcheck check) names its module, relative to the file.
      const entry = cx.module !== undefined ? await systemEntryOf({ ...cx, module: cx.module }, dirname(path)) : await systemNamed(cx.model);
      const r = await replayCounterexample(cx, entry, dirname(path));
      const got = r.violation ? `${r.violation.property}: ${r.violation.message}` : "no violation";
      expect(r.verdict, `${relative(process.cwd(), path)} expected ${cx.expect} (${cx.property}${cx.violation ? `: ${cx.violation}` : ""}), got ${got}`).toBe("as-expected");
    });
  }
});
