/**
 * A built-in system as each worker of the parallel explorer (core/parallel-explore.ts) makes it: from its
 * own module (not the whole registry: a worker starts sooner), with the config as the command line gave it
 * (module paths relative to `cwd`) and the properties asked for.
 */
import { specsNamed, type AnySystem } from "../core/system.ts";
import type { ExploreTarget, ExploreTargetValue } from "../core/parallel-explore.ts";
import { systemModule } from "../systems/registry.ts";

export async function builtInSystem(module: string, config: unknown, cwd: string, properties: readonly string[]): Promise<ExploreTargetValue> {
  const system = ((await import(module)) as { default: AnySystem }).default;
  const resolved = await system.resolveConfig(config, { baseDir: cwd });
  return { model: system.model, config: resolved, specs: specsNamed(system, resolved, properties) };
}

export async function builtInTarget(name: string, config: unknown, cwd: string, properties: readonly string[]): Promise<ExploreTarget> {
  return { module: import.meta.url, export: "builtInSystem", args: [await systemModule(name), config, cwd, properties] };
}
