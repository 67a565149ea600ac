/**
 * The reference implementations' bugs (counterexamples/reference-bugs/): each file's config is a variant of
 * a built-in system, and exploring it again finds its property broken by a trace no longer than the one
 * saved — the saved trace is a shortest one, and the variant still shows the bug. (That each file replays
 * word for word is counterexamples/replay.test.ts's.)
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explore } from "../core/explore.ts";
import { specsNamed } from "../core/system.ts";
import { loadCounterexample } from "../core/store.ts";
import { systemNamed } from "../systems/registry.ts";

const dir = join(dirname(fileURLToPath(import.meta.url)), "reference-bugs");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();

describe("bugs of the reference code", () => {
  for (const file of files) {
    it(`${file}: exploring its variant breaks the same property, as soon as the saved trace does`, async () => {
      const cx = await loadCounterexample(join(dir, file));
      expect(cx.expect).toBe("violation");
      expect(cx.note, "a reference bug says which code it follows").toBeDefined();
      const system = await systemNamed(cx.model);
      const config = await system.resolveConfig(cx.config, { baseDir: dir });
      const r = explore({ model: system.model, config, specs: specsNamed(system, config, [cx.property]) });
      expect(r.status).toBe("violation");
      if (r.status !== "violation") return;
      expect(r.violation.property).toBe(cx.property);
      expect(r.events.length).toBeLessThanOrEqual(cx.events.length);
    });
  }
});
