/**
 * What every system's definition must hold, whoever adds it: each property it checks has a fault that
 * kills it (a property no fault can break is not known to check anything), each fault names a property the
 * system has, each config field says what it is, the presets resolve, and models stay below the specs
 * that judge them (a model never imports specs/).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_PROPERTIES, configFields, propertyNames } from "../core/system.ts";
import { loadSystems } from "./registry.ts";

const systems = await loadSystems();

describe.each(systems.map((s) => [s.name, s] as const))("system %s", (_, system) => {
  it("has a fault that kills each of its properties, and each fault names one of them", async () => {
    const config = await system.resolveConfig(system.presets.default, { baseDir: process.cwd() });
    const checked = propertyNames(system, config).filter((p) => !(p in BUILT_IN_PROPERTIES) && !(p in (system.groups ?? {})));
    const killed = new Set(system.faults.map((f) => f.kills));
    expect(checked.filter((p) => !killed.has(p)), "properties no fault kills").toEqual([]);
    expect(system.faults.filter((f) => !propertyNames(system, config).includes(f.kills)).map((f) => f.name), "faults naming no property").toEqual([]);
  });

  it("describes every property it checks, and checks every property it describes", async () => {
    const config = await system.resolveConfig(system.presets.default, { baseDir: process.cwd() });
    const checked = propertyNames(system, config).filter((p) => !(p in BUILT_IN_PROPERTIES) && !(p in (system.groups ?? {})));
    expect(Object.keys(system.properties).sort()).toEqual([...checked].sort());
    for (const [name, text] of Object.entries(system.properties)) expect(text.length, name).toBeGreaterThan(10);
  });

  it("says what each config field is", () => {
    for (const f of configFields(system)) expect(f.description, `${system.name}.${f.name}`).not.toBe("");
  });

  it("has presets that resolve and describe themselves", async () => {
    for (const [name, preset] of Object.entries(system.presets)) {
      const config = await system.resolveConfig(preset, { baseDir: process.cwd() });
      expect(system.describe(config).length, name).toBeGreaterThan(0);
    }
  });

  it("has faults and boundaries with distinct names", () => {
    const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name);
    expect(new Set(names(system.faults)).size).toBe(system.faults.length);
    expect(new Set(names(system.boundaries)).size).toBe(system.boundaries.length);
  });
});

describe("the built-in systems", () => {
  it("are the built-in models, by name", () => {
    expect(systems.map((s) => s.name)).toEqual(["conntrack", "conntrack.cuckoo-rw", "conntrack.rss", "conntrack.table", "flow", "offload", "ribosome", "scr", "scr.recovery", "tcp"]);
  });

  it("sit above models/ and specs/: no model imports a spec", async () => {
    const offenders: string[] = [];
    async function walk(dir: string): Promise<void> {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) && /^import[^;]*from "[./]*specs\//m.test(await readFile(path, "utf8"))) offenders.push(path);
      }
    }
    await walk(new URL("../models", import.meta.url).pathname);
    expect(offenders).toEqual([]);
  });
});
