/** Every model the engine can replay and the command line can name. */
import type { AnyModelEntry } from "../core/registry.ts";
import { InputError } from "../core/model.ts";
import { scrEntry } from "./scr/entry.ts";
import { recoveryEntry } from "./scr/recovery-entry.ts";
import { tcpEntry } from "./tcp/entry.ts";
import { flowEntry } from "./flow/entry.ts";
import { ribosomeEntry } from "./ribosome/entry.ts";

export const MODELS: Readonly<Record<string, AnyModelEntry>> = {
  [scrEntry.model.name]: scrEntry,
  [recoveryEntry.model.name]: recoveryEntry,
  [tcpEntry.model.name]: tcpEntry,
  [flowEntry.model.name]: flowEntry,
  [ribosomeEntry.model.name]: ribosomeEntry,
};

export function modelEntry(name: string): AnyModelEntry {
  const entry = MODELS[name];
  if (!entry) throw new InputError(`unknown model "${name}" (known: ${Object.keys(MODELS).join(", ")})`);
  return entry;
}
