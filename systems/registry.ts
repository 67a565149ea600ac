/**
 * Every built-in system: each module of this directory (but this one and tests) default-exports one.
 * They are found, not listed, so that adding a system is adding its file — no shared list to edit.
 */
import { readdirSync } from "node:fs";
import { InputError } from "../core/model.ts";
import type { AnySystem } from "../core/system.ts";

const here = new URL(".", import.meta.url);
const isSystemFile = (f: string) => /^[a-z][\w-]*\.ts$/.test(f) && f !== "registry.ts" && !f.endsWith(".test.ts");

let loaded: Promise<readonly AnySystem[]> | undefined;
/** Each system's module (a file URL), by system name. */
const modules = new Map<string, string>();

/** The built-in systems, by name. */
export function loadSystems(): Promise<readonly AnySystem[]> {
  loaded ??= Promise.all(readdirSync(here).filter(isSystemFile).sort().map(async (f) => {
    const href = new URL(f, here).href;
    const system = (await import(href) as { default?: AnySystem }).default;
    if (!system?.name || !system.model) throw new Error(`systems/${f} does not default-export a system`);
    modules.set(system.name, href);
    return system;
  })).then((systems) => systems.sort((a, b) => a.name.localeCompare(b.name)));
  return loaded;
}

/** The module that default-exports the system (for a worker thread to load that one alone). */
export async function systemModule(name: string): Promise<string> {
  await systemNamed(name);
  return modules.get(name)!;
}

export async function systemNamed(name: string): Promise<AnySystem> {
  const systems = await loadSystems();
  const system = systems.find((s) => s.name === name);
  if (!system) throw new InputError(`no system "${name}" (built in: ${systems.map((s) => s.name).join(", ")}; nfcheck list describes them)`);
  return system;
}
