/**
 * A user's system as a registry entry (core/registry.ts), so that `nfcheck replay` runs a saved trace of it
 * as it runs the built-in models': the file's `module` field names the system's module, relative to the
 * file; its `config` is the config the run checked (defaults, overrides and the fault's fields), read
 * against the system's defaults as `--config` would be.
 */
import { Schema } from "effect";
import { isAbsolute, resolve } from "node:path";
import type { Counterexample } from "./counterexample.ts";
import { loadSystem } from "./load-system.ts";
import type { AnyModelEntry, ModelEntry } from "./registry.ts";
import { configFileOverride, resolveConfig } from "./system-config.ts";
import { systemModel, systemSpecs } from "./system-model.ts";
import { explainSystemTrace } from "./system-trace.ts";
import type { SequenceView } from "./sequence.ts";
import { PURE_STEP, type UserSystem, type SystemConfig } from "./user-system.ts";

/** A user's system as an entry, with its lanes when it declares them (the report draws with them). */
export type SystemEntry = ModelEntry<unknown, unknown, SystemConfig, unknown> & { readonly sequence?: SequenceView<unknown, unknown, SystemConfig> };

export function systemEntry(system: UserSystem): SystemEntry {
  // Replayed events must be among those `enabled` offers: a trace edited by hand, or a system changed
  // since, is refused at the first event it no longer allows.
  const model = systemModel(system, { checkEnabled: true });
  return {
    model,
    summary: system.description ?? `the system "${system.name}"`,
    configSchema: Schema.Unknown,
    eventSchema: Schema.Unknown,
    resolveConfig: async (json) => resolveConfig(system.defaults, [configFileOverride(json, "the saved config")]),
    specs: () => systemSpecs(system),
    stepProperties: [PURE_STEP],
    explain: (config, events) => explainSystemTrace(model, config, events),
    ...(system.lanes !== null ? { sequence: system.lanes } : {}),
  };
}

/** The entry of the system a counterexample file names in its `module` field (a path relative to the file's directory). */
export async function systemEntryOf(cx: Counterexample & { readonly module: string }, fileDir: string): Promise<AnyModelEntry & Pick<SystemEntry, "sequence">> {
  const path = isAbsolute(cx.module) ? cx.module : resolve(fileDir, cx.module);
  return systemEntry((await loadSystem(path, [fileDir])).system);
}
