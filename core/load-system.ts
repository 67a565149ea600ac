/**
 * Loads a user's system from its module (TypeScript or JavaScript, anywhere on disk): its default export,
 * validated (core/user-system.ts), with a one-line reason when it is not a system. Loading is watched
 * inside the checker's worker, as the system's calls are (core/system-model.ts).
 */
import { prepareSystem } from "./check-system.ts";
import { importDefault } from "./load-module.ts";
import type { UserSystem } from "./user-system.ts";
import { watchedAsync } from "./watchdog.ts";

export async function loadSystem(file: string, baseDirs: readonly string[]): Promise<{ readonly system: UserSystem; readonly path: string }> {
  const { value, path } = await watchedAsync("loading the module", () => importDefault(file, baseDirs));
  return { system: prepareSystem(value, file), path };
}
