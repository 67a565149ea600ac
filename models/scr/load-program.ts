/**
 * Loads an SCR program from a user's module: checks its shape, and calls `init()` once so that a program
 * that cannot start is reported as bad input. Inside the design checker's worker every call into the
 * program is watched, so that one that never returns is named and stopped.
 */
import { importDefault } from "../../core/load-module.ts";
import { InputError } from "../../core/model.ts";
import { describeError } from "../../core/run-trace.ts";
import { isWatching, watchedAsync, watchedCall } from "../../core/watchdog.ts";
import { programShapeProblem, type AnyScrProgram } from "./program.ts";

function watchCalls(p: AnyScrProgram): AnyScrProgram {
  return {
    name: p.name,
    metaBytes: p.metaBytes,
    init: () => watchedCall("init()", () => p.init()),
    extract: (x) => watchedCall("extract()", () => p.extract(x)),
    fastForward: (s, m) => watchedCall("fastForward()", () => p.fastForward(s, m)),
    process: (s, x, env) => watchedCall("process()", () => p.process(s, x, env)),
  };
}

export async function loadScrProgram(file: string, baseDirs: readonly string[]): Promise<{ readonly program: AnyScrProgram; readonly path: string }> {
  const { value, path } = await watchedAsync("loading the module", () => importDefault(file, baseDirs));
  const problem = programShapeProblem(value);
  if (problem !== null) throw new InputError(`${file}: the default export is not an SCR program: ${problem}`);
  const program = isWatching() ? watchCalls(value as AnyScrProgram) : (value as AnyScrProgram);
  try {
    program.init();
  } catch (e) {
    throw new InputError(`${file}: init() threw ${describeError(e)}`);
  }
  return { program, path };
}
